// SQL of meetings (座谈会, 协调议事), their decisions (tasks with progress, or appeals) and the
// residents' activities a team joined.
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ActivitiesTable, MeetingDecisionsTable, MeetingsTable } from '../../db/schema.ts';

export async function findMeetingByClientId(db: Executor, clientId: string) {
  return db.selectFrom('meetings').select(['id', 'point_id']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts a meeting unless its client id exists; returns the new id, or null for a duplicate. */
export async function insertMeetingOnce(db: Executor, row: Insertable<MeetingsTable>): Promise<number | null> {
  const inserted = await db.insertInto('meetings').values(row).onConflict((conflict) => conflict.column('client_id').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** Inserts the decisions not there yet (by client id); returns how many were new. */
export async function insertDecisionsOnce(db: Executor, rows: Insertable<MeetingDecisionsTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insertInto('meeting_decisions').values(rows).onConflict((conflict) => conflict.column('client_id').doNothing()).returning('id').execute();
  return inserted.length;
}

const decisionColumns = [
  'd.id',
  'd.client_id',
  'd.meeting_id',
  'd.text',
  'd.kind',
  'd.owner_name',
  sql<string | null>`d.due_on::text`.as('due_on'),
  'd.progress',
  'd.version',
  'd.appeal_id',
  'a.tracking_code',
  'a.state as appeal_state',
  'a.title as appeal_title',
] as const;

/** A decision by its client id, with its meeting's point (for authorization) and its appeal. */
export async function findDecisionByClientId(db: Executor, clientId: string) {
  return db
    .selectFrom('meeting_decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .leftJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select([...decisionColumns, 'm.point_id', 'm.region_code'])
    .where('d.client_id', '=', clientId)
    .executeTakeFirst();
}

/** Sets a task's progress if the decision is still at `version`; returns whether it did. */
export async function updateDecisionProgressIfCurrent(db: Executor, id: number, version: number, progress: number): Promise<boolean> {
  const result = await db
    .updateTable('meeting_decisions')
    .set({ progress, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('kind', '=', 'task')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The decisions of a meeting with what became of each (a task's progress, an appeal's case). */
export async function listDecisions(db: Executor, meetingId: number) {
  return db
    .selectFrom('meeting_decisions as d')
    .leftJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select(decisionColumns)
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.id')
    .execute();
}

export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** The meetings of a point, newest first, with counts of their decisions. */
export async function listMeetingsOfPoint(db: Executor, pointId: number) {
  return db
    .selectFrom('meetings as m')
    .select([
      'm.id',
      'm.client_id',
      'm.point_id',
      'm.kind',
      sql<string>`m.held_on::text`.as('held_on'),
      'm.title',
      'm.attendee_count',
      sql<number>`(SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = m.id)`.as('decisions'),
      sql<number>`(SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = m.id AND d.kind = 'task')`.as('tasks'),
      sql<number>`(SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = m.id AND d.kind = 'task' AND d.progress = 100)`.as('tasks_done'),
      sql<number>`(SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = m.id AND d.kind = 'appeal')`.as('appeals'),
    ])
    .where('m.point_id', '=', pointId)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
}

/** One meeting with its point's name and who recorded it. */
export async function findMeeting(db: Executor, id: number) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('points as p', 'p.id', 'm.point_id')
    .leftJoin('accounts as ac', 'ac.id', 'm.account_id')
    .select([
      'm.id',
      'm.client_id',
      'm.point_id',
      'p.name as point_name',
      'm.region_code',
      'm.kind',
      sql<string>`m.held_on::text`.as('held_on'),
      'm.title',
      'm.agenda',
      'm.organisations',
      'm.attendee_count',
      'm.minutes',
      'ac.display_name as recorded_by',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function findActivityByClientId(db: Executor, clientId: string) {
  return db.selectFrom('activities').select(['id', 'point_id']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts an activity unless its client id exists; returns the new id, or null for a duplicate. */
export async function insertActivityOnce(db: Executor, row: Insertable<ActivitiesTable>): Promise<number | null> {
  const inserted = await db.insertInto('activities').values(row).onConflict((conflict) => conflict.column('client_id').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** The residents' activities joined at a point, newest first. */
export async function listActivitiesOfPoint(db: Executor, pointId: number) {
  return db
    .selectFrom('activities as t')
    .leftJoin('accounts as ac', 'ac.id', 't.account_id')
    .select(['t.id', 't.client_id', 't.point_id', sql<string>`t.held_on::text`.as('held_on'), 't.title', 't.note', 'ac.display_name as recorded_by'])
    .where('t.point_id', '=', pointId)
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
}
