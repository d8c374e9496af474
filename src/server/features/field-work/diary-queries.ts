// SQL of the cadre's diary (民情日记): one entry per account and day, and the unit head's plain
// counts of self-reported days on site.
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DiaryEntriesTable } from '../../db/schema.ts';

const entryColumns = [
  'e.id',
  'e.client_id',
  'e.account_id',
  sql<string>`e.entry_on::text`.as('entry_on'),
  'e.is_on_site',
  'e.point_id',
  'p.name as point_name',
  'e.region_code',
  'e.text',
  'e.version',
  'e.updated_at',
] as const;

function entries(db: Executor) {
  return db.selectFrom('diary_entries as e').leftJoin('points as p', 'p.id', 'e.point_id').select(entryColumns);
}

export type DiaryRow = NonNullable<Awaited<ReturnType<typeof findDiaryEntryByClientId>>>;

export async function findDiaryEntryByClientId(db: Executor, clientId: string) {
  return entries(db).where('e.client_id', '=', clientId).executeTakeFirst();
}

/** The account's entry of one day, if any. */
export async function findDiaryEntryOfDay(db: Executor, accountId: number, entryOn: string) {
  return entries(db).where('e.account_id', '=', accountId).where(sql<boolean>`e.entry_on = ${entryOn}::date`).executeTakeFirst();
}

/** Inserts an entry unless its client id or its (account, day) exists; returns the new id, or null. */
export async function insertDiaryEntryOnce(db: Executor, row: Insertable<DiaryEntriesTable>): Promise<number | null> {
  const inserted = await db.insertInto('diary_entries').values(row).onConflict((conflict) => conflict.doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** Rewrites an entry if it is still at `version`; returns whether it did. */
export async function updateDiaryEntryIfCurrent(db: Executor, id: number, version: number, changes: { is_on_site: boolean; point_id: number | null; region_code: string; text: string }): Promise<boolean> {
  const result = await db
    .updateTable('diary_entries')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The account's own entries in [from, to], oldest first. */
export async function listDiaryEntries(db: Executor, accountId: number, from: string, to: string) {
  return entries(db)
    .where('e.account_id', '=', accountId)
    .where(sql<boolean>`e.entry_on BETWEEN ${from}::date AND ${to}::date`)
    .orderBy('e.entry_on')
    .execute();
}

/** The cadre behind an account: their unit, seat region and whether they head (lead) that unit. */
export async function findCadre(db: Executor, cadreId: number) {
  return db.selectFrom('cadres').select(['id', 'name', 'unit_id', 'region_code', 'is_leader']).where('id', '=', cadreId).executeTakeFirst();
}

export async function findUnit(db: Executor, unitId: number) {
  return db.selectFrom('org_units').select(['id', 'name', 'region_code']).where('id', '=', unitId).executeTakeFirst();
}

/**
 * Days on site and days with an entry in [from, to] per cadre of a unit who is posted somewhere or
 * wrote in the period, in name order (pinyin): plain counts, never a ranking.
 */
export async function countUnitDiaryDays(db: Executor, unitId: number, from: string, to: string) {
  const { rows } = await sql<{ cadre_id: number; name: string; days_on_site: number; days_recorded: number }>`
    SELECT c.id AS cadre_id, c.name,
      (count(DISTINCT e.entry_on) FILTER (WHERE e.is_on_site))::int AS days_on_site,
      count(DISTINCT e.entry_on)::int AS days_recorded
    FROM cadres c
    LEFT JOIN diary_entries e ON e.cadre_id = c.id AND e.entry_on BETWEEN ${from}::date AND ${to}::date
    WHERE c.unit_id = ${unitId}
      AND (e.id IS NOT NULL OR EXISTS (SELECT 1 FROM postings s WHERE s.cadre_id = c.id) OR EXISTS (SELECT 1 FROM prior_postings s WHERE s.cadre_id = c.id))
    GROUP BY c.id, c.name, c.pinyin
    ORDER BY c.pinyin, c.name, c.id`.execute(db);
  return rows;
}
