// SQL for the administrative divisions and the counts of cadres and points under them.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import { escapeLike } from '../../lib/search-text.ts';

/** One region by code. */
export function findRegion(db: Executor, code: string) {
  return db.selectFrom('regions').select(['code', 'name', 'short_name', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

/** The direct children of a region, in code order. */
export function listChildRegions(db: Executor, parentCode: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'short_name', 'level'])
    .where('parent_code', '=', parentCode)
    .orderBy('code')
    .execute();
}

/** Regions with these codes (ancestors, paths). */
export function listRegionsByCode(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('regions').select(['code', 'name', 'short_name', 'level']).where('code', 'in', codes).orderBy('code').execute();
}

/**
 * The path of names (沧州市 / 海兴县 / …) of a region column as a SQL expression, from `fromLevel`
 * (1 province … 5 village) down to the region itself: a list reads it with its page, not in a second
 * query. The ancestors' codes are the code's prefixes (region-codes.ts).
 */
export function regionPathOf(column: string, fromLevel = 1) {
  const code = sql.ref(column);
  return sql<string>`(SELECT string_agg(r.name, ' / ' ORDER BY length(r.code)) FROM regions r
    WHERE r.code IN (left(${code}, 2), left(${code}, 4), left(${code}, 6), left(${code}, 9), ${code}) AND r.level >= ${sql.lit(fromLevel)})`;
}

/**
 * Counts rows of a region-coded table per child region of `parentCode`, by code prefix.
 * `childCodeLength` is the length of the children's codes (4, 6, 9 or 12).
 */
async function countPerChild(db: Executor, table: 'cadres' | 'points', parentCode: string, childCodeLength: number) {
  const rows = await db
    .selectFrom(table)
    .select([sql<string>`left(region_code, ${sql.lit(childCodeLength)})`.as('code'), sql<number>`count(*)::int`.as('count')])
    .where(inRegionSubtree('region_code', parentCode))
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((row) => [row.code, row.count]));
}

/** Cadre and point counts per child of a region. */
export async function countPerChildRegion(db: Executor, parentCode: string, childCodeLength: number) {
  const [cadres, points] = await Promise.all([
    countPerChild(db, 'cadres', parentCode, childCodeLength),
    countPerChild(db, 'points', parentCode, childCodeLength),
  ]);
  return { cadres, points };
}

/** Cadre and point counts in one region's subtree. */
export async function countInRegion(db: Executor, code: string) {
  const [cadres, points] = await Promise.all([
    db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('count')).where(inRegionSubtree('region_code', code)).executeTakeFirstOrThrow(),
    db.selectFrom('points').select(sql<number>`count(*)::int`.as('count')).where(inRegionSubtree('region_code', code)).executeTakeFirstOrThrow(),
  ]);
  return { cadres: cadres.count, points: points.count };
}

export interface RegionSearch {
  scopeRegionCode: string;
  /** Normalised (Simplified, half-width) text to find in names. */
  text: string;
  /** Lower-case latin letters to match as pinyin or initials prefixes, when the query is latin. */
  latin: string | null;
  maxLevel: number;
  limit: number;
}

/** Regions in scope whose name contains the text, or whose pinyin/initials start with the latin query. */
export function searchRegions(db: Executor, search: RegionSearch) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'short_name', 'level'])
    .where(inRegionSubtree('code', search.scopeRegionCode))
    .where('level', '<=', search.maxLevel)
    .where((eb) =>
      search.latin
        ? eb.or([eb('pinyin', 'like', `${search.latin}%`), eb('initials', 'like', `${search.latin}%`)])
        : eb.or([eb('name', 'like', `%${escapeLike(search.text)}%`), eb('short_name', 'like', `%${escapeLike(search.text)}%`)]),
    )
    .orderBy('level')
    .orderBy('code')
    .limit(search.limit)
    .execute();
}

/** Number of regions loaded (0 before the geography is loaded). */
export async function countRegions(db: Executor): Promise<number> {
  const row = await db.selectFrom('regions').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return row.count;
}
