// SQL for the contact-point roster.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { PointType } from '../../db/schema.ts';
import { matchesName } from '../../db/name-search.ts';
import { pageBounds, selectPageWithTotal } from '../../db/page-with-total.ts';
import { regionPathOf } from '../regions/queries.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import type { NeedTag } from '../../lib/roster-vocabulary.ts';
import type { SearchText } from '../../lib/search-text.ts';

export interface PointFilter {
  regionCode: string;
  type?: PointType;
  need?: NeedTag;
  minSeverity?: number;
  /** At least one published posting or earlier-programme posting is at the point (true), or none (false). */
  assigned?: boolean;
  search?: SearchText | null;
}

// Every row of `postings` is a published posting; prior postings are locked into the matching.
const pointIsAssigned = sql`(EXISTS (SELECT 1 FROM postings po WHERE po.point_id = points.id) OR EXISTS (SELECT 1 FROM prior_postings pa WHERE pa.point_id = points.id))`;

const severityColumn: Record<NeedTag, string> = { disorder: 'points.disorder_severity', difficulty: 'points.difficulty_severity', poverty: 'points.poverty_severity' };

/** The WHERE conditions of a point filter, reusable by lists and exports. */
export function pointFilterConditions(filter: PointFilter): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [inRegionSubtree('points.region_code', filter.regionCode)];
  // Small vocabularies are written into the statement (see inRegionSubtree and the cadres' filter).
  if (filter.type) conditions.push(sql`points.type = ${sql.lit(filter.type)}`);
  if (filter.need) conditions.push(sql`${sql.ref(severityColumn[filter.need])} >= ${sql.lit(filter.minSeverity ?? 1)}`);
  else if (filter.minSeverity) conditions.push(sql`greatest(points.disorder_severity, points.difficulty_severity, points.poverty_severity) >= ${sql.lit(filter.minSeverity)}`);
  if (filter.assigned !== undefined) conditions.push(filter.assigned ? pointIsAssigned : sql`NOT ${pointIsAssigned}`);
  if (filter.search) conditions.push(matchesName(filter.search, { table: 'points', codeColumn: 'external_id' }));
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

// Each sort as its key columns; pinyin in byte order ("C"), the order of points_name_order_idx (0009).
const sortKeys = {
  name: { columns: ['pinyin', 'id'], order: (table: string) => sql`${sql.ref(`${table}.pinyin`)} COLLATE "C", ${sql.ref(`${table}.id`)}` },
  severity: {
    columns: ['disorder_severity', 'difficulty_severity', 'poverty_severity', 'id'],
    order: (table: string) =>
      sql`(${sql.ref(`${table}.disorder_severity`)} + ${sql.ref(`${table}.difficulty_severity`)} + ${sql.ref(`${table}.poverty_severity`)}) DESC, ${sql.ref(`${table}.id`)}`,
  },
  population: { columns: ['population', 'id'], order: (table: string) => sql`${sql.ref(`${table}.population`)} DESC, ${sql.ref(`${table}.id`)}` },
} as const;

// The columns a list shows; a point's page and the exports also read its notes and profile.
const listColumns = [
  'points.id',
  'points.external_id',
  'points.name',
  'points.type',
  'points.region_code',
  'points.disorder_severity',
  'points.difficulty_severity',
  'points.poverty_severity',
  'points.households',
  'points.population',
  'points.min_cadres',
  'points.max_cadres',
  'points.version',
] as const;

function selectPoints(db: Executor) {
  return db.selectFrom('points').select([...listColumns, 'points.need_notes', 'points.profile']);
}

/** A row of the list as selectPoints reads it. */
type PointRecord = Omit<Awaited<ReturnType<ReturnType<typeof selectPoints>['execute']>>[number], 'need_notes' | 'profile'> & { region_path: string };

/** One page of points matching the filter, and how many match in all (an exact count), in one statement. */
export function listPoints(db: Executor, filter: PointFilter, page: { offset: number; limit: number; sort: keyof typeof sortKeys }) {
  const where = pointFilterConditions(filter);
  const bounds = pageBounds(page);
  const sort = sortKeys[page.sort];
  // The page is chosen on the sort keys alone (index-only, migration 0009); then its rows are read.
  const pageKeys = db
    .selectFrom('points')
    .select(sort.columns.map((column) => `points.${column}` as const))
    .where(where)
    .orderBy(sort.order('points'))
    .offset(bounds.offset)
    .limit(bounds.limit);
  return selectPageWithTotal<PointRecord>(db, {
    bounds,
    count: db.selectFrom('points').select(sql<number>`count(*)::int`.as('count')).where(where),
    page: db
      .selectFrom('points')
      .select([...listColumns, regionPathOf('points.region_code', 2).as('region_path')])
      .innerJoin(pageKeys.as('page'), 'page.id', 'points.id')
      .orderBy(sort.order('page')),
  });
}

/** Points matching a filter in id order, a batch at a time (exports). */
export async function* iteratePoints(db: Executor, filter: PointFilter, batchSize = 5000) {
  let afterId = 0;
  for (;;) {
    const rows = await selectPoints(db).where(pointFilterConditions(filter)).where('points.id', '>', afterId).orderBy('points.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** One point. */
export function findPoint(db: Executor, id: number) {
  return selectPoints(db).where('points.id', '=', id).executeTakeFirst();
}

/** Prior-programme cadres posted at a point. */
export function listPriorPostingsAtPoint(db: Executor, pointId: number) {
  return db
    .selectFrom('prior_postings')
    .innerJoin('cadres', 'cadres.id', 'prior_postings.cadre_id')
    .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
    .select(['prior_postings.id', 'prior_postings.programme', 'cadres.id as cadre_id', 'cadres.name as cadre_name', 'org_units.name as unit_name'])
    .where('prior_postings.point_id', '=', pointId)
    .orderBy('prior_postings.id')
    .execute();
}

export interface PointChanges {
  name?: string;
  type?: PointType;
  disorder_severity?: number;
  difficulty_severity?: number;
  poverty_severity?: number;
  need_notes?: string;
  households?: number;
  population?: number;
  profile?: string;
  min_cadres?: number;
  max_cadres?: number;
  search_name?: string;
  pinyin?: string;
  initials?: string;
}

/** Applies changes if the version still matches; returns how many rows changed (0 = stale). */
export async function updatePointIfVersion(db: Executor, id: number, version: number, changes: PointChanges): Promise<number> {
  const result = await db
    .updateTable('points')
    .set((eb) => ({ ...(changes as object), version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
