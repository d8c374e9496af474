// SQL for the org-unit roster.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Category, UnitLevel } from '../../db/schema.ts';
import { matchesName } from '../../db/name-search.ts';
import { pageBounds, selectPageWithTotal } from '../../db/page-with-total.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import type { SearchText } from '../../lib/search-text.ts';

export interface UnitFilter {
  regionCode: string;
  level?: UnitLevel;
  category?: Category;
  search?: SearchText | null;
}

/** The WHERE conditions of a unit filter, reusable by lists and exports. */
export function unitFilterConditions(filter: UnitFilter): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [inRegionSubtree('org_units.region_code', filter.regionCode)];
  // Small vocabularies are written into the statement (see inRegionSubtree and the cadres' filter).
  if (filter.level) conditions.push(sql`org_units.level = ${sql.lit(filter.level)}`);
  if (filter.category) conditions.push(sql`org_units.category = ${sql.lit(filter.category)}`);
  if (filter.search) conditions.push(matchesName(filter.search, { table: 'org_units', codeColumn: 'code' }));
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

// Region and parent names as scalar subqueries rather than joins: fewer join orders to plan (see cadres).
function selectUnits(db: Executor) {
  return db
    .selectFrom('org_units')
    .select([
      'org_units.id',
      'org_units.code',
      'org_units.name',
      'org_units.level',
      'org_units.region_code',
      sql<string>`(SELECT r.name FROM regions r WHERE r.code = org_units.region_code)`.as('region_name'),
      'org_units.category',
      'org_units.leading_body',
      'org_units.parent_id',
      sql<string | null>`(SELECT p.name FROM org_units p WHERE p.id = org_units.parent_id)`.as('parent_name'),
      'org_units.version',
      sql<number>`(SELECT count(*)::int FROM cadres c WHERE c.unit_id = org_units.id)`.as('cadres'),
    ]);
}

/** A row of the list as selectUnits reads it. */
type UnitRecord = Awaited<ReturnType<ReturnType<typeof selectUnits>['execute']>>[number];

/** One page of units matching the filter, and how many match in all (an exact count), in one statement. */
export function listUnits(db: Executor, filter: UnitFilter, page: { offset: number; limit: number }) {
  const where = unitFilterConditions(filter);
  const bounds = pageBounds(page);
  // The page is chosen on the sort keys alone (index-only, migration 0009); only its 20 rows are
  // joined to regions and parents and have their cadres counted.
  const pageKeys = db
    .selectFrom('org_units')
    .select(['org_units.id', 'org_units.region_code', 'org_units.pinyin'])
    .where(where)
    .orderBy('org_units.region_code')
    .orderBy('org_units.pinyin')
    .orderBy('org_units.id')
    .offset(bounds.offset)
    .limit(bounds.limit);
  return selectPageWithTotal<UnitRecord>(db, {
    bounds,
    count: db.selectFrom('org_units').select(sql<number>`count(*)::int`.as('count')).where(where),
    page: selectUnits(db).innerJoin(pageKeys.as('page'), 'page.id', 'org_units.id').orderBy('page.region_code').orderBy('page.pinyin').orderBy('page.id'),
  });
}

/** Units matching a filter in id order, a batch at a time (exports). */
export async function* iterateUnits(db: Executor, filter: UnitFilter, batchSize = 5000) {
  let afterId = 0;
  for (;;) {
    const rows = await selectUnits(db).where(unitFilterConditions(filter)).where('org_units.id', '>', afterId).orderBy('org_units.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** One unit. */
export function findUnit(db: Executor, id: number) {
  return selectUnits(db).where('org_units.id', '=', id).executeTakeFirst();
}

/** How many leaders a unit has. */
export async function countLeadersOfUnit(db: Executor, unitId: number): Promise<number> {
  const row = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('count')).where('unit_id', '=', unitId).where('is_leader', '=', true).executeTakeFirstOrThrow();
  return row.count;
}

/** True when a unit of this name exists other than `exceptId` (qualified names are unique). */
export async function isUnitNameTaken(db: Executor, name: string, exceptId: number): Promise<boolean> {
  const row = await db.selectFrom('org_units').select('id').where('name', '=', name).where('id', '<>', exceptId).executeTakeFirst();
  return row !== undefined;
}

export interface UnitChanges {
  name?: string;
  category?: Category;
  leading_body?: string | null;
  parent_id?: number | null;
  search_name?: string;
  pinyin?: string;
  initials?: string;
}

/** Applies changes if the version still matches; returns how many rows changed (0 = stale). */
export async function updateUnitIfVersion(db: Executor, id: number, version: number, changes: UnitChanges): Promise<number> {
  const result = await db
    .updateTable('org_units')
    .set((eb) => ({ ...(changes as object), version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Cadres whose category follows their unit's (not overridden) take the unit's new category. */
export async function propagateUnitCategory(db: Executor, unitId: number, category: Category) {
  await db.updateTable('cadres').set({ category }).where('unit_id', '=', unitId).where('is_category_overridden', '=', false).execute();
}
