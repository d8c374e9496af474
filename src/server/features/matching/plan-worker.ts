// Worker-thread entry of a plan run: receives the plan's input as workerData, reports progress,
// and sends back the outcome (see solve-plan.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { solvePlan, type PlanWorkerData, type PlanWorkerMessage } from './solve-plan.ts';

if (parentPort) {
  const port = parentPort;
  const send = (message: PlanWorkerMessage) => port.postMessage(message);
  const { input, warmStart } = workerData as PlanWorkerData;
  solvePlan(input, (phase, fraction) => send({ type: 'progress', phase, fraction }), warmStart).then(
    (outcome) => send({ type: 'done', outcome }),
    (error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
}
