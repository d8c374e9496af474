// A re-plan's warm start: the previous plan's postings become the first flow of the new network and the
// previous plan's node potentials (stored with it, by record id) its first prices. The solver
// (solver/repair-flow.ts) then repairs only what the changes broke; the result is exact whatever the guess.
import { needTags } from '../../../lib/roster-vocabulary.ts';
import type { FixedPosting } from './matching-input.ts';
import { addHubArc, arcKind, distanceByPosition, hubNodesByPosition, pairKey, targetOf, townshipKey, type MatchingNetwork } from './matching-network.ts';

const sourceNode = 0;
const sinkNode = 1;

/** A plan's node potentials by record id: what "why here" reads and what the next re-plan starts from. */
export interface PlanPotentials {
  cadre: Record<string, number>;
  point: Record<string, number>;
  need: Record<string, number>;
  township: Record<string, number>;
  /** The super-source and super-sink (absent in plans stored before warm starts). */
  source?: number;
  sink?: number;
}

/** Potentials by record id (cadres, points, needs, leader townships, source and sink). */
export function collectPotentials(network: MatchingNetwork, potential: Float64Array): PlanPotentials {
  const { input } = network;
  const cadre: Record<string, number> = {};
  const point: Record<string, number> = {};
  const need: Record<string, number> = {};
  const township: Record<string, number> = {};
  input.cadres.forEach((item, index) => {
    if (!network.retired?.has(index)) cadre[item.id] = potential[network.cadreNode(index)];
  });
  input.points.forEach((item, index) => {
    point[item.id] = potential[network.pointNode(index)];
    needTags.forEach((tag, tagIndex) => {
      const node = network.needNode[index * 3 + tagIndex];
      if (node >= 0) need[`${item.id}:${tag}`] = potential[node];
    });
  });
  for (const [key, node] of network.townshipNodes) {
    const [cadreIndex, code] = key.split(':');
    township[`${input.cadres[Number(cadreIndex)].id}:${code}`] = potential[node];
  }
  return { cadre, point, need, township, source: potential[sourceNode], sink: potential[sinkNode] };
}

/** Arcs of the network's fixed part, found by what they connect. */
function indexArcs(network: MatchingNetwork) {
  const { arcs, senders } = network;
  const pointCount = network.input.points.length;
  const byPoint = () => new Int32Array(pointCount).fill(-1);
  const bySender = () => new Int32Array(senders.length).fill(-1);
  // Arcs out of senders and leader townships, as compressed lists by tail node: a sender has few, and
  // scanning them beats hashing millions of pair keys.
  const isLookedUp = (kind: number) => kind === arcKind.candidate || kind === arcKind.toHub || kind === arcKind.leaderTownship;
  const outStart = new Int32Array(network.nodeCount + 1);
  for (let arc = 0; arc < arcs.length; arc += 1) if (isLookedUp(arcs.kind[arc])) outStart[arcs.source[arc] + 1] += 1;
  for (let node = 0; node < network.nodeCount; node += 1) outStart[node + 1] += outStart[node];
  const outArcs = new Int32Array(outStart[network.nodeCount]);
  const fill = outStart.slice(0, network.nodeCount);
  for (let arc = 0; arc < arcs.length; arc += 1) if (isLookedUp(arcs.kind[arc])) outArcs[fill[arcs.source[arc]]++] = arc;
  const find = (from: number, kind: number, to: number, point: number): number | undefined => {
    for (let slot = outStart[from]; slot < outStart[from + 1]; slot += 1) {
      const arc = outArcs[slot];
      if (arcs.kind[arc] === kind && (to < 0 || arcs.target[arc] === to) && (point < 0 || arcs.point[arc] === point)) return arc;
    }
    return undefined;
  };
  const index = {
    /** The direct arc from a node to a point. */
    direct: (from: number, pointIndex: number) => find(from, arcKind.candidate, -1, pointIndex),
    /** The arc from a sender's node into a hub root, block or target. */
    toHub: (from: number, to: number) => find(from, arcKind.toHub, to, -1),
    /** The arc from a leader into one of its own township nodes. */
    leaderTownship: (from: number, to: number) => find(from, arcKind.leaderTownship, to, -1),
    needBonus: new Int32Array(pointCount * 3).fill(-1),
    needRest: new Int32Array(pointCount * 3).fill(-1),
    pointMinimum: byPoint(),
    firstExtra: byPoint(),
    extras: new Int32Array(pointCount),
    uncovered: byPoint(),
    overfull: byPoint(),
    fromSource: bySender(),
    unplaced: bySender(),
    bypass: -1,
  };
  for (let arc = 0; arc < arcs.length; arc += 1) {
    const point = arcs.point[arc];
    switch (arcs.kind[arc]) {
      case arcKind.needBonus:
        index.needBonus[point * 3 + arcs.need[arc]] = arc;
        break;
      case arcKind.needRest:
        index.needRest[point * 3 + arcs.need[arc]] = arc;
        break;
      case arcKind.pointMinimum:
        index.pointMinimum[point] = arc;
        break;
      case arcKind.pointExtra:
        if (index.firstExtra[point] < 0) index.firstExtra[point] = arc;
        index.extras[point] += 1;
        break;
      case arcKind.uncoveredSlack:
        index.uncovered[point] = arc;
        break;
      case arcKind.overfullSlack:
        index.overfull[point] = arc;
        break;
      case arcKind.sourceToCadre:
        index.fromSource[arcs.ref[arc]] = arc;
        break;
      case arcKind.unplacedSlack:
        index.unplaced[arcs.ref[arc]] = arc;
        break;
      case arcKind.bypass:
        index.bypass = arc;
        break;
    }
  }
  return index;
}

/**
 * The previous postings as a flow of the network: each posting still allowed travels from its cadre's
 * sender to the point (a stayer along its group's direct arc to its old point; others through the hub of the point's
 * township, joined by a hub arc added here if the graph lacks it), and the point, need, source and
 * slack arcs carry what those paths bring. Postings no longer allowed are left out; what that leaves
 * unbalanced the solver repairs.
 */
export function warmStartFlow(network: MatchingNetwork, postings: FixedPosting[]): Int32Array {
  const { input, senders, hubs } = network;
  const pointCount = input.points.length;
  const townshipPosition = new Map(network.townships.map((township, position) => [township, position]));
  const positionInTownship = new Int32Array(pointCount);
  for (const points of network.pointsOfTownship.values()) points.forEach((pointIndex, position) => (positionInTownship[pointIndex] = position));
  let index = indexArcs(network);
  const routes: number[][] = [];
  const arriving: { pointIndex: number; need: number }[] = [];
  const pendingHubArcs: { senderIndex: number; township: string }[] = [];

  // The path from one sender to the point, or null when the graph has no way (or needs a hub arc first).
  const routeFrom = (senderIndex: number, cadreIndex: number, pointIndex: number): number[] | null | 'hub' => {
    const sender = senders[senderIndex];
    const direct = index.direct(sender.node, pointIndex);
    if (direct !== undefined) return [direct];
    const township = townshipKey(input.points[pointIndex].regionCode);
    if (sender.kind === 'leader') {
      const node = network.townshipNodes.get(`${cadreIndex}:${township}`);
      if (node !== undefined) {
        const down = index.direct(node, pointIndex);
        return down === undefined ? null : [index.leaderTownship(sender.node, node)!, down];
      }
    }
    const hubIndex = network.hubByKey.get(`${township}|${sender.category}`);
    if (hubIndex === undefined) return null;
    const hub = hubs[hubIndex];
    const position = positionInTownship[pointIndex];
    const block = Math.floor(position / hub.blockSize);
    if (sender.special.has(township)) {
      // A home group's cover: a block without the home village, or the point's target itself.
      const viaBlock = hub.blocks[block] >= 0 ? index.toHub(sender.node, hub.blocks[block]) : undefined;
      if (viaBlock !== undefined) return [viaBlock, hub.targetArcs[position]];
      const straight = index.toHub(sender.node, targetOf(network, sender.category, pointIndex).node);
      return straight === undefined ? null : [straight];
    }
    const into = index.toHub(sender.node, hub.node);
    if (into === undefined) {
      const at = townshipPosition.get(township);
      return !sender.closed && at !== undefined && at >= sender.range[0] && at < sender.range[1] ? 'hub' : null;
    }
    return hub.blockArcs[block] >= 0 ? [into, hub.blockArcs[block], hub.targetArcs[position]] : [into, hub.targetArcs[position]];
  };
  const route = (cadreIndex: number, pointIndex: number) => routeFrom(network.senderOfCadre[cadreIndex], cadreIndex, pointIndex);

  const kept: { cadreIndex: number; pointIndex: number }[] = [];
  const seen = new Set<number>();
  for (const posting of postings) {
    const cadreIndex = network.cadreIndexById.get(posting.cadreId);
    const pointIndex = network.pointIndexById.get(posting.pointId);
    if (cadreIndex === undefined || pointIndex === undefined) continue;
    const key = pairKey(cadreIndex, pointIndex, pointCount);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ cadreIndex, pointIndex });
  }
  // Hub arcs the flow needs come first (they grow the arc list), then every path is looked up.
  for (const { cadreIndex, pointIndex } of kept) {
    const path = route(cadreIndex, pointIndex);
    if (path !== 'hub') continue;
    const senderIndex = network.senderOfCadre[cadreIndex];
    const township = townshipKey(input.points[pointIndex].regionCode);
    if (!senders[senderIndex].hubbed.has(township)) pendingHubArcs.push({ senderIndex, township });
    senders[senderIndex].hubbed.add(township);
  }
  for (const { senderIndex, township } of pendingHubArcs) {
    senders[senderIndex].hubbed.delete(township);
    addHubArc(network, senderIndex, township);
  }
  if (pendingHubArcs.length > 0) index = indexArcs(network);
  for (const { cadreIndex, pointIndex } of kept) {
    const path = route(cadreIndex, pointIndex);
    if (!Array.isArray(path)) continue;
    routes.push(path);
    arriving.push({ pointIndex, need: targetOf(network, input.cadres[cadreIndex].category, pointIndex).need });
  }

  const { arcs } = network;
  const flow = new Int32Array(arcs.length);
  const outOf = new Float64Array(network.nodeCount);
  for (const path of routes) {
    for (const arc of path) {
      flow[arc] += 1;
      outOf[arcs.source[arc]] += 1;
    }
  }
  // Needs: the first cadre in takes the bonus arc; points: minimum, then extras in order, then overfull.
  const inflow = new Int32Array(input.points.length);
  const needInflow = new Int32Array(input.points.length * 3);
  for (const { pointIndex, need } of arriving) {
    inflow[pointIndex] += 1;
    if (need >= 0) needInflow[pointIndex * 3 + need] += 1;
  }
  needInflow.forEach((count, slot) => {
    if (count === 0 || index.needBonus[slot] < 0) return;
    flow[index.needBonus[slot]] = 1;
    flow[index.needRest[slot]] = count - 1;
  });
  let fromSource = 0;
  input.points.forEach((point, pointIndex) => {
    const count = inflow[pointIndex];
    flow[index.pointMinimum[pointIndex]] = point.minCadres;
    const extra = Math.min(Math.max(0, count - point.minCadres), index.extras[pointIndex]);
    for (let step = 0; step < extra; step += 1) flow[index.firstExtra[pointIndex] + step] = 1;
    flow[index.overfull[pointIndex]] = Math.max(0, count - point.maxCadres);
    const uncovered = Math.max(0, point.minCadres - count);
    flow[index.uncovered[pointIndex]] = uncovered;
    fromSource += uncovered;
  });
  // Senders: the source sends what their bounds fix (a leader what its postings use); the rest is unplaced.
  senders.forEach((sender, senderIndex) => {
    const inArc = index.fromSource[senderIndex];
    const sent = Math.min(Math.max(outOf[sender.node], arcs.lower[inArc]), arcs.upper[inArc]);
    flow[inArc] = sent;
    fromSource += sent;
    const slack = index.unplaced[senderIndex];
    if (slack >= 0) flow[slack] = Math.min(arcs.upper[slack], Math.max(0, sent - outOf[sender.node]));
  });
  const total = totalSupplyOf(network);
  flow[index.bypass] = Math.min(arcs.upper[index.bypass], Math.max(0, total - fromSource));
  return flow;
}

function totalSupplyOf(network: MatchingNetwork): number {
  let supply = 1;
  const { arcs } = network;
  for (let arc = 0; arc < arcs.length; arc += 1) {
    if (arcs.kind[arc] === arcKind.sourceToCadre || arcs.kind[arc] === arcKind.uncoveredSlack) supply += arcs.upper[arc];
  }
  return supply;
}

/**
 * First prices for the network from a previous plan's potentials. Nodes the stored record names
 * (cadres' senders, points, needs, leaders' townships, source and sink) take their old price; a hub or
 * block the cheapest price of the targets below it (what it has at an optimum where it carries flow,
 * and never too low elsewhere); a new sender the cheapest way into a township in its reach; anything else the cheapest way out along its arcs.
 */
export function warmStartPotentials(network: MatchingNetwork, stored: PlanPotentials, flow: Int32Array): Float64Array {
  const { input, arcs, senders } = network;
  const potential = new Float64Array(network.nodeCount);
  const known = new Uint8Array(network.nodeCount);
  const set = (node: number, value: number | undefined) => {
    if (value === undefined || !Number.isFinite(value) || known[node]) return;
    potential[node] = value;
    known[node] = 1;
  };
  input.points.forEach((point, pointIndex) => {
    set(network.pointNode(pointIndex), stored.point[point.id]);
    needTags.forEach((tag, tagIndex) => {
      const node = network.needNode[pointIndex * 3 + tagIndex];
      if (node >= 0) set(node, stored.need[`${point.id}:${tag}`] ?? stored.point[point.id]);
    });
  });
  set(sinkNode, stored.sink ?? estimateSink(network, potential, known, flow));
  set(sourceNode, stored.source ?? potential[sinkNode]);
  input.cadres.forEach((cadre, cadreIndex) => set(network.cadreNode(cadreIndex), stored.cadre[cadre.id]));
  for (const [key, node] of network.townshipNodes) {
    const [cadreIndex, township] = key.split(':');
    const cadreId = input.cadres[Number(cadreIndex)].id;
    // Unnamed (the township became the leader's own with this re-plan): the cheapest way out, set below.
    set(node, stored.township[`${cadreId}:${township}`]);
  }
  // Hubs: blocks first, then the root over its blocks and the targets it reaches itself.
  for (const hub of network.hubs) {
    let rootValue = Infinity;
    hub.blocks.forEach((block, blockIndex) => {
      let value = Infinity;
      const end = Math.min(hub.points.length, (blockIndex + 1) * hub.blockSize);
      for (let position = blockIndex * hub.blockSize; position < end; position += 1) {
        const target = arcs.target[hub.targetArcs[position]];
        if (known[target]) value = Math.min(value, potential[target]);
      }
      if (block >= 0 && value < Infinity) set(block, value);
      rootValue = Math.min(rootValue, value);
    });
    if (rootValue < Infinity) set(hub.node, rootValue);
  }
  // A group: at most the cheapest way into a township of its reach. Its old price can be higher where
  // all its cadres filled one hub arc; now its stayers take its direct arcs to their points, and that arc would
  // price out negative and pull the whole group back in. A sender the record does not name: that price.
  const hubNodes = hubNodesByPosition(network);
  senders.forEach((sender) => {
    if (sender.closed || (known[sender.node] && sender.kind !== 'group' && sender.kind !== 'home')) return;
    const nodes = hubNodes.get(sender.category);
    if (!nodes) return;
    const distance = distanceByPosition(network, sender.seat);
    let best = Infinity;
    for (let position = sender.range[0]; position < sender.range[1]; position += 1) {
      const hub = nodes[position];
      if (hub < 0 || !known[hub]) continue;
      const value = distance(position) + potential[hub];
      if (value < best && !(sender.special.size > 0 && sender.special.has(network.townships[position]))) best = value;
    }
    if (best === Infinity) return;
    if (!known[sender.node]) set(sender.node, best);
    else potential[sender.node] = Math.min(potential[sender.node], best);
  });

  // Whatever is left: the cheapest way out along its arcs, else the sink's price.
  const best = new Float64Array(network.nodeCount).fill(Infinity);
  for (let arc = 0; arc < arcs.length; arc += 1) {
    const from = arcs.source[arc];
    const to = arcs.target[arc];
    if (!known[from] && known[to]) best[from] = Math.min(best[from], arcs.cost[arc] + potential[to]);
  }
  for (let node = 0; node < network.nodeCount; node += 1) set(node, best[node] < Infinity ? best[node] : potential[sinkNode]);
  return potential;
}

/** The sink's price where the record lacks it: the median over points of what their used balance steps imply. */
function estimateSink(network: MatchingNetwork, potential: Float64Array, known: Uint8Array, flow: Int32Array): number {
  const { arcs } = network;
  const used = new Int32Array(network.input.points.length);
  for (let arc = 0; arc < arcs.length; arc += 1) if (arcs.kind[arc] === arcKind.pointExtra && flow[arc] > 0) used[arcs.point[arc]] += 1;
  const values: number[] = [];
  network.input.points.forEach((_, pointIndex) => {
    const node = network.pointNode(pointIndex);
    if (known[node]) values.push(potential[node] - network.input.weights.balanceStep * used[pointIndex]);
  });
  values.sort((a, b) => a - b);
  return values.length ? Math.round(values[values.length >> 1]) : 0;
}

/**
 * The warm start of a re-plan: the first flow, the first prices, and for every sender with cadres the
 * previous postings do not place (new cadres, cadres whose posting is no longer allowed) hub arcs into
 * the townships cheapest under those prices, so that the repair finds them a way in at once.
 */
export function prepareWarmStart(network: MatchingNetwork, postings: FixedPosting[], stored: PlanPotentials): { flow: Int32Array; potential: Float64Array } {
  const firstFlow = warmStartFlow(network, postings);
  const potential = warmStartPotentials(network, stored, firstFlow);
  const { arcs, senders, input } = network;
  const waiting = new Set<number>();
  for (let arc = 0; arc < arcs.length; arc += 1) if (arcs.kind[arc] === arcKind.unplacedSlack && firstFlow[arc] > 0) waiting.add(arcs.ref[arc]);
  for (const senderIndex of waiting) {
    const sender = senders[senderIndex];
    if (sender.closed) continue;
    const wanted = sender.kind === 'leader' ? input.weights.leaderPoints.max + 1 : 2 + Math.ceil(sender.members.length / 20);
    const distance = distanceByPosition(network, sender.seat);
    const choices: { township: string; reducedCost: number }[] = [];
    for (let position = sender.range[0]; position < sender.range[1]; position += 1) {
      const township = network.townships[position];
      const hub = network.hubByKey.get(`${township}|${sender.category}`);
      if (hub === undefined || sender.hubbed.has(township) || sender.special.has(township)) continue;
      choices.push({ township, reducedCost: distance(position) - potential[sender.node] + potential[network.hubs[hub].node] });
    }
    choices.sort((a, b) => a.reducedCost - b.reducedCost);
    for (const choice of choices.slice(0, wanted)) addHubArc(network, senderIndex, choice.township);
  }
  const flow = new Int32Array(arcs.length);
  flow.set(firstFlow);
  return { flow, potential };
}
