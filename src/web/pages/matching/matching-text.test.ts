// The optimizer's phase strings, as the server writes them, in the console's words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchingZh } from '../../i18n/matching-zh.ts';
import { phaseLabel } from './matching-text.ts';
import type { Translate } from '../../i18n/i18n.tsx';

const translate: Translate = (key, values = {}) =>
  String((matchingZh as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

describe('phaseLabel', () => {
  it('names the phase, the round and the pivots so far', () => {
    assert.equal(phaseLabel(translate, 'building'), '构建候选网络');
    assert.equal(phaseLabel(translate, 'solving (round 2)'), '精确求解（第 2 轮）');
    assert.equal(phaseLabel(translate, 'solving (round 1) · 1.2 M pivots'), '精确求解（第 1 轮） · 已换基 1.2 百万次');
    assert.equal(phaseLabel(translate, 'pricing (round 3)'), '定价检验（补入遗漏的候选）（第 3 轮）');
  });

  it('shows an unknown phase as it is', () => {
    assert.equal(phaseLabel(translate, 'something else'), 'something else');
  });
});
