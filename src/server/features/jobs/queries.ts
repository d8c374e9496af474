// SQL of the job queue: enqueue, claim one (FOR UPDATE SKIP LOCKED), finish, recover after a crash.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** Queues a job. */
export async function enqueueJob(db: Executor, kind: string, payload: unknown): Promise<number> {
  const row = await db.insertInto('jobs').values({ kind, payload: JSON.stringify(payload) }).returning(['id']).executeTakeFirstOrThrow();
  return row.id;
}

/** Claims the oldest queued job, or nothing. */
export async function claimNextJob(db: Executor) {
  const { rows } = await sql<{ id: number; kind: string; payload: unknown; attempts: number }>`
    UPDATE jobs SET status = 'running', started_at = now(), attempts = attempts + 1
    WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id, kind, payload, attempts`.execute(db);
  return rows[0];
}

/** Marks a job done or failed. */
export async function finishJob(db: Executor, id: number, error: string | null) {
  await db
    .updateTable('jobs')
    .set({ status: error ? 'failed' : 'done', error, finished_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Jobs left running by a process that died go back to the queue (one server process owns the queue). */
export async function requeueInterruptedJobs(db: Executor): Promise<{ id: number; kind: string; payload: unknown }[]> {
  const { rows } = await sql<{ id: number; kind: string; payload: unknown }>`
    UPDATE jobs SET status = 'queued' WHERE status = 'running' AND attempts < 3 RETURNING id, kind, payload`.execute(db);
  await sql`UPDATE jobs SET status = 'failed', error = 'interrupted too often' WHERE status = 'running'`.execute(db);
  return rows;
}
