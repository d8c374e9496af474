// The appeal (诉求) workflow as one transition table: the only place that decides what may happen
// next. Supervision (督办), co-handlers, "me too", grouping into an issue and a resident's dispute
// are overlays: rows whose `to` is their `from` (they change who is pressed, not where the case
// stands). Escalation climbs the ladder and hands the case to the next level's unit, which must
// accept it again. Rectification (整改) after a bad rating is a state of its own because it has its
// own deadline and its own follow-up rating.

export const appealStates = [
  'registered', // 已登记: taken in, not yet sent to a unit
  'dispatched', // 已派单: sent to a handling unit, waiting for it to accept
  'returned', // 已退单: the unit says it is not theirs; the dispatcher rules on it
  'accepted', // 已签收
  'in_progress', // 办理中: first contact with the resident recorded
  'replied', // 已答复: the unit's reply waits for review
  'reviewed', // 已审核: the reply is good enough for the call-back
  'rectifying', // 整改中: a bad rating sent it back with its own deadline
  'closed', // 已办结: the resident was called back (or it was answered at intake)
  'merged', // 已合并: folded into another case
] as const;
export type AppealState = (typeof appealStates)[number];

export const appealEvents = [
  'dispatch',
  'answer_directly',
  'merge',
  'accept',
  'return',
  'approve_return',
  'reject_return',
  'transfer',
  'record_contact',
  'request_extension',
  'decide_extension',
  'reply',
  'approve_reply',
  'send_back',
  'record_callback',
  'reopen',
  'supervise',
  'escalate',
  'add_co_handler',
  'me_too',
  'link_issue',
  'dispute',
] as const;
export type AppealEvent = (typeof appealEvents)[number];

/** What a guard may look at: plain facts about the case and the step. */
export interface TransitionContext {
  hasHandlingUnit: boolean;
  hasReason: boolean;
  /** The rating given at the call-back, when the event records one. */
  rating?: 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied';
  isSolved?: 'yes' | 'partly' | 'no';
  /** A rectification already happened: its follow-up rating closes the case whatever it is. */
  wasRectified: boolean;
  hasPendingExtension: boolean;
  escalationLevel: number;
}

export interface Transition {
  from: AppealState;
  event: AppealEvent;
  to: AppealState;
  /** Why the step is refused when the guard fails (zh, en); undefined guard: always allowed. */
  guard?: (context: TransitionContext) => null | [string, string];
}

const needsReason = (context: TransitionContext): null | [string, string] => (context.hasReason ? null : ['必须填写原因', 'a reason is required']);
const needsUnit = (context: TransitionContext): null | [string, string] => (context.hasHandlingUnit ? null : ['必须指定承办单位', 'a handling unit is required']);
const isBadRating = (context: TransitionContext) => context.rating === 'dissatisfied' || context.rating === 'very_dissatisfied' || context.isSolved === 'no';
/** Every state a case is still open in (not closed, not merged). */
export const openStates: AppealState[] = ['registered', 'dispatched', 'returned', 'accepted', 'in_progress', 'replied', 'reviewed', 'rectifying'];

/** The table. Order matters only where two rows share (from, event): the first whose guard passes wins. */
export const appealTransitions: Transition[] = [
  { from: 'registered', event: 'dispatch', to: 'dispatched', guard: needsUnit },
  { from: 'registered', event: 'answer_directly', to: 'closed', guard: needsReason },
  { from: 'dispatched', event: 'accept', to: 'accepted' },
  { from: 'dispatched', event: 'return', to: 'returned', guard: needsReason },
  { from: 'dispatched', event: 'transfer', to: 'dispatched', guard: (context) => needsReason(context) ?? needsUnit(context) },
  { from: 'returned', event: 'approve_return', to: 'registered', guard: needsReason },
  { from: 'returned', event: 'reject_return', to: 'dispatched', guard: needsReason },
  { from: 'accepted', event: 'record_contact', to: 'in_progress' },
  { from: 'accepted', event: 'transfer', to: 'dispatched', guard: (context) => needsReason(context) ?? needsUnit(context) },
  { from: 'in_progress', event: 'request_extension', to: 'in_progress', guard: (context) => (context.hasPendingExtension ? ['已有待审批的延期申请', 'an extension request is already pending'] : needsReason(context)) },
  { from: 'in_progress', event: 'decide_extension', to: 'in_progress', guard: (context) => (context.hasPendingExtension ? null : ['没有待审批的延期申请', 'no extension request is pending']) },
  { from: 'in_progress', event: 'reply', to: 'replied' },
  { from: 'rectifying', event: 'reply', to: 'replied' },
  { from: 'replied', event: 'approve_reply', to: 'reviewed' },
  { from: 'replied', event: 'send_back', to: 'in_progress', guard: needsReason },
  // A bad rating starts one rectification; its follow-up rating closes the case whatever it says.
  { from: 'reviewed', event: 'record_callback', to: 'rectifying', guard: (context) => (isBadRating(context) && !context.wasRectified ? null : ['not a first bad rating', 'not a first bad rating']) },
  { from: 'reviewed', event: 'record_callback', to: 'closed' },
  { from: 'closed', event: 'reopen', to: 'dispatched', guard: (context) => needsReason(context) ?? needsUnit(context) },
  ...openStates.map((from) => ({ from, event: 'merge' as const, to: 'merged' as const, guard: needsReason })),
  ...openStates.map((from) => ({ from, event: 'supervise' as const, to: from, guard: needsReason })),
  ...(['dispatched', 'accepted', 'in_progress', 'rectifying'] as const).map((from) => ({
    from,
    event: 'escalate' as const,
    to: 'dispatched' as const,
    guard: (context: TransitionContext): null | [string, string] =>
      context.escalationLevel >= 3 ? ['已升级到市级部门，不能再升级', 'already at the city department, the top of the ladder'] : needsUnit(context),
  })),
  ...(['accepted', 'in_progress', 'rectifying'] as const).map((from) => ({ from, event: 'add_co_handler' as const, to: from, guard: needsUnit })),
  ...openStates.map((from) => ({ from, event: 'me_too' as const, to: from })),
  ...openStates.map((from) => ({ from, event: 'link_issue' as const, to: from })),
  // The resident disputes a closure on the status page; the dispatcher then decides on a reopen.
  { from: 'closed', event: 'dispute', to: 'closed', guard: needsReason },
];

export type TransitionOutcome = { ok: true; to: AppealState } | { ok: false; reason: [string, string] };

/** Decides whether `event` may happen in state `from`, and to which state it leads. */
export function applyTransition(from: AppealState, event: AppealEvent, context: TransitionContext): TransitionOutcome {
  const rows = appealTransitions.filter((row) => row.from === from && row.event === event);
  if (rows.length === 0) return { ok: false, reason: [`当前状态“${from}”下不能执行“${event}”`, `“${event}” is not allowed in state “${from}”`] };
  let refusal: [string, string] | null = null;
  for (const row of rows) {
    const problem = row.guard?.(context) ?? null;
    if (!problem) return { ok: true, to: row.to };
    refusal ??= problem;
  }
  return { ok: false, reason: refusal! };
}

/** The events allowed in a state (ignoring guards), for the UI's buttons. */
export function eventsFrom(state: AppealState): AppealEvent[] {
  return [...new Set(appealTransitions.filter((row) => row.from === state).map((row) => row.event))];
}

/** The escalation ladder: the stationed team at the point → township → county department → city department. */
export const escalationLadder = ['point_team', 'township', 'county_department', 'city_department'] as const;
