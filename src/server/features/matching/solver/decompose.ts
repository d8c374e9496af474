/**
 * Exact decomposition of a min-cost-flow network around its hubs.
 *
 * A hub is a node incident to at least max(64, nodes/10) arcs - in the
 * cadre -> point assignment network exactly the super-source and the
 * super-sink. At most the two highest-degree hubs are removed; union-find
 * over the remaining arcs yields connected components, which are packed into
 * parts. Each part becomes an independent problem with private copies of the
 * hubs. The split is only used when it is provably exact:
 *
 *  - 0 or 1 hub: a part's exchange with the hub is fixed by its own supply.
 *  - 2 hubs, "determined": in every part the arcs to one of the hubs all
 *    have low == cap, so both exchanges are fixed; all hub-hub arcs fixed.
 *  - 2 hubs, "slack arc": exactly one hub-hub arc b = (s, t) is flexible and
 *    its bounds can never bind: for every choice of exchanges within the
 *    bounds of the hub arcs, the flow left for b stays within [low_b, cap_b].
 *    Then the global problem separates into min C_g(x_g) - c_b x_g per part,
 *    which each part models with a private slack arc s_g -> t_g of cost c_b
 *    whose flow is strictly inside its bounds in every feasible solution.
 *
 * Certificate stitching: a part's potentials are unique only up to an
 * additive constant, so each part is shifted to agree with fixed global hub
 * potentials. In the slack-arc case the private slack arc is strictly
 * interior, hence basic, hence has reduced cost 0: p(s_g) - p(t_g) = c_b in
 * every part, and shifting t_g to p(t) = 0 puts s_g at p(s) = c_b for all
 * parts at once. Every original arc then satisfies complementary slackness
 * because it did so in its part (hub arcs are the part's copies), and the
 * global slack arc has reduced cost c_b - c_b + 0 = 0. In the determined case
 * only the hub whose arcs are flexible needs aligning; arcs with low == cap
 * satisfy complementary slackness for any potentials.
 */
import type { FlowNetwork, MinCostFlowSolution } from './flow-network.ts';

export type DecompositionMode = 'free' | 'determined' | 'slack-arc';

/** One independent subproblem and the maps back to the original network. */
export interface DecomposedPart {
  network: FlowNetwork;
  /** Local node -> original node for the part's own (non-hub) nodes. */
  nodes: Int32Array;
  /** Local arc -> original arc; the part's private slack arc (if any) is last and not listed. */
  arcs: Int32Array;
  /** Local node indices of the hub copies, in the order of plan.hubs. */
  hubCopies: number[];
  /** Hub slot whose copy is shifted onto the global hub potential, or -1. */
  alignHub: number;
}

export interface DecompositionPlan {
  /** False when the network must be solved as a whole; reason says why. */
  split: boolean;
  reason: string;
  mode?: DecompositionMode;
  hubs: number[];
  parts: DecomposedPart[];
  /** Global potentials assigned to hubs (same order as hubs). */
  hubPotential: number[];
  /** Original indices of arcs between hubs. */
  hubArcs: Int32Array;
  /** The flexible hub-hub arc in slack-arc mode, else -1. */
  slackArc: number;
  componentCount: number;
}

export interface DecomposeOptions {
  /** Minimum incident-arc count of a hub; default max(64, nodes / 10). */
  hubDegree?: number;
  /** Parts smaller than this many arcs are bundled together; default arcs / 24. */
  bundleArcs?: number;
}

const NO_SPLIT = (reason: string, hubs: number[] = [], componentCount = 1): DecompositionPlan => ({
  split: false,
  reason,
  hubs,
  parts: [],
  hubPotential: [],
  hubArcs: new Int32Array(0),
  slackArc: -1,
  componentCount,
});

/** Finds the hubs of a network: up to two nodes of very high degree, highest first. */
export function findHubs(network: FlowNetwork, hubDegree?: number): number[] {
  const n = network.nodeCount;
  const degree = new Int32Array(n);
  for (let a = 0; a < network.arcCount; a++) {
    degree[network.source[a]]++;
    degree[network.target[a]]++;
  }
  const threshold = hubDegree ?? Math.max(64, Math.ceil(n / 10));
  let best = -1;
  let second = -1;
  for (let v = 0; v < n; v++) {
    if (degree[v] < threshold) continue;
    if (best < 0 || degree[v] > degree[best]) {
      second = best;
      best = v;
    } else if (second < 0 || degree[v] > degree[second]) {
      second = v;
    }
  }
  return [best, second].filter((v) => v >= 0);
}

/** Labels connected components of the graph without the hubs (union-find); hubs get -1. */
export function labelComponents(network: FlowNetwork, hubs: number[]): { label: Int32Array; count: number } {
  const n = network.nodeCount;
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const isHub = new Uint8Array(n);
  for (const h of hubs) isHub[h] = 1;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const { source, target } = network;
  for (let a = 0; a < network.arcCount; a++) {
    const u = source[a];
    const v = target[a];
    if (isHub[u] || isHub[v]) continue;
    const ru = find(u);
    const rv = find(v);
    // Union by index keeps it simple; path halving keeps trees shallow.
    if (ru !== rv) {
      if (ru < rv) parent[rv] = ru;
      else parent[ru] = rv;
    }
  }
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    if (isHub[v]) continue;
    const r = find(v);
    if (r === v) label[v] = count++;
  }
  for (let v = 0; v < n; v++) if (!isHub[v]) label[v] = label[find(v)];
  return { label, count };
}

/** Plans an exact decomposition, or explains why the network must be solved whole. */
export function planDecomposition(network: FlowNetwork, options: DecomposeOptions = {}): DecompositionPlan {
  const n = network.nodeCount;
  const m = network.arcCount;
  const { source, target, lower, upper, cost, supply } = network;
  let supplySum = 0;
  for (let v = 0; v < n; v++) supplySum += supply[v];
  if (supplySum !== 0) return NO_SPLIT('supplies do not sum to zero');

  const hubs = findHubs(network, options.hubDegree);
  const hubSlot = new Int8Array(n).fill(-1);
  hubs.forEach((h, i) => (hubSlot[h] = i));
  const { label, count } = labelComponents(network, hubs);
  if (count <= 1) return NO_SPLIT('the network does not split into several components', hubs, count);

  // Component sizes in arcs (hub arcs count for their non-hub endpoint).
  const compArcs = new Float64Array(count);
  let hubArcCount = 0;
  for (let a = 0; a < m; a++) {
    const u = source[a];
    const c = hubSlot[u] < 0 ? label[u] : label[target[a]];
    if (c < 0) hubArcCount++;
    else compArcs[c]++;
  }
  // Pack components into parts: big ones alone, small ones bundled.
  const bundle = options.bundleArcs ?? Math.max(1, Math.ceil(m / 24));
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => compArcs[y] - compArcs[x]);
  const compPart = new Int32Array(count);
  let partCount = 0;
  let open = -1;
  let openSize = 0;
  for (const c of order) {
    if (compArcs[c] >= bundle) {
      compPart[c] = partCount++;
      continue;
    }
    if (open < 0 || openSize >= bundle) {
      open = partCount++;
      openSize = 0;
    }
    compPart[c] = open;
    openSize += compArcs[c] + 1;
  }
  if (partCount <= 1) return NO_SPLIT('all components fit in one part', hubs, count);

  // Per part: node counts, arc counts, internal supply, exchange ranges with hubs.
  const H = hubs.length;
  const partOf = (v: number): number => (label[v] < 0 ? -1 : compPart[label[v]]);
  const partNodes = new Int32Array(partCount);
  const partArcs = new Int32Array(partCount);
  const partSupply = new Float64Array(partCount);
  const localIndex = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    if (hubSlot[v] >= 0) continue;
    const p = partOf(v);
    localIndex[v] = partNodes[p]++;
    partSupply[p] += supply[v];
  }
  // exLo/exHi[p * 2 + h]: range of the net flow from hub h into part p.
  const exLo = new Float64Array(partCount * 2);
  const exHi = new Float64Array(partCount * 2);
  const hubArcs = new Int32Array(hubArcCount);
  let hubArcFill = 0;
  for (let a = 0; a < m; a++) {
    const u = source[a];
    const v = target[a];
    const hu = hubSlot[u];
    const hv = hubSlot[v];
    if (hu >= 0 && hv >= 0) {
      hubArcs[hubArcFill++] = a;
      continue;
    }
    const p = hu >= 0 ? partOf(v) : partOf(u);
    partArcs[p]++;
    if (hu >= 0) {
      exLo[p * 2 + hu] += lower[a];
      exHi[p * 2 + hu] += upper[a];
    } else if (hv >= 0) {
      exLo[p * 2 + hv] -= upper[a];
      exHi[p * 2 + hv] -= lower[a];
    }
  }

  // Decide whether the split is exact, and how each part's hub copies are supplied.
  let mode: DecompositionMode;
  const hubCopySupply = new Float64Array(partCount * 2);
  const alignHub = new Int32Array(partCount).fill(-1);
  const hubPotential = new Array<number>(H).fill(0);
  let slackArc = -1;
  let slackCap = new Float64Array(0);
  const fixedHubArcs = (): boolean => {
    for (let k = 0; k < hubArcFill; k++) if (lower[hubArcs[k]] !== upper[hubArcs[k]]) return false;
    return true;
  };
  if (H <= 1) {
    if (!fixedHubArcs()) return NO_SPLIT('a loop on the hub has free flow', hubs, count);
    mode = 'free';
    for (let p = 0; p < partCount; p++) {
      if (H === 1) {
        hubCopySupply[p * 2] = -partSupply[p];
        alignHub[p] = 0;
      }
    }
  } else {
    const sFixedAll: boolean[] = [];
    let determined = fixedHubArcs();
    for (let p = 0; p < partCount && determined; p++) {
      const sFixed = exLo[p * 2] === exHi[p * 2];
      const tFixed = exLo[p * 2 + 1] === exHi[p * 2 + 1];
      if (!sFixed && !tFixed) determined = false;
      sFixedAll.push(sFixed);
    }
    if (determined) {
      mode = 'determined';
      let hub0Inflow = 0;
      for (let p = 0; p < partCount; p++) {
        const sFixed = sFixedAll[p];
        const x0 = sFixed ? exLo[p * 2] : -partSupply[p] - exLo[p * 2 + 1];
        hubCopySupply[p * 2] = x0;
        hubCopySupply[p * 2 + 1] = -partSupply[p] - x0;
        hub0Inflow += x0;
        const tFixed = exLo[p * 2 + 1] === exHi[p * 2 + 1];
        alignHub[p] = !sFixed ? 0 : !tFixed ? 1 : -1;
      }
      let hub0Out = hub0Inflow;
      for (let k = 0; k < hubArcFill; k++) {
        const a = hubArcs[k];
        if (source[a] === hubs[0]) hub0Out += lower[a];
        if (target[a] === hubs[0]) hub0Out -= lower[a];
      }
      if (hub0Out !== supply[hubs[0]]) return NO_SPLIT('fixed hub exchanges do not balance the hub supply', hubs, count);
    } else {
      let flexible = -1;
      for (let k = 0; k < hubArcFill; k++) {
        const a = hubArcs[k];
        if (lower[a] === upper[a]) continue;
        if (flexible >= 0 || source[a] === target[a]) return NO_SPLIT('more than one free arc between the hubs', hubs, count);
        flexible = a;
      }
      if (flexible < 0) return NO_SPLIT('both hubs have free arcs and no slack arc joins them', hubs, count);
      // Orient: s = tail of the slack arc, t = its head.
      const sSlot = hubSlot[source[flexible]];
      const s = hubs[sSlot];
      let fixedOut = 0;
      for (let k = 0; k < hubArcFill; k++) {
        const a = hubArcs[k];
        if (a === flexible) continue;
        if (source[a] === s) fixedOut += lower[a];
        if (target[a] === s) fixedOut -= lower[a];
      }
      let sumLo = 0;
      let sumHi = 0;
      for (let p = 0; p < partCount; p++) {
        sumLo += exLo[p * 2 + sSlot];
        sumHi += exHi[p * 2 + sSlot];
      }
      const left = supply[s] - fixedOut;
      if (left - sumHi < lower[flexible] || left - sumLo > upper[flexible]) {
        return NO_SPLIT('the slack arc between the hubs could bind, so parts compete for hub flow', hubs, count);
      }
      mode = 'slack-arc';
      slackArc = flexible;
      slackCap = new Float64Array(partCount);
      const tSlot = 1 - sSlot;
      hubPotential[sSlot] = cost[flexible];
      hubPotential[tSlot] = 0;
      for (let p = 0; p < partCount; p++) {
        const hi = exHi[p * 2 + sSlot];
        const lo = exLo[p * 2 + sSlot];
        hubCopySupply[p * 2 + sSlot] = hi + 1;
        hubCopySupply[p * 2 + tSlot] = -partSupply[p] - hi - 1;
        slackCap[p] = hi - lo + 2;
        alignHub[p] = tSlot;
      }
    }
  }

  // Materialise the part networks.
  const extraArc = mode === 'slack-arc' ? 1 : 0;
  const parts: DecomposedPart[] = [];
  for (let p = 0; p < partCount; p++) {
    const nodeCount = partNodes[p] + H;
    const arcCount = partArcs[p] + extraArc;
    const supplyArr = new Int32Array(nodeCount);
    for (let h = 0; h < H; h++) {
      const value = hubCopySupply[p * 2 + h];
      if (Math.abs(value) > 2147483647) return NO_SPLIT('hub copy supply exceeds 32 bits', hubs, count);
      supplyArr[partNodes[p] + h] = value;
    }
    parts.push({
      network: {
        nodeCount,
        arcCount,
        source: new Int32Array(arcCount),
        target: new Int32Array(arcCount),
        lower: new Int32Array(arcCount),
        upper: new Int32Array(arcCount),
        cost: new Float64Array(arcCount),
        supply: supplyArr,
      },
      nodes: new Int32Array(partNodes[p]),
      arcs: new Int32Array(partArcs[p]),
      hubCopies: hubs.map((_, h) => partNodes[p] + h),
      alignHub: alignHub[p],
    });
  }
  for (let v = 0; v < n; v++) {
    if (hubSlot[v] >= 0) continue;
    const part = parts[partOf(v)];
    part.nodes[localIndex[v]] = v;
    part.network.supply[localIndex[v]] = supply[v];
  }
  const fill = new Int32Array(partCount);
  for (let a = 0; a < m; a++) {
    const u = source[a];
    const v = target[a];
    const hu = hubSlot[u];
    const hv = hubSlot[v];
    if (hu >= 0 && hv >= 0) continue;
    const p = hu >= 0 ? partOf(v) : partOf(u);
    const part = parts[p];
    const i = fill[p]++;
    const net = part.network;
    net.source[i] = hu >= 0 ? partNodes[p] + hu : localIndex[u];
    net.target[i] = hv >= 0 ? partNodes[p] + hv : localIndex[v];
    net.lower[i] = lower[a];
    net.upper[i] = upper[a];
    net.cost[i] = cost[a];
    part.arcs[i] = a;
  }
  if (mode === 'slack-arc') {
    const sSlot = hubSlot[source[slackArc]];
    for (let p = 0; p < partCount; p++) {
      const net = parts[p].network;
      const i = net.arcCount - 1;
      net.source[i] = partNodes[p] + sSlot;
      net.target[i] = partNodes[p] + 1 - sSlot;
      net.lower[i] = 0;
      if (slackCap[p] > 2147483647) return NO_SPLIT('slack capacity exceeds 32 bits', hubs, count);
      net.upper[i] = slackCap[p];
      net.cost[i] = cost[slackArc];
    }
  }
  return {
    split: true,
    reason: `${count} components in ${partCount} parts after removing ${H} hub(s), mode ${mode}`,
    mode,
    hubs,
    parts,
    hubPotential,
    hubArcs: hubArcs.subarray(0, hubArcFill),
    slackArc,
    componentCount: count,
  };
}

/** Stitches part solutions into a flow and a certifying potential on the original network. */
export function mergePartSolutions(network: FlowNetwork, plan: DecompositionPlan, solutions: MinCostFlowSolution[]): MinCostFlowSolution {
  const flow = new Int32Array(network.arcCount);
  const potential = new Float64Array(network.nodeCount);
  let pivots = 0;
  const feasible = solutions.every((s) => s.feasible);
  plan.parts.forEach((part, p) => {
    const sol = solutions[p];
    pivots += sol.pivots;
    const { arcs, nodes } = part;
    for (let i = 0; i < arcs.length; i++) flow[arcs[i]] = sol.flow[i];
    const shift = part.alignHub >= 0 ? plan.hubPotential[part.alignHub] - sol.potential[part.hubCopies[part.alignHub]] : 0;
    for (let j = 0; j < nodes.length; j++) potential[nodes[j]] = sol.potential[j] + shift;
  });
  plan.hubs.forEach((h, i) => (potential[h] = plan.hubPotential[i]));
  const { source, target, lower, cost } = network;
  for (const a of plan.hubArcs) flow[a] = lower[a];
  if (plan.slackArc >= 0) {
    // The slack arc carries whatever its tail hub still has to send.
    const s = source[plan.slackArc];
    let out = 0;
    for (let a = 0; a < network.arcCount; a++) {
      if (a === plan.slackArc) continue;
      if (source[a] === s) out += flow[a];
      if (target[a] === s) out -= flow[a];
    }
    flow[plan.slackArc] = network.supply[s] - out;
  }
  let total = 0;
  for (let a = 0; a < network.arcCount; a++) total += flow[a] * cost[a];
  return { feasible, cost: feasible ? total : Number.NaN, flow, potential, pivots };
}
