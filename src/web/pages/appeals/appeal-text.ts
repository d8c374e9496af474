// Pure helpers of the appeal screens: time left before a deadline in words, where a state sits on
// the main path, which fields each workflow step asks for, and the request body built from them.
import type { ActOnAppealBody, AppealEvent, AppealRating, AppealState, SolvedAnswer } from '../../api/appeals.ts';
import type { Translate } from '../../i18n/i18n.tsx';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface TimeLeft {
  isOverdue: boolean;
  amount: number;
  unit: 'minute' | 'hour' | 'day';
}

/** How long until (or since) a deadline, in the coarsest whole unit that is at least one. */
export function timeLeft(dueAt: string, now: number): TimeLeft {
  const difference = new Date(dueAt).getTime() - now;
  const isOverdue = difference < 0;
  const span = Math.abs(difference);
  if (span >= day) return { isOverdue, amount: Math.floor(span / day), unit: 'day' };
  if (span >= hour) return { isOverdue, amount: Math.floor(span / hour), unit: 'hour' };
  return { isOverdue, amount: Math.max(1, Math.floor(span / minute)), unit: 'minute' };
}

/** "剩 3 小时" / "超期 2 天" (or the English). */
export function timeLeftText(t: Translate, dueAt: string, now: number): string {
  const left = timeLeft(dueAt, now);
  return t(left.isOverdue ? `appeals.overdueBy.${left.unit}` : `appeals.left.${left.unit}`, { count: left.amount });
}

/** The main path of a case, shown as steps on the case page. */
export const mainPath = ['registered', 'dispatched', 'accepted', 'in_progress', 'replied', 'reviewed', 'closed'] as const satisfies readonly AppealState[];

/** Where a state sits on the main path, and how the current step looks. Side states sit on the step they hang off. */
export function stepOf(state: AppealState): { current: number; status: 'process' | 'finish' | 'error' } {
  switch (state) {
    case 'returned':
      return { current: mainPath.indexOf('dispatched'), status: 'error' };
    case 'rectifying':
      return { current: mainPath.indexOf('in_progress'), status: 'error' };
    case 'merged':
    case 'closed':
      return { current: mainPath.indexOf('closed'), status: 'finish' };
    default:
      return { current: (mainPath as readonly AppealState[]).indexOf(state), status: 'process' };
  }
}

/** What a step's form holds. */
export interface StepForm {
  /** Level on the ladder and the handling unit (with the dispatch suggestions). */
  hasUnit?: boolean;
  reason?: 'required' | 'optional';
  hasExtensionDays?: boolean;
  hasApprove?: boolean;
  hasReply?: boolean;
  hasCallback?: boolean;
  hasTarget?: boolean;
  hasIssue?: boolean;
  /** "Me too": an optional note (sent to the me-too endpoint, not as a step body). */
  hasNote?: boolean;
}

/** The fields each workflow step needs (the transition table's guards decide which are required). */
export const stepForms: Record<AppealEvent, StepForm> = {
  dispatch: { hasUnit: true },
  escalate: { hasUnit: true },
  add_co_handler: { hasUnit: true },
  transfer: { hasUnit: true, reason: 'required' },
  reopen: { hasUnit: true, reason: 'required' },
  answer_directly: { reason: 'required' },
  return: { reason: 'required' },
  approve_return: { reason: 'required' },
  reject_return: { reason: 'required' },
  send_back: { reason: 'required' },
  supervise: { reason: 'required' },
  dispute: { reason: 'required' },
  merge: { hasTarget: true, reason: 'required' },
  request_extension: { hasExtensionDays: true, reason: 'required' },
  decide_extension: { hasApprove: true },
  reply: { hasReply: true },
  record_callback: { hasCallback: true },
  link_issue: { hasIssue: true },
  accept: {},
  record_contact: {},
  approve_reply: {},
  me_too: { hasNote: true },
};

/** Steps that only need a confirmation (no field to fill). */
export function isConfirmOnly(event: AppealEvent): boolean {
  return Object.keys(stepForms[event]).length === 0;
}

/** What the step form collects. */
export interface StepValues {
  level?: number;
  unitId?: number;
  reason?: string;
  extensionDays?: number;
  approve?: boolean;
  replyText?: string;
  contacted?: boolean;
  solved?: SolvedAnswer;
  rating?: AppealRating;
  targetAppealId?: number;
  issueId?: number;
  note?: string;
}

/** The request body of a step: only the fields the step takes, always with the version that was read. */
export function stepBody(event: AppealEvent, version: number, values: StepValues): ActOnAppealBody {
  const form = stepForms[event];
  const body: ActOnAppealBody = { event, version };
  const reason = values.reason?.trim();
  if (form.reason && reason) body.reason = reason;
  if (form.hasUnit) {
    if (values.level !== undefined) body.level = values.level;
    if (values.unitId !== undefined) body.unitId = values.unitId;
  }
  if (form.hasExtensionDays && values.extensionDays !== undefined) body.extensionDays = values.extensionDays;
  if (form.hasApprove && values.approve !== undefined) body.approve = values.approve;
  if (form.hasReply && values.replyText?.trim()) body.replyText = values.replyText.trim();
  if (form.hasCallback) {
    if (values.contacted !== undefined) body.contacted = values.contacted;
    if (values.solved !== undefined) body.solved = values.solved;
    if (values.rating !== undefined) body.rating = values.rating;
  }
  if (form.hasTarget && values.targetAppealId !== undefined) body.targetAppealId = values.targetAppealId;
  if (form.hasIssue && values.issueId !== undefined) body.issueId = values.issueId;
  return body;
}

/** The label of a timeline event, falling back to the raw name for events the console does not know. */
export function eventLabel(t: Translate, hasText: (key: string) => boolean, event: string): string {
  const key = `appeals.event.${event}`;
  return hasText(key) ? t(key as Parameters<Translate>[0]) : event;
}

/** The label of a state (also for states written as plain strings in the timeline). */
export function stateLabel(t: Translate, hasText: (key: string) => boolean, state: string): string {
  const key = `appeals.state.${state}`;
  return hasText(key) ? t(key as Parameters<Translate>[0]) : state;
}
