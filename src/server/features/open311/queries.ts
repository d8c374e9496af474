// SQL of the Open311 endpoint: client keys, the public list of service requests, the nearest
// located point, and the demo coordinates.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AppealStateName } from '../../db/schema.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import type { ServiceRequestRow } from './georeport-mapping.ts';

/** The active client holding a key, by the key's SHA-256. */
export function findActiveClientByKeyHash(db: Executor, keyHash: string) {
  return db.selectFrom('open311_clients').select(['id', 'name', 'region_code']).where('key_hash', '=', keyHash).where('is_active', '=', true).executeTakeFirst();
}

export async function insertClient(db: Executor, row: { name: string; keyHash: string; keyHint: string; regionCode: string; createdBy: number | null }): Promise<number> {
  const inserted = await db
    .insertInto('open311_clients')
    .values({ name: row.name, key_hash: row.keyHash, key_hint: row.keyHint, region_code: row.regionCode, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Inserts a client with this key, or makes the existing one active again (the demo key). */
export async function upsertActiveClient(db: Executor, row: { name: string; keyHash: string; keyHint: string; regionCode: string }): Promise<void> {
  await db
    .insertInto('open311_clients')
    .values({ name: row.name, key_hash: row.keyHash, key_hint: row.keyHint, region_code: row.regionCode })
    .onConflict((conflict) => conflict.column('key_hash').doUpdateSet({ is_active: true }))
    .execute();
}

function selectClients(db: Executor) {
  return db
    .selectFrom('open311_clients as c')
    .innerJoin('regions as r', 'r.code', 'c.region_code')
    .leftJoin('accounts as a', 'a.id', 'c.created_by')
    .select(['c.id', 'c.name', 'c.region_code', 'r.name as region_name', 'c.key_hint', 'c.is_active', 'c.created_at', 'a.display_name as created_by_name']);
}

/** Clients whose region lies in the scope, newest first. */
export function listClientsInScope(db: Executor, scope: string) {
  return selectClients(db).where(inRegionSubtree('c.region_code', scope)).orderBy('c.id', 'desc').execute();
}

export function findClientInScope(db: Executor, id: number, scope: string) {
  return selectClients(db).where('c.id', '=', id).where(inRegionSubtree('c.region_code', scope)).executeTakeFirst();
}

export async function deactivateClient(db: Executor, id: number): Promise<void> {
  await db.updateTable('open311_clients').set({ is_active: false }).where('id', '=', id).execute();
}

/** The catalogue: every category, in its order. */
export function listServiceCategories(db: Executor) {
  return db.selectFrom('appeal_categories').select(['code', 'name_zh', 'name_en', 'description_zh', 'default_urgency']).orderBy('sort_order').orderBy('code').execute();
}

export function findServiceCategory(db: Executor, code: string) {
  return db.selectFrom('appeal_categories').select(['code', 'name_zh', 'name_en', 'description_zh', 'default_urgency']).where('code', '=', code).executeTakeFirst();
}

/** Located village-level points inside a box and a scope (candidates for the nearest point). */
export function listLocatedPointsInBox(db: Executor, box: { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number }, scope: string) {
  return db
    .selectFrom('points')
    .select(['id', 'region_code', 'latitude', 'longitude'])
    .where('latitude', 'is not', null)
    .where('latitude', '>=', box.minLatitude)
    .where('latitude', '<=', box.maxLatitude)
    .where('longitude', '>=', box.minLongitude)
    .where('longitude', '<=', box.maxLongitude)
    .where(inRegionSubtree('region_code', scope))
    // Cases are filed against a village or community; township-seated institutions take none.
    .where(sql<boolean>`length(region_code) = 12`)
    .limit(2000)
    .execute();
}

export function findPointInScope(db: Executor, id: number, scope: string) {
  return db.selectFrom('points').select(['id', 'region_code']).where('id', '=', id).where(inRegionSubtree('region_code', scope)).executeTakeFirst();
}

export function findRegionInScope(db: Executor, code: string, scope: string) {
  return db.selectFrom('regions').select(['code', 'level']).where('code', '=', code).where(inRegionSubtree('code', scope)).executeTakeFirst();
}

export interface ServiceRequestFilter {
  /** Tracking codes; when given, the other filters do not apply (the spec's rule). */
  trackingCodes?: string[];
  categoryCodes?: string[];
  states?: AppealStateName[];
  from?: Date;
  to?: Date;
}

/**
 * Public service requests, newest first. Confidential cases and complaints about a named cadre
 * are never public, so they are not rows of this query at all.
 */
export async function listPublicServiceRequests(db: Executor, filter: ServiceRequestFilter, page: { offset: number; limit: number }): Promise<(ServiceRequestRow & { region_code: string })[]> {
  let query = db
    .selectFrom('appeals as a')
    .innerJoin('appeal_categories as c', 'c.code', 'a.category_code')
    .leftJoin('org_units as u', 'u.id', 'a.handling_unit_id')
    .leftJoin('points as p', 'p.id', 'a.point_id')
    .leftJoin('appeals as m', 'm.id', 'a.merged_into_id')
    .select([
      'a.tracking_code',
      'a.state',
      'a.answered_directly',
      'a.is_supervised',
      'a.category_code',
      'c.name_zh as category_name_zh',
      'c.name_en as category_name_en',
      'a.title',
      'u.name as unit_name',
      'a.created_at',
      'a.updated_at',
      'a.due_at',
      'a.handling_due_at',
      'a.region_code',
      'a.point_id',
      'p.latitude',
      'p.longitude',
      sql<string | null>`CASE WHEN m.is_confidential THEN NULL ELSE m.tracking_code END`.as('merged_into_code'),
    ])
    .where('a.is_confidential', '=', false)
    .where('a.subject_cadre_id', 'is', null);
  if (filter.trackingCodes) {
    query = query.where('a.tracking_code', 'in', filter.trackingCodes.length ? filter.trackingCodes : ['']);
  } else {
    if (filter.categoryCodes?.length) query = query.where('a.category_code', 'in', filter.categoryCodes);
    if (filter.states?.length) query = query.where('a.state', 'in', filter.states);
    if (filter.from) query = query.where('a.created_at', '>=', filter.from);
    if (filter.to) query = query.where('a.created_at', '<=', filter.to);
  }
  const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').offset(page.offset).limit(page.limit).execute();
  return rows.map((row) => ({ ...row, latitude: row.latitude ?? null, longitude: row.longitude ?? null }));
}

/** Points of a region subtree without a location yet (the demo seed locates them). */
export function listUnlocatedPoints(db: Executor, scope: string) {
  return db.selectFrom('points').select(['id', 'region_code']).where(inRegionSubtree('region_code', scope)).where('latitude', 'is', null).orderBy('id').execute();
}

/** Writes the locations of many points in one statement. */
export async function setPointLocations(db: Executor, locations: { id: number; latitude: number; longitude: number }[]): Promise<void> {
  if (locations.length === 0) return;
  const values = sql.join(locations.map((row) => sql`(${row.id}::integer, ${row.latitude}::float8, ${row.longitude}::float8)`));
  await sql`UPDATE points SET latitude = v.latitude, longitude = v.longitude FROM (VALUES ${values}) AS v (id, latitude, longitude) WHERE points.id = v.id`.execute(db);
}
