// A residents' activity the team joined at a point (a square dance, a village clean-up): once per client id.
import { invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { findActivityByClientId, insertActivityOnce } from './meeting-queries.ts';
import { requireTeamPoint } from './point-access.ts';
import { parsePayload, type SyncHandler } from './sync-context.ts';
import { activityPayload } from './sync-schemas.ts';
import { isTooFarAhead } from './visit-plan.ts';

export const syncActivity: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  const input = parsePayload(activityPayload, record.payload);
  if (isTooFarAhead(input.heldOn, context.today)) throw invalidField('heldOn', '活动日期不能晚于明天', 'an activity cannot be dated after tomorrow');
  const point = await requireTeamPoint(db, actor, input.pointId, 'pointId', context.points);
  const existing = await findActivityByClientId(db, record.clientId);
  if (existing) return { clientId: record.clientId, status: 'duplicate', id: existing.id };
  const id = await db.transaction().execute(async (tx) => {
    const newId = await insertActivityOnce(tx, { client_id: record.clientId, point_id: point.id, region_code: point.region_code, held_on: input.heldOn, title: input.title, note: input.note || null, account_id: actor.accountId });
    if (newId !== null) {
      await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.displayName, action: 'field.activity.recorded', entityType: 'activity', entityId: newId, regionCode: point.region_code, details: { clientId: record.clientId, heldOn: input.heldOn, title: input.title, via: 'sync' } });
    }
    return newId;
  });
  if (id === null) return { clientId: record.clientId, status: 'duplicate', id: (await findActivityByClientId(db, record.clientId))!.id };
  return { clientId: record.clientId, status: 'created', id };
};
