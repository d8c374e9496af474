// Runs queued background jobs one at a time in this process, polling the jobs table.
import type { Database } from '../../db/database.ts';
import { claimNextJob, finishJob, requeueInterruptedJobs } from './queries.ts';

export type JobHandler = (options: { database: Database; payload: unknown; jobId: number }) => Promise<void>;

export interface JobRunner {
  /** Wakes the runner now instead of at the next poll. */
  poke(): void;
  /** Resolves when the queue is empty and nothing runs (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts polling; handlers are looked up by job kind. */
export async function startJobRunner(options: {
  database: Database;
  handlers: Record<string, JobHandler>;
  onRecover?: (jobs: { id: number; kind: string; payload: unknown }[]) => Promise<void>;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}): Promise<JobRunner> {
  const { database, handlers } = options;
  const log = options.log ?? (() => undefined);
  const recovered = await requeueInterruptedJobs(database.db);
  if (recovered.length) {
    log(`re-queued ${recovered.length} interrupted job(s)`);
    await options.onRecover?.(recovered);
  }
  let isStopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const drain = async () => {
    for (;;) {
      if (isStopped) return;
      const job = await claimNextJob(database.db);
      if (!job) return;
      let error: string | null = null;
      try {
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler({ database, payload: job.payload, jobId: job.id });
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
        log(`job ${job.id} (${job.kind}) failed`, caught);
      }
      await finishJob(database.db, job.id, error);
    }
  };
  const tick = () => {
    if (isStopped || running) return;
    running = drain()
      .catch((caught) => log('job runner error', caught))
      .finally(() => {
        running = null;
        const waiters = idleWaiters;
        idleWaiters = [];
        waiters.forEach((resolve) => resolve());
        if (!isStopped) timer = setTimeout(tick, options.pollMs ?? 1000);
      });
  };
  timer = setTimeout(tick, 0);
  const poke = () => {
    clearTimeout(timer);
    tick();
  };
  return {
    poke,
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        // A drain already under way resolves the waiter when it ends; else start one now.
        if (!running) poke();
      });
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
