// The dense reference formulation of a matching: one arc per eligible cadre-point pair. Too large
// for the province (tens of millions of arcs), it is the independent exact method that the tests
// compare the aggregated model (matching-network.ts) against, and what `matching:export --dense` writes.
//
//   S ─[1,1] or leader [2,4]─▶ cadre ─▶ point              (ordinary cadre, no need answered)
//                               cadre ─▶ need(p,n) ─▶ point  (first cadre answering need n earns its bonus)
//                               leader ─[0,1]▶ (leader, township) ─▶ …   (at most one point per township)
//   point ─[min,min]▶ T, then max−min arcs of capacity 1 costing balanceStep·k   (spread cadres out)
//   S ─▶ T bypass (leaders' optional 3rd/4th point), and big-cost slack arcs that name a broken rule
//   instead of making the whole plan infeasible: S→point (uncovered), cadre→T (unplaced), point→T (over full).
import type { FlowNetwork } from '../solver/flow-network.ts';
import { answeredNeed, distanceCost, jurisdictionOf, leaderPointRange, townshipOf } from './eligibility.ts';
import type { MatchingInput } from './matching-input.ts';
import { isCandidatePair, pairKey } from './matching-network.ts';
import { needTags, type NeedTag } from '../../../lib/roster-vocabulary.ts';

export const pairArcKind = {
  sourceToCadre: 1,
  bypass: 2,
  candidate: 3,
  leaderTownship: 4,
  needBonus: 5,
  needRest: 6,
  pointMinimum: 7,
  pointExtra: 8,
  uncoveredSlack: 9,
  unplacedSlack: 10,
  overfullSlack: 11,
} as const;

const source = 0;
const sink = 1;

/** The network with the bookkeeping needed to read a solution back and to price more arcs. */
export interface PairNetwork {
  input: MatchingInput;
  nodeCount: number;
  arcs: {
    source: number[];
    target: number[];
    lower: number[];
    upper: number[];
    cost: number[];
    kind: number[];
    cadre: number[];
    point: number[];
    need: number[];
  };
  cadreNode: (cadreIndex: number) => number;
  pointNode: (pointIndex: number) => number;
  /** Node of need n at point p, or -1. */
  needNode: Int32Array;
  /** Leader-township nodes created so far, by `${cadreIndex}:${township}`. */
  townshipNodes: Map<string, number>;
  /** Cadre-point pairs already present as candidate arcs. */
  candidatePairs: Set<number>;
  pointIndexById: Map<number, number>;
  cadreIndexById: Map<number, number>;
  /** Points sorted by region code, for jurisdiction ranges. */
  pointsByRegion: number[];
  forbidden: Set<number>;
  previous: Set<number>;
  /** Sum of unmatched-need costs if no need were answered: the objective's constant part. */
  constantCost: number;
}

function addArc(network: PairNetwork, from: number, to: number, lower: number, upper: number, cost: number, kind: number, cadre = -1, point = -1, need = -1): number {
  const arcs = network.arcs;
  arcs.source.push(from);
  arcs.target.push(to);
  arcs.lower.push(lower);
  arcs.upper.push(upper);
  arcs.cost.push(cost);
  arcs.kind.push(kind);
  arcs.cadre.push(cadre);
  arcs.point.push(point);
  arcs.need.push(need);
  return arcs.source.length - 1;
}

/** The cost of a posting: distance, less the change penalty kept when it repeats the previous plan. */
export function candidateCost(network: PairNetwork, cadreIndex: number, pointIndex: number): number {
  const { input } = network;
  const cost = distanceCost(input.cadres[cadreIndex], input.points[pointIndex], input.weights);
  const isPrevious = network.previous.has(pairKey(cadreIndex, pointIndex, input.points.length));
  return isPrevious ? cost - input.weights.changePenalty : cost;
}

/** The node a cadre's posting to a point enters: the answered need's node, else the point's. */
export function candidateTarget(network: PairNetwork, cadreIndex: number, pointIndex: number): { node: number; need: number } {
  const need = answeredNeed(network.input.cadres[cadreIndex], network.input.points[pointIndex], network.input.weights);
  if (need === null) return { node: network.pointNode(pointIndex), need: -1 };
  const needIndex = needTags.indexOf(need);
  return { node: network.needNode[pointIndex * 3 + needIndex], need: needIndex };
}

/** Adds the arcs (and, for a leader, the township node) of one cadre-point posting; returns the candidate arc. */
export function addCandidate(network: PairNetwork, cadreIndex: number, pointIndex: number, lower = 0): number {
  const { input } = network;
  const cadre = input.cadres[cadreIndex];
  let from = network.cadreNode(cadreIndex);
  if (cadre.isLeader) {
    const key = `${cadreIndex}:${townshipOf(input.points[pointIndex])}`;
    let node = network.townshipNodes.get(key);
    if (node === undefined) {
      node = network.nodeCount++;
      network.townshipNodes.set(key, node);
      addArc(network, from, node, 0, 1, 0, pairArcKind.leaderTownship, cadreIndex, -1);
    }
    from = node;
  }
  network.candidatePairs.add(pairKey(cadreIndex, pointIndex, input.points.length));
  const target = candidateTarget(network, cadreIndex, pointIndex);
  return addArc(network, from, target.node, lower, 1, candidateCost(network, cadreIndex, pointIndex), pairArcKind.candidate, cadreIndex, pointIndex, target.need);
}

/** The first and one-past-last index into pointsByRegion of points under a region prefix. */
export function jurisdictionRange(network: PairNetwork, prefix: string): [number, number] {
  const order = network.pointsByRegion;
  const points = network.input.points;
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (points[order[mid]].regionCode < prefix) low = mid + 1;
    else high = mid;
  }
  let end = low;
  while (end < order.length && points[order[end]].regionCode.startsWith(prefix)) end += 1;
  return [low, end];
}

/** Builds the network's fixed part (nodes, bounds, bonuses, slack) and the fixed postings; candidates come after. */
export function createPairNetwork(input: MatchingInput): PairNetwork {
  const cadreCount = input.cadres.length;
  const pointCount = input.points.length;
  const pointIndexById = new Map(input.points.map((point, index) => [point.id, index]));
  const cadreIndexById = new Map(input.cadres.map((cadre, index) => [cadre.id, index]));
  const key = (posting: { cadreId: number; pointId: number }) => {
    const c = cadreIndexById.get(posting.cadreId);
    const p = pointIndexById.get(posting.pointId);
    return c === undefined || p === undefined ? -1 : pairKey(c, p, pointCount);
  };
  const network: PairNetwork = {
    input,
    nodeCount: 2 + cadreCount + pointCount,
    arcs: { source: [], target: [], lower: [], upper: [], cost: [], kind: [], cadre: [], point: [], need: [] },
    cadreNode: (index) => 2 + index,
    pointNode: (index) => 2 + cadreCount + index,
    needNode: new Int32Array(pointCount * 3).fill(-1),
    townshipNodes: new Map(),
    candidatePairs: new Set(),
    pointIndexById,
    cadreIndexById,
    pointsByRegion: input.points.map((_, index) => index).sort((a, b) => (input.points[a].regionCode < input.points[b].regionCode ? -1 : input.points[a].regionCode > input.points[b].regionCode ? 1 : a - b)),
    forbidden: new Set(input.forbidden.map(key)),
    previous: new Set((input.previous ?? []).map(key)),
    constantCost: 0,
  };
  const { weights } = input;
  let optional = 0;
  input.cadres.forEach((cadre, index) => {
    const reach = jurisdictionOf(cadre.unitLevel, cadre.regionCode);
    const range = leaderPointRange(weights, new Set(input.points.filter((point) => point.regionCode.startsWith(reach)).map(townshipOf)).size);
    const [lower, upper] = cadre.isLeader ? [range.min, range.max] : [1, 1];
    optional += upper - lower;
    addArc(network, source, network.cadreNode(index), lower, upper, 0, pairArcKind.sourceToCadre, index);
    addArc(network, network.cadreNode(index), sink, 0, upper, weights.violation, pairArcKind.unplacedSlack, index);
  });
  input.points.forEach((point, index) => {
    const node = network.pointNode(index);
    needTags.forEach((need: NeedTag, needIndex) => {
      const severity = point.needs[need];
      if (severity <= 0) return;
      const needNode = network.nodeCount++;
      network.needNode[index * 3 + needIndex] = needNode;
      network.constantCost += weights.unmatchedNeed * severity;
      addArc(network, needNode, node, 0, 1, -weights.unmatchedNeed * severity, pairArcKind.needBonus, -1, index, needIndex);
      addArc(network, needNode, node, 0, point.maxCadres, 0, pairArcKind.needRest, -1, index, needIndex);
    });
    addArc(network, node, sink, point.minCadres, point.minCadres, 0, pairArcKind.pointMinimum, -1, index);
    for (let extra = 1; extra <= point.maxCadres - point.minCadres; extra += 1) {
      addArc(network, node, sink, 0, 1, weights.balanceStep * extra, pairArcKind.pointExtra, -1, index);
    }
    addArc(network, source, node, 0, point.minCadres, weights.violation, pairArcKind.uncoveredSlack, -1, index);
    addArc(network, node, sink, 0, cadreCount, weights.violation, pairArcKind.overfullSlack, -1, index);
    optional += point.minCadres;
  });
  // One unit more supply than can ever go elsewhere and room to spare: the bypass never sits at a bound,
  // which keeps the source-sink potential fixed and lets the solver split the network exactly by county/city.
  addArc(network, source, sink, 0, optional + 2, 0, pairArcKind.bypass);
  for (const posting of [...input.locked, ...input.pinned]) {
    const c = cadreIndexById.get(posting.cadreId);
    const p = pointIndexById.get(posting.pointId);
    if (c === undefined || p === undefined || network.candidatePairs.has(pairKey(c, p, pointCount))) continue;
    addCandidate(network, c, p, 1);
  }
  return network;
}

/** Total supply: every cadre's upper bound plus the uncovered slack, all of which reaches the sink. */
function totalSupply(network: PairNetwork): number {
  let supply = 1;
  const { arcs } = network;
  for (let arc = 0; arc < arcs.source.length; arc += 1) {
    if (arcs.kind[arc] === pairArcKind.sourceToCadre || arcs.kind[arc] === pairArcKind.uncoveredSlack) supply += arcs.upper[arc];
  }
  return supply;
}

/** Freezes the network into the solver's typed arrays. */
export function toFlowNetwork(network: PairNetwork): FlowNetwork {
  const { arcs } = network;
  const arcCount = arcs.source.length;
  const supply = new Int32Array(network.nodeCount);
  const total = totalSupply(network);
  supply[source] = total;
  supply[sink] = -total;
  return {
    nodeCount: network.nodeCount,
    arcCount,
    source: Int32Array.from(arcs.source),
    target: Int32Array.from(arcs.target),
    lower: Int32Array.from(arcs.lower),
    upper: Int32Array.from(arcs.upper),
    cost: Float64Array.from(arcs.cost),
    supply,
  };
}

/** The network with every eligible pair as a candidate arc. */
export function createDensePairNetwork(input: MatchingInput): PairNetwork {
  const network = createPairNetwork(input);
  const pointCount = input.points.length;
  input.cadres.forEach((cadre, cadreIndex) => {
    const [start, end] = jurisdictionRange(network, jurisdictionOf(cadre.unitLevel, cadre.regionCode));
    for (let position = start; position < end; position += 1) {
      const pointIndex = network.pointsByRegion[position];
      if (isCandidatePair(network, cadreIndex, pointIndex) && !network.candidatePairs.has(pairKey(cadreIndex, pointIndex, pointCount))) addCandidate(network, cadreIndex, pointIndex);
    }
  });
  return network;
}
