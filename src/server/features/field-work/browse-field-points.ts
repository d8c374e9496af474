// Reading a point's field work: the caller's points with their visit figures, the household
// register with each household's latest visit and next due date, and visit coverage in a period.
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalidField } from '../../lib/errors.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { maySeeHouseholdPhones, mayRecordFieldWork } from './policy.ts';
import { requireReadablePoint } from './point-access.ts';
import { presentHousehold } from './present-field-records.ts';
import { findVisitCoverage, listHouseholdRows, listPostedPointsWithFigures } from './queries.ts';
import { endOfWeek, localDate, startOfMonth } from './visit-plan.ts';

/** A cadre's points (published postings and earlier programmes) with households, those due this week and those visited this month; empty for accounts that do not record field work. */
export async function listMyFieldPoints(options: { db: Executor; actor: Actor; now?: Date }) {
  const { db, actor } = options;
  if (!mayRecordFieldWork(actor)) return [];
  const today = localDate(options.now ?? new Date());
  const rows = await listPostedPointsWithFigures(db, actor.cadreId!, { today, weekEndsOn: endOfWeek(today), monthStart: startOfMonth(today) });
  const paths = await describeRegionPaths(db, rows.map((row) => row.region_code), { fromLevel: 2 });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    regionCode: row.region_code,
    regionPath: paths.get(row.region_code) ?? row.region_code,
    households: row.households,
    dueThisWeek: row.due_this_week,
    visitedThisMonth: row.visited_this_month,
  }));
}

/** The register of a point; `due: 'week'` keeps the households due by Sunday (overdue included). Phones in full for the team only. */
export async function listPointHouseholds(options: { db: Executor; actor: Actor; pointId: number; due?: 'week'; now?: Date }) {
  const { db, actor } = options;
  const { point, access } = await requireReadablePoint(db, actor, options.pointId);
  const today = localDate(options.now ?? new Date());
  const weekEndsOn = endOfWeek(today);
  const rows = await listHouseholdRows(db, { pointId: point.id, dueBy: options.due === 'week' ? weekEndsOn : undefined });
  const isPhoneVisible = maySeeHouseholdPhones(access);
  return { pointId: point.id, today, weekEndsOn, items: rows.map((row) => presentHousehold(row, { isPhoneVisible, today, dueBy: weekEndsOn })) };
}

/** Households visited at least once in [from, to] (default: this month to today), and the visits by outcome, refusals included. */
export async function getVisitCoverage(options: { db: Executor; actor: Actor; pointId: number; from?: string; to?: string; now?: Date }) {
  const { db, actor } = options;
  const { point } = await requireReadablePoint(db, actor, options.pointId);
  const today = localDate(options.now ?? new Date());
  const to = options.to ?? today;
  const from = options.from ?? startOfMonth(to);
  if (from > to) throw invalidField('from', '开始日期不能晚于结束日期', 'must not be after to');
  const figures = await findVisitCoverage(db, point.id, from, to);
  return {
    pointId: point.id,
    from,
    to,
    households: figures.households,
    visitedAtLeastOnce: figures.visited,
    rate: figures.households === 0 ? 0 : Math.round((figures.visited / figures.households) * 1000) / 1000,
    byOutcome: { received: figures.received, nobody_home: figures.nobody_home, refused: figures.refused },
  };
}
