/**
 * Primal network simplex for min-cost flow, modelled on LEMON's
 * NetworkSimplex (block-search pivot rule, strongly feasible spanning tree
 * stored as parent / thread / succ_num / last_succ lists, artificial root
 * with one big-M artificial arc per node).
 *
 * Everything lives in typed arrays. Internal arc layout: indices [0, n) are
 * the artificial arcs (artificial arc of node u has index u), real arcs
 * follow from index n in a "mixed" order (as LEMON does) so that consecutive
 * arcs of a pricing block come from different nodes. Keeping the artificial
 * arcs first lets the pricing loop append new arcs at the end and resume
 * from the current basis (warm start).
 */
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;
/** Capacity sentinel for the uncapacitated artificial arcs. */
const INF = 0x7fffffff;
const MAX_EXACT = 2 ** 53;
/**
 * Block size of the block-search rule. LEMON uses sqrt(arcs). In V8 the
 * block scan costs more per arc than in C++, so smaller blocks (more but
 * cheaper pivots) win on big networks. Measured on the synthetic province
 * networks: 0.5 * sqrt(m) is best around 1M arcs, 0.25 * sqrt(m) at 9M arcs
 * (10 s instead of 16 s with LEMON's sqrt(m)). Hence sqrt(m) clamped into
 * [0.25 * sqrt(m), 500]: LEMON's rule below 250k arcs, 500 up to 4M arcs,
 * 0.25 * sqrt(m) beyond.
 */
function defaultBlockSize(searchArcs: number): number {
  const root = Math.sqrt(searchArcs);
  return Math.max(10, Math.ceil(Math.max(0.25 * root, Math.min(root, 500))));
}

export interface NetworkSimplexOptions {
  /** Block size factor of the block-search rule: block = factor * sqrt(arcs); default see defaultBlockSize. */
  blockSizeFactor?: number;
  /** Use LEMON's heuristic initial pivots (default true). */
  initialPivots?: boolean;
  /** Called every 65,536 pivots with the pivots so far (a long solve can show it is alive). */
  onPivots?: (pivots: number) => void;
}

/** Stateful solver: solve(), then optionally addArcs() and solve() again from the same basis. */
export class NetworkSimplexSolver {
  private readonly n: number;
  private readonly root: number;
  /** blockSizeFactor 0 means defaultBlockSize. */
  private readonly options: Required<Omit<NetworkSimplexOptions, 'onPivots'>>;
  private readonly onPivots: ((pivots: number) => void) | undefined;
  /** Number of original (caller-visible) arcs, including ones added later. */
  private arcCount = 0;
  private allArcNum = 0;
  private source: Int32Array;
  private target: Int32Array;
  private cap: Int32Array;
  private cost: Float64Array;
  private flow: Int32Array;
  private state: Int8Array;
  /** Arcs given at construction; they sit in LEMON's mixed order, arcs added later sit at n + index. */
  private readonly originalArcCount: number;
  /** The caller's lower bounds (not copied, to save memory); added arcs have lower bound 0. */
  private readonly lower: Int32Array;
  private readonly supply: Int32Array;
  private readonly pi: Float64Array;
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly succNum: Int32Array;
  private readonly lastSucc: Int32Array;
  private readonly predDir: Int8Array;
  private readonly dirtyRevs: Int32Array;
  private readonly artCost: number;
  private readonly maxAbsCost: number;
  private nextArc = 0;
  private pivots = 0;
  private solvedOnce = false;
  private trivialInfeasible = false;
  /** Out-parameter of findEnteringArc: where the next search resumes. */
  private readonly cursor = new Int32Array(1);

  constructor(network: FlowNetwork, options: NetworkSimplexOptions = {}) {
    this.options = { blockSizeFactor: options.blockSizeFactor ?? 0, initialPivots: options.initialPivots ?? true };
    this.onPivots = options.onPivots;
    const n = network.nodeCount;
    const m = network.arcCount;
    this.n = n;
    this.root = n;
    this.arcCount = m;
    this.allArcNum = n + m;
    const all = n + m;
    this.source = new Int32Array(all);
    this.target = new Int32Array(all);
    this.cap = new Int32Array(all);
    this.cost = new Float64Array(all);
    this.flow = new Int32Array(all);
    this.state = new Int8Array(all);
    this.originalArcCount = m;
    this.lower = network.lower;
    this.supply = new Int32Array(n + 1);
    this.pi = new Float64Array(n + 1);
    this.parent = new Int32Array(n + 1);
    this.pred = new Int32Array(n + 1);
    this.thread = new Int32Array(n + 1);
    this.revThread = new Int32Array(n + 1);
    this.succNum = new Int32Array(n + 1);
    this.lastSucc = new Int32Array(n + 1);
    this.predDir = new Int8Array(n + 1);
    this.dirtyRevs = new Int32Array(n + 1);

    let maxAbsCost = 0;
    const inCost = network.cost;
    for (let a = 0; a < m; a++) {
      const c = inCost[a];
      if (!Number.isInteger(c)) throw new Error(`arc ${a}: cost ${c} is not an integer`);
      const ac = c < 0 ? -c : c;
      if (ac > maxAbsCost) maxAbsCost = ac;
    }
    this.maxAbsCost = maxAbsCost;
    // Big-M as LEMON uses for non-exact cost types: any path through the
    // real network is cheaper than one through an artificial arc.
    this.artCost = (maxAbsCost + 1) * (n + 1);
    if (this.artCost * 4 > MAX_EXACT) {
      throw new Error('costs too large: (max|cost|+1)*nodes must stay below 2^51 for exact arithmetic');
    }
    this.initialize(network);
  }

  /** Copies the network into the internal layout and builds the artificial starting tree. */
  private initialize(network: FlowNetwork): void {
    const n = this.n;
    const m = this.arcCount;
    const { source, target, cap, cost, flow, state, supply } = this;
    let sumSupply = 0;
    for (let u = 0; u < n; u++) {
      supply[u] = network.supply[u];
      sumSupply += network.supply[u];
    }
    // Mixed arc order (LEMON): spreads the arcs of one node across the list.
    const skip = mixingSkip(m, n);
    let i = 0;
    let j = 0;
    const inSrc = network.source;
    const inTgt = network.target;
    const inLow = network.lower;
    const inUp = network.upper;
    const inCost = network.cost;
    for (let a = 0; a < m; a++) {
      const e = n + i;
      const s = inSrc[a];
      const t = inTgt[a];
      if (s < 0 || s >= n || t < 0 || t >= n) throw new Error(`arc ${a}: node index out of range`);
      source[e] = s;
      target[e] = t;
      const lo = inLow[a];
      const up = inUp[a];
      if (up < lo) this.trivialInfeasible = true;
      cap[e] = up - lo;
      cost[e] = inCost[a];
      flow[e] = 0;
      state[e] = STATE_LOWER;
      if (lo !== 0) {
        supply[s] -= lo;
        supply[t] += lo;
      }
      i += skip;
      if (i >= m) i = ++j;
    }
    if (sumSupply !== 0) this.trivialInfeasible = true;
    for (let u = 0; u < n; u++) {
      if (Math.abs(supply[u]) >= INF) throw new Error(`node ${u}: supply out of 32-bit range after lower bounds`);
    }

    const root = this.root;
    const { parent, pred, thread, revThread, succNum, lastSucc, predDir, pi } = this;
    parent[root] = -1;
    pred[root] = -1;
    thread[root] = 0;
    revThread[0] = root;
    succNum[root] = n + 1;
    lastSucc[root] = root - 1;
    supply[root] = 0;
    pi[root] = 0;
    const art = this.artCost;
    for (let u = 0; u < n; u++) {
      const e = u;
      parent[u] = root;
      pred[u] = e;
      thread[u] = u + 1;
      revThread[u + 1] = u;
      succNum[u] = 1;
      lastSucc[u] = u;
      cap[e] = INF;
      state[e] = STATE_TREE;
      if (supply[u] >= 0) {
        predDir[u] = DIR_UP;
        pi[u] = 0;
        source[e] = u;
        target[e] = root;
        flow[e] = supply[u];
        cost[e] = 0;
      } else {
        predDir[u] = DIR_DOWN;
        pi[u] = art;
        source[e] = root;
        target[e] = u;
        flow[e] = -supply[u];
        cost[e] = art;
      }
    }
    if (n > 0) thread[n - 1] = root;
    if (n > 0) revThread[root] = n - 1;
    else {
      thread[root] = root;
      revThread[root] = root;
    }
    this.nextArc = n;
  }

  /**
   * Appends arcs with lower bound 0 as non-basic at flow 0, keeping the
   * current basis (warm start). Returns false when a cost exceeds the big-M
   * bound chosen at construction; the caller must then rebuild the solver.
   */
  addArcs(src: Int32Array, tgt: Int32Array, upper: Int32Array, cost: Float64Array): boolean {
    const k = src.length;
    for (let a = 0; a < k; a++) {
      const c = cost[a];
      if (!Number.isInteger(c) || Math.abs(c) > this.maxAbsCost) return false;
      if (upper[a] < 0) throw new Error('added arc with negative capacity');
      if (src[a] < 0 || src[a] >= this.n || tgt[a] < 0 || tgt[a] >= this.n) throw new Error('added arc node out of range');
    }
    const need = this.allArcNum + k;
    if (need > this.source.length) {
      const size = Math.max(need, Math.ceil(this.source.length * 1.5));
      this.source = grow(this.source, size) as Int32Array;
      this.target = grow(this.target, size) as Int32Array;
      this.cap = grow(this.cap, size) as Int32Array;
      this.cost = grow(this.cost, size) as Float64Array;
      this.flow = grow(this.flow, size) as Int32Array;
      this.state = grow(this.state, size) as Int8Array;
    }
    for (let a = 0; a < k; a++) {
      const e = this.allArcNum + a;
      this.source[e] = src[a];
      this.target[e] = tgt[a];
      this.cap[e] = upper[a];
      this.cost[e] = cost[a];
      this.flow[e] = 0;
      this.state[e] = STATE_LOWER;
    }
    this.allArcNum += k;
    this.arcCount += k;
    return true;
  }

  /** Runs (or resumes) the simplex and returns the solution on the original arc indexing. */
  solve(): MinCostFlowSolution {
    const n = this.n;
    if (this.trivialInfeasible) return this.buildResult(false);
    if (!this.solvedOnce && this.options.initialPivots) this.runInitialPivots();
    this.solvedOnce = true;
    this.runPivotLoop();
    for (let e = 0; e < n; e++) {
      if (this.flow[e] !== 0) return this.buildResult(false);
    }
    return this.buildResult(true);
  }

  private buildResult(feasible: boolean): MinCostFlowSolution {
    const m = this.arcCount;
    const n = this.n;
    const flowOut = new Int32Array(m);
    const potential = new Float64Array(n);
    let total = 0;
    const { flow, lower, pi } = this;
    const costArr = this.cost;
    const m0 = this.originalArcCount;
    const skip = mixingSkip(m0, n);
    for (let a = 0, i = 0, j = 0; a < m0; a++) {
      const e = n + i;
      const f = flow[e] + lower[a];
      flowOut[a] = f;
      total += f * costArr[e];
      i += skip;
      if (i >= m0) i = ++j;
    }
    for (let a = m0; a < m; a++) {
      const f = flow[n + a];
      flowOut[a] = f;
      total += f * costArr[n + a];
    }
    // LEMON's reduced cost is c + pi_u - pi_v; we publish p = -pi so that the
    // reduced cost reads c - p_u + p_v.
    for (let u = 0; u < n; u++) potential[u] = pi[u] === 0 ? 0 : -pi[u];
    return { feasible, cost: feasible ? total : Number.NaN, flow: flowOut, potential, pivots: this.pivots };
  }

  /** LEMON's heuristic initial pivots: cheapest incoming arc of each demand node, or a path for one source/one sink. */
  private runInitialPivots(): void {
    const n = this.n;
    const { supply, source, target, cost, cap, state, pi } = this;
    let total = 0;
    let supplyNodes = 0;
    let demandNodes = 0;
    let theSupply = -1;
    let theDemand = -1;
    for (let u = 0; u < n; u++) {
      const s = supply[u];
      if (s > 0) {
        total += s;
        supplyNodes++;
        theSupply = u;
      } else if (s < 0) {
        demandNodes++;
        theDemand = u;
      }
    }
    if (total <= 0) return;
    const first = n;
    const end = this.allArcNum;
    let candidates: Int32Array;
    let count = 0;
    if (supplyNodes === 1 && demandNodes === 1) {
      // Reverse DFS from the sink over arcs able to carry the whole amount.
      const inStart = new Int32Array(n + 1);
      for (let e = first; e < end; e++) inStart[target[e] + 1]++;
      for (let u = 0; u < n; u++) inStart[u + 1] += inStart[u];
      const inArcs = new Int32Array(end - first);
      const fill = inStart.slice(0, n);
      for (let e = first; e < end; e++) inArcs[fill[target[e]]++] = e;
      const reached = new Uint8Array(n);
      const stack = new Int32Array(n);
      candidates = new Int32Array(n);
      let sp = 0;
      reached[theDemand] = 1;
      stack[sp++] = theDemand;
      while (sp > 0) {
        const v = stack[--sp];
        if (v === theSupply) break;
        for (let k = inStart[v]; k < inStart[v + 1]; k++) {
          const e = inArcs[k];
          const u = source[e];
          if (reached[u]) continue;
          if (cap[e] >= total) {
            candidates[count++] = e;
            reached[u] = 1;
            stack[sp++] = u;
          }
        }
      }
    } else {
      const bestCost = new Float64Array(n).fill(Infinity);
      const bestArc = new Int32Array(n).fill(-1);
      for (let e = first; e < end; e++) {
        const v = target[e];
        if (supply[v] < 0 && cost[e] < bestCost[v]) {
          bestCost[v] = cost[e];
          bestArc[v] = e;
        }
      }
      candidates = new Int32Array(demandNodes);
      for (let v = 0; v < n; v++) {
        if (supply[v] < 0 && bestArc[v] >= 0) candidates[count++] = bestArc[v];
      }
    }
    for (let k = 0; k < count; k++) {
      const e = candidates[k];
      if (state[e] * (cost[e] + pi[source[e]] - pi[target[e]]) >= 0) continue;
      this.pivotOn(e);
    }
  }

  /** Performs one pivot with the given entering arc (used by the initial heuristic). */
  private pivotOn(inArc: number): void {
    // Reuse the main loop machinery on a single given arc.
    this.runPivotLoop(inArc);
  }

  /**
   * The simplex loop. All hot state is copied into locals so V8 keeps it in
   * registers; the tree-update code is a direct transcription of LEMON's.
   * When forcedArc >= 0 exactly one pivot on that arc is performed.
   */
  private runPivotLoop(forcedArc = -1): void {
    const source = this.source;
    const target = this.target;
    const cap = this.cap;
    const cost = this.cost;
    const flow = this.flow;
    const state = this.state;
    const pi = this.pi;
    const parent = this.parent;
    const pred = this.pred;
    const thread = this.thread;
    const revThread = this.revThread;
    const succNum = this.succNum;
    const lastSucc = this.lastSucc;
    const predDir = this.predDir;
    const dirtyRevs = this.dirtyRevs;
    const searchStart = this.n;
    const searchEnd = this.allArcNum;
    const searchCount = searchEnd - searchStart;
    const factor = this.options.blockSizeFactor;
    const blockSize = factor > 0 ? Math.max(Math.ceil(factor * Math.sqrt(searchCount)), 10) : defaultBlockSize(searchCount);
    let nextArc = this.nextArc;
    if (nextArc < searchStart || nextArc >= searchEnd) nextArc = searchStart;
    let pivots = this.pivots;

    for (;;) {
      // ---- findEnteringArc (block search) ----
      let inArc = -1;
      if (forcedArc >= 0) {
        inArc = forcedArc;
      } else {
        if (searchCount === 0) break;
        inArc = findEnteringArc(source, target, cost, state, pi, searchStart, searchEnd, nextArc, blockSize, this.cursor);
        if (inArc < 0) break;
        nextArc = this.cursor[0];
      }

      // ---- findJoinNode ----
      let u = source[inArc];
      let v = target[inArc];
      while (u !== v) {
        if (succNum[u] < succNum[v]) u = parent[u];
        else v = parent[v];
      }
      const join = u;

      // ---- findLeavingArc ----
      let first: number;
      let second: number;
      const inState = state[inArc];
      if (inState === STATE_LOWER) {
        first = source[inArc];
        second = target[inArc];
      } else {
        first = target[inArc];
        second = source[inArc];
      }
      let delta = cap[inArc];
      let result = 0;
      let uOut = -1;
      for (let w = first; w !== join; w = parent[w]) {
        const ea = pred[w];
        let d = flow[ea];
        if (predDir[w] === DIR_DOWN) {
          const c = cap[ea];
          d = c >= INF ? INF : c - d;
        }
        if (d < delta) {
          delta = d;
          uOut = w;
          result = 1;
        }
      }
      for (let w = second; w !== join; w = parent[w]) {
        const ea = pred[w];
        let d = flow[ea];
        if (predDir[w] === DIR_UP) {
          const c = cap[ea];
          d = c >= INF ? INF : c - d;
        }
        if (d <= delta) {
          delta = d;
          uOut = w;
          result = 2;
        }
      }
      let uIn: number;
      let vIn: number;
      if (result === 1) {
        uIn = first;
        vIn = second;
      } else {
        uIn = second;
        vIn = first;
      }
      const change = result !== 0;
      if (delta >= INF) throw new Error('unbounded: negative cycle of infinite capacity');

      // ---- changeFlow ----
      if (delta > 0) {
        const val = inState * delta;
        flow[inArc] += val;
        for (let w = source[inArc]; w !== join; w = parent[w]) flow[pred[w]] -= predDir[w] * val;
        for (let w = target[inArc]; w !== join; w = parent[w]) flow[pred[w]] += predDir[w] * val;
      }
      pivots++;
      if ((pivots & 0xffff) === 0 && this.onPivots) this.onPivots(pivots);
      if (!change) {
        state[inArc] = -inState;
        if (forcedArc >= 0) break;
        continue;
      }
      state[inArc] = STATE_TREE;
      state[pred[uOut]] = flow[pred[uOut]] === 0 ? STATE_LOWER : STATE_UPPER;

      // ---- updateTreeStructure ----
      const oldRevThread = revThread[uOut];
      const oldSuccNum = succNum[uOut];
      const oldLastSucc = lastSucc[uOut];
      const vOut = parent[uOut];

      if (uIn === uOut) {
        parent[uIn] = vIn;
        pred[uIn] = inArc;
        predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
        if (thread[vIn] !== uOut) {
          let after = thread[oldLastSucc];
          thread[oldRevThread] = after;
          revThread[after] = oldRevThread;
          after = thread[vIn];
          thread[vIn] = uOut;
          revThread[uOut] = vIn;
          thread[oldLastSucc] = after;
          revThread[after] = oldLastSucc;
        }
      } else {
        const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
        let stem = uIn;
        let parStem = vIn;
        let nextStem: number;
        let last = lastSucc[uIn];
        let before: number;
        let after = thread[last];
        thread[vIn] = uIn;
        let dirty = 0;
        dirtyRevs[dirty++] = vIn;
        while (stem !== uOut) {
          nextStem = parent[stem];
          thread[last] = nextStem;
          dirtyRevs[dirty++] = last;
          before = revThread[stem];
          thread[before] = after;
          revThread[after] = before;
          parent[stem] = parStem;
          parStem = stem;
          stem = nextStem;
          last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
          after = thread[last];
        }
        parent[uOut] = parStem;
        thread[last] = threadContinue;
        revThread[threadContinue] = last;
        lastSucc[uOut] = last;
        if (oldRevThread !== vIn) {
          thread[oldRevThread] = after;
          revThread[after] = oldRevThread;
        }
        for (let k = 0; k < dirty; k++) {
          const w = dirtyRevs[k];
          revThread[thread[w]] = w;
        }
        let tmpSc = 0;
        const tmpLs = lastSucc[uOut];
        for (let w = uOut, p = parent[w]; w !== uIn; w = p, p = parent[w]) {
          pred[w] = pred[p];
          predDir[w] = -predDir[p];
          tmpSc += succNum[w] - succNum[p];
          succNum[w] = tmpSc;
          lastSucc[p] = tmpLs;
        }
        pred[uIn] = inArc;
        predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
        succNum[uIn] = oldSuccNum;
      }

      const upLimitOut = lastSucc[join] === vIn ? join : -1;
      const lastSuccOut = lastSucc[uOut];
      for (let w = vIn; w !== -1 && lastSucc[w] === vIn; w = parent[w]) lastSucc[w] = lastSuccOut;
      if (join !== oldRevThread && vIn !== oldRevThread) {
        for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]) lastSucc[w] = oldRevThread;
      } else if (lastSuccOut !== oldLastSucc) {
        for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]) lastSucc[w] = lastSuccOut;
      }
      for (let w = vIn; w !== join; w = parent[w]) succNum[w] += oldSuccNum;
      for (let w = vOut; w !== join; w = parent[w]) succNum[w] -= oldSuccNum;

      // ---- updatePotential ----
      const sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
      const endNode = thread[lastSucc[uIn]];
      for (let w = uIn; w !== endNode; w = thread[w]) pi[w] += sigma;

      if (forcedArc >= 0) break;
    }
    this.nextArc = nextArc;
    this.pivots = pivots;
  }
}

/**
 * Block search (LEMON's default pivot rule): scan the arcs from where the
 * last search stopped in blocks of blockSize and return the most negative
 * reduced-cost arc of the first block that has one, or -1 when no arc has a
 * negative reduced cost. The resume position is written to cursor[0]. Blocks
 * end at the end of the arc list, which keeps the inner loop free of
 * counters; the scan still covers every arc exactly once before giving up.
 */
function findEnteringArc(
  source: Int32Array,
  target: Int32Array,
  cost: Float64Array,
  state: Int8Array,
  pi: Float64Array,
  searchStart: number,
  searchEnd: number,
  nextArc: number,
  blockSize: number,
  cursor: Int32Array,
): number {
  let min = 0;
  let inArc = -1;
  let e = nextArc;
  let scanned = 0;
  const total = searchEnd - searchStart;
  while (scanned < total) {
    let blockEnd = e + blockSize;
    if (blockEnd > searchEnd) blockEnd = searchEnd;
    scanned += blockEnd - e;
    for (; e < blockEnd; e++) {
      const c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
      if (c < min) {
        min = c;
        inArc = e;
      }
    }
    if (e >= searchEnd) e = searchStart;
    if (min < 0) break;
  }
  cursor[0] = e;
  return inArc;
}

/** Stride of LEMON's arc mixing: arc a goes to slot j + k * skip. */
function mixingSkip(m: number, n: number): number {
  return Math.max(Math.floor(m / Math.max(n, 1)), 3);
}

function grow(arr: Int32Array | Float64Array | Int8Array, size: number): Int32Array | Float64Array | Int8Array {
  const ctor = arr.constructor as new (n: number) => Int32Array | Float64Array | Int8Array;
  const out = new ctor(size);
  out.set(arr);
  return out;
}

/** Solves a min-cost-flow problem exactly with the network simplex method. */
export function solveMinCostFlow(network: FlowNetwork, options: NetworkSimplexOptions = {}): MinCostFlowSolution {
  return new NetworkSimplexSolver(network, options).solve();
}
