// The measures (考核指标) of appeals: pure formulas over counted cases, and the use case that counts
// them for a region subtree and a period, grouped by region, unit or point. Definitions: docs/appeal-measures.md.
import type { Executor } from '../../db/database.ts';
import { scopedRegion, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import { countAppealMeasures, countOverdueAppeals, listOverdueAppeals, measureGroupNames, type MeasureGrouping } from './measures-queries.ts';

/** The case counts every measure is built from; each is a count of cases of one cohort (see the docs). */
export interface MeasureCounts {
  /** Cases created in the period, merged cases excluded: the cohort. */
  cases: number;
  /** A call-back was recorded (callback_at set). */
  callbacks: number;
  /** …and the resident was reached (callback_contacted). */
  contacted: number;
  /** …and said at the call-back the problem was solved (callback_solved = 'yes'). */
  solved: number;
  /** …partly solved (callback_solved = 'partly'). */
  partlySolved: number;
  /** A final rating exists (followup_rating, else callback_rating). */
  rated: number;
  /** The final rating is very satisfied, satisfied or basically satisfied. */
  satisfied: number;
  /** The case is closed now. */
  closed: number;
  /** …and was closed within its time limit (closed_on_time). */
  closedOnTime: number;
  /** Closed now or reopened at least once: the cases that were closed at some time. */
  closedOrReopened: number;
  /** Reopened at least once (reopen_count > 0). */
  reopened: number;
  /** Dispatched to a unit at least once (first_unit_id set). */
  dispatched: number;
  /** …and returned (退单) at least once (return_count > 0). */
  returned: number;
  /** Answered at intake without dispatch (answered_directly). */
  answeredDirectly: number;
  /** First call-back rated dissatisfied or very dissatisfied, or said not solved. */
  badRated: number;
  /** …and the rectification was done and followed up (was_rectified and followup_at set). */
  badRatedRectified: number;
}

export const measureCountNames = [
  'cases',
  'callbacks',
  'contacted',
  'solved',
  'partlySolved',
  'rated',
  'satisfied',
  'closed',
  'closedOnTime',
  'closedOrReopened',
  'reopened',
  'dispatched',
  'returned',
  'answeredDirectly',
  'badRated',
  'badRatedRectified',
] as const satisfies readonly (keyof MeasureCounts)[];

/** Every measure, in the order the API and the docs list them. */
export const measureKeys = [
  'response',
  'resolution',
  'partly_solved',
  'satisfaction',
  'on_time_closure',
  'reopen',
  'return',
  'direct_answer',
  'bad_rating_rectification',
] as const;
export type MeasureKey = (typeof measureKeys)[number];

export interface Measure {
  key: MeasureKey;
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when nothing was counted (denominator 0), never 0 by default. */
  rate: number | null;
}

// Each measure as (numerator, denominator) of the counts: the one place the formulas live.
const formulas: Record<MeasureKey, [keyof MeasureCounts, keyof MeasureCounts]> = {
  response: ['contacted', 'callbacks'],
  resolution: ['solved', 'callbacks'],
  partly_solved: ['partlySolved', 'callbacks'],
  satisfaction: ['satisfied', 'rated'],
  on_time_closure: ['closedOnTime', 'closed'],
  reopen: ['reopened', 'closedOrReopened'],
  return: ['returned', 'dispatched'],
  direct_answer: ['answeredDirectly', 'cases'],
  bad_rating_rectification: ['badRatedRectified', 'badRated'],
};

/** numerator / denominator, or null when the denominator is 0 (no case to judge by). */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** The measures of one set of counts. */
export function measuresFrom(counts: MeasureCounts): Measure[] {
  return measureKeys.map((key) => {
    const [numerator, denominator] = formulas[key];
    return { key, numerator: counts[numerator], denominator: counts[denominator], rate: rateOf(counts[numerator], counts[denominator]) };
  });
}

/** All counts 0. */
export function emptyCounts(): MeasureCounts {
  return Object.fromEntries(measureCountNames.map((name) => [name, 0])) as unknown as MeasureCounts;
}

/** The counts of several disjoint groups together (every count is a count of cases, so they add up). */
export function addCounts(groups: MeasureCounts[]): MeasureCounts {
  const total = emptyCounts();
  for (const counts of groups) for (const name of measureCountNames) total[name] += counts[name];
  return total;
}

// NBS code lengths by level: province 2, city 4, county 6, township 9, village 12.
const childCodeLength: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

/** Length of the codes of a region's children (a village is its own only group); undefined for an invalid code. */
export function childRegionCodeLength(regionCode: string): number | undefined {
  return childCodeLength[regionCode.length];
}

/** A period of whole local days (Asia/Shanghai, UTC+8, no daylight saving) as a half-open instant range. */
export function periodRange(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(`${to}T00:00:00+08:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start, end };
}

/** The local (Asia/Shanghai) date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The period a query means: both ends given, or the missing ones filled (from 1 January of `to`'s year, to today). */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  return { from, to };
}

/** Who may read the measures and the overdue list: admin, office and leader roles (`appeals.measures`). */
export function canViewMeasures(actor: Pick<Actor, 'role'>): boolean {
  return can(actor, 'appeals.measures');
}

export type MeasureGroupBy = 'region' | 'unit' | 'first_unit' | 'point';

export interface MeasuresQuery {
  regionCode?: string;
  from?: string;
  to?: string;
  groupBy: MeasureGroupBy;
}

/** The measures of the cases created in a period inside the actor's scope, in total and per group. */
export async function computeAppealMeasures(options: { db: Executor; actor: Actor; query: MeasuresQuery; now?: Date }) {
  const { db, actor, query } = options;
  if (!canViewMeasures(actor)) throw forbidden();
  const period = resolvePeriod(query, options.now ?? new Date());
  const regionCode = scopedRegion(actor, query.regionCode);
  const empty = { period, regionCode: query.regionCode ?? actor.regionCode, groupBy: query.groupBy, cases: 0, total: measuresFrom(emptyCounts()), groups: [] };
  if (!regionCode) return empty;
  const grouping: MeasureGrouping =
    query.groupBy === 'region' ? { kind: 'region', codeLength: childRegionCodeLength(regionCode) ?? regionCode.length } : { kind: query.groupBy };
  const { start, end } = periodRange(period.from, period.to);
  const rows = await countAppealMeasures(db, { regionCode, start, end }, grouping);
  const names = await measureGroupNames(db, grouping, regionCode, rows.map((row) => row.key));
  const byKey = new Map(rows.map((row) => [row.key, row.counts]));
  // Regions list every child, with or without cases, so a chart shows each county; units and points only those with cases.
  const keys = grouping.kind === 'region' ? [...new Set([...names.keys(), ...byKey.keys()])].sort(compareKeys) : rows.map((row) => row.key);
  const total = addCounts(rows.map((row) => row.counts));
  return {
    period,
    regionCode,
    groupBy: query.groupBy,
    cases: total.cases,
    total: measuresFrom(total),
    groups: keys.map((key) => {
      const counts = byKey.get(key) ?? emptyCounts();
      return { key, name: key === null ? null : (names.get(key) ?? null), cases: counts.cases, measures: measuresFrom(counts) };
    }),
  };
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** One page of the open cases past their deadline inside the actor's scope, most overdue first. */
export async function browseOverdueAppeals(options: {
  db: Executor;
  actor: Actor;
  query: { regionCode?: string; unitId?: number; pointId?: number; page: number; pageSize: number };
  now?: Date;
}) {
  const { db, actor, query } = options;
  if (!canViewMeasures(actor)) throw forbidden();
  const now = options.now ?? new Date();
  const regionCode = scopedRegion(actor, query.regionCode);
  if (!regionCode) return { total: 0, items: [] };
  const filter = { regionCode, now, unitId: query.unitId, pointId: query.pointId };
  const [total, rows] = await Promise.all([
    countOverdueAppeals(db, filter),
    listOverdueAppeals(db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      trackingCode: row.tracking_code,
      title: row.title,
      state: row.state,
      categoryCode: row.category_code,
      categoryName: row.category_name,
      regionCode: row.region_code,
      regionName: row.region_name,
      handlingUnitId: row.handling_unit_id,
      handlingUnitName: row.handling_unit_name,
      dueAt: row.due_at.toISOString(),
      overdueHours: Math.floor((now.getTime() - row.due_at.getTime()) / 3600_000),
    })),
  };
}
