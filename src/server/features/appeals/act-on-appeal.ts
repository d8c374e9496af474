// One workflow step on a case, as one transaction: lock the case, check who may act and that the
// caller saw the current version, ask the transition table, write the changes, the history entry
// and the audit row. Two people acting at once: the second finds a new version and gets a conflict.
import type { Db, Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { stepChanges, transitionContext, type StepInput } from './appeal-steps.ts';
import { loadDeadlineSettings, type DeadlineSettings } from './deadlines.ts';
import { mayTakeStep } from './policy.ts';
import { findAppeal, findCatalogueUnits, findUnit, insertAppealEvent, isCadrePostedAt, isVisibleTo, lockAppeal, updateAppealIfCurrent, type AppealRecord } from './queries.ts';
import { applyTransition, type AppealEvent } from './workflow.ts';

/** Who takes the step: staff through the console, the resident on the status page, or the overdue rules. */
export type StepTaker = { kind: 'staff'; actor: Actor } | { kind: 'resident' } | { kind: 'system' };

const residentEvents: AppealEvent[] = ['record_callback', 'dispute', 'me_too'];
const systemEvents: AppealEvent[] = ['supervise', 'escalate'];

async function checkTaker(db: Executor, taker: StepTaker, appeal: AppealRecord, event: AppealEvent): Promise<void> {
  if (taker.kind === 'resident') {
    if (!residentEvents.includes(event)) throw forbidden();
    return;
  }
  if (taker.kind === 'system') {
    if (!systemEvents.includes(event)) throw forbidden();
    return;
  }
  const { actor } = taker;
  if (!(await isVisibleTo(db, actor, appeal.id))) throw notFound('诉求', 'Appeal');
  const isActorOnPointTeam = actor.role === 'cadre' && actor.cadreId !== null && appeal.point_id !== null && (await isCadrePostedAt(db, actor.cadreId, appeal.point_id));
  const facts = { level: appeal.level, handlingUnitId: appeal.handling_unit_id, subjectUnitId: appeal.subject_unit_id, subjectCadreId: appeal.subject_cadre_id, isActorOnPointTeam };
  if (!mayTakeStep(actor, event, facts)) throw forbidden();
}

/** Fills in and checks what a step needs beyond the table's guards (the unit exists, is not the subject, …). */
async function completeInput(db: Executor, appeal: AppealRecord, event: AppealEvent, input: StepInput): Promise<StepInput> {
  const completed = { ...input };
  if (event === 'escalate' && completed.unitId === undefined) {
    const next = (await findCatalogueUnits(db, appeal.category_code, appeal.region_code)).find((row) => row.level === appeal.level + 1);
    if (!next && appeal.level < 3) throw invalidField('unitId', '派单目录中没有上一级的承办单位，请指定', 'the dispatch catalogue has no unit on the next rung; name one');
    completed.unitId = next?.unit_id;
  }
  if (['dispatch', 'transfer', 'reopen', 'escalate', 'add_co_handler'].includes(event) && completed.unitId !== undefined) {
    const unit = await findUnit(db, completed.unitId);
    if (!unit) throw invalidField('unitId', '没有这个单位', 'no such unit');
    if (unit.id === appeal.subject_unit_id) throw invalidField('unitId', '被反映的单位不能承办此诉求', 'the unit the complaint is about cannot handle it');
  }
  if (['dispatch', 'transfer', 'reopen'].includes(event) && (completed.level ?? appeal.level) > 0 && completed.unitId === undefined) {
    throw invalidField('unitId', '必须指定承办单位', 'a handling unit is required');
  }
  if ((completed.level ?? appeal.level) === 0 && ['dispatch', 'transfer', 'reopen'].includes(event) && appeal.point_id === null) {
    throw invalidField('level', '没有联系点的诉求不能交驻点工作队办理', 'a case without a contact point cannot go to a point team');
  }
  if (event === 'reply' && !completed.replyText) throw invalidField('replyText', '请填写答复内容', 'write the reply');
  if (event === 'request_extension' && !completed.extensionDays) throw invalidField('extensionDays', '请填写延期天数', 'give the working days asked for');
  if (event === 'decide_extension' && completed.approve === undefined) throw invalidField('approve', '请选择批准或不批准', 'approve or refuse');
  if (event === 'record_callback') {
    if (completed.solved === undefined) throw invalidField('solved', '请选择是否解决', 'say whether it was solved');
    if (completed.rating === undefined) throw invalidField('rating', '请选择满意度', 'give a rating');
    if (completed.contacted === undefined && !appeal.was_rectified) throw invalidField('contacted', '请选择是否联系过', 'say whether the resident was contacted');
  }
  if (event === 'merge') {
    const target = completed.targetAppealId === undefined ? undefined : await findAppeal(db, completed.targetAppealId);
    if (!target || target.id === appeal.id || target.state === 'merged' || !target.region_code.startsWith(appeal.region_code.slice(0, 6))) {
      throw invalidField('targetAppealId', '须为同一县内另一件未合并的诉求', 'must be another unmerged case in the same county');
    }
  }
  if (event === 'link_issue' && completed.issueId === undefined) throw invalidField('issueId', '请指定问题', 'name the issue');
  return completed;
}

export interface StepOptions {
  taker: StepTaker;
  id: number;
  event: AppealEvent;
  version: number;
  input: StepInput;
  now?: Date;
  /** More writes that belong to the same step (e.g. the "me too" row), in its transaction. */
  alsoWrite?: (tx: Executor, appeal: AppealRecord) => Promise<void>;
}

/** Takes one step on a case; returns the case as it is afterwards. */
export async function actOnAppeal(options: StepOptions & { db: Db }): Promise<AppealRecord> {
  const settings = await loadDeadlineSettings(options.db);
  return options.db.transaction().execute(async (tx) => takeStepInTransaction(tx, settings, options));
}

/** The step inside a transaction the caller holds (several steps that must all happen or none). */
export async function takeStepInTransaction(tx: Executor, settings: DeadlineSettings, options: StepOptions): Promise<AppealRecord> {
  const { taker, id, event, input } = options;
  const now = options.now ?? new Date();
  const appeal = await lockAppeal(tx, id);
  if (!appeal) throw notFound('诉求', 'Appeal');
  await checkTaker(tx, taker, appeal, event);
  if (appeal.version !== options.version) throw staleVersion();
  const completed = await completeInput(tx, appeal, event, input);
  const outcome = applyTransition(appeal.state, event, transitionContext(appeal, event, completed));
  if (!outcome.ok) throw new AppError('INVALID_TRANSITION', `不能执行此操作：${outcome.reason[0]}`, `This step is not allowed: ${outcome.reason[1]}`);
  const changes = stepChanges(appeal, event, outcome.to, completed, now, settings);
  if (!(await updateAppealIfCurrent(tx, id, { version: appeal.version, state: appeal.state }, changes))) throw staleVersion();
  await options.alsoWrite?.(tx, appeal);
  const actor = taker.kind === 'staff' ? taker.actor : null;
  const details: Record<string, unknown> = {};
  for (const key of ['level', 'extensionDays', 'approve', 'contacted', 'solved', 'rating', 'targetAppealId', 'issueId'] as const) if (completed[key] !== undefined) details[key] = completed[key];
  if (changes.due_at) details.dueAt = new Date(changes.due_at).toISOString();
  await insertAppealEvent(tx, {
    appealId: id,
    event,
    fromState: appeal.state,
    toState: outcome.to,
    actorAccountId: actor?.accountId ?? null,
    actorKind: taker.kind,
    actorName: actor?.displayName ?? (taker.kind === 'resident' ? '群众' : '系统'),
    unitId: completed.unitId ?? null,
    reason: completed.reason ?? completed.replyText ?? null,
    details: Object.keys(details).length > 0 ? details : null,
    at: now,
  });
  await recordAudit(tx, {
    actorAccountId: actor?.accountId ?? null,
    actorName: actor?.username ?? taker.kind,
    action: `appeal.${event}`,
    entityType: 'appeal',
    entityId: id,
    regionCode: appeal.region_code,
    before: { state: appeal.state, version: appeal.version },
    after: { state: outcome.to, version: appeal.version + 1 },
  });
  return (await findAppeal(tx, id))!;
}
