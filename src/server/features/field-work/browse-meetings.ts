// Reading meetings and activities of a point: the list, and one meeting with what became of each
// decision (a task's progress, an appeal's case with its tracking code and state).
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { findMeeting, listActivitiesOfPoint, listDecisions, listMeetingsOfPoint } from './meeting-queries.ts';
import { requireReadablePoint } from './point-access.ts';
import { presentDecision } from './present-field-records.ts';
import { localDate } from './visit-plan.ts';

export async function listPointMeetings(options: { db: Executor; actor: Actor; pointId: number }) {
  const { point } = await requireReadablePoint(options.db, options.actor, options.pointId);
  const rows = await listMeetingsOfPoint(options.db, point.id);
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    pointId: row.point_id,
    kind: row.kind,
    heldOn: row.held_on,
    title: row.title,
    attendeeCount: row.attendee_count,
    decisions: { total: row.decisions, tasks: row.tasks, tasksDone: row.tasks_done, appeals: row.appeals },
  }));
}

/** One meeting; 404 when it is missing or its point is not the caller's to see. */
export async function getMeeting(options: { db: Executor; actor: Actor; id: number; now?: Date }) {
  const { db, actor } = options;
  const meeting = await findMeeting(db, options.id);
  if (!meeting) throw notFound('会议', 'Meeting');
  try {
    await requireReadablePoint(db, actor, meeting.point_id);
  } catch (error) {
    // The meeting, not the point, is what was asked for.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('会议', 'Meeting');
    throw error;
  }
  const today = localDate(options.now ?? new Date());
  const decisions = await listDecisions(db, meeting.id);
  return {
    id: meeting.id,
    clientId: meeting.client_id,
    pointId: meeting.point_id,
    pointName: meeting.point_name,
    kind: meeting.kind,
    heldOn: meeting.held_on,
    title: meeting.title,
    agenda: meeting.agenda,
    organisations: meeting.organisations,
    attendeeCount: meeting.attendee_count,
    minutes: meeting.minutes,
    recordedBy: meeting.recorded_by,
    decisions: decisions.map((decision) => presentDecision(decision, today)),
  };
}

export async function listPointActivities(options: { db: Executor; actor: Actor; pointId: number }) {
  const { point } = await requireReadablePoint(options.db, options.actor, options.pointId);
  const rows = await listActivitiesOfPoint(options.db, point.id);
  return rows.map((row) => ({ id: row.id, clientId: row.client_id, pointId: row.point_id, heldOn: row.held_on, title: row.title, note: row.note, recordedBy: row.recorded_by }));
}
