// A household (or unit, or person) of a point's register, created or edited on the phone. An edit
// carries the version it was made from: at that version it applies; from an older one it is a
// conflict that hands the server's copy back to the cadre, and nothing changes. A record whose
// content the server already holds is a duplicate, whatever its version (a retried create or edit).
import { invalidField } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { recordAudit } from '../audit/queries.ts';
import { requireTeamPoint } from './point-access.ts';
import { presentHousehold } from './present-field-records.ts';
import { findHouseholdByClientId, insertHouseholdOnce, listHouseholdRows, refreshNextVisit, updateHouseholdIfCurrent, type HouseholdRecord } from './queries.ts';
import { busyRecord, parsePayload, type SyncContext, type SyncHandler } from './sync-context.ts';
import { householdPayload, type HouseholdPayload } from './sync-schemas.ts';
import { endOfWeek } from './visit-plan.ts';

/** The stored columns a payload sets (an edit sends the whole household as the phone has it). */
function columnsOf(input: HouseholdPayload) {
  return {
    kind: input.kind,
    head_name: input.headName,
    address: input.address || null,
    phone: input.phone || null,
    members: input.members,
    flags: [...input.flags].sort(),
    note: input.note || null,
    visit_cycle_days: input.visitCycleDays ?? null,
  };
}

function isSameHousehold(stored: HouseholdRecord, input: HouseholdPayload): boolean {
  const wanted = columnsOf(input);
  return (
    stored.kind === wanted.kind &&
    stored.head_name === wanted.head_name &&
    stored.address === wanted.address &&
    stored.phone === wanted.phone &&
    stored.members === wanted.members &&
    [...stored.flags].sort().join(',') === wanted.flags.join(',') &&
    stored.note === wanted.note &&
    stored.visit_cycle_days === wanted.visit_cycle_days
  );
}

/** The household as GET /api/field/points/:pointId/households shows it to the team. */
async function householdAsTeamSeesIt(context: SyncContext, id: number) {
  const [row] = await listHouseholdRows(context.db, { householdId: id });
  return presentHousehold(row!, { isPhoneVisible: true, today: context.today, dueBy: endOfWeek(context.today) });
}

export const syncHousehold: SyncHandler = async (context, record) => {
  const { db, actor } = context;
  const input = parsePayload(householdPayload, record.payload);
  const point = await requireTeamPoint(db, actor, input.pointId, 'pointId', context.points);
  const audit = { actorAccountId: actor.accountId, actorName: actor.displayName, entityType: 'household', regionCode: point.region_code };
  // Two rounds at most: a concurrent create or edit of the same household is read back and judged again.
  for (let round = 0; round < 2; round += 1) {
    const stored = await findHouseholdByClientId(db, record.clientId);
    if (!stored) {
      const id = await db.transaction().execute(async (tx) => {
        const newId = await insertHouseholdOnce(tx, { client_id: record.clientId, point_id: point.id, region_code: point.region_code, ...columnsOf(input), created_by: actor.accountId });
        if (newId === null) return null;
        await refreshNextVisit(tx, newId, context.today);
        await recordAudit(tx, { ...audit, action: 'field.household.created', entityId: newId, after: forAudit(input), details: { clientId: record.clientId, via: 'sync' } });
        return newId;
      });
      if (id !== null) return { clientId: record.clientId, status: 'created', id, version: 1 };
      continue;
    }
    if (stored.point_id !== point.id) throw invalidField('pointId', '户不能改到另一个联系点', 'a household cannot move to another point');
    if (isSameHousehold(stored, input)) return { clientId: record.clientId, status: 'duplicate', id: stored.id, version: stored.version };
    if (record.baseVersion !== stored.version) {
      const server = await householdAsTeamSeesIt(context, stored.id);
      await recordAudit(db, { ...audit, action: 'field.household.conflict', entityId: stored.id, before: { ...server, phone: maskPhone(server.phone) }, after: forAudit(input), details: { clientId: record.clientId, baseVersion: record.baseVersion ?? null, via: 'sync' } });
      return { clientId: record.clientId, status: 'conflict', id: stored.id, version: stored.version, server };
    }
    const isUpdated = await db.transaction().execute(async (tx) => {
      if (!(await updateHouseholdIfCurrent(tx, stored.id, stored.version, columnsOf(input)))) return false;
      await refreshNextVisit(tx, stored.id, context.today);
      await recordAudit(tx, { ...audit, action: 'field.household.updated', entityId: stored.id, before: { ...forAudit(householdPayloadOf(stored)), version: stored.version }, after: forAudit(input), details: { clientId: record.clientId, via: 'sync' } });
      return true;
    });
    if (isUpdated) return { clientId: record.clientId, status: 'updated', id: stored.id, version: stored.version + 1 };
  }
  throw busyRecord();
};

/** A household for the audit log, which offices read: the phone masked as everywhere outside the team. */
function forAudit(input: HouseholdPayload) {
  return { ...input, phone: input.phone ? maskPhone(input.phone) : undefined };
}

/** The stored household in payload form (for the audit's before-image). */
function householdPayloadOf(stored: HouseholdRecord): HouseholdPayload {
  return {
    pointId: stored.point_id,
    kind: stored.kind,
    headName: stored.head_name,
    address: stored.address ?? undefined,
    phone: stored.phone ?? undefined,
    members: stored.members,
    flags: stored.flags as HouseholdPayload['flags'],
    note: stored.note ?? undefined,
    visitCycleDays: stored.visit_cycle_days ?? undefined,
  };
}
