// SQL of the appeal measures: one pass over the period's cases with conditional counts, grouped by
// region prefix, unit or point; the names of the groups; the overdue list. Definitions: docs/appeal-measures.md.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { AppealStateName } from '../../db/schema.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import type { MeasureCounts } from './measures.ts';
import { localDate } from './working-calendar.ts';

/** How the cases are grouped: by the region code's first `codeLength` digits, the current or first unit, or the point. */
export type MeasureGrouping = { kind: 'region'; codeLength: number } | { kind: 'unit' } | { kind: 'first_unit' } | { kind: 'point' };

export interface MeasureCohort {
  /** Region subtree (NBS code prefix) the cases lie in. */
  regionCode: string;
  /** created_at ≥ start and < end. */
  start: Date;
  end: Date;
}

const closedState: AppealStateName = 'closed';
const mergedState: AppealStateName = 'merged';
/** States in which a case is no longer worked on: its clock has stopped. */
const finishedStates: AppealStateName[] = [closedState, mergedState];

const list = (values: string[]) => sql.join(values.map((value) => sql.lit(value)));

/**
 * The bit of `appeals.measure_flags` that marks a case as counted in each count. The conditions
 * themselves are the column's definition in migration 0007 (keep the two in step); they are
 * spelled out in docs/appeal-measures.md.
 */
export const measureBits: Record<Exclude<keyof MeasureCounts, 'cases'>, number> = {
  callbacks: 1,
  contacted: 2,
  solved: 4,
  partlySolved: 8,
  rated: 16,
  satisfied: 32,
  closed: 64,
  closedOnTime: 128,
  closedOrReopened: 256,
  reopened: 512,
  dispatched: 1024,
  returned: 2048,
  answeredDirectly: 4096,
  badRated: 8192,
  badRatedRectified: 16384,
};
/** Merged cases are left out of every count; theirs is the highest bit, so `flags < mergedBit` keeps the rest (a range the planner can estimate). */
const mergedBit = 32768;

function groupKey(grouping: MeasureGrouping): RawBuilder<unknown> {
  switch (grouping.kind) {
    case 'region':
      return grouping.codeLength >= 12 ? sql`region_code` : sql`substr(region_code, 1, ${sql.lit(grouping.codeLength)})`;
    case 'unit':
      return sql`handling_unit_id`;
    case 'first_unit':
      return sql`first_unit_id`;
    case 'point':
      return sql`point_id`;
  }
}

/**
 * The measure counts of a cohort per group, in one pass over the index `appeals_measures_idx`
 * (merged cases left out). Regions are few: the cases are first counted per (group, bits), a few
 * hundred rows at province scale, and those are split into the counts. Units and points are many,
 * each with its own mix of bits, so there each case's bits are tested directly.
 */
export async function countAppealMeasures(
  db: Executor,
  cohort: MeasureCohort,
  grouping: MeasureGrouping,
  options: { useRollup?: boolean } = {},
): Promise<{ key: string | null; counts: MeasureCounts }[]> {
  const casesBetween = (start: Date, end: Date) => sql`
    FROM appeals
    WHERE created_at >= ${start} AND created_at < ${end}
      AND ${inRegionSubtree('region_code', cohort.regionCode)}
      AND measure_flags < ${sql.lit(mergedBit)}`;
  const cohortCases = casesBetween(cohort.start, cohort.end);
  const bits = Object.entries(measureBits);
  const months = options.useRollup === false ? null : rollupMonths(cohort, grouping);
  const byFlags = months
    ? sql`
        SELECT substr(county_code, 1, ${sql.lit(rollupKeyLength(grouping))}) AS key, measure_flags AS flags, sum(cases) AS cases
          FROM appeal_measure_months
          WHERE month >= ${months.first} AND month < ${months.end} AND ${inRegionSubtree('county_code', cohort.regionCode)} AND measure_flags < ${sql.lit(mergedBit)}
          GROUP BY 1, 2
        UNION ALL
        SELECT substr(county_code, 1, ${sql.lit(rollupKeyLength(grouping))}), measure_flags, sum(delta)
          FROM appeal_measure_deltas
          WHERE month >= ${months.first} AND month < ${months.end} AND ${inRegionSubtree('county_code', cohort.regionCode)} AND measure_flags < ${sql.lit(mergedBit)}
          GROUP BY 1, 2
        UNION ALL
        SELECT ${groupKey(grouping)}, measure_flags, count(*) ${casesBetween(cohort.start, months.firstStart)} GROUP BY 1, 2
        UNION ALL
        SELECT ${groupKey(grouping)}, measure_flags, count(*) ${casesBetween(months.endStart, cohort.end)} GROUP BY 1, 2`
    : sql`SELECT ${groupKey(grouping)} AS key, measure_flags AS flags, count(*) AS cases ${cohortCases} GROUP BY 1, 2`;
  const query =
    grouping.kind === 'region'
      ? sql<MeasureCounts & { key: string | null }>`
        SELECT key, sum(cases)::int AS cases,
          ${sql.join(bits.map(([name, bit]) => sql`coalesce(sum(cases) FILTER (WHERE flags & ${sql.lit(bit)} <> 0), 0)::int AS ${sql.ref(name)}`))}
        FROM (${byFlags}) AS by_flags
        GROUP BY by_flags.key
        HAVING sum(cases) <> 0
        ORDER BY by_flags.key`
      : sql<MeasureCounts & { key: string | null }>`
        SELECT ${groupKey(grouping)}::text AS key, count(*)::int AS cases,
          ${sql.join(bits.map(([name, bit]) => sql`count(*) FILTER (WHERE measure_flags & ${sql.lit(bit)} <> 0)::int AS ${sql.ref(name)}`))}
        ${cohortCases}
        GROUP BY ${groupKey(grouping)}
        ORDER BY ${groupKey(grouping)}`;
  // Compiling these few small expressions (JIT) took longer than it saved (150–300 ms at 2 million
  // cases): off for this query only, which needs a transaction for the setting to end with it.
  const run = async (tx: Executor) => {
    await sql`SET LOCAL jit = off`.execute(tx);
    return query.execute(tx);
  };
  const result = db.isTransaction ? await run(db) : await (db as Db).transaction().execute(run);
  return result.rows.map(({ key, ...counts }) => ({ key, counts }));
}

/** The rollup is kept per county (the first six digits): it serves groupings by province, city or county of a cohort at most that deep. */
const rollupCodeLength = 6;

function rollupKeyLength(grouping: MeasureGrouping): number {
  return grouping.kind === 'region' ? grouping.codeLength : rollupCodeLength;
}

function monthStart(month: string): Date {
  return new Date(`${month}T00:00:00+08:00`);
}

/**
 * The whole months of a cohort that appeal_measure_months answers (migration 0010), or null when
 * there is none or the grouping is finer than a county: the months [first, end) as dates and their
 * bounds as instants; the days before `firstStart` and from `endStart` are read from the cases.
 */
export function rollupMonths(cohort: MeasureCohort, grouping: MeasureGrouping): { first: string; end: string; firstStart: Date; endStart: Date } | null {
  if (grouping.kind !== 'region' || grouping.codeLength > rollupCodeLength || cohort.regionCode.length > rollupCodeLength) return null;
  const startDay = localDate(cohort.start);
  const endDay = localDate(cohort.end);
  const startMonth = `${startDay.slice(0, 7)}-01`;
  let first = startMonth;
  if (startDay !== startMonth || monthStart(startMonth).getTime() !== cohort.start.getTime()) {
    const [year, month] = startDay.split('-').map(Number) as [number, number];
    first = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  }
  const end = `${endDay.slice(0, 7)}-01`;
  if (first >= end) return null;
  return { first, end, firstStart: monthStart(first), endStart: monthStart(end) };
}

/**
 * Moves the measure deltas the triggers on appeals logged into the monthly rollup, in one
 * transaction (each delta exactly once, also when two processes fold at the same time); returns
 * how many deltas it moved.
 */
export async function foldAppealMeasureDeltas(db: Executor): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (DELETE FROM appeal_measure_deltas RETURNING month, county_code, measure_flags, delta),
    summed AS (SELECT month, county_code, measure_flags, sum(delta)::int AS delta FROM moved GROUP BY 1, 2, 3),
    applied AS (
      INSERT INTO appeal_measure_months AS m (month, county_code, measure_flags, cases)
      SELECT month, county_code, measure_flags, delta FROM summed WHERE delta <> 0
      ON CONFLICT (month, county_code, measure_flags) DO UPDATE SET cases = m.cases + excluded.cases
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM applied)::int AS applied`.execute(db);
  return rows[0]?.moved ?? 0;
}

/** Display names of the groups: every child region of `regionCode` (the region itself at village level), or the units or points named by `keys`. */
export async function measureGroupNames(db: Executor, grouping: MeasureGrouping, regionCode: string, keys: (string | null)[]): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null).map(Number);
  let rows: { key: string; name: string }[] = [];
  if (grouping.kind === 'region') {
    const where = grouping.codeLength > regionCode.length ? sql`parent_code = ${regionCode}` : sql`code = ${regionCode}`;
    rows = (await sql<{ key: string; name: string }>`SELECT code AS key, short_name AS name FROM regions WHERE ${where}`.execute(db)).rows;
  } else if (ids.length === 0) {
    rows = [];
  } else if (grouping.kind === 'point') {
    rows = (await sql<{ key: string; name: string }>`SELECT id::text AS key, name FROM points WHERE id = ANY(${ids}::int[])`.execute(db)).rows;
  } else {
    rows = (await sql<{ key: string; name: string }>`SELECT id::text AS key, name FROM org_units WHERE id = ANY(${ids}::int[])`.execute(db)).rows;
  }
  return new Map(rows.map((row) => [row.key, row.name]));
}

export interface OverdueFilter {
  regionCode: string;
  now: Date;
  unitId?: number;
  pointId?: number;
}

// Open (not closed, not merged) cases whose running deadline has passed; the state condition is
// the predicate of the partial index appeals_open_due_idx, which answers it without the table.
function overdueConditions(filter: OverdueFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`state NOT IN (${list(finishedStates)})`,
    sql`due_at < ${filter.now}`,
    inRegionSubtree('region_code', filter.regionCode),
  ];
  if (filter.unitId !== undefined) parts.push(sql`handling_unit_id = ${filter.unitId}`);
  if (filter.pointId !== undefined) parts.push(sql`point_id = ${filter.pointId}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** How many open cases in the filter are past their deadline. */
export async function countOverdueAppeals(db: Executor, filter: OverdueFilter): Promise<number> {
  const result = await sql<{ count: number }>`SELECT count(*)::int AS count FROM appeals WHERE ${overdueConditions(filter)}`.execute(db);
  return result.rows[0].count;
}

/** One page of overdue open cases, the longest overdue first, with their category, region and unit names. */
export async function listOverdueAppeals(db: Executor, filter: OverdueFilter, page: { offset: number; limit: number }) {
  // The page's ids come from the index alone; only those rows are read and joined.
  const result = await sql<{
    id: number;
    tracking_code: string;
    title: string;
    state: AppealStateName;
    category_code: string;
    category_name: string;
    region_code: string;
    region_name: string;
    handling_unit_id: number | null;
    handling_unit_name: string | null;
    due_at: Date;
  }>`
    WITH page AS (
      SELECT id FROM appeals WHERE ${overdueConditions(filter)} ORDER BY due_at, id OFFSET ${page.offset} LIMIT ${page.limit}
    )
    SELECT a.id, a.tracking_code, a.title, a.state, a.category_code, c.name_zh AS category_name,
           a.region_code, r.short_name AS region_name, a.handling_unit_id, u.name AS handling_unit_name, a.due_at
    FROM page
    JOIN appeals a ON a.id = page.id
    JOIN appeal_categories c ON c.code = a.category_code
    JOIN regions r ON r.code = a.region_code
    LEFT JOIN org_units u ON u.id = a.handling_unit_id
    ORDER BY a.due_at, a.id`.execute(db);
  return result.rows;
}
