// Worker-thread entry of the plan sessions (plan-sessions.ts): keeps one solved plan in memory and
// answers re-plans of its region by applying the change to it (model/plan-session.ts). Requests are
// served one at a time, in the order they came.
import { parentPort } from 'node:worker_threads';
import { PlanSession } from './model/plan-session.ts';
import { describeOutcome } from './solve-plan.ts';
import type { PlanSessionRequest, PlanSessionReply } from './plan-sessions.ts';

/** The session held, and the region (campaign and region code) it answers. */
let held: { key: string; session: PlanSession } | undefined;

async function serve(request: PlanSessionRequest): Promise<PlanSessionReply> {
  const { id, key, input, warmStart } = request;
  const onProgress = (phase: string, fraction: number) => parentPort!.postMessage({ type: 'progress', id, phase, fraction } satisfies PlanSessionReply);
  try {
    let run;
    if (held?.key === key) run = await held.session.replan(input, { onProgress });
    else {
      // One session at a time: the one held goes before the next is built.
      held = undefined;
      const opened = await PlanSession.open(input, { warmStart, onProgress });
      held = { key, session: opened.session };
      run = { ...opened.run, incremental: false };
    }
    if (request.type === 'prepare') return { type: 'prepared', id, inPlace: run.incremental };
    return { type: 'done', id, outcome: describeOutcome(input, run, onProgress) };
  } catch (error) {
    // A session that failed half-way is not to be trusted with the next change.
    held = undefined;
    return { type: 'error', id, message: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort) {
  const port = parentPort;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: PlanSessionRequest) => {
    queue = queue.then(async () => port.postMessage(await serve(request)));
  });
}
