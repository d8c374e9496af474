/**
 * Warm-started exact min-cost flow: repairs a given flow and node potentials
 * (typically the previous optimum, mapped onto a changed network) into an
 * optimum, by the primal-dual method (successive shortest paths).
 *
 * 1. Complementary slackness is forced arc by arc with the given potentials
 *    p (reduced cost c_uv - p_u + p_v): an arc with a negative reduced cost
 *    goes to its capacity, one with a positive reduced cost to its lower
 *    bound; an arc with reduced cost 0 keeps the given flow. Now every
 *    residual arc has a non-negative reduced cost, and the flow is optimal
 *    for the supplies it actually meets: a pseudo-flow with node imbalances.
 * 2. While some node has an excess: Dijkstra over the residual arcs with the
 *    reduced costs, from all excess nodes at once, stopping at the first
 *    node with a deficit (distance D). Every node settled at distance d < D
 *    moves its potential by D - d; that keeps every residual reduced cost
 *    non-negative and makes the found path's zero. Augment along it.
 *
 * Nothing depends on the guess being good for correctness: any potentials
 * and any flow give an exact optimum (or a proof that no feasible flow
 * exists). A good guess only makes the work small: where the network did not
 * change, the previous optimum already satisfies complementary slackness, so
 * the imbalances are those of the changes and each search stays near them.
 * Untouched nodes are never visited, which is what makes a re-plan after a
 * 1% change cost a small fraction of a cold solve.
 *
 * Arcs can be appended between solves (pricing); they enter at their lower
 * bound, or at capacity when they price out negative, and the next solve
 * repairs what that unbalanced.
 */
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';

export interface RepairStats {
  /** Shortest-path searches, one per augmentation. */
  augmentations: number;
  /** Nodes settled over all searches. */
  settled: number;
  /** Arcs whose flow complementary slackness moved off the given flow (at the start and on added arcs). */
  forcedArcs: number;
  /** Total excess the searches had to route (sum of positive imbalances after forcing). */
  imbalance: number;
  /** True when a solve stopped at the settle budget (its result is then not a solution). */
  overBudget: boolean;
}

/** Min-cost flow from a warm start: keeps flow, potentials and adjacency between solves. */
export class WarmFlowSolver {
  private readonly n: number;
  private m = 0;
  private source: Int32Array;
  private target: Int32Array;
  private lower: Int32Array;
  private upper: Int32Array;
  private cost: Float64Array;
  private flow: Int32Array;
  private outNext: Int32Array;
  private inNext: Int32Array;
  private readonly outHead: Int32Array;
  private readonly inHead: Int32Array;
  private readonly supply: Int32Array;
  private readonly excess: Float64Array;
  private readonly potential: Float64Array;
  // Dijkstra state, reset lazily by stamps so that a search costs what it visits.
  private readonly distance: Float64Array;
  private readonly stamp: Int32Array;
  private readonly settledStamp: Int32Array;
  private readonly viaArc: Int32Array;
  private readonly viaForward: Int8Array;
  private round = 0;
  /** First arc on which complementary slackness has not been forced yet (arcs appended since the last solve). */
  private pendingFrom = 0;
  private heapKeys = new Float64Array(1024);
  private heapNodes = new Int32Array(1024);
  private readonly settledList: Int32Array;
  readonly stats: RepairStats = { augmentations: 0, settled: 0, forcedArcs: 0, imbalance: 0, overBudget: false };
  /**
   * Most nodes all searches together may settle before a solve gives up (`stats.overBudget`): a guess
   * too far from the new optimum costs more than a cold start, and the caller can switch to one.
   */
  settleBudget = Infinity;
  /** Called every 1,024 augmentations with the stats so far (a long repair can show it is alive). */
  onProgress: ((stats: RepairStats) => void) | undefined;

  /** `flow` and `potential` are the guess (copied); a flow outside an arc's bounds is clamped into them. */
  constructor(network: FlowNetwork, flow: ArrayLike<number>, potential: ArrayLike<number>) {
    const n = network.nodeCount;
    const m = network.arcCount;
    this.n = n;
    this.source = new Int32Array(m);
    this.target = new Int32Array(m);
    this.lower = new Int32Array(m);
    this.upper = new Int32Array(m);
    this.cost = new Float64Array(m);
    this.flow = new Int32Array(m);
    this.outNext = new Int32Array(m);
    this.inNext = new Int32Array(m);
    this.outHead = new Int32Array(n).fill(-1);
    this.inHead = new Int32Array(n).fill(-1);
    this.supply = Int32Array.from(network.supply);
    this.excess = new Float64Array(n);
    this.potential = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      const value = potential[v];
      if (!Number.isFinite(value)) throw new Error(`node ${v}: potential ${value} is not finite`);
      this.potential[v] = value;
      this.excess[v] = network.supply[v];
    }
    this.distance = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.settledStamp = new Int32Array(n);
    this.viaArc = new Int32Array(n);
    this.viaForward = new Int8Array(n);
    this.settledList = new Int32Array(n);
    for (let a = 0; a < m; a++) {
      const low = network.lower[a];
      const up = network.upper[a];
      if (up < low) throw new Error(`arc ${a}: capacity ${up} below lower bound ${low}`);
      const given = flow[a];
      this.append(network.source[a], network.target[a], low, up, network.cost[a], given < low ? low : given > up ? up : given);
    }
  }

  /** Appends arcs (lower bound 0) at flow 0; complementary slackness is forced on them at the next solve. */
  addArcs(src: Int32Array, tgt: Int32Array, upper: Int32Array, cost: Float64Array): void {
    for (let a = 0; a < src.length; a++) this.append(src[a], tgt[a], 0, upper[a], cost[a], 0);
  }

  private append(from: number, to: number, low: number, up: number, arcCost: number, arcFlow: number): void {
    if (from < 0 || from >= this.n || to < 0 || to >= this.n) throw new Error(`arc ${this.m}: node index out of range`);
    if (!Number.isInteger(arcCost)) throw new Error(`arc ${this.m}: cost ${arcCost} is not an integer`);
    if (this.m === this.source.length) this.growArcs(Math.max(1024, Math.ceil(this.m * 1.5)));
    const a = this.m++;
    this.source[a] = from;
    this.target[a] = to;
    this.lower[a] = low;
    this.upper[a] = up;
    this.cost[a] = arcCost;
    this.flow[a] = arcFlow;
    this.outNext[a] = this.outHead[from];
    this.outHead[from] = a;
    this.inNext[a] = this.inHead[to];
    this.inHead[to] = a;
    this.excess[from] -= arcFlow;
    this.excess[to] += arcFlow;
  }

  private growArcs(size: number): void {
    const grow = <T extends Int32Array | Float64Array>(array: T): T => {
      const next = new (array.constructor as new (length: number) => T)(size);
      next.set(array);
      return next;
    };
    this.source = grow(this.source);
    this.target = grow(this.target);
    this.lower = grow(this.lower);
    this.upper = grow(this.upper);
    this.cost = grow(this.cost);
    this.flow = grow(this.flow);
    this.outNext = grow(this.outNext);
    this.inNext = grow(this.inNext);
  }

  /** Arcs whose reduced cost disagrees with their flow move to the bound it calls for. */
  private forceSlackness(): void {
    const { source, target, lower, upper, cost, flow, potential, excess } = this;
    for (let a = this.pendingFrom; a < this.m; a++) {
      const reduced = cost[a] - potential[source[a]] + potential[target[a]];
      const want = reduced < 0 ? upper[a] : reduced > 0 ? lower[a] : flow[a];
      if (want === flow[a]) continue;
      const change = want - flow[a];
      flow[a] = want;
      excess[source[a]] -= change;
      excess[target[a]] += change;
      this.stats.forcedArcs++;
    }
    this.pendingFrom = this.m;
  }

  /** Repairs the flow into an optimum; `feasible` is false when some excess can reach no deficit. */
  solve(): MinCostFlowSolution {
    this.forceSlackness();
    const { n, excess } = this;
    let total = 0;
    let positive = 0;
    for (let v = 0; v < n; v++) {
      total += excess[v];
      if (excess[v] > 0) positive += excess[v];
    }
    this.stats.imbalance += positive;
    if (total !== 0) return this.result(false);
    const sources: number[] = [];
    for (let v = 0; v < n; v++) if (excess[v] > 0) sources.push(v);
    while (sources.length > 0) {
      if (this.stats.settled > this.settleBudget) {
        this.stats.overBudget = true;
        return this.result(false);
      }
      const deficit = this.shortestPathToDeficit(sources);
      if (deficit < 0) return this.result(false);
      this.augment(deficit);
      if ((this.stats.augmentations & 1023) === 0) this.onProgress?.(this.stats);
      // Sources that are balanced now drop out of the next search.
      let kept = 0;
      for (let index = 0; index < sources.length; index++) if (excess[sources[index]] > 0) sources[kept++] = sources[index];
      sources.length = kept;
    }
    return this.result(true);
  }

  /** Multi-source Dijkstra on reduced costs; returns the first deficit node settled (potentials updated), or −1. */
  private shortestPathToDeficit(sources: number[]): number {
    const round = ++this.round;
    const { distance, stamp, settledStamp, viaArc, viaForward, potential, excess, source, target, cost, flow, lower, upper, outHead, outNext, inHead, inNext, settledList } = this;
    let heapSize = 0;
    const push = (node: number, key: number) => {
      if (heapSize === this.heapKeys.length) {
        const keys = new Float64Array(heapSize * 2);
        keys.set(this.heapKeys);
        const nodes = new Int32Array(heapSize * 2);
        nodes.set(this.heapNodes);
        this.heapKeys = keys;
        this.heapNodes = nodes;
      }
      const keys = this.heapKeys;
      const nodes = this.heapNodes;
      let at = heapSize++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (keys[up] <= key) break;
        keys[at] = keys[up];
        nodes[at] = nodes[up];
        at = up;
      }
      keys[at] = key;
      nodes[at] = node;
    };
    for (const s of sources) {
      stamp[s] = round;
      distance[s] = 0;
      viaArc[s] = -1;
      push(s, 0);
    }
    let settledCount = 0;
    let found = -1;
    let reach = 0;
    while (heapSize > 0) {
      const keys = this.heapKeys;
      const nodes = this.heapNodes;
      const key = keys[0];
      const u = nodes[0];
      // Pop the minimum.
      heapSize--;
      if (heapSize > 0) {
        const lastKey = keys[heapSize];
        const lastNode = nodes[heapSize];
        let at = 0;
        for (;;) {
          let child = 2 * at + 1;
          if (child >= heapSize) break;
          if (child + 1 < heapSize && keys[child + 1] < keys[child]) child++;
          if (keys[child] >= lastKey) break;
          keys[at] = keys[child];
          nodes[at] = nodes[child];
          at = child;
        }
        keys[at] = lastKey;
        nodes[at] = lastNode;
      }
      if (settledStamp[u] === round || key > distance[u]) continue;
      settledStamp[u] = round;
      settledList[settledCount++] = u;
      if (excess[u] < 0) {
        found = u;
        reach = key;
        break;
      }
      const pu = potential[u];
      for (let a = outHead[u]; a >= 0; a = outNext[a]) {
        if (flow[a] >= upper[a]) continue;
        const v = target[a];
        if (settledStamp[v] === round) continue;
        const next = key + cost[a] - pu + potential[v];
        if (stamp[v] !== round || next < distance[v]) {
          stamp[v] = round;
          distance[v] = next;
          viaArc[v] = a;
          viaForward[v] = 1;
          push(v, next);
        }
      }
      for (let a = inHead[u]; a >= 0; a = inNext[a]) {
        if (flow[a] <= lower[a]) continue;
        const v = source[a];
        if (settledStamp[v] === round) continue;
        const next = key - cost[a] + potential[v] - pu;
        if (stamp[v] !== round || next < distance[v]) {
          stamp[v] = round;
          distance[v] = next;
          viaArc[v] = a;
          viaForward[v] = 0;
          push(v, next);
        }
      }
    }
    this.stats.settled += settledCount;
    if (found < 0) return -1;
    // Potentials move by D − d on settled nodes (p here is −π of the textbook c + π_u − π_v form).
    for (let index = 0; index < settledCount; index++) {
      const v = settledList[index];
      potential[v] += reach - distance[v];
    }
    return found;
  }

  /** Pushes as much as the path from its source to `deficit` allows. */
  private augment(deficit: number): void {
    const { viaArc, viaForward, source, target, flow, upper, lower, excess } = this;
    let amount = -excess[deficit];
    let start = deficit;
    for (let v = deficit; viaArc[v] >= 0; ) {
      const a = viaArc[v];
      const room = viaForward[v] ? upper[a] - flow[a] : flow[a] - lower[a];
      if (room < amount) amount = room;
      v = viaForward[v] ? source[a] : target[a];
      start = v;
    }
    if (excess[start] < amount) amount = excess[start];
    for (let v = deficit; viaArc[v] >= 0; ) {
      const a = viaArc[v];
      if (viaForward[v]) {
        flow[a] += amount;
        v = source[a];
      } else {
        flow[a] -= amount;
        v = target[a];
      }
    }
    excess[start] -= amount;
    excess[deficit] += amount;
    this.stats.augmentations++;
  }

  private result(feasible: boolean): MinCostFlowSolution {
    const m = this.m;
    const flowOut = this.flow.slice(0, m);
    let total = 0;
    for (let a = 0; a < m; a++) if (flowOut[a] !== 0) total += flowOut[a] * this.cost[a];
    return { feasible, cost: feasible ? total : Number.NaN, flow: flowOut, potential: this.potential.slice(), pivots: this.stats.augmentations };
  }
}

/** Solves min-cost flow exactly from a guessed flow and potentials (see the file comment). */
export function repairMinCostFlow(network: FlowNetwork, flow: ArrayLike<number>, potential: ArrayLike<number>): MinCostFlowSolution & { stats: RepairStats } {
  const solver = new WarmFlowSolver(network, flow, potential);
  const solution = solver.solve();
  return { ...solution, stats: solver.stats };
}
