// SQL of field work at a point: the points a cadre is posted to with their visit figures, the
// household register, visits and visit coverage. Meetings and activities are in
// meeting-queries.ts, the diary in diary-queries.ts. Dates travel as 'YYYY-MM-DD' text.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { HouseholdsTable, VisitsTable } from '../../db/schema.ts';

export { isCadrePostedAt } from '../appeals/queries.ts';

export type HouseholdRecord = Selectable<HouseholdsTable>;

export async function findPoint(db: Executor, id: number) {
  return db.selectFrom('points').select(['id', 'name', 'type', 'region_code']).where('id', '=', id).executeTakeFirst();
}

/** The points a cadre is posted to (published postings and earlier programmes) with their households, those due by `weekEndsOn`, and those visited since `monthStart`. */
export async function listPostedPointsWithFigures(db: Executor, cadreId: number, dates: { weekEndsOn: string; monthStart: string; today: string }) {
  const { rows } = await sql<{ id: number; name: string; type: string; region_code: string; households: number; due_this_week: number; visited_this_month: number }>`
    SELECT p.id, p.name, p.type, p.region_code,
      (SELECT count(*)::int FROM households h WHERE h.point_id = p.id) AS households,
      (SELECT count(*)::int FROM households h WHERE h.point_id = p.id AND h.next_visit_on <= ${dates.weekEndsOn}::date) AS due_this_week,
      (SELECT count(DISTINCT v.household_id)::int FROM visits v
        WHERE v.point_id = p.id AND v.visited_on BETWEEN ${dates.monthStart}::date AND ${dates.today}::date) AS visited_this_month
    FROM points p
    WHERE p.id IN (SELECT point_id FROM postings WHERE cadre_id = ${cadreId} UNION SELECT point_id FROM prior_postings WHERE cadre_id = ${cadreId})
    ORDER BY p.region_code, p.id`.execute(db);
  return rows;
}

export async function findHouseholdByClientId(db: Executor, clientId: string): Promise<HouseholdRecord | undefined> {
  return db.selectFrom('households').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts a household unless its client id exists; returns the new id, or null for a duplicate. */
export async function insertHouseholdOnce(db: Executor, row: Insertable<HouseholdsTable>): Promise<number | null> {
  const inserted = await db.insertInto('households').values(row).onConflict((conflict) => conflict.column('client_id').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** Writes an edit if the household is still at `version` (and bumps it); returns whether it did. */
export async function updateHouseholdIfCurrent(db: Executor, id: number, version: number, changes: Updateable<HouseholdsTable>): Promise<boolean> {
  const result = await db
    .updateTable('households')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Recomputes when a household is next due (the rule of visit-plan.ts nextVisitDue, in SQL so that
 * late-synced visits count by their date): one cycle after its latest visit, `today` before any
 * visit, never without a cycle. A visit does not change the household's version: an edit made
 * offline must not conflict with a teammate's visit.
 */
export async function refreshNextVisit(db: Executor, householdId: number, today: string): Promise<void> {
  await sql`
    UPDATE households h SET next_visit_on = CASE
      WHEN h.visit_cycle_days IS NULL THEN NULL
      ELSE coalesce((SELECT max(v.visited_on) FROM visits v WHERE v.household_id = h.id) + h.visit_cycle_days, ${today}::date)
    END
    WHERE h.id = ${householdId}`.execute(db);
}

/** The register of a point (or one household of it) with each household's latest visit; `dueBy` keeps those due by that date. */
export async function listHouseholdRows(db: Executor, filter: { pointId?: number; householdId?: number; dueBy?: string }) {
  let query = db
    .selectFrom('households as h')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('visits as v')
          .select([sql<string>`v.visited_on::text`.as('visited_on'), 'v.outcome'])
          .whereRef('v.household_id', '=', 'h.id')
          .orderBy('v.visited_on', 'desc')
          .orderBy('v.id', 'desc')
          .limit(1)
          .as('lv'),
      (join) => join.onTrue(),
    )
    .select([
      'h.id',
      'h.client_id',
      'h.point_id',
      'h.region_code',
      'h.kind',
      'h.head_name',
      'h.address',
      'h.phone',
      'h.members',
      'h.flags',
      'h.note',
      'h.visit_cycle_days',
      sql<string | null>`h.next_visit_on::text`.as('next_visit_on'),
      'h.version',
      'h.updated_at',
      'lv.visited_on as last_visited_on',
      'lv.outcome as last_outcome',
      sql<number>`(SELECT count(*)::int FROM visits c WHERE c.household_id = h.id)`.as('visit_count'),
    ]);
  if (filter.pointId !== undefined) query = query.where('h.point_id', '=', filter.pointId);
  if (filter.householdId !== undefined) query = query.where('h.id', '=', filter.householdId);
  if (filter.dueBy) query = query.where(sql<boolean>`h.next_visit_on <= ${filter.dueBy}::date`);
  return query.orderBy(sql`h.next_visit_on NULLS LAST`).orderBy('h.id').execute();
}

export type HouseholdRow = Awaited<ReturnType<typeof listHouseholdRows>>[number];

export async function findVisitByClientId(db: Executor, clientId: string) {
  return db.selectFrom('visits').select(['id', 'household_id', 'point_id']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts a visit unless its client id exists; returns the new id, or null for a duplicate. */
export async function insertVisitOnce(db: Executor, row: Insertable<VisitsTable>): Promise<number | null> {
  const inserted = await db.insertInto('visits').values(row).onConflict((conflict) => conflict.column('client_id').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** Households of a point, those visited at least once in [from, to], and the visits by outcome. */
export async function findVisitCoverage(db: Executor, pointId: number, from: string, to: string) {
  const { rows } = await sql<{ households: number; visited: number; received: number; nobody_home: number; refused: number }>`
    SELECT
      (SELECT count(*)::int FROM households WHERE point_id = ${pointId}) AS households,
      count(DISTINCT v.household_id)::int AS visited,
      (count(*) FILTER (WHERE v.outcome = 'received'))::int AS received,
      (count(*) FILTER (WHERE v.outcome = 'nobody_home'))::int AS nobody_home,
      (count(*) FILTER (WHERE v.outcome = 'refused'))::int AS refused
    FROM visits v
    WHERE v.point_id = ${pointId} AND v.visited_on BETWEEN ${from}::date AND ${to}::date`.execute(db);
  return rows[0]!;
}
