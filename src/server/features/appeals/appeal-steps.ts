// What each workflow step writes on the case: pure, given the case, the step's input, the time
// and the deadline settings. The transition table decides whether the step may happen at all.
import type { AppealRating, AppealSolved } from '../../db/schema.ts';
import { clockUntil, deadlineFrom, extendedDeadline, type DeadlineSettings } from './deadlines.ts';
import type { AppealChanges, AppealRecord } from './queries.ts';
import type { AppealEvent, AppealState, TransitionContext } from './workflow.ts';

export interface StepInput {
  reason?: string;
  unitId?: number;
  level?: number;
  replyText?: string;
  extensionDays?: number;
  approve?: boolean;
  contacted?: boolean;
  solved?: AppealSolved;
  rating?: AppealRating;
  targetAppealId?: number;
  issueId?: number;
}

const noClock = { clock_kind: null, clock_started_at: null, warn_at: null, due_at: null } as const;

/** The facts the transition table's guards look at. */
export function transitionContext(appeal: AppealRecord, event: AppealEvent, input: StepInput): TransitionContext {
  const targetLevel = input.level ?? (event === 'escalate' ? appeal.level + 1 : appeal.level);
  return {
    // The team at the point handles level 0 cases: it needs the case to have a point, not a unit.
    hasHandlingUnit: targetLevel === 0 ? appeal.point_id !== null : input.unitId !== undefined,
    hasReason: Boolean(input.reason?.trim()),
    rating: input.rating,
    isSolved: input.solved,
    wasRectified: appeal.was_rectified,
    hasPendingExtension: appeal.pending_extension_days !== null,
    escalationLevel: appeal.level,
  };
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The time a handling deadline had been running when the handler's clock stops. */
function closedOnTime(appeal: AppealRecord, at: Date): boolean {
  const due = toDate(appeal.handling_due_at);
  const replied = toDate(appeal.replied_at) ?? at;
  return due === null || replied.getTime() <= due.getTime();
}

/** Starts the acceptance clock for a unit (or the point team) taking the case, and (re)sets the handling deadline. */
function assignTo(appeal: AppealRecord, input: StepInput, level: number, now: Date, settings: DeadlineSettings, keepHandlingDeadline: boolean): AppealChanges {
  const handlingDue = keepHandlingDeadline && appeal.handling_due_at ? new Date(appeal.handling_due_at) : deadlineFrom(settings, now, appeal.urgency, appeal.category_code);
  const acceptanceDue = deadlineFrom(settings, now, 'acceptance', appeal.category_code);
  const due = acceptanceDue.getTime() < handlingDue.getTime() ? acceptanceDue : handlingDue;
  const unitId = level === 0 ? null : (input.unitId ?? null);
  return {
    level,
    handling_unit_id: unitId,
    first_unit_id: appeal.first_unit_id ?? unitId,
    handling_due_at: handlingDue,
    ...clockUntil('acceptance', now, due),
  };
}

function handlingClock(appeal: AppealRecord, now: Date): AppealChanges {
  if (!appeal.handling_due_at) return noClock;
  return clockUntil('handling', now, new Date(appeal.handling_due_at));
}

/** The columns a step writes. */
export function stepChanges(appeal: AppealRecord, event: AppealEvent, to: AppealState, input: StepInput, now: Date, settings: DeadlineSettings): AppealChanges {
  const state = { state: to } as const;
  switch (event) {
    case 'dispatch':
      return { ...state, ...assignTo(appeal, input, input.level ?? appeal.level, now, settings, false) };
    case 'reject_return':
      return { ...state, ...assignTo(appeal, { unitId: appeal.handling_unit_id ?? undefined }, appeal.level, now, settings, true) };
    case 'transfer':
      return { ...state, ...assignTo(appeal, input, input.level ?? appeal.level, now, settings, true) };
    case 'escalate':
      return { ...state, escalation_count: appeal.escalation_count + 1, ...assignTo(appeal, input, appeal.level + 1, now, settings, false) };
    case 'reopen':
      return {
        ...state,
        reopen_count: appeal.reopen_count + 1,
        closed_at: null,
        closed_on_time: null,
        replied_at: null,
        is_disputed: false,
        ...assignTo(appeal, input, input.level ?? appeal.level, now, settings, false),
      };
    case 'accept':
      return { ...state, ...handlingClock(appeal, now) };
    case 'return':
      return { ...state, return_count: appeal.return_count + 1, ...noClock };
    case 'approve_return':
      return { ...state, handling_unit_id: null, ...noClock };
    case 'record_contact':
      return { ...state, first_contact_at: appeal.first_contact_at ?? now };
    case 'request_extension':
      return { pending_extension_days: input.extensionDays ?? 3, pending_extension_reason: input.reason ?? '' };
    case 'decide_extension': {
      const cleared = { pending_extension_days: null, pending_extension_reason: null };
      if (!input.approve || !appeal.handling_due_at) return cleared;
      const handlingDue = extendedDeadline(settings, new Date(appeal.handling_due_at), appeal.pending_extension_days ?? 0);
      return { ...cleared, handling_due_at: handlingDue, ...(appeal.clock_kind === 'handling' ? clockUntil('handling', new Date(appeal.clock_started_at!), handlingDue) : {}) };
    }
    case 'reply':
      return { ...state, replied_at: now, reply_text: input.replyText ?? null, ...noClock };
    case 'approve_reply':
      return state;
    case 'send_back':
      return { ...state, replied_at: null, ...handlingClock(appeal, now) };
    case 'record_callback': {
      const isFollowUp = appeal.state === 'reviewed' && appeal.was_rectified && appeal.rectification_started_at !== null && appeal.followup_at === null;
      const answers: AppealChanges = isFollowUp
        ? { followup_at: now, followup_solved: input.solved ?? null, followup_rating: input.rating ?? null }
        : { callback_at: now, callback_contacted: input.contacted ?? null, callback_solved: input.solved ?? null, callback_rating: input.rating ?? null };
      if (to === 'rectifying') {
        const due = deadlineFrom(settings, now, 'rectification', appeal.category_code);
        return { ...state, ...answers, was_rectified: true, rectification_started_at: now, handling_due_at: due, replied_at: null, ...clockUntil('rectification', now, due) };
      }
      return { ...state, ...answers, closed_at: now, closed_on_time: closedOnTime(appeal, now), ...noClock };
    }
    case 'answer_directly':
      return { ...state, answered_directly: true, reply_text: input.reason ?? null, replied_at: now, closed_at: now, closed_on_time: true, ...noClock };
    case 'merge':
      return { ...state, merged_into_id: input.targetAppealId ?? null, ...noClock };
    case 'supervise':
      return { is_supervised: true };
    case 'add_co_handler':
      return { co_unit_ids: [...new Set([...appeal.co_unit_ids, input.unitId!])] };
    case 'me_too':
      return { me_too_count: appeal.me_too_count + 1 };
    case 'link_issue':
      return { issue_id: input.issueId ?? null };
    case 'dispute':
      return { is_disputed: true };
  }
}
