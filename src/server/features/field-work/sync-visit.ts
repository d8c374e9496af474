// A household visit (入户走访): who went, when, the outcome — received, nobody home, or refused at
// the door (吃闭门羹, counted like any other) — and the needs found, each filed as an appeal with
// the visit as its provenance. The appeals go first (idempotent on their own client ids), then the
// visit with its audit row in one transaction, so a retry after a crash between the two completes
// the record instead of doubling it.
import { invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { requireTeamPoint } from './point-access.ts';
import { findHouseholdByClientId, findVisitByClientId, insertVisitOnce, refreshNextVisit } from './queries.ts';
import { checkLinkedAppeals, submitLinkedAppeals, type LinkedAppeal } from './sync-appeal.ts';
import { parsePayload, type SyncHandler } from './sync-context.ts';
import { visitPayload } from './sync-schemas.ts';
import { isTooFarAhead } from './visit-plan.ts';

export const syncVisit: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  const input = parsePayload(visitPayload, record.payload);
  if (isTooFarAhead(input.visitedOn, context.today)) throw invalidField('visitedOn', '走访日期不能晚于明天', 'a visit cannot be dated after tomorrow');
  const household = await findHouseholdByClientId(db, input.householdClientId);
  if (!household) throw invalidField('householdClientId', '没有这一户：请先同步这一户（可放在同一批的前面）', 'no such household: sync the household first (earlier in the same batch will do)');
  const point = await requireTeamPoint(db, actor, household.point_id, 'householdClientId', context.points);
  const existing = await findVisitByClientId(db, record.clientId);
  if (existing && existing.household_id !== household.id) throw invalidField('householdClientId', '这次走访已记在另一户名下', 'this visit is recorded for another household');

  const needs: LinkedAppeal[] = input.needs.map((need, index) => ({
    field: `needs.${index}`,
    input: {
      clientId: need.appealClientId,
      channel: 'household_visit',
      sourceKind: 'visit',
      sourceId: record.clientId,
      pointId: point.id,
      categoryCode: need.categoryCode,
      description: need.description,
      address: household.address ?? undefined,
      isAnonymous: need.isAnonymous,
      contactName: need.isAnonymous ? undefined : household.head_name,
      contactPhone: need.isAnonymous ? undefined : (need.contactPhone ?? household.phone ?? undefined),
    },
  }));
  await checkLinkedAppeals(context, point, needs);
  const appeals = await submitLinkedAppeals(context, needs);
  const filed = appeals.map(({ clientId, id, trackingCode }) => ({ clientId, id, trackingCode }));
  const extras = filed.length > 0 ? { appeals: filed } : {};
  if (existing) return { clientId: record.clientId, status: appeals.some((appeal) => appeal.isNew) ? 'updated' : 'duplicate', id: existing.id, ...extras };

  const id = await db.transaction().execute(async (tx) => {
    const newId = await insertVisitOnce(tx, {
      client_id: record.clientId,
      household_id: household.id,
      point_id: point.id,
      region_code: point.region_code,
      visited_on: input.visitedOn,
      account_id: actor.accountId,
      visitors: input.visitors,
      outcome: input.outcome,
      notes: input.notes || null,
    });
    if (newId === null) return null;
    await refreshNextVisit(tx, household.id, context.today);
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'field.visit.recorded',
      entityType: 'visit',
      entityId: newId,
      regionCode: point.region_code,
      details: { clientId: record.clientId, householdId: household.id, visitedOn: input.visitedOn, outcome: input.outcome, appealIds: filed.map((appeal) => appeal.id), via: 'sync' },
    });
    return newId;
  });
  if (id === null) {
    // The same visit committed a moment ago by a concurrent retry.
    const winner = await findVisitByClientId(db, record.clientId);
    return { clientId: record.clientId, status: 'duplicate', id: winner!.id, ...extras };
  }
  return { clientId: record.clientId, status: 'created', id, ...extras };
};
