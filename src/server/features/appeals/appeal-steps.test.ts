// What steps write: clocks and deadlines, returns, extensions, rectification and the follow-up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stepChanges, transitionContext } from './appeal-steps.ts';
import { buildDeadlineSettings } from './deadlines.ts';
import type { AppealRecord } from './queries.ts';

const settings = buildDeadlineSettings([], []);
const monday = new Date('2026-11-30T02:00:00Z'); // 10:00 in China

function appeal(overrides: Partial<AppealRecord> = {}): AppealRecord {
  return {
    id: 1, state: 'registered', level: 2, urgency: 'general', category_code: 'garbage', point_id: 7, handling_unit_id: null, first_unit_id: null,
    handling_due_at: null, clock_kind: null, clock_started_at: null, was_rectified: false, rectification_started_at: null, followup_at: null,
    pending_extension_days: null, return_count: 0, reopen_count: 0, escalation_count: 0, co_unit_ids: [], me_too_count: 0, replied_at: null, first_contact_at: null,
    ...overrides,
  } as AppealRecord;
}

describe('appeal steps', () => {
  it('starts a one-working-day acceptance clock on dispatch and sets the 7-working-day handling deadline', () => {
    const changes = stepChanges(appeal(), 'dispatch', 'dispatched', { level: 2, unitId: 42 }, monday, settings);
    assert.equal(changes.handling_unit_id, 42);
    assert.equal(changes.first_unit_id, 42);
    assert.equal(changes.clock_kind, 'acceptance');
    assert.equal((changes.due_at as Date).toISOString(), '2026-12-01T16:00:00.000Z'); // end of Tuesday, China time
    assert.equal((changes.handling_due_at as Date).toISOString(), '2026-12-09T16:00:00.000Z'); // end of the 7th working day
    assert.equal((changes.warn_at as Date).getTime(), monday.getTime() + 0.75 * ((changes.due_at as Date).getTime() - monday.getTime()));
  });

  it('keeps the first-receiving unit and the handling deadline through a transfer', () => {
    const before = appeal({ state: 'dispatched', handling_unit_id: 42, first_unit_id: 42, handling_due_at: new Date('2026-12-09T16:00:00Z') });
    const changes = stepChanges(before, 'transfer', 'dispatched', { unitId: 43, reason: '职责' }, monday, settings);
    assert.equal(changes.handling_unit_id, 43);
    assert.equal(changes.first_unit_id, 42);
    assert.equal((changes.handling_due_at as Date).toISOString(), '2026-12-09T16:00:00.000Z');
  });

  it('uses the hour limit for an emergency', () => {
    const changes = stepChanges(appeal({ urgency: 'emergency' }), 'dispatch', 'dispatched', { level: 2, unitId: 42 }, monday, settings);
    assert.equal((changes.due_at as Date).getTime(), monday.getTime() + 2 * 3_600_000, 'the 2-hour limit ends before the acceptance day does');
  });

  it('counts returns and stops the clock', () => {
    const changes = stepChanges(appeal({ state: 'dispatched', return_count: 1 }), 'return', 'returned', { reason: '不是本单位' }, monday, settings);
    assert.equal(changes.return_count, 2);
    assert.equal(changes.due_at, null);
  });

  it('moves the handling deadline by the approved working days only', () => {
    const running = appeal({ state: 'in_progress', clock_kind: 'handling', clock_started_at: monday, handling_due_at: new Date('2026-12-09T16:00:00Z'), pending_extension_days: 3 });
    const approved = stepChanges(running, 'decide_extension', 'in_progress', { approve: true }, monday, settings);
    assert.equal((approved.handling_due_at as Date).toISOString(), '2026-12-14T16:00:00.000Z'); // Thu, Fri, Mon
    assert.equal(approved.pending_extension_days, null);
    const refused = stepChanges(running, 'decide_extension', 'in_progress', { approve: false }, monday, settings);
    assert.equal(refused.handling_due_at, undefined);
  });

  it('records a first bad rating as the call-back and starts a 15-working-day rectification; the next rating is the follow-up', () => {
    const reviewed = appeal({ state: 'reviewed' });
    const bad = stepChanges(reviewed, 'record_callback', 'rectifying', { contacted: true, solved: 'no', rating: 'dissatisfied' }, monday, settings);
    assert.equal(bad.callback_rating, 'dissatisfied');
    assert.equal(bad.was_rectified, true);
    assert.equal(bad.clock_kind, 'rectification');
    assert.equal((bad.due_at as Date).toISOString(), '2026-12-21T16:00:00.000Z');
    const followUp = stepChanges(appeal({ state: 'reviewed', was_rectified: true, rectification_started_at: monday }), 'record_callback', 'closed', { solved: 'yes', rating: 'satisfied' }, monday, settings);
    assert.equal(followUp.followup_rating, 'satisfied');
    assert.equal(followUp.callback_rating, undefined);
    assert.ok(followUp.closed_at);
  });

  it('lets a level-0 case go to the team at its point without naming a unit', () => {
    assert.equal(transitionContext(appeal({ level: 0 }), 'dispatch', { level: 0 }).hasHandlingUnit, true);
    assert.equal(transitionContext(appeal({ level: 0, point_id: null }), 'dispatch', { level: 0 }).hasHandlingUnit, false);
    assert.equal(transitionContext(appeal(), 'dispatch', { level: 2 }).hasHandlingUnit, false);
  });
});
