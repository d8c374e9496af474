/**
 * Warm-started exact min-cost flow: repairs a given flow and node potentials
 * (typically the previous optimum, mapped onto a changed network) into an
 * optimum, by the primal-dual method.
 *
 * 1. Complementary slackness is forced arc by arc with the given potentials
 *    p (reduced cost c_uv - p_u + p_v): an arc with a negative reduced cost
 *    goes to its capacity, one with a positive reduced cost to its lower
 *    bound; an arc with reduced cost 0 keeps the given flow. Now every
 *    residual arc has a non-negative reduced cost, and the flow is optimal
 *    for the supplies it actually meets: a pseudo-flow with node imbalances.
 * 2. While some node has an excess, in phases:
 *    a. a maximum flow from the excesses to the deficits over the admissible
 *       arcs (residual, reduced cost 0): every such path is a shortest path,
 *       so pushing along it keeps optimality and moves no price;
 *    b. when that is stuck (or finds only a few long paths), a Dijkstra over
 *       the residual arcs from all excess nodes at once, on until the
 *       deficits found can take all the excess (the farthest at distance D,
 *       every deficit at D). Every node settled at
 *       distance d < D moves its potential by D - d; that keeps every
 *       residual reduced cost non-negative and zeroes the paths of the search
 *       tree, along each of which flow is pushed while it has room.
 *
 * With a reservoir (`reservoir`: the matching network's source and sink, joined by an arc never at a
 * bound) the repair runs in two phases, because every point is one arc from the sink: a search that
 * went through it reached the whole network at one distance (a province's 340,000 nodes, a pass each).
 *    1. Every excess goes to a deficit or into the reservoir: the maximum flows and searches above, with
 *       reservoir nodes as ends that take any amount and are never gone through (a search's radius is
 *       at most its distance to the reservoir, so the price move stays exact).
 *    2. Every deficit is filled from the reservoir: the same two steps grown from the deficits' side —
 *       levels and a Dijkstra over the residual arcs into each node (d(v) = the shortest way from v to
 *       a deficit), ending at the reservoir; settled nodes move down by D − d. Implicit arcs into a node
 *       (`reverseScan`) take part as forwards in phase 1.
 *    Pushing excess into the reservoir and out again is sound: flow moved along a path of reduced cost
 *    0 keeps every residual reduced cost non-negative whichever nodes it joins.
 *
 * Nothing depends on the guess being good for correctness: any potentials
 * and any flow give an exact optimum (or a proof that no feasible flow
 * exists). A good guess only makes the work small: where the network did not
 * change, the previous optimum already satisfies complementary slackness, so
 * the imbalances are those of the changes. An optimum's prices are full of ties
 * (reduced cost 0 far and wide), which is why one maximum flow serves most
 * imbalances at once where one search per unit would cross the same plateau
 * again and again.
 *
 * Arcs can be appended between solves (pricing); they enter at their lower
 * bound, or at capacity when they price out negative, and the next solve
 * repairs what that unbalanced. Arcs the caller has only in principle
 * (`ImplicitArcs`) take part in the searches and the maximum flows, and become
 * real when a path uses them.
 */
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';

export interface RepairStats {
  /** Paths along which flow was pushed. */
  augmentations: number;
  /** Nodes the searches settled and the maximum flows' breadth-first searches reached, over all solves. */
  settled: number;
  /** Arcs whose flow complementary slackness moved off the given flow (at the start and on added arcs). */
  forcedArcs: number;
  /** Total excess the searches had to route (sum of positive imbalances after forcing). */
  imbalance: number;
  /** True when a solve stopped at the settle budget (its result is then not a solution). */
  overBudget: boolean;
  /** Shortest-path searches that moved prices. */
  searches: number;
  /** Implicit arcs made real because a search's path used them. */
  materialized: number;
}

/**
 * Arcs the caller's network has in principle but not yet in the solver (column generation): searches
 * treat them as arcs at flow 0, so the potentials they move stay dual feasible for them too, and the
 * ones a shortest path uses are made real. Without them a repair raises the prices of what it reaches
 * and leaves the absent arcs beside it pricing out negative by as much.
 */
export interface ImplicitArcs {
  /** Builds now what the searches would otherwise build on first use (a long-lived solver's owner calls it once). */
  prepare?(): void;
  /**
   * Called with the potentials before the first search, then after each search that moved prices: with
   * `moved` (its first `count` entries), only those nodes' prices changed.
   */
  pricesMoved(potential: Float64Array, moved?: ArrayLike<number>, count?: number): void;
  /** At most the reduced cost of every implicit arc out of `node` (Infinity: it has none). */
  lowerBound(node: number, potential: Float64Array): number;
  /** Calls `relax` with the head and reduced cost of each implicit arc out of `node`. */
  scan(node: number, potential: Float64Array, relax: (head: number, reducedCost: number) => void): void;
  /** Adds the arc `tail → head` to the caller's network (as its next arc) and returns its capacity and cost. */
  materialize(tail: number, head: number): { upper: number; cost: number };
  /** At most the reduced cost of every implicit arc into `node` (Infinity: none), for searches grown from deficits. */
  reverseLowerBound?(node: number, potential: Float64Array): number;
  /**
   * Calls `relax` with the tail and reduced cost of each implicit arc into `node` whose reduced cost lies in
   * (`above`, `limit`]; returns the least reduced cost above `limit` left out (Infinity: none), so that a
   * search relaxes them only as it comes that far.
   */
  reverseScan?(node: number, potential: Float64Array, relax: (tail: number, reducedCost: number) => void, above: number, limit: number): number;
}

/** A binary min-heap of (key, node) for the searches; grows as needed and is reused between them. */
class NodeHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  push(node: number, key: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.keys = keys;
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let at = this.size++;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (keys[up] <= key) break;
      keys[at] = keys[up];
      nodes[at] = nodes[up];
      at = up;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  /** Removes the entry with the least key and returns its node. */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const size = --this.size;
    if (size > 0) {
      const lastKey = keys[size];
      const lastNode = nodes[size];
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= lastKey) break;
        keys[at] = keys[child];
        nodes[at] = nodes[child];
        at = child;
      }
      keys[at] = lastKey;
      nodes[at] = lastNode;
    }
    return top;
  }
}

/** Min-cost flow from a warm start: keeps flow, potentials and adjacency between solves. */
export class WarmFlowSolver {
  private n: number;
  private m = 0;
  private source: Int32Array;
  private target: Int32Array;
  private lower: Int32Array;
  private upper: Int32Array;
  private cost: Float64Array;
  private flow: Int32Array;
  private outNext: Int32Array;
  private inNext: Int32Array;
  private outHead: Int32Array;
  private inHead: Int32Array;
  private supply: Int32Array;
  private excess: Float64Array;
  private potential: Float64Array;
  // Dijkstra state, reset lazily by stamps so that a search costs what it visits.
  private distance: Float64Array;
  private stamp: Int32Array;
  private settledStamp: Int32Array;
  private viaArc: Int32Array;
  private viaForward: Int8Array;
  private round = 0;
  /** First arc on which complementary slackness has not been forced yet (arcs appended since the last solve). */
  private pendingFrom = 0;
  private readonly heap = new NodeHeap();
  private settledList: Int32Array;
  // Max-flow state of pushAdmissible: levels (stamped by a growing base), the search queue, each node's
  // next arc to try (in its out list, then its in list) and the current path (~arc for a backward step).
  private level: Float64Array;
  private levelBase = 0;
  private queue: Int32Array;
  /** Nodes the current levels reached along an implicit arc, and that arc's tail. */
  private implicitTail: Int32Array;
  private reachedImplicitly: Int32Array;
  private nextArc: Int32Array;
  private nextForward: Int8Array;
  private pathArc: Int32Array;
  /** A backward search's progress through each settled node's implicit arcs (see `lowerPrices`). */
  private scannedUpTo: Float64Array;
  /** The distance at which the last search stopped (0: it moved no price). */
  private lastReach = Number.NaN;
  /** The reservoir ends a backward search found, five numbers each (see `lowerPrices`). */
  private readonly reservoirEnds: number[] = [];
  readonly stats: RepairStats = { augmentations: 0, settled: 0, forcedArcs: 0, imbalance: 0, overBudget: false, searches: 0, materialized: 0 };
  /**
   * Most nodes all searches together may settle before a solve gives up (`stats.overBudget`): a guess
   * too far from the new optimum costs more than a cold start, and the caller can switch to one.
   */
  settleBudget = Infinity;
  /** Arcs the searches treat as present at flow 0 (see `ImplicitArcs`). */
  implicitArcs: ImplicitArcs | undefined;
  /**
   * Nodes that may take in and give out any amount during the repair (the matching network's source and
   * sink, joined by an arc never at a bound): the searches end at them and never go through them. Every
   * point is one arc from the sink, so a search through it reaches the whole network at the same
   * distance; ending there keeps each search near the changes (see `solve`).
   */
  set reservoir(nodes: readonly number[] | undefined) {
    this.isReservoir = nodes && nodes.length > 0 ? new Uint8Array(this.outHead.length) : undefined;
    for (const node of nodes ?? []) this.isReservoir![node] = 1;
  }
  private isReservoir: Uint8Array | undefined;
  /** True while the phase that sends excess on to the reservoir runs: reservoir nodes are then terminals. */
  private toReservoir = false;
  /** Called after each search that moved prices, with the stats so far (a long repair can show it is alive). */
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
    this.level = new Float64Array(n);
    this.queue = new Int32Array(n);
    this.implicitTail = new Int32Array(n);
    this.reachedImplicitly = new Int32Array(n);
    this.scannedUpTo = new Float64Array(n);
    this.nextArc = new Int32Array(n);
    this.nextForward = new Int8Array(n);
    this.pathArc = new Int32Array(n);
    for (let a = 0; a < m; a++) {
      const low = network.lower[a];
      const up = network.upper[a];
      if (up < low) throw new Error(`arc ${a}: capacity ${up} below lower bound ${low}`);
      const given = flow[a];
      this.append(network.source[a], network.target[a], low, up, network.cost[a], given < low ? low : given > up ? up : given);
    }
  }

  /**
   * Appends arcs at their lower bound (0 unless `lower` says otherwise); complementary slackness is forced
   * on them at the next solve.
   */
  addArcs(src: Int32Array, tgt: Int32Array, upper: Int32Array, cost: Float64Array, lower?: Int32Array): void {
    for (let a = 0; a < src.length; a++) {
      const low = lower ? lower[a] : 0;
      if (upper[a] < low) throw new Error(`arc ${this.m}: capacity ${upper[a]} below lower bound ${low}`);
      this.append(src[a], tgt[a], low, upper[a], cost[a], low);
    }
  }

  /** Nodes and arcs so far. */
  get nodeCount(): number {
    return this.n;
  }

  get arcCount(): number {
    return this.m;
  }

  /**
   * Adds isolated nodes (numbered from the current count on) at the given prices, for a network that grows
   * between solves (a re-plan's new senders and hubs).
   */
  addNodes(prices: ArrayLike<number>): void {
    const count = prices.length;
    if (count === 0) return;
    if (this.n + count > this.outHead.length) this.reserve(Math.ceil((this.n + count) * 1.05), this.m);
    for (let index = 0; index < count; index++) {
      const value = prices[index];
      if (!Number.isFinite(value)) throw new Error(`node ${this.n + index}: potential ${value} is not finite`);
      this.potential[this.n + index] = value;
    }
    this.n += count;
  }

  /**
   * Room for `nodes` nodes and `arcs` arcs in all, so that a network that grows between solves (a plan
   * session's re-plans) does not copy its arrays then.
   */
  reserve(nodes: number, arcs: number): void {
    if (arcs > this.source.length) this.growArcs(arcs);
    const size = this.outHead.length;
    if (nodes <= size) return;
    const grow = <T extends Int32Array | Float64Array | Int8Array | Uint8Array>(array: T, fill = 0): T => {
      const next = new (array.constructor as new (length: number) => T)(nodes);
      next.set(array);
      if (fill !== 0) next.fill(fill, size);
      return next;
    };
    this.outHead = grow(this.outHead, -1);
    this.inHead = grow(this.inHead, -1);
    this.supply = grow(this.supply);
    this.excess = grow(this.excess);
    this.potential = grow(this.potential);
    this.distance = grow(this.distance);
    this.stamp = grow(this.stamp);
    this.settledStamp = grow(this.settledStamp);
    this.viaArc = grow(this.viaArc);
    this.viaForward = grow(this.viaForward);
    this.settledList = grow(this.settledList);
    this.level = grow(this.level);
    this.queue = grow(this.queue);
    this.implicitTail = grow(this.implicitTail);
    this.reachedImplicitly = grow(this.reachedImplicitly);
    this.scannedUpTo = grow(this.scannedUpTo);
    this.nextArc = grow(this.nextArc);
    this.nextForward = grow(this.nextForward);
    this.pathArc = grow(this.pathArc);
    if (this.isReservoir) this.isReservoir = grow(this.isReservoir);
  }

  /**
   * Changes an arc's bounds between solves: its flow moves into them — to the bound its reduced cost calls
   * for, if any — and the next solve repairs the imbalance that leaves.
   */
  setArcBounds(arc: number, low: number, up: number): void {
    if (arc < 0 || arc >= this.m) throw new Error(`arc ${arc}: no such arc`);
    if (up < low) throw new Error(`arc ${arc}: capacity ${up} below lower bound ${low}`);
    this.lower[arc] = low;
    this.upper[arc] = up;
    const reduced = this.cost[arc] - this.potential[this.source[arc]] + this.potential[this.target[arc]];
    const current = this.flow[arc];
    const want = reduced < 0 ? up : reduced > 0 ? low : current < low ? low : current > up ? up : current;
    if (want === current) return;
    this.flow[arc] = want;
    this.excess[this.source[arc]] -= want - current;
    this.excess[this.target[arc]] += want - current;
    this.stats.forcedArcs++;
  }

  /** Changes a node's supply between solves (supplies must again sum to zero before the next solve). */
  addSupply(node: number, amount: number): void {
    this.supply[node] += amount;
    this.excess[node] += amount;
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
    this.implicitArcs?.pricesMoved(this.potential);
    const reservoir = this.isReservoir;
    // The nodes with an excess (or, backwards, a deficit), leaving out reservoir nodes where there is a reservoir.
    const seeds = (sign: number) => {
      const found: number[] = [];
      for (let v = 0; v < n; v++) if (sign * excess[v] > 0 && !(reservoir && reservoir[v] === 1)) found.push(v);
      return found;
    };
    if (reservoir) {
      // 1. Every excess outside the reservoir to a deficit or into the reservoir, by searches that end there.
      this.toReservoir = true;
      const forward = this.repairLoop(seeds(1));
      this.toReservoir = false;
      if (!forward) return this.result(false);
      // 2. Every deficit outside the reservoir from the reservoir, by searches grown from the deficits.
      if (!this.repairLoop(seeds(-1), true)) return this.result(false);
      // 3. What is left lies between reservoir nodes: along an arc between them, else as below.
      this.balanceReservoir();
    }
    const sources: number[] = [];
    for (let v = 0; v < n; v++) if (excess[v] > 0) sources.push(v);
    return this.result(this.repairLoop(sources));
  }

  /**
   * Maximum flows at the current prices and price moves until no seed is left unbalanced (false: stuck, or
   * over budget): from the excesses forwards, or (phase 2 of a repair with a reservoir) from the deficits
   * backwards to the reservoir.
   */
  private repairLoop(seeds: number[], backward = false): boolean {
    const { excess } = this;
    const sign = backward ? -1 : 1;
    // Seeds that are balanced now drop out of the next search.
    const dropBalanced = () => {
      let kept = 0;
      for (let index = 0; index < seeds.length; index++) if (sign * excess[seeds[index]] > 0) seeds[kept++] = seeds[index];
      seeds.length = kept;
    };
    // True when the last maximum flow ended with no admissible path left at all.
    let exhausted = false;
    this.lastReach = Number.NaN;
    while (seeds.length > 0) {
      // First every path the current prices already make shortest (reduced cost 0 all along), as a
      // maximum flow; only when none is left do the prices move. After a search that moved no price
      // (its reservoir or deficit at distance 0, found over implicit arcs the maximum flow does not follow
      // backwards) the admissible arcs changed only along the path it pushed on: a maximum flow would
      // cross the same plateau for nothing, and the next search goes on instead.
      if (!(exhausted && this.lastReach === 0)) exhausted = this.pushAdmissible(seeds, backward);
      dropBalanced();
      if (seeds.length === 0) break;
      if (this.stats.settled > this.settleBudget) {
        this.stats.overBudget = true;
        return false;
      }
      if (!(backward ? this.lowerPrices(seeds) : this.raisePrices(seeds))) return false;
      this.onProgress?.(this.stats);
    }
    return true;
  }

  /** Moves what it can between reservoir nodes with opposite imbalances along arcs at reduced cost 0. */
  private balanceReservoir(): void {
    const { isReservoir, excess, potential, target, flow, lower, upper, cost, outHead, outNext } = this;
    if (!isReservoir) return;
    for (let u = 0; u < this.n; u++) {
      if (!isReservoir[u] || excess[u] === 0) continue;
      for (let a = outHead[u]; a >= 0 && excess[u] !== 0; a = outNext[a]) {
        const v = target[a];
        if (!isReservoir[v] || cost[a] - potential[u] + potential[v] !== 0) continue;
        // u → v along a when u has the excess and v the deficit, else back along it.
        const amount = excess[u] > 0 && excess[v] < 0 ? Math.min(excess[u], -excess[v], upper[a] - flow[a]) : excess[u] < 0 && excess[v] > 0 ? -Math.min(-excess[u], excess[v], flow[a] - lower[a]) : 0;
        if (amount === 0) continue;
        flow[a] += amount;
        excess[u] -= amount;
        excess[v] += amount;
        this.stats.augmentations++;
      }
    }
  }

  /**
   * Maximum flow from the excesses to the deficits over the admissible arcs (residual, reduced cost 0).
   * Every such path is a shortest path at the current prices, so pushing flow along it keeps optimality
   * and moves no price; after a 1% change most of the repair is this. Dinic's method, with every deficit
   * a sink: a breadth-first search from all excesses over everything admissible (implicit arcs at reduced
   * cost 0 included, made real where the levels use them), then depth-first paths along its levels to any
   * deficit (each node remembers its next arc, dead ends drop out). Rounds until one finds no deficit, or
   * finds only a few: each round costs a pass over all the excesses reach, and a search then does better.
   *
   * `backward` (phase 2 of a repair with a reservoir) grows the same from the deficits to the reservoir
   * over the residual arcs into each node: the arc lists and ends swap, and with the prices' sign turned
   * the admissibility test reads the same (c − p_u + p_v = 0 for u → v is c + p_v − p_u = 0 read from v).
   * Implicit arcs take part forwards only.
   */
  private pushAdmissible(seeds: number[], backward = false): boolean {
    const fewPaths = 4;
    const { level, queue, excess, potential, implicitTail, reachedImplicitly } = this;
    const implicit = backward ? undefined : this.implicitArcs;
    // +1: flow leaves the seeds (excesses); −1: it arrives at them (deficits).
    const sign = backward ? -1 : 1;
    // Reservoir nodes end paths (they take any amount) and are not gone through, while a phase of a
    // repair with a reservoir runs.
    const stopAt = this.toReservoir || backward ? this.isReservoir : undefined;
    let implicitCount = 0;
    for (;;) {
      if (this.stats.settled > this.settleBudget) return false;
      const { cost, flow, lower, upper } = this;
      const { from, to, firstHead, firstNext, secondHead, secondNext } = this.searchLists(backward);
      // Levels are stamped: level[v] − base is v's distance in arcs from the nearest seed.
      const base = (this.levelBase += this.n + 1);
      let head = 0;
      let tail = 0;
      for (const s of seeds) {
        if (sign * excess[s] <= 0) continue;
        level[s] = base;
        queue[tail++] = s;
      }
      let ends = 0;
      // With a reservoir the levels stop at the first that holds an end (Dinic's level graph): the reservoir
      // is a few arcs from most excesses, and what lies beyond it would cost a pass for no shorter path.
      let endLevel = Infinity;
      // Backwards the reservoir is one end for all, reached by arcs from many levels: the levels go on
      // past it, and a path may end there from any level (below), so that one round serves deficits at
      // every distance instead of one round per distance.
      const anyLevel = backward && stopAt !== undefined;
      const reach = (v: number, next: number) => {
        level[v] = next;
        queue[tail++] = v;
        if (sign * excess[v] < 0 || (stopAt && stopAt[v] === 1)) {
          ends++;
          if (stopAt && !anyLevel) endLevel = next;
        }
      };
      while (head < tail) {
        const u = queue[head++];
        if (stopAt && stopAt[u] === 1) continue;
        if (level[u] >= endLevel) break;
        const next = level[u] + 1;
        const pu = sign * potential[u];
        for (let a = firstHead[u]; a >= 0; a = firstNext[a]) {
          const v = to[a];
          if (level[v] < base && flow[a] < upper[a] && cost[a] - pu + sign * potential[v] === 0) reach(v, next);
        }
        for (let a = secondHead[u]; a >= 0; a = secondNext[a]) {
          const v = from[a];
          if (level[v] < base && flow[a] > lower[a] && cost[a] - sign * potential[v] + pu === 0) reach(v, next);
        }
        // Implicit arcs at reduced cost 0 are admissible too (the tie-rich prices of an optimum have many).
        if (implicit && implicit.lowerBound(u, potential) <= 0) {
          implicit.scan(u, potential, (v, reduced) => {
            if (reduced !== 0 || level[v] >= base) return;
            implicitTail[v] = u;
            reachedImplicitly[implicitCount++] = v;
            reach(v, next);
          });
        }
      }
      this.stats.settled += tail;
      if (ends === 0) return true;
      // The implicit arcs the levels use become real, so that the paths below can take them.
      for (let index = 0; index < implicitCount; index++) this.materialize(implicitTail[reachedImplicitly[index]], reachedImplicitly[index]);
      implicitCount = 0;
      // Rounds that find only a few long paths cost a pass over all that is reachable each: a search
      // (which serves every deficit on its shortest-path tree at once) does better then.
      if (this.blockingFlow(tail, base, backward, stopAt, anyLevel) < fewPaths) return false;
    }
  }

  /**
   * The arc lists a search follows: "first" lists hold the arcs it takes from their `from` end to their
   * `to` end (up to capacity), "second" lists those it takes from `to` back to `from` (down to the lower
   * bound). Forwards: out lists, then in lists; backwards (towards the seeds) the other way round.
   */
  private searchLists(backward: boolean) {
    return backward
      ? { from: this.target, to: this.source, firstHead: this.inHead, firstNext: this.inNext, secondHead: this.outHead, secondNext: this.outNext }
      : { from: this.source, to: this.target, firstHead: this.outHead, firstNext: this.outNext, secondHead: this.inHead, secondNext: this.inNext };
  }

  /**
   * Blocking flow along the levels of `pushAdmissible`: from each seed (level `base`), depth first to an
   * end on the next levels; each node keeps its next arc to try, dead ends drop out. Returns the paths.
   */
  private blockingFlow(count: number, base: number, backward: boolean, stopAt: Uint8Array | undefined, anyLevel = false): number {
    const { level, queue, excess, potential, nextArc, nextForward, pathArc, cost, flow, lower, upper } = this;
    const { from, to, firstHead, firstNext, secondHead, secondNext } = this.searchLists(backward);
    const sign = backward ? -1 : 1;
    for (let index = 0; index < count; index++) {
      const v = queue[index];
      nextArc[v] = firstHead[v];
      nextForward[v] = 1;
    }
    let paths = 0;
    // pathArc[k] leaves the path's k-th node: a ≥ 0 along a first-list arc, ~a back along a second-list one.
    for (let index = 0; index < count && level[queue[index]] === base; index++) {
      const s = queue[index];
      let depth = 0;
      let u = s;
      while (sign * excess[s] > 0) {
        const isReservoir = stopAt !== undefined && stopAt[u] === 1;
        if (sign * excess[u] < 0 || isReservoir) {
          let amount = isReservoir ? sign * excess[s] : Math.min(sign * excess[s], -sign * excess[u]);
          for (let step = 0; step < depth; step++) {
            const a = pathArc[step];
            const room = a >= 0 ? upper[a] - flow[a] : flow[~a] - lower[~a];
            if (room < amount) amount = room;
          }
          // Push, then resume from the tail of the first arc filled (or go on from here).
          let resume = -1;
          for (let step = 0; step < depth; step++) {
            const a = pathArc[step];
            if (a >= 0) flow[a] += amount;
            else flow[~a] -= amount;
            if (resume < 0 && (a >= 0 ? flow[a] >= upper[a] : flow[~a] <= lower[~a])) resume = step;
          }
          excess[s] -= sign * amount;
          excess[u] += sign * amount;
          this.stats.augmentations++;
          paths++;
          // A met deficit is a dead end on the next pass through here.
          if (resume >= 0) {
            depth = resume;
            u = pathArc[depth] >= 0 ? from[pathArc[depth]] : to[~pathArc[depth]];
          }
          continue;
        }
        // The next arc along the levels (first list, then second list).
        const want = level[u] + 1;
        const pu = sign * potential[u];
        let next = -1;
        while (nextForward[u] === 1) {
          const a = nextArc[u];
          if (a < 0) {
            nextForward[u] = 0;
            nextArc[u] = secondHead[u];
            break;
          }
          const v = to[a];
          if ((level[v] === want || (anyLevel && stopAt![v] === 1 && level[v] >= base)) && flow[a] < upper[a] && cost[a] - pu + sign * potential[v] === 0) {
            pathArc[depth] = a;
            next = v;
            break;
          }
          nextArc[u] = firstNext[a];
        }
        while (next < 0 && nextForward[u] === 0) {
          const a = nextArc[u];
          if (a < 0) break;
          const v = from[a];
          if ((level[v] === want || (anyLevel && stopAt![v] === 1 && level[v] >= base)) && flow[a] > lower[a] && cost[a] - sign * potential[v] + pu === 0) {
            pathArc[depth] = ~a;
            next = v;
            break;
          }
          nextArc[u] = secondNext[a];
        }
        if (next >= 0) {
          depth++;
          u = next;
          continue;
        }
        level[u] = -1;
        // A dead end: step back and pass over the arc that led here.
        if (depth === 0) break;
        const back = pathArc[--depth];
        if (back >= 0) {
          u = from[back];
          nextArc[u] = firstNext[back];
        } else {
          u = to[~back];
          nextArc[u] = secondNext[~back];
        }
      }
    }
    return paths;
  }

  /**
   * Multi-source Dijkstra on reduced costs (implicit arcs included) to the nearest deficits that can take
   * all the excess (and every other deficit at the farthest of their distances); moves the
   * prices, makes the implicit arcs of the search tree real and pushes along the tree's path to each
   * deficit found. False when no deficit can be reached.
   */
  private raisePrices(sources: number[]): boolean {
    const round = ++this.round;
    const { distance, stamp, settledStamp, viaArc, viaForward, potential, excess, source, target, cost, flow, lower, upper, outHead, outNext, inHead, inNext, settledList } = this;
    const implicit = this.implicitArcs;
    const stopAt = this.toReservoir ? this.isReservoir : undefined;
    const heap = this.heap;
    heap.clear();
    const push = (node: number, key: number) => heap.push(node, key);
    for (const s of sources) {
      stamp[s] = round;
      distance[s] = 0;
      viaArc[s] = -1;
      push(s, 0);
    }
    let settledCount = 0;
    let foundCount = 0;
    let reach = 0;
    // The search goes on past the nearest deficits until those found can take all the excess: one
    // price move then makes the tree paths to all of them shortest (each settled node moves by
    // reach − d), where stopping at the nearest distance took one pass over the same zero-cost plateau
    // per distance (dozens of passes at the end of a province re-plan).
    let excessLeft = 0;
    for (const s of sources) excessLeft += excess[s];
    let demandFound = 0;
    const deficits = this.queue;
    while (heap.size > 0) {
      const key = heap.topKey();
      if (demandFound >= excessLeft && key > reach) break;
      const u = heap.pop();
      if (u < 0) {
        // The implicit arcs out of a settled node, now that the search has come as far as their bound.
        const tail = ~u;
        const from = distance[tail];
        implicit!.scan(tail, potential, (v, reduced) => {
          // One pricing out negative (a guess's) is left to the caller's pricing, which adds it as an arc.
          if (reduced < 0 || settledStamp[v] === round) return;
          const next = from + reduced;
          if (stamp[v] !== round || next < distance[v]) {
            stamp[v] = round;
            distance[v] = next;
            viaArc[v] = -2 - tail;
            push(v, next);
          }
        });
        continue;
      }
      if (settledStamp[u] === round || key > distance[u]) continue;
      settledStamp[u] = round;
      settledList[settledCount++] = u;
      if (stopAt && stopAt[u] === 1) {
        // The reservoir takes all the excess: nothing beyond moves (every node nearer is settled already),
        // and the search neither goes through it nor on over what lies as far (a plateau of ties after a
        // maximum flow, often most of the network).
        reach = key;
        deficits[foundCount++] = u;
        break;
      }
      if (excess[u] < 0) {
        // Deficits in order of distance until they can take all the excess (and all at that distance).
        reach = key;
        deficits[foundCount++] = u;
        demandFound -= excess[u];
      }
      if (implicit) {
        const bound = implicit.lowerBound(u, potential);
        if (bound < Infinity) push(~u, key + (bound > 0 ? bound : 0));
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
    this.stats.searches++;
    this.lastReach = reach;
    if (foundCount === 0) return false;
    // Potentials move by D − d on settled nodes (p here is −π of the textbook c + π_u − π_v form).
    for (let index = 0; index < settledCount; index++) {
      const v = settledList[index];
      if (distance[v] < reach) potential[v] += reach - distance[v];
    }
    // The implicit arcs on the paths found become real (at reduced cost 0 now, so at flow 0 they keep
    // optimality), so that the next maximum flow can use the paths. Each tree node is walked once.
    if (implicit) {
      for (let index = 0; index < settledCount; index++) {
        const v = settledList[index];
        const a = viaArc[v];
        if (a > -2) continue;
        viaArc[v] = this.materialize(-2 - a, v);
        viaForward[v] = 1;
      }
      implicit.pricesMoved(potential, settledList, this.keepMoved(settledCount, reach));
    }
    // Every tree path to a deficit found is a shortest path now: push along each while it has room.
    for (let index = 0; index < foundCount; index++) this.augmentTreePath(deficits[index]);
    return true;
  }

  /**
   * Phase 2's search: Dijkstra from all deficits backwards over the residual arcs (d(v) = the shortest way
   * from v to a deficit) until it settles a reservoir node, at distance D, without going through the
   * reservoir. Every node settled at d < D moves its potential down by D − d, which keeps every residual
   * reduced cost non-negative and zeroes the tree path from that reservoir node to its deficit; flow goes
   * along it. False when no reservoir node can reach a deficit.
   */
  private lowerPrices(deficits: number[]): boolean {
    const round = ++this.round;
    const { distance, stamp, settledStamp, viaArc, viaForward, potential, excess, source, target, cost, flow, lower, upper, outHead, outNext, inHead, inNext, settledList } = this;
    const reservoir = this.isReservoir!;
    const heap = this.heap;
    heap.clear();
    for (const d of deficits) {
      if (excess[d] >= 0) continue;
      stamp[d] = round;
      distance[d] = 0;
      viaArc[d] = -1;
      heap.push(d, 0);
    }
    // Every arc by which the search reached a reservoir node (that node, the settled node it came from, the
    // arc, its direction, the distance it gave): after the price move each one at the reservoir's distance ends a shortest path
    // from the deficit at its tree's root, so one search serves every deficit that has one.
    const ends = this.reservoirEnds;
    ends.length = 0;
    // How far each hub's implicit arcs have been relaxed (their reduced costs up to scannedUpTo[hub]).
    const { scannedUpTo } = this;
    // The nearest a reservoir node has been reached so far: the search stops at most there, so a node (or
    // implicit arc) reached only farther plays no part (neither moves nor ends a path) and is not queued.
    let bound = Infinity;
    const relax = (w: number, next: number, arc: number, forward: number, from: number) => {
      if (settledStamp[w] === round || next > bound) return;
      if (reservoir[w] === 1) {
        ends.push(w, from, arc, forward, next);
        bound = next;
      }
      if (stamp[w] !== round || next < distance[w]) {
        stamp[w] = round;
        distance[w] = next;
        viaArc[w] = arc;
        viaForward[w] = forward;
        heap.push(w, next);
      }
    };
    // Implicit arcs into a settled node are scanned once the search comes as far as their lower bound
    // (a heap entry ~node), so that the prices this search lowers stay feasible for them.
    const implicit = this.implicitArcs?.reverseScan ? this.implicitArcs : undefined;
    let settledCount = 0;
    let reach = Infinity;
    while (heap.size > 0) {
      const key = heap.topKey();
      const u = heap.pop();
      if (u < 0) {
        // The implicit arcs into a settled node that reach as far as the search has come (or, the first
        // time, all below it); the rest come back as one heap entry at the least of their distances.
        const head = ~u;
        const from = distance[head];
        const above = scannedUpTo[head];
        const limit = Math.min(key, bound) - from;
        const rest = implicit!.reverseScan!(
          head,
          potential,
          (w, reduced) => {
            // One pricing out negative (a guess's) is left to the caller's pricing, which adds it as an arc.
            if (reduced >= 0) relax(w, from + reduced, -2 - head, 1, head);
          },
          above,
          limit,
        );
        scannedUpTo[head] = limit;
        if (rest < Infinity && from + rest <= bound) heap.push(~head, from + rest);
        continue;
      }
      if (settledStamp[u] === round || key > distance[u]) continue;
      settledStamp[u] = round;
      settledList[settledCount++] = u;
      if (reservoir[u] === 1) {
        reach = key;
        break;
      }
      if (implicit) {
        const cheapest = key + Math.max(0, implicit.reverseLowerBound!(u, potential));
        scannedUpTo[u] = -Infinity;
        if (cheapest <= bound) heap.push(~u, cheapest);
      }
      const pu = potential[u];
      for (let a = inHead[u]; a >= 0; a = inNext[a]) if (flow[a] < upper[a]) relax(source[a], key + cost[a] - potential[source[a]] + pu, a, 1, u);
      for (let a = outHead[u]; a >= 0; a = outNext[a]) if (flow[a] > lower[a]) relax(target[a], key - cost[a] + pu - potential[target[a]], a, 0, u);
    }
    this.stats.settled += settledCount;
    this.stats.searches++;
    this.lastReach = reach;
    if (reach === Infinity) return false;
    for (let index = 0; index < settledCount; index++) {
      const v = settledList[index];
      if (distance[v] < reach) potential[v] -= reach - distance[v];
    }
    // Each end at the reservoir's distance, from a node the search settled: the reservoir node's tree arc
    // becomes that end's arc, the implicit arcs on the path become real (at reduced cost 0 now, so at flow
    // 0 they keep optimality), and flow goes along it while its root lacks some.
    for (let index = 0; index < ends.length; index += 5) {
      const [end, from, arc, forward, label] = [ends[index], ends[index + 1], ends[index + 2], ends[index + 3], ends[index + 4]];
      if (label !== reach || settledStamp[from] !== round) continue;
      viaArc[end] = arc;
      viaForward[end] = forward;
      if (implicit) {
        for (let v = end; viaArc[v] !== -1; ) {
          const a = viaArc[v];
          if (a <= -2) {
            viaArc[v] = this.materialize(v, -2 - a);
            viaForward[v] = 1;
          }
          v = viaForward[v] ? this.target[viaArc[v]] : this.source[viaArc[v]];
        }
      }
      this.augmentTreePath(end, true);
    }
    this.implicitArcs?.pricesMoved(potential, settledList, this.keepMoved(settledCount, reach));
    return true;
  }

  /** Keeps in `settledList` the nodes of a search whose price moved (settled nearer than `reach`); returns how many. */
  private keepMoved(settledCount: number, reach: number): number {
    const { settledList, distance } = this;
    let moved = 0;
    for (let index = 0; index < settledCount; index++) if (distance[settledList[index]] < reach) settledList[moved++] = settledList[index];
    return moved;
  }

  /** Makes the implicit arc `tail → head` real, at flow 0 (its reduced cost is 0 whenever this is called). */
  private materialize(tail: number, head: number): number {
    const arc = this.implicitArcs!.materialize(tail, head);
    const index = this.m;
    this.append(tail, head, 0, arc.upper, arc.cost, 0);
    this.pendingFrom = this.m;
    this.stats.materialized++;
    return index;
  }

  /**
   * Pushes along a search tree's path from `leaf` to its root as much as the path has room for (nothing if
   * it is full): from the excess at the root to the deficit (or the reservoir) at the leaf for a forward
   * search, from the reservoir at the leaf to the deficit at the root for a backward one.
   */
  private augmentTreePath(leaf: number, backward = false): void {
    const { viaArc, viaForward, flow, upper, lower, excess } = this;
    // The node a tree arc leads to on the way to the root: its tail when the search took it forwards.
    const [rootwardIfForward, rootwardIfBackward] = backward ? [this.target, this.source] : [this.source, this.target];
    const sign = backward ? -1 : 1;
    const isReservoir = this.isReservoir?.[leaf] === 1 && (backward || this.toReservoir);
    let amount = isReservoir ? Infinity : -sign * excess[leaf];
    let root = leaf;
    for (let v = leaf; viaArc[v] >= 0 && amount > 0; ) {
      const a = viaArc[v];
      const room = viaForward[v] ? upper[a] - flow[a] : flow[a] - lower[a];
      if (room < amount) amount = room;
      v = viaForward[v] ? rootwardIfForward[a] : rootwardIfBackward[a];
      root = v;
    }
    if (sign * excess[root] < amount) amount = sign * excess[root];
    if (amount <= 0) return;
    for (let v = leaf; viaArc[v] >= 0; ) {
      const a = viaArc[v];
      if (viaForward[v]) {
        flow[a] += amount;
        v = rootwardIfForward[a];
      } else {
        flow[a] -= amount;
        v = rootwardIfBackward[a];
      }
    }
    excess[root] -= sign * amount;
    excess[leaf] += sign * amount;
    this.stats.augmentations++;
  }

  private result(feasible: boolean): MinCostFlowSolution {
    const m = this.m;
    const flowOut = this.flow.slice(0, m);
    let total = 0;
    for (let a = 0; a < m; a++) if (flowOut[a] !== 0) total += flowOut[a] * this.cost[a];
    return { feasible, cost: feasible ? total : Number.NaN, flow: flowOut, potential: this.potential.slice(0, this.n), pivots: this.stats.augmentations };
  }
}

/** Solves min-cost flow exactly from a guessed flow and potentials (see the file comment). */
export function repairMinCostFlow(network: FlowNetwork, flow: ArrayLike<number>, potential: ArrayLike<number>): MinCostFlowSolution & { stats: RepairStats } {
  const solver = new WarmFlowSolver(network, flow, potential);
  const solution = solver.solve();
  return { ...solution, stats: solver.stats };
}
