// A plan's whole computation from its input, free of the database: solve to a certified optimum,
// read the postings, measure them against the greedy baseline, keep the potentials for "why here".
// Runs on a worker thread (plan-worker.ts) so that the server keeps answering — progress polls
// included — while a province is being solved.
import { moduleBeside, startWorker } from '../../lib/worker-thread.ts';
import { verifyCertificate } from './solver/verify-certificate.ts';
import { greedyBaseline } from './model/greedy-baseline.ts';
import type { MatchingInput } from './model/matching-input.ts';
import { toFlowNetwork } from './model/matching-network.ts';
import { measurePlan, readMatchingResult, type PlanMeasures, type Posting, type RuleBreak } from './model/read-matching-result.ts';
import { runMatching, type MatchingRun } from './model/run-matching.ts';
import { collectPotentials, type PlanPotentials } from './model/warm-start.ts';

export interface PlanOutcome {
  postings: Posting[];
  breaks: RuleBreak[];
  measures: PlanMeasures;
  baselineMeasures: PlanMeasures;
  stats: Record<string, number | boolean | string>;
  potentials: PlanPotentials;
}

export type Progress = (phase: string, fraction: number) => void;

/** Solves a plan's input on the calling thread; with `warmStart` (the previous plan's potentials) as a re-plan from it. */
export async function solvePlan(input: MatchingInput, onProgress: Progress, warmStart?: PlanPotentials): Promise<PlanOutcome> {
  return describeOutcome(input, await runMatching(input, { onProgress, warmStart }), onProgress);
}

/**
 * A solved run as a plan's outcome: certified (a failed certificate is an error), read into postings and
 * breaks, measured against the greedy baseline, with its potentials for "why here" and later re-plans.
 */
export function describeOutcome(input: MatchingInput, run: MatchingRun & { incremental?: boolean; rebuiltBecause?: string }, onProgress: Progress): PlanOutcome {
  onProgress('certifying', 0.92);
  const flowNetwork = toFlowNetwork(run.network);
  const certificate = verifyCertificate(flowNetwork, run.solution.flow, run.solution.potential);
  if (!certificate.ok) throw new Error(`optimality certificate failed: ${certificate.violations[0]?.message}`);
  const result = readMatchingResult(run.network, run.solution);
  onProgress('comparing with the greedy baseline', 0.94);
  return {
    postings: result.postings,
    breaks: result.breaks,
    measures: measurePlan(input, result.postings),
    baselineMeasures: measurePlan(input, greedyBaseline(input)),
    stats: {
      seconds: run.seconds,
      warmStart: run.warm,
      // A re-plan applied in place to the network a plan session kept in memory (plan-sessions.ts).
      ...(run.incremental !== undefined ? { inPlace: run.incremental } : {}),
      ...(run.rebuiltBecause ? { rebuiltBecause: run.rebuiltBecause } : {}),
      warmStartHandedOver: run.fellBack,
      steps: run.steps,
      rounds: run.rounds,
      initialArcs: run.initialArcs,
      arcsAdded: run.arcsAdded,
      nodes: flowNetwork.nodeCount,
      arcs: flowNetwork.arcCount,
      senders: run.network.senders.length,
      cost: result.cost,
      violationCost: result.violationCost,
      certified: true,
    },
    potentials: collectPotentials(run.network, run.solution.potential),
  };
}

export type PlanWorkerMessage = { type: 'progress'; phase: string; fraction: number } | { type: 'done'; outcome: PlanOutcome } | { type: 'error'; message: string };

const workerUrl = moduleBeside(import.meta.url, 'plan-worker');

/** What a plan worker receives. */
export interface PlanWorkerData {
  input: MatchingInput;
  warmStart?: PlanPotentials;
}

/** Solves a plan's input on a worker thread; progress arrives through `onProgress`. */
export function solvePlanInWorker(input: MatchingInput, onProgress: Progress, warmStart?: PlanPotentials): Promise<PlanOutcome> {
  const workerData: PlanWorkerData = { input, warmStart };
  const worker = startWorker(workerUrl, { workerData });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: PlanWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.phase, message.fraction);
      else {
        settled = true;
        void worker.terminate();
        if (message.type === 'done') resolve(message.outcome);
        else reject(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the matching worker stopped with code ${code}`));
    });
  });
}
