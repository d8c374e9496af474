// SQL for the append-only audit log.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { inRegionSubtree } from '../../db/scope.ts';

export interface AuditEntry {
  actorAccountId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  regionCode: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** Appends one audit row; call it inside the transaction of the write it describes. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_account_id: entry.actorAccountId,
      actor_name: entry.actorName,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      region_code: entry.regionCode,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

export interface AuditFilter {
  scopeRegionCode: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  beforeId?: number;
  limit: number;
}

/** Audit rows inside a region subtree, newest first, paged by id. */
export async function listAuditEntries(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'entity_type', 'entity_id', 'region_code', 'before', 'after', 'details'])
    .where(inRegionSubtree('region_code', filter.scopeRegionCode));
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Number of audit rows in a subtree (for tests and the admin page). */
export async function countAuditEntries(db: Executor, scopeRegionCode: string, action?: string): Promise<number> {
  let query = db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(inRegionSubtree('region_code', scopeRegionCode));
  if (action) query = query.where('action', '=', action);
  const row = await query.executeTakeFirstOrThrow();
  return row.count;
}

export interface RevealEntry {
  actorAccountId: number;
  actorName: string;
  entityType: string;
  entityId: string | number;
  field: string;
  reason: string;
  regionCode: string;
}

/** Logs one reveal of masked personal data with its reason. */
export async function recordReveal(db: Executor, entry: RevealEntry): Promise<void> {
  await db
    .insertInto('personal_data_reveals')
    .values({
      actor_account_id: entry.actorAccountId,
      actor_name: entry.actorName,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      field: entry.field,
      reason: entry.reason,
      region_code: entry.regionCode,
    })
    .execute();
}

/** Reveals of personal data inside a region subtree, newest first. */
export function listReveals(db: Executor, filter: { scopeRegionCode: string; entityType?: string; entityId?: string; limit: number }) {
  let query = db
    .selectFrom('personal_data_reveals')
    .select(['id', 'at', 'actor_name', 'entity_type', 'entity_id', 'field', 'reason', 'region_code'])
    .where(inRegionSubtree('region_code', filter.scopeRegionCode));
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Names of units or points by id (what a history entry's ids refer to). */
export async function listNamesByIds(db: Executor, table: 'org_units' | 'points', ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
