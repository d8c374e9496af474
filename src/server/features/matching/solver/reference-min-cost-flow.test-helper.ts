/**
 * Test-only reference solver, written independently of the network simplex:
 * successive shortest paths with Bellman-Ford on an explicit residual graph.
 * Negative-cost arcs are saturated up front so the residual graph starts
 * without negative cycles; lower bounds become supply shifts.
 */
import fc from 'fast-check';
import type { FlowNetwork } from './flow-network.ts';

/** The solver's typed-array network of a small instance given as plain arrays. */
export function buildNetwork(nodes: number, arcs: ReferenceArc[], supply: number[]): FlowNetwork {
  return {
    nodeCount: nodes,
    arcCount: arcs.length,
    source: Int32Array.from(arcs, (a) => a.from),
    target: Int32Array.from(arcs, (a) => a.to),
    lower: Int32Array.from(arcs, (a) => a.low),
    upper: Int32Array.from(arcs, (a) => a.cap),
    cost: Float64Array.from(arcs, (a) => a.cost),
    supply: Int32Array.from(supply),
  };
}

/** Random arcs among `nodes` nodes for property tests: lower bounds, capacities and costs of either sign. */
export function randomArcs(nodes: number) {
  return fc.array(
    fc
      .record({
        from: fc.integer({ min: 0, max: nodes - 1 }),
        to: fc.integer({ min: 0, max: nodes - 1 }),
        low: fc.integer({ min: 0, max: 2 }),
        extra: fc.integer({ min: 0, max: 4 }),
        cost: fc.integer({ min: -6, max: 12 }),
      })
      .map(({ from, to, low, extra, cost }): ReferenceArc => ({ from, to, low, cap: low + extra, cost })),
    { maxLength: 18 },
  );
}

/** Random supplies of `nodes` nodes; `balanced` moves the imbalance onto the last node. */
export function randomSupply(nodes: number) {
  return fc
    .record({ rawSupply: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: nodes, maxLength: nodes }), balanced: fc.boolean() })
    .map(({ rawSupply, balanced }) => {
      const supply = rawSupply.slice();
      if (balanced) supply[nodes - 1] -= supply.reduce((a, b) => a + b, 0);
      return supply;
    });
}

export interface ReferenceArc {
  from: number;
  to: number;
  low: number;
  cap: number;
  cost: number;
}

export interface ReferenceResult {
  feasible: boolean;
  cost: number;
  flow: number[];
}

/** Computes an exact min-cost flow by successive shortest paths (small inputs only). */
export function referenceMinCostFlow(nodes: number, arcs: ReferenceArc[], supply: number[]): ReferenceResult {
  if (supply.reduce((a, b) => a + b, 0) !== 0) return { feasible: false, cost: NaN, flow: [] };
  if (arcs.some((a) => a.cap < a.low)) return { feasible: false, cost: NaN, flow: [] };
  const excess = supply.slice();
  const base = arcs.map((a) => (a.cost < 0 ? a.cap : a.low));
  arcs.forEach((a, i) => {
    excess[a.from] -= base[i];
    excess[a.to] += base[i];
  });
  // Residual edges: [to, capLeft, cost, reverseIndex] stored in flat lists.
  const S = nodes;
  const T = nodes + 1;
  const to: number[] = [];
  const capLeft: number[] = [];
  const cost: number[] = [];
  const head: number[][] = Array.from({ length: nodes + 2 }, () => []);
  const addEdge = (u: number, v: number, c: number, w: number): number => {
    to.push(v, u);
    capLeft.push(c, 0);
    cost.push(w, -w);
    head[u].push(to.length - 2);
    head[v].push(to.length - 1);
    return to.length - 2;
  };
  const arcEdge = arcs.map((a) => (a.cost < 0 ? addEdge(a.to, a.from, a.cap - a.low, -a.cost) : addEdge(a.from, a.to, a.cap - a.low, a.cost)));
  let need = 0;
  for (let v = 0; v < nodes; v++) {
    if (excess[v] > 0) {
      addEdge(S, v, excess[v], 0);
      need += excess[v];
    } else if (excess[v] < 0) addEdge(v, T, -excess[v], 0);
  }
  let sent = 0;
  for (;;) {
    const dist = new Array<number>(nodes + 2).fill(Infinity);
    const via = new Array<number>(nodes + 2).fill(-1);
    dist[S] = 0;
    for (let round = 0; round < nodes + 2; round++) {
      let changed = false;
      for (let u = 0; u < nodes + 2; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of head[u]) {
          if (capLeft[e] > 0 && dist[u] + cost[e] < dist[to[e]]) {
            dist[to[e]] = dist[u] + cost[e];
            via[to[e]] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) break;
    let push = Infinity;
    for (let v = T; v !== S; v = to[via[v] ^ 1]) push = Math.min(push, capLeft[via[v]]);
    for (let v = T; v !== S; v = to[via[v] ^ 1]) {
      capLeft[via[v]] -= push;
      capLeft[via[v] ^ 1] += push;
    }
    sent += push;
  }
  if (sent !== need) return { feasible: false, cost: NaN, flow: [] };
  const flow = arcs.map((a, i) => {
    const moved = capLeft[arcEdge[i] ^ 1];
    return a.cost < 0 ? a.cap - moved : a.low + moved;
  });
  const total = flow.reduce((sum, f, i) => sum + f * arcs[i].cost, 0);
  return { feasible: true, cost: total, flow };
}
