// The change history of one record, read from the audit log.
import type { Executor } from '../../db/database.ts';
import { listAuditEntries } from './queries.ts';

/** Audit entries about one record, newest first, in the API's shape. */
export async function loadHistory(db: Executor, entityType: string, entityId: number | string, scopeRegionCode: string) {
  const rows = await listAuditEntries(db, { scopeRegionCode: scopeRegionCode.slice(0, 2), entityType, entityId: String(entityId), limit: 100 });
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorName: row.actor_name,
    action: row.action,
    before: row.before,
    after: row.after,
    details: row.details,
  }));
}

/** The fields whose values differ between two plain objects, as before/after pairs. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter, isChanged: Object.keys(changedAfter).length > 0 };
}
