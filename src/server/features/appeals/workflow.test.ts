// Every allowed and every forbidden transition of the appeal workflow table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appealEvents, appealStates, applyTransition, eventsFrom, type AppealEvent, type AppealState, type TransitionContext } from './workflow.ts';

const ready: TransitionContext = { hasHandlingUnit: true, hasReason: true, wasRectified: false, hasPendingExtension: false, escalationLevel: 0 };

// The expected table, written out independently of workflow.ts: state → event → next state.
const allowed: Partial<Record<AppealState, Partial<Record<AppealEvent, AppealState>>>> = {
  registered: { dispatch: 'dispatched', answer_directly: 'closed', merge: 'merged', supervise: 'registered', me_too: 'registered', link_issue: 'registered' },
  dispatched: { accept: 'accepted', return: 'returned', transfer: 'dispatched', merge: 'merged', supervise: 'dispatched', escalate: 'dispatched', me_too: 'dispatched', link_issue: 'dispatched' },
  returned: { approve_return: 'registered', reject_return: 'dispatched', merge: 'merged', supervise: 'returned', me_too: 'returned', link_issue: 'returned' },
  accepted: { record_contact: 'in_progress', transfer: 'dispatched', merge: 'merged', supervise: 'accepted', escalate: 'dispatched', add_co_handler: 'accepted', me_too: 'accepted', link_issue: 'accepted' },
  in_progress: { request_extension: 'in_progress', reply: 'replied', merge: 'merged', supervise: 'in_progress', escalate: 'dispatched', add_co_handler: 'in_progress', me_too: 'in_progress', link_issue: 'in_progress' },
  replied: { approve_reply: 'reviewed', send_back: 'in_progress', merge: 'merged', supervise: 'replied', me_too: 'replied', link_issue: 'replied' },
  reviewed: { record_callback: 'closed', merge: 'merged', supervise: 'reviewed', me_too: 'reviewed', link_issue: 'reviewed' },
  rectifying: { reply: 'replied', merge: 'merged', supervise: 'rectifying', escalate: 'dispatched', add_co_handler: 'rectifying', me_too: 'rectifying', link_issue: 'rectifying' },
  closed: { reopen: 'dispatched', dispute: 'closed' },
  merged: {},
};

describe('appeal workflow table', () => {
  for (const state of appealStates) {
    for (const event of appealEvents) {
      const expected = allowed[state]?.[event];
      it(`${expected ? 'allows' : 'refuses'} ${event} from ${state}${expected ? ` → ${expected}` : ''}`, () => {
        const context = event === 'decide_extension' ? { ...ready, hasPendingExtension: true } : ready;
        const outcome = applyTransition(state, event, context);
        if (event === 'decide_extension' && state === 'in_progress') {
          assert.deepEqual(outcome, { ok: true, to: 'in_progress' });
          return;
        }
        if (expected) assert.deepEqual(outcome, { ok: true, to: expected });
        else assert.equal(outcome.ok, false);
      });
    }
  }

  it('refuses a return, a transfer, a merge or a reopen without a reason', () => {
    const noReason = { ...ready, hasReason: false };
    for (const [state, event] of [['dispatched', 'return'], ['dispatched', 'transfer'], ['in_progress', 'merge'], ['closed', 'reopen'], ['registered', 'answer_directly']] as const) {
      const outcome = applyTransition(state, event, noReason);
      assert.equal(outcome.ok, false, `${state} ${event}`);
    }
  });

  it('refuses dispatch without a handling unit', () => {
    const outcome = applyTransition('registered', 'dispatch', { ...ready, hasHandlingUnit: false });
    assert.deepEqual(outcome, { ok: false, reason: ['必须指定承办单位', 'a handling unit is required'] });
  });

  it('starts a rectification on the first bad rating and closes on the follow-up rating whatever it is', () => {
    assert.deepEqual(applyTransition('reviewed', 'record_callback', { ...ready, rating: 'dissatisfied' }), { ok: true, to: 'rectifying' });
    assert.deepEqual(applyTransition('reviewed', 'record_callback', { ...ready, isSolved: 'no', rating: 'basically_satisfied' }), { ok: true, to: 'rectifying' });
    assert.deepEqual(applyTransition('reviewed', 'record_callback', { ...ready, rating: 'very_dissatisfied', wasRectified: true }), { ok: true, to: 'closed' });
    assert.deepEqual(applyTransition('reviewed', 'record_callback', { ...ready, rating: 'satisfied', isSolved: 'yes' }), { ok: true, to: 'closed' });
  });

  it('allows one pending extension request at a time and a decision only when one is pending', () => {
    assert.equal(applyTransition('in_progress', 'request_extension', { ...ready, hasPendingExtension: true }).ok, false);
    assert.equal(applyTransition('in_progress', 'decide_extension', ready).ok, false);
  });

  it('stops escalation at the city department', () => {
    assert.equal(applyTransition('in_progress', 'escalate', { ...ready, escalationLevel: 2 }).ok, true);
    assert.equal(applyTransition('in_progress', 'escalate', { ...ready, escalationLevel: 3 }).ok, false);
  });

  it('lists the events of a state for the UI', () => {
    assert.deepEqual(eventsFrom('merged'), []);
    assert.ok(eventsFrom('dispatched').includes('accept'));
  });
});
