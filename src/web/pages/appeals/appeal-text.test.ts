// The appeal screens' pure helpers: time left in words, the main-path step of a state, and the
// body of a workflow step holding only the fields that step takes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appealsZh } from '../../i18n/appeals-zh.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import { isConfirmOnly, stepBody, stepOf, timeLeft, timeLeftText } from './appeal-text.ts';

const translate: Translate = (key, values = {}) =>
  String((appealsZh as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

const now = Date.parse('2025-03-10T08:00:00Z');
const later = (hours: number) => new Date(now + hours * 3_600_000).toISOString();

describe('timeLeft', () => {
  it('counts whole days, then hours, then minutes', () => {
    assert.deepEqual(timeLeft(later(75), now), { isOverdue: false, amount: 3, unit: 'day' });
    assert.deepEqual(timeLeft(later(3.5), now), { isOverdue: false, amount: 3, unit: 'hour' });
    assert.deepEqual(timeLeft(later(0.25), now), { isOverdue: false, amount: 15, unit: 'minute' });
  });

  it('says how long a deadline has passed', () => {
    assert.deepEqual(timeLeft(later(-50), now), { isOverdue: true, amount: 2, unit: 'day' });
  });

  it('reads as 剩 … / 超期 … in Chinese', () => {
    assert.equal(timeLeftText(translate, later(3.2), now), '剩 3 小时');
    assert.equal(timeLeftText(translate, later(-49), now), '超期 2 天');
    assert.equal(timeLeftText(translate, later(0), now), '剩 1 分钟');
  });
});

describe('stepOf', () => {
  it('puts main-path states on their own step', () => {
    assert.deepEqual(stepOf('registered'), { current: 0, status: 'process' });
    assert.deepEqual(stepOf('replied'), { current: 4, status: 'process' });
    assert.deepEqual(stepOf('closed'), { current: 6, status: 'finish' });
  });

  it('shows a returned case on the dispatch step and a rectification on the handling step, as errors', () => {
    assert.deepEqual(stepOf('returned'), { current: 1, status: 'error' });
    assert.deepEqual(stepOf('rectifying'), { current: 3, status: 'error' });
  });
});

describe('stepBody', () => {
  it('always carries the version that was read', () => {
    assert.deepEqual(stepBody('accept', 7, { reason: 'ignored', unitId: 3 }), { event: 'accept', version: 7 });
  });

  it('sends level and unit for a dispatch, without a reason it does not take', () => {
    assert.deepEqual(stepBody('dispatch', 2, { level: 2, unitId: 41, reason: 'x' }), { event: 'dispatch', version: 2, level: 2, unitId: 41 });
  });

  it('trims the reason and drops an empty one', () => {
    assert.deepEqual(stepBody('send_back', 3, { reason: '  答复不完整  ' }), { event: 'send_back', version: 3, reason: '答复不完整' });
    assert.deepEqual(stepBody('send_back', 3, { reason: '   ' }), { event: 'send_back', version: 3 });
  });

  it('sends the call-back answers', () => {
    assert.deepEqual(stepBody('record_callback', 9, { contacted: true, solved: 'partly', rating: 'basically_satisfied' }), {
      event: 'record_callback',
      version: 9,
      contacted: true,
      solved: 'partly',
      rating: 'basically_satisfied',
    });
  });

  it('sends the days and the reason of an extension request', () => {
    assert.deepEqual(stepBody('request_extension', 4, { extensionDays: 5, reason: '需协调水务局' }), { event: 'request_extension', version: 4, extensionDays: 5, reason: '需协调水务局' });
  });

  it('knows which steps need no field at all', () => {
    assert.equal(isConfirmOnly('accept'), true);
    assert.equal(isConfirmOnly('approve_reply'), true);
    assert.equal(isConfirmOnly('reply'), false);
  });
});
