// SQL for the cadre roster: filtered pages with totals, one cadre, changes with a version guard.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Category, Programme } from '../../db/schema.ts';
import { matchesName, startsWith } from '../../db/name-search.ts';
import { pageBounds, selectPageWithTotal } from '../../db/page-with-total.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import { programmes } from '../../lib/roster-vocabulary.ts';
import type { SearchText } from '../../lib/search-text.ts';

export interface CadreFilter {
  /** The region subtree (already intersected with the actor's scope). */
  regionCode: string;
  unitId?: number;
  category?: Category;
  isLeader?: boolean;
  programme?: Programme | 'any' | 'none';
  /** Has a published posting or a locked earlier-programme posting (true), or neither (false). */
  assigned?: boolean;
  search?: SearchText | null;
}

// Every row of `postings` is a published posting (publishing a plan replaces them), and every
// prior posting is locked into the matching: either one makes the cadre assigned.
const cadreIsAssigned = sql`(EXISTS (SELECT 1 FROM postings po WHERE po.cadre_id = cadres.id) OR EXISTS (SELECT 1 FROM prior_postings pa WHERE pa.cadre_id = cadres.id))`;

/** The WHERE conditions of a cadre filter, reusable by lists and exports. */
export function cadreFilterConditions(filter: CadreFilter): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [inRegionSubtree('cadres.region_code', filter.regionCode)];
  if (filter.unitId) conditions.push(sql`cadres.unit_id = ${filter.unitId}`);
  // Small vocabularies are written into the statement (see inRegionSubtree): a generic plan then still
  // sees `is_leader = true` (the leaders' partial index) and the category's share of the table.
  if (filter.category) conditions.push(sql`cadres.category = ${sql.lit(filter.category)}`);
  if (filter.isLeader !== undefined) conditions.push(sql`cadres.is_leader = ${sql.lit(filter.isLeader)}`);
  // programme_bits mirrors the cadre's prior postings (triggers, migrations 0011–0012). `<> 0` is the
  // predicate of the partial index cadres_programmes_idx, spelled out for the planner to match; a
  // programme is then one bit of that index's entries (`programme_bit` is immutable: folded to a constant).
  if (filter.programme === 'any') conditions.push(sql`cadres.programme_bits <> 0`);
  else if (filter.programme === 'none') conditions.push(sql`cadres.programme_bits = 0`);
  else if (filter.programme) {
    const programme = programmes.find((known) => known === filter.programme);
    conditions.push(sql`cadres.programme_bits <> 0 AND cadres.programme_bits & programme_bit(${sql.lit(programme)}) <> 0`);
  }
  if (filter.assigned !== undefined) conditions.push(filter.assigned ? cadreIsAssigned : sql`NOT ${cadreIsAssigned}`);
  if (filter.search) conditions.push(matchesName(filter.search, { table: 'cadres', hasPhone: true, codeColumn: 'external_id' }));
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

// Pinyin keys are lower-case ASCII letters and digits, so byte order ("C") is the roster's name order
// on both backends, and the index cadres_name_order_idx (migration 0009) hands rows out in that order.
const sortKeys = {
  name: ['pinyin', 'id'],
  birthYear: ['birth_year', 'id'],
  unit: ['unit_id', 'pinyin', 'id'],
} as const;

type CadreSort = keyof typeof sortKeys;

/** ORDER BY of a sort over the key columns of `table` (pinyin in byte order). */
function orderOfSort(table: string, sort: CadreSort) {
  return sql.join(sortKeys[sort].map((column) => (column === 'pinyin' ? sql`${sql.ref(`${table}.pinyin`)} COLLATE "C"` : sql.ref(`${table}.${column}`))));
}

// Names of the unit and region as scalar subqueries rather than joins: the same index lookups for a
// page of 20, and the planner has fewer join orders to weigh (a list's planning was most of its cost).
function selectCadres(db: Executor) {
  return db
    .selectFrom('cadres')
    .select([
      'cadres.id',
      'cadres.external_id',
      'cadres.name',
      'cadres.gender',
      'cadres.birth_year',
      'cadres.unit_id',
      sql<string>`(SELECT u.name FROM org_units u WHERE u.id = cadres.unit_id)`.as('unit_name'),
      'cadres.region_code',
      sql<string>`(SELECT r.name FROM regions r WHERE r.code = cadres.region_code)`.as('region_name'),
      'cadres.post',
      'cadres.rank',
      'cadres.is_leader',
      'cadres.leading_body',
      'cadres.category',
      'cadres.is_category_overridden',
      'cadres.skills',
      'cadres.phone',
      'cadres.home_region_code',
      'cadres.version',
      sql<Programme | null>`(SELECT pp.programme FROM prior_postings pp WHERE pp.cadre_id = cadres.id ORDER BY pp.id LIMIT 1)`.as('programme'),
    ]);
}

export type CadreRecord = Awaited<ReturnType<typeof findCadre>> & object;

/**
 * The search as alternatives with an index each, matching the same rows as `matchesName`. As a union
 * of narrow index scans (index-only, the keys are in the indexes) it reads only the matches; as one OR
 * it read every matching row from the table, once for the page and once more for the count.
 */
function cadreSearchAlternatives(search: SearchText): RawBuilder<boolean>[] {
  if (search.kind === 'latin') {
    // pinyin in byte order, so that the name-order index finds the prefix
    return [startsWith('cadres.pinyin', search.text, 'C'), startsWith('cadres.initials', search.text, 'pattern'), sql`upper(cadres.external_id) = ${search.text.toUpperCase()}`];
  }
  if (search.kind === 'digits') {
    const byCode = sql<boolean>`cadres.external_id = ${search.text}`;
    if (search.text.length < 3) return [byCode];
    return [startsWith('cadres.phone_reversed', [...search.text].reverse().join(''), 'pattern'), byCode];
  }
  return [matchesName(search, { table: 'cadres', hasPhone: true, codeColumn: 'external_id' })];
}

/**
 * The cadres a filter matches, as a page query: the count and the page of keys. A search is collected
 * first, once for both (a materialized set): its matches cluster in name order (initials `ly` all sit
 * among the `l…` names), so walking the name-order index until a page is full would read a third of
 * the table, while the matches themselves are few.
 */
function matchingCadres(db: Executor, filter: CadreFilter, page: { offset: number; limit: number; sort: CadreSort }) {
  // Only the columns the sort needs, so that the roster indexes cover the query (index-only scans).
  const keys = sortKeys[page.sort].map((column) => `cadres.${column}` as const);
  const bounds = pageBounds(page);
  const withoutSearch = cadreFilterConditions({ ...filter, search: null });
  if (!filter.search) {
    const pageKeys = db.selectFrom('cadres').select(keys).where(withoutSearch).orderBy(orderOfSort('cadres', page.sort)).offset(bounds.offset).limit(bounds.limit);
    return {
      bounds,
      count: db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('count')).where(withoutSearch),
      page: selectCadres(db).innerJoin(pageKeys.as('page'), 'page.id', 'cadres.id').orderBy(orderOfSort('page', page.sort)),
    };
  }
  const [first, ...rest] = cadreSearchAlternatives(filter.search).map((alternative) =>
    db.selectFrom('cadres').select(keys).where(withoutSearch).where(alternative),
  );
  const matches = sql<{ id: number; pinyin: string; birth_year: number; unit_id: number }>`matches`.as('matches');
  const pageKeys = db.selectFrom(matches).selectAll('matches').orderBy(orderOfSort('matches', page.sort)).offset(bounds.offset).limit(bounds.limit);
  return {
    bounds,
    with: sql`WITH matches AS MATERIALIZED (${rest.reduce((union, next) => union.union(next), first)}) `,
    count: db.selectFrom(matches).select(sql<number>`count(*)::int`.as('count')),
    page: selectCadres(db).innerJoin(pageKeys.as('page'), 'page.id', 'cadres.id').orderBy(orderOfSort('page', page.sort)),
  };
}

/** One page of cadres matching the filter, and how many match in all (an exact count), in one statement. */
export function listCadres(db: Executor, filter: CadreFilter, page: { offset: number; limit: number; sort: CadreSort }) {
  return selectPageWithTotal<CadreRecord>(db, matchingCadres(db, filter, page));
}

/** Cadres matching a filter in roster order, a batch at a time (exports). */
export async function* iterateCadres(db: Executor, filter: CadreFilter, batchSize = 5000) {
  let afterId = 0;
  for (;;) {
    const rows = await selectCadres(db).where(cadreFilterConditions(filter)).where('cadres.id', '>', afterId).orderBy('cadres.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** One cadre with its unit and region names. */
export function findCadre(db: Executor, id: number) {
  return selectCadres(db).where('cadres.id', '=', id).executeTakeFirst();
}

/** Prior-programme postings of a cadre, with point names. */
export function listPriorPostingsOfCadre(db: Executor, cadreId: number) {
  return db
    .selectFrom('prior_postings')
    .innerJoin('points', 'points.id', 'prior_postings.point_id')
    .select(['prior_postings.id', 'prior_postings.programme', 'prior_postings.point_id', 'points.name as point_name', 'prior_postings.region_code', 'prior_postings.starts_on', 'prior_postings.ends_on'])
    .where('prior_postings.cadre_id', '=', cadreId)
    .orderBy('prior_postings.id')
    .execute();
}

export interface CadreChanges {
  name?: string;
  gender?: 'male' | 'female';
  birth_year?: number;
  unit_id?: number;
  region_code?: string;
  post?: string;
  rank?: string;
  is_leader?: boolean;
  leading_body?: string | null;
  category?: Category;
  is_category_overridden?: boolean;
  skills?: string[];
  phone?: string | null;
  home_region_code?: string | null;
  search_name?: string;
  pinyin?: string;
  initials?: string;
}

/** Applies changes if the version still matches; returns how many rows changed (0 = stale). */
export async function updateCadreIfVersion(db: Executor, id: number, version: number, changes: CadreChanges): Promise<number> {
  const result = await db
    .updateTable('cadres')
    .set((eb) => ({ ...(changes as object), version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The phone of a cadre, unmasked (only for a logged reveal). */
export function findCadrePhone(db: Executor, id: number) {
  return db.selectFrom('cadres').select(['phone', 'region_code']).where('id', '=', id).executeTakeFirst();
}
