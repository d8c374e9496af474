// Meetings (座谈会, 协调议事) with their decisions, and a task's progress later on. Each decision
// becomes a task (owner, due date, progress) or an appeal filed through the appeals' intake with the
// meeting as provenance. The appeals go first (idempotent), then the meeting and its decisions in
// one transaction; a meeting sent again adds only decisions it did not have.
import { invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { findDecisionByClientId, findMeetingByClientId, insertDecisionsOnce, insertMeetingOnce, updateDecisionProgressIfCurrent } from './meeting-queries.ts';
import { requireTeamPoint } from './point-access.ts';
import { presentDecision } from './present-field-records.ts';
import { checkLinkedAppeals, submitLinkedAppeals, type LinkedAppeal } from './sync-appeal.ts';
import { busyRecord, parsePayload, type SyncHandler } from './sync-context.ts';
import { decisionPayload, meetingPayload } from './sync-schemas.ts';
import { isTooFarAhead } from './visit-plan.ts';

export const syncMeeting: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  const input = parsePayload(meetingPayload, record.payload);
  if (isTooFarAhead(input.heldOn, context.today)) throw invalidField('heldOn', '会议日期不能晚于明天', 'a meeting cannot be dated after tomorrow');
  const point = await requireTeamPoint(db, actor, input.pointId, 'pointId', context.points);
  const existing = await findMeetingByClientId(db, record.clientId);
  if (existing && existing.point_id !== point.id) throw invalidField('pointId', '这次会议已记在另一个联系点', 'this meeting is recorded at another point');

  const linked: LinkedAppeal[] = input.decisions.flatMap((decision, index) =>
    decision.kind === 'appeal'
      ? [
          {
            field: `decisions.${index}`,
            input: {
              clientId: decision.appealClientId!,
              channel: 'symposium' as const,
              sourceKind: 'meeting' as const,
              sourceId: record.clientId,
              pointId: point.id,
              categoryCode: decision.categoryCode!,
              description: decision.text,
            },
          },
        ]
      : [],
  );
  await checkLinkedAppeals(context, point, linked);
  const appeals = await submitLinkedAppeals(context, linked);
  const appealIdOf = new Map(appeals.map((appeal) => [appeal.clientId, appeal.id]));

  const outcome = await db.transaction().execute(async (tx) => {
    let meetingId = existing?.id ?? null;
    let isNewMeeting = false;
    if (meetingId === null) {
      meetingId = await insertMeetingOnce(tx, {
        client_id: record.clientId,
        point_id: point.id,
        region_code: point.region_code,
        kind: input.kind,
        held_on: input.heldOn,
        title: input.title,
        agenda: input.agenda || null,
        organisations: input.organisations,
        attendee_count: input.attendeeCount,
        minutes: input.minutes || null,
        account_id: actor.accountId,
      });
      isNewMeeting = meetingId !== null;
      // A concurrent retry committed it a moment ago: add to that one.
      meetingId ??= (await findMeetingByClientId(tx, record.clientId))!.id;
    }
    const added = await insertDecisionsOnce(
      tx,
      input.decisions.map((decision) => ({
        client_id: decision.clientId,
        meeting_id: meetingId,
        text: decision.text,
        kind: decision.kind,
        owner_name: decision.ownerName ?? null,
        due_on: decision.dueOn ?? null,
        appeal_id: decision.kind === 'appeal' ? (appealIdOf.get(decision.appealClientId!) ?? null) : null,
      })),
    );
    if (isNewMeeting || added > 0) {
      await recordAudit(tx, {
        actorAccountId: actor.accountId,
        actorName: actor.displayName,
        action: isNewMeeting ? 'field.meeting.recorded' : 'field.meeting.decisions_added',
        entityType: 'meeting',
        entityId: meetingId,
        regionCode: point.region_code,
        details: { clientId: record.clientId, kind: input.kind, heldOn: input.heldOn, attendeeCount: input.attendeeCount, decisionsAdded: added, appealIds: appeals.map((appeal) => appeal.id), via: 'sync' },
      });
    }
    return { meetingId, isNewMeeting, added };
  });
  const status = outcome.isNewMeeting ? 'created' : outcome.added > 0 || appeals.some((appeal) => appeal.isNew) ? 'updated' : 'duplicate';
  const filed = appeals.map(({ clientId, id, trackingCode }) => ({ clientId, id, trackingCode }));
  return { clientId: record.clientId, status, id: outcome.meetingId, ...(filed.length > 0 ? { appeals: filed } : {}) };
};

/** A task's progress (percent), edited from the version the phone saw; the record's clientId is the decision's. */
export const syncDecisionProgress: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  const input = parsePayload(decisionPayload, record.payload);
  if (record.baseVersion === undefined) throw invalidField('baseVersion', '须给出所改决定的版本', 'required: the version of the decision being changed');
  for (let round = 0; round < 2; round += 1) {
    const decision = await findDecisionByClientId(db, record.clientId);
    if (!decision) throw invalidField('clientId', '没有这个决定：请先同步它所在的会议', 'no such decision: sync its meeting first');
    const point = await requireTeamPoint(db, actor, decision.point_id, 'clientId', context.points);
    if (decision.kind !== 'task') throw invalidField('progress', '转为诉求的决定随诉求办理，没有进度', 'a decision that became an appeal follows its case and has no progress');
    if (decision.progress === input.progress) return { clientId: record.clientId, status: 'duplicate', id: decision.id, version: decision.version };
    if (record.baseVersion !== decision.version) {
      const server = presentDecision(decision, context.today);
      await recordAudit(db, { actorAccountId: actor.accountId, actorName: actor.displayName, action: 'field.decision.conflict', entityType: 'meeting_decision', entityId: decision.id, regionCode: point.region_code, before: server, after: input, details: { clientId: record.clientId, baseVersion: record.baseVersion, via: 'sync' } });
      return { clientId: record.clientId, status: 'conflict', id: decision.id, version: decision.version, server };
    }
    const isUpdated = await db.transaction().execute(async (tx) => {
      if (!(await updateDecisionProgressIfCurrent(tx, decision.id, decision.version, input.progress))) return false;
      await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.displayName, action: 'field.decision.progress', entityType: 'meeting_decision', entityId: decision.id, regionCode: point.region_code, before: { progress: decision.progress }, after: { progress: input.progress }, details: { clientId: record.clientId, meetingId: decision.meeting_id, via: 'sync' } });
      return true;
    });
    if (isUpdated) return { clientId: record.clientId, status: 'updated', id: decision.id, version: decision.version + 1 };
  }
  throw busyRecord();
};
