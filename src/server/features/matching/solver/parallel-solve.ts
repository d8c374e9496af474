/**
 * Parallel exact solve: decompose around the hubs, solve the parts on
 * worker threads (largest first, one part per idle worker), stitch the flows
 * and potentials back together. Falls back to one solve on the calling
 * thread when the decomposition would not be exact.
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';
import { mergePartSolutions, planDecomposition, type DecomposeOptions, type DecompositionPlan } from './decompose.ts';
import type { SolveRequest, SolveResponse } from './solve-worker.ts';
import { moduleBeside, startWorker } from '../../../lib/worker-thread.ts';

const WORKER_URL = moduleBeside(import.meta.url, 'solve-worker');

/** A fixed set of solver workers, started early so their start-up overlaps file reading. */
export class SolverPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ request: SolveRequest; resolve: (r: SolveResponse) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<number, { resolve: (r: SolveResponse) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(size = Math.max(1, availableParallelism())) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(WORKER_URL);
      worker.on('message', (response: SolveResponse) => this.onMessage(worker, response));
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Solves one network on the next idle worker; arrays of the network are transferred. */
  solve(network: FlowNetwork): Promise<SolveResponse> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, network }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops all workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.pending.set(job.request.id, { resolve: job.resolve, reject: job.reject });
      worker.ref();
      const net = job.request.network;
      const transfer = [net.source.buffer, net.target.buffer, net.lower.buffer, net.upper.buffer, net.cost.buffer, net.supply.buffer] as ArrayBuffer[];
      worker.postMessage(job.request, transfer);
    }
  }

  private onMessage(worker: Worker, response: SolveResponse): void {
    const job = this.pending.get(response.id);
    this.pending.delete(response.id);
    worker.unref();
    this.idle.push(worker);
    if (job) {
      if (response.error) job.reject(new Error(response.error));
      else job.resolve(response);
    }
    this.dispatch();
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
    for (const job of this.queue) job.reject(error);
    this.queue.length = 0;
  }
}

export interface ParallelSolveOptions extends DecomposeOptions {
  /** Pool to use; when omitted a pool is created and closed for this call. */
  pool?: SolverPool;
  /** Worker count for an internally created pool. */
  workers?: number;
  /** Skip decomposition and solve on the calling thread. */
  single?: boolean;
}

export interface ParallelSolveResult {
  solution: MinCostFlowSolution;
  plan: DecompositionPlan;
}

/** Solves exactly, in parallel over independent parts when the decomposition is exact. */
export async function solveMinCostFlowParallel(network: FlowNetwork, options: ParallelSolveOptions = {}): Promise<ParallelSolveResult> {
  const plan = options.single
    ? { split: false, reason: 'single solve requested', hubs: [], parts: [], hubPotential: [], hubArcs: new Int32Array(0), slackArc: -1, componentCount: 1 }
    : planDecomposition(network, options);
  if (!plan.split) return { solution: solveMinCostFlow(network), plan };

  const pool = options.pool ?? new SolverPool(Math.min(options.workers ?? availableParallelism(), plan.parts.length));
  try {
    // Largest parts first so the last part to finish is a small one.
    const order = plan.parts.map((_, i) => i).sort((x, y) => plan.parts[y].network.arcCount - plan.parts[x].network.arcCount);
    const responses = new Array<SolveResponse>(plan.parts.length);
    // Keep what the merge needs; the part arrays themselves are transferred away.
    const arcCounts = plan.parts.map((p) => p.network.arcCount);
    await Promise.all(order.map(async (i) => (responses[i] = await pool.solve(plan.parts[i].network))));
    const solutions: MinCostFlowSolution[] = responses.map((r, i) => ({
      feasible: r.feasible,
      cost: r.cost,
      flow: r.flow.length === arcCounts[i] ? r.flow : new Int32Array(arcCounts[i]),
      potential: r.potential,
      pivots: r.pivots,
    }));
    return { solution: mergePartSolutions(network, plan, solutions), plan };
  } finally {
    if (!options.pool) await pool.close();
  }
}
