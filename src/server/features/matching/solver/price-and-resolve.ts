/**
 * Column generation ("pricing") for min-cost flow over a sparse candidate
 * graph. The caller solves on a small arc set and supplies an enumerator of
 * ALL eligible arcs (possibly far more than fit in memory as a network). The
 * optimal potentials p of the sparse problem price every excluded arc by its
 * reduced cost c_uv - p_u + p_v; arcs with a negative reduced cost could
 * improve the solution and are added, then the solver resumes from its
 * current basis (new arcs enter as non-basic at flow 0, so the previous tree
 * stays primal feasible). When no eligible arc prices out negative, the
 * potentials certify optimality over the full eligible set, because every
 * absent arc would sit at flow 0 with non-negative reduced cost.
 *
 * If the sparse problem is infeasible, the big-M artificial arcs carry flow
 * and their costs flow into the potentials, so pricing still finds arcs
 * that reduce the artificial flow (big-M phase one). Infeasibility is
 * reported only when nothing prices out negative any more.
 */
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';
import { NetworkSimplexSolver } from './network-simplex.ts';

/** Receives one eligible arc: tail, head, capacity (lower bound 0) and cost. */
export type EligibleArcVisitor = (source: number, target: number, upper: number, cost: number) => void;

/** Enumerates every eligible arc exactly once (pairs already in the sparse network may be repeated). */
export type EligibleArcEnumerator = (visit: EligibleArcVisitor) => void;

export interface PricingOptions {
  /** Most arcs added per round (most negative reduced cost first); default 100000. */
  maxArcsPerRound?: number;
  /** Safety cap on rounds; default 1000. */
  maxRounds?: number;
}

export interface PricingResult {
  solution: MinCostFlowSolution;
  /** The sparse network plus all added arcs (solution.flow is indexed by it). */
  network: FlowNetwork;
  /** Number of solves performed (1 when the sparse graph was already optimal). */
  rounds: number;
  arcsAdded: number;
}

/** Solves on the sparse network, then adds negatively priced eligible arcs and re-solves until none remain. */
export function solveWithPricing(sparse: FlowNetwork, enumerate: EligibleArcEnumerator, options: PricingOptions = {}): PricingResult {
  const maxPerRound = options.maxArcsPerRound ?? 100000;
  const maxRounds = options.maxRounds ?? 1000;
  const n = sparse.nodeCount;
  const present = new Set<number>();
  for (let a = 0; a < sparse.arcCount; a++) present.add(sparse.source[a] * n + sparse.target[a]);

  let network = sparse;
  let solver = new NetworkSimplexSolver(network);
  let solution = solver.solve();
  let rounds = 1;
  let arcsAdded = 0;
  while (rounds < maxRounds) {
    const p = solution.potential;
    const found: Array<{ s: number; t: number; u: number; c: number; rc: number }> = [];
    enumerate((s, t, u, c) => {
      const rc = c - p[s] + p[t];
      if (rc < 0 && u > 0 && !present.has(s * n + t)) found.push({ s, t, u, c, rc });
    });
    if (found.length === 0) break;
    if (found.length > maxPerRound) {
      found.sort((x, y) => x.rc - y.rc);
      found.length = maxPerRound;
    }
    const k = found.length;
    const src = new Int32Array(k);
    const tgt = new Int32Array(k);
    const cap = new Int32Array(k);
    const cost = new Float64Array(k);
    found.forEach((arc, i) => {
      src[i] = arc.s;
      tgt[i] = arc.t;
      cap[i] = arc.u;
      cost[i] = arc.c;
      present.add(arc.s * n + arc.t);
    });
    network = appendArcs(network, src, tgt, cap, cost);
    arcsAdded += k;
    // Warm start: keep the basis. A cost beyond the big-M bound needs a fresh solver.
    if (!solver.addArcs(src, tgt, cap, cost)) solver = new NetworkSimplexSolver(network);
    solution = solver.solve();
    rounds++;
  }
  return { solution, network, rounds, arcsAdded };
}

/** Returns a copy of the network with extra arcs (lower bound 0) appended. */
function appendArcs(network: FlowNetwork, src: Int32Array, tgt: Int32Array, cap: Int32Array, cost: Float64Array): FlowNetwork {
  const m = network.arcCount;
  const k = src.length;
  const join = <T extends Int32Array | Float64Array>(a: T, b: T | null): T => {
    const out = new (a.constructor as new (len: number) => T)(m + k);
    out.set(a.subarray(0, m));
    if (b) out.set(b, m);
    return out;
  };
  return {
    nodeCount: network.nodeCount,
    arcCount: m + k,
    source: join(network.source, src),
    target: join(network.target, tgt),
    lower: join(network.lower, null),
    upper: join(network.upper, cap),
    cost: join(network.cost, cost),
    supply: network.supply,
  };
}
