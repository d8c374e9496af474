// Plan sessions: one long-lived worker thread keeps the last solved plan of a region in memory — its
// network, flow and prices (model/plan-session.ts) — so that a re-plan after cadres leave or join
// applies the change to it in place instead of building the province's network again (docs/solver.md,
// "Plan sessions"). Publishing a plan prepares its session in the background; a warm re-plan of the
// same region then goes to the session, which rebuilds itself (warm, as before) when the change is not
// one it can apply in place. Set DUNDIAN_PLAN_SESSIONS=0 to run every plan on a fresh worker instead.
import type { Worker } from 'node:worker_threads';
import { moduleBeside, startWorker } from '../../lib/worker-thread.ts';
import type { MatchingInput } from './model/matching-input.ts';
import type { PlanPotentials } from './model/warm-start.ts';
import type { PlanOutcome, Progress } from './solve-plan.ts';

export type PlanSessionRequest = { type: 'solve' | 'prepare'; id: number; key: string; input: MatchingInput; warmStart?: PlanPotentials };
export type PlanSessionReply =
  | { type: 'progress'; id: number; phase: string; fraction: number }
  | { type: 'done'; id: number; outcome: PlanOutcome }
  | { type: 'prepared'; id: number; inPlace: boolean }
  | { type: 'error'; id: number; message: string };

/** True unless plan sessions are switched off (DUNDIAN_PLAN_SESSIONS=0). */
export function planSessionsEnabled(): boolean {
  return process.env.DUNDIAN_PLAN_SESSIONS !== '0';
}

/** The key of a region's session. */
export function sessionKey(campaignId: number, regionCode: string): string {
  return `${campaignId}:${regionCode}`;
}

interface Pending {
  resolve: (reply: PlanSessionReply) => void;
  reject: (error: Error) => void;
  onProgress?: Progress;
}

const workerUrl = moduleBeside(import.meta.url, 'plan-session-worker');
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  worker = undefined;
  for (const [, request] of pending) request.reject(error);
  pending.clear();
}

/** The session worker, started on first use; it keeps the process alive only while a request is out. */
function sessionWorker(): Worker {
  if (worker) return worker;
  const started = startWorker(workerUrl);
  started.on('message', (reply: PlanSessionReply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    if (reply.type === 'progress') {
      request.onProgress?.(reply.phase, reply.fraction);
      return;
    }
    pending.delete(reply.id);
    if (pending.size === 0) started.unref();
    request.resolve(reply);
  });
  // A worker that died takes its requests with it; the next request starts a new one.
  started.on('error', (error) => {
    if (worker === started) failAll(error);
  });
  started.on('exit', (code) => {
    if (worker === started) failAll(new Error(`the plan session worker stopped with code ${code}`));
  });
  worker = started;
  return started;
}

function send(request: Omit<PlanSessionRequest, 'id'>, onProgress?: Progress): Promise<PlanSessionReply> {
  const target = sessionWorker();
  const id = nextId++;
  target.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    target.postMessage({ ...request, id } satisfies PlanSessionRequest);
  });
}

/** Solves a re-plan of a region in its session (built first, warm from `warmStart`, if the session holds another region). */
export async function solveInSession(key: string, input: MatchingInput, onProgress: Progress, warmStart?: PlanPotentials): Promise<PlanOutcome> {
  const reply = await send({ type: 'solve', key, input, warmStart }, onProgress);
  if (reply.type === 'error') throw new Error(reply.message);
  if (reply.type !== 'done') throw new Error(`the plan session answered ${reply.type}`);
  return reply.outcome;
}

/** Brings a region's session to `input` (a just-published plan's), so that the next re-plan starts from it. */
export async function prepareSession(key: string, input: MatchingInput, warmStart?: PlanPotentials): Promise<{ inPlace: boolean }> {
  const reply = await send({ type: 'prepare', key, input, warmStart });
  if (reply.type === 'error') throw new Error(reply.message);
  if (reply.type !== 'prepared') throw new Error(`the plan session answered ${reply.type}`);
  return { inPlace: reply.inPlace };
}

/** Stops the session worker (server shutdown, tests); the next request starts a new one. */
export async function closePlanSessions(): Promise<void> {
  const stopping = worker;
  if (!stopping) return;
  failAll(new Error('plan sessions closed'));
  await stopping.terminate();
}
