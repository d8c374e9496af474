// The min-cost-flow network of a matching, aggregated so that the province fits in memory and solves
// in seconds — and still exact over every eligible cadre-point pair (docs/solver.md, "the model").
//
// A posting's cost depends only on the township of the point (distance along the region tree from the
// unit's seat) and on the cadre's category (which need it answers). So the cadres of one unit seat,
// level and category are interchangeable ("a group"), and one hub node per (township, category) stands
// for every pair (cadre, point of that township):
//
//   S ─[n,n]▶ group ─▶ hub(township, category) ─▶ block of √n points ─▶ need(p,n) ─▶ point p
//                                                   (first cadre answering need n earns its bonus; or straight to
//                                                    point p when the category answers none of p's needs)
//   S ─[n,n]▶ home group (a group's cadres from one village of its reach) ─▶ hubs of other townships, and, in the
//             home township, the other blocks and the home village's block-mates (回避)
//   S ─[2,4]▶ leader ─[0,1]▶ hub(township, category)   (at most one point per township)
//   S ─[1,1]▶ single cadre ─▶ hubs, and direct arcs to the allowed points of a township it may only partly use
//   group ─[0,k]▶ q at less the change penalty, for the group's k cadres previously at point q (stayers)
//   point ─[min,min]▶ T, then max−min arcs of capacity 1 costing balanceStep·k   (spread cadres out)
//   S ─▶ T bypass (leaders' optional 3rd/4th point), and big-cost slack arcs that name a broken rule
//   instead of making the whole plan infeasible: S→point (uncovered), cadre→T (unplaced), point→T (over full).
//
// Within a group every cadre may take every point the group's flow reaches, so any split of the flow among
// them (split-groups.ts) is a valid plan of the same cost: the aggregated optimum is the optimum over every
// pair. Pins, locks, forbidden pairs and several previous points give a cadre a node of its own ("single").
import type { FlowNetwork } from '../solver/flow-network.ts';
import type { ImplicitArcs } from '../solver/repair-flow.ts';
import { answeredNeed, distanceClass, isEligible, jurisdictionOf, leaderPointRange } from './eligibility.ts';
import type { MatchingCadre, MatchingInput } from './matching-input.ts';
import { needTags, type NeedTag } from '../../../lib/roster-vocabulary.ts';
import type { Category, UnitLevel } from '../../../db/schema.ts';

export const arcKind = {
  sourceToCadre: 1,
  bypass: 2,
  /** A direct arc from a sender to one point (pins, locks, a group's stayers, partly usable townships). */
  candidate: 3,
  leaderTownship: 4,
  needBonus: 5,
  needRest: 6,
  pointMinimum: 7,
  pointExtra: 8,
  uncoveredSlack: 9,
  unplacedSlack: 10,
  overfullSlack: 11,
  /** From a sender into a township's hub: its root, or a block or point that leaves out the home village. */
  toHub: 12,
  /** From a hub's root or block down to a point's target. */
  hubToTarget: 13,
  /** From a hub's root down to a block of its points. */
  treeArc: 15,
} as const;

const source = 0;
const sink = 1;
/** The source and the sink, joined by the bypass arc (never at a bound): one reservoir for a repair. */
export const reservoirNodes: readonly number[] = [source, sink];
const unbounded = 1 << 29;

/** A node that sends cadres into the network. */
export interface Sender {
  node: number;
  kind: 'group' | 'home' | 'leader' | 'single';
  /** Cadre indices. */
  members: number[];
  seat: string;
  level: UnitLevel;
  category: Category;
  /** Index range into `townships` of the townships this sender may serve. */
  range: [number, number];
  /** Townships reached by direct arcs or blocks (or not at all): never through a hub's root. */
  special: Set<string>;
  /** Townships already joined by a hub arc. */
  hubbed: Set<string>;
  /** Capacity of each hub arc: 1 for a leader (one point per township), else the group's size. */
  hubCapacity: number;
  /** True when the sender may take no more arcs (fixed postings). */
  closed: boolean;
  /** A group's stayers by previous point: the members its direct arc to that point carries (split-groups.ts). */
  stayers?: Map<number, number[]>;
}

export interface Hub {
  /** Root of the township's hub. */
  node: number;
  township: string;
  category: Category;
  /** The township's points, in block order. */
  points: number[];
  blockSize: number;
  /** Node of each block of points, or −1 where the root reaches the block's points itself. */
  blocks: number[];
  /** The root → block arc of each block (−1 where there is no block node). */
  blockArcs: number[];
  /** The arc down to each point's target, by position in `points`. */
  targetArcs: number[];
}

/** One posting read back from the flow. */
export interface AssignedPosting {
  cadreIndex: number;
  pointIndex: number;
}

export interface MatchingNetwork {
  input: MatchingInput;
  nodeCount: number;
  arcs: ArcStore;
  senders: Sender[];
  /** Sender index of each cadre. */
  senderOfCadre: Int32Array;
  hubs: Hub[];
  hubByKey: Map<string, number>;
  /** Township codes (first 9 digits of point codes) in order, and the points of each. */
  townships: string[];
  pointsOfTownship: Map<string, number[]>;
  /** Node whose potential prices a cadre's postings: its group, leader or single node. */
  cadreNode: (cadreIndex: number) => number;
  pointNode: (pointIndex: number) => number;
  /** Node of need n at point p, or −1. */
  needNode: Int32Array;
  /** A leader's own township nodes (townships with a pin, lock, previous posting or forbidden point), by `${cadreIndex}:${township}`. */
  townshipNodes: Map<string, number>;
  pointIndexById: Map<number, number>;
  cadreIndexById: Map<number, number>;
  forbidden: Set<number>;
  locked: Set<number>;
  pinned: Set<number>;
  previous: Set<number>;
  /** Sum of unmatched-need costs if no need were answered: the objective's constant part. */
  constantCost: number;
  /** Cadre indices no longer in the input (a plan session's cadres who left keep their index). */
  retired?: Set<number>;
  /** The postings, once the flow has been split among cadres (runMatching fills this). */
  assignment: AssignedPosting[];
  /** Cadres left without (enough) points, with how many are missing, once split. */
  unplaced: { cadreIndex: number; amount: number }[];
}

/** The network's arcs in growable typed arrays (millions of arcs at province scale). */
export class ArcStore {
  length = 0;
  source: Int32Array;
  target: Int32Array;
  lower: Int32Array;
  upper: Int32Array;
  cost: Float64Array;
  kind: Int8Array;
  /** Sender index (sender arcs), hub index (tree arcs), else −1. */
  ref: Int32Array;
  point: Int32Array;
  need: Int8Array;

  constructor(capacity = 1024) {
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.lower = new Int32Array(capacity);
    this.upper = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
    this.kind = new Int8Array(capacity);
    this.ref = new Int32Array(capacity);
    this.point = new Int32Array(capacity);
    this.need = new Int8Array(capacity);
  }

  push(from: number, to: number, lower: number, upper: number, cost: number, kind: number, ref: number, point: number, need: number): number {
    if (this.length === this.source.length) this.grow(Math.max(1024, this.length * 2));
    const arc = this.length++;
    this.source[arc] = from;
    this.target[arc] = to;
    this.lower[arc] = lower;
    this.upper[arc] = upper;
    this.cost[arc] = cost;
    this.kind[arc] = kind;
    this.ref[arc] = ref;
    this.point[arc] = point;
    this.need[arc] = need;
    return arc;
  }

  /** Room for `capacity` arcs in all (a plan session reserves it, so that its re-plans copy nothing). */
  reserve(capacity: number): void {
    if (capacity > this.source.length) this.grow(capacity);
  }

  private grow(size: number): void {
    const grown = <T extends Int32Array | Float64Array | Int8Array>(array: T): T => {
      const next = new (array.constructor as new (size: number) => T)(size);
      next.set(array);
      return next;
    };
    this.source = grown(this.source);
    this.target = grown(this.target);
    this.lower = grown(this.lower);
    this.upper = grown(this.upper);
    this.cost = grown(this.cost);
    this.kind = grown(this.kind);
    this.ref = grown(this.ref);
    this.point = grown(this.point);
    this.need = grown(this.need);
  }
}

/** Key of a cadre-point pair. */
export function pairKey(cadreIndex: number, pointIndex: number, pointCount: number): number {
  return cadreIndex * pointCount + pointIndex;
}

export function townshipKey(regionCode: string): string {
  return regionCode.slice(0, 9);
}

function addArc(network: MatchingNetwork, from: number, to: number, lower: number, upper: number, cost: number, kind: number, ref = -1, point = -1, need = -1): number {
  return network.arcs.push(from, to, lower, upper, cost, kind, ref, point, need);
}

/** Distance cost from a unit seat to a township (or to a point: the same by construction). */
export function seatDistance(network: MatchingNetwork, seat: string, regionCode: string): number {
  return network.input.weights.distance[distanceClass(seat, regionCode)];
}

/** Each point's answered need by category (need index + 1; 0: none; −1: not worked out yet), per network. */
const answeredCache = new WeakMap<MatchingNetwork, Map<Category, Int8Array>>();

/** The node a cadre of `category` posted at a point enters: the answered need's node, else the point's. */
export function targetOf(network: MatchingNetwork, category: Category, pointIndex: number): { node: number; need: number } {
  const byCategory = answeredCache.get(network) ?? answeredCache.set(network, new Map()).get(network)!;
  let answered = byCategory.get(category);
  if (!answered) byCategory.set(category, (answered = new Int8Array(network.input.points.length).fill(-1)));
  if (answered[pointIndex] < 0) {
    const need = answeredNeed({ category } as MatchingCadre, network.input.points[pointIndex], network.input.weights);
    answered[pointIndex] = need === null ? 0 : needTags.indexOf(need) + 1;
  }
  const needIndex = answered[pointIndex] - 1;
  if (needIndex < 0) return { node: network.pointNode(pointIndex), need: -1 };
  return { node: network.needNode[pointIndex * 3 + needIndex], need: needIndex };
}

/** True when the cadre may be posted at the point: eligible (jurisdiction, 回避) and not forbidden. */
export function isCandidatePair(network: Pick<MatchingNetwork, 'input' | 'forbidden'>, cadreIndex: number, pointIndex: number): boolean {
  if (network.forbidden.has(pairKey(cadreIndex, pointIndex, network.input.points.length))) return false;
  return isEligible(network.input.cadres[cadreIndex], network.input.points[pointIndex]);
}

/** Index range into `townships` of those under a region prefix (codes are digits, so prefix + '~' bounds them). */
function townshipRange(townships: string[], prefix: string): [number, number] {
  const lowerBound = (key: string) => {
    let low = 0;
    let high = townships.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (townships[mid] < key) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return [lowerBound(prefix), lowerBound(`${prefix}~`)];
}

/**
 * The hub of a township and category, created on first use: the root, then blocks of about √n points, then
 * the points' targets — so that every point of the township but one is a handful of blocks and points.
 */
export function hubOf(network: MatchingNetwork, township: string, category: Category): number {
  const key = `${township}|${category}`;
  let index = network.hubByKey.get(key);
  if (index !== undefined) return index;
  index = network.hubs.length;
  const points = network.pointsOfTownship.get(township) ?? [];
  const blockSize = Math.max(1, Math.ceil(Math.sqrt(points.length)));
  const hub: Hub = { node: network.nodeCount++, township, category, points, blockSize, blocks: [], blockArcs: [], targetArcs: [] };
  network.hubs.push(hub);
  network.hubByKey.set(key, index);
  const toTarget = (from: number, position: number) => {
    const target = targetOf(network, category, points[position]);
    hub.targetArcs.push(addArc(network, from, target.node, 0, unbounded, 0, arcKind.hubToTarget, index, points[position], target.need));
  };
  for (let start = 0; start < points.length; start += blockSize) {
    const end = Math.min(points.length, start + blockSize);
    if (end - start === 1 || blockSize === points.length) {
      hub.blocks.push(-1);
      hub.blockArcs.push(-1);
      for (let position = start; position < end; position += 1) toTarget(hub.node, position);
      continue;
    }
    const block = network.nodeCount++;
    hub.blocks.push(block);
    hub.blockArcs.push(addArc(network, hub.node, block, 0, unbounded, 0, arcKind.treeArc, index));
    for (let position = start; position < end; position += 1) toTarget(block, position);
  }
  return index;
}

/** The fewest nodes of a hub (blocks, or single targets) that hold every point but those at `excluded` positions. */
function coverOf(network: MatchingNetwork, hubIndex: number, excluded: number[]): { node: number; pointIndex: number }[] {
  const hub = network.hubs[hubIndex];
  const cover: { node: number; pointIndex: number }[] = [];
  if (excluded.length === 0) return [{ node: hub.node, pointIndex: -1 }];
  hub.blocks.forEach((block, blockIndex) => {
    const start = blockIndex * hub.blockSize;
    const end = Math.min(hub.points.length, start + hub.blockSize);
    if (block >= 0 && excluded.every((position) => position < start || position >= end)) cover.push({ node: block, pointIndex: -1 });
    else {
      for (let position = start; position < end; position += 1) {
        if (!excluded.includes(position)) cover.push({ node: targetOf(network, hub.category, hub.points[position]).node, pointIndex: hub.points[position] });
      }
    }
  });
  return cover;
}

/** Joins a home group to its home township: every point there but those of its home village. */
function addHomeCover(network: MatchingNetwork, senderIndex: number, township: string, home: string): void {
  const sender = network.senders[senderIndex];
  const hubIndex = hubOf(network, township, sender.category);
  const cost = seatDistance(network, sender.seat, township);
  const points = network.hubs[hubIndex].points;
  const excluded: number[] = [];
  for (let position = 0; position < points.length; position += 1) if (network.input.points[points[position]].regionCode.startsWith(home)) excluded.push(position);
  for (const { node, pointIndex } of coverOf(network, hubIndex, excluded)) {
    addArc(network, sender.node, node, 0, sender.hubCapacity, cost, arcKind.toHub, senderIndex, pointIndex);
  }
}

/** The hub root of each township (by position) for each category, −1 where there is none. */
export function hubNodesByPosition(network: MatchingNetwork): Map<Category, Int32Array> {
  const positionOf = new Map(network.townships.map((township, position) => [township, position]));
  const nodes = new Map<Category, Int32Array>();
  for (const hub of network.hubs) {
    const byPosition = nodes.get(hub.category) ?? nodes.set(hub.category, new Int32Array(network.townships.length).fill(-1)).get(hub.category)!;
    byPosition[positionOf.get(hub.township)!] = hub.node;
  }
  return nodes;
}

/** Creates the hub of every (township, category) that some open sender may reach. */
export function createAllHubs(network: MatchingNetwork): void {
  const done = new Set<string>();
  for (const sender of network.senders) {
    if (sender.closed) continue;
    const key = `${sender.range[0]}:${sender.range[1]}:${sender.category}`;
    if (done.has(key)) continue;
    done.add(key);
    for (let position = sender.range[0]; position < sender.range[1]; position += 1) hubOf(network, network.townships[position], sender.category);
  }
}

/** Joins a sender to a township's hub. */
export function addHubArc(network: MatchingNetwork, senderIndex: number, township: string): number {
  const sender = network.senders[senderIndex];
  const hub = network.hubs[hubOf(network, township, sender.category)];
  sender.hubbed.add(township);
  return addArc(network, sender.node, hub.node, 0, sender.hubCapacity, seatDistance(network, sender.seat, township), arcKind.toHub, senderIndex);
}

/** A direct arc from a node to one point, at the posting's cost for a cadre of that seat and category. */
function addDirectArc(network: MatchingNetwork, from: number, senderIndex: number, cadreIndex: number, pointIndex: number, lower: number, upper: number): number {
  const { input } = network;
  const cadre = input.cadres[cadreIndex];
  const target = targetOf(network, cadre.category, pointIndex);
  const stays = network.previous.has(pairKey(cadreIndex, pointIndex, input.points.length));
  const cost = seatDistance(network, cadre.regionCode, input.points[pointIndex].regionCode) - (stays ? input.weights.changePenalty : 0);
  return addArc(network, from, target.node, lower, upper, cost, arcKind.candidate, senderIndex, pointIndex, target.need);
}

export function groupKey(cadre: MatchingCadre): string {
  return `${cadre.unitLevel}|${cadre.regionCode}|${cadre.category}`;
}

/** The home village that puts a group's cadre into a home group of its own ('' when it lies outside the group's reach). */
export function homeKeyOf(network: Pick<MatchingNetwork, 'pointsOfTownship'>, cadre: MatchingCadre): string {
  const home = cadre.homeRegionCode;
  return home && home.startsWith(jurisdictionOf(cadre.unitLevel, cadre.regionCode)) && network.pointsOfTownship.has(home.slice(0, 9)) ? home : '';
}

/**
 * Builds the network's fixed part: senders, points, needs, slack, pins, locks, stayers and home groups'
 * arcs into their home township. Hub arcs come after (seeded, then priced).
 */
export function createMatchingNetwork(input: MatchingInput): MatchingNetwork {
  const cadreCount = input.cadres.length;
  const pointCount = input.points.length;
  const pointIndexById = new Map(input.points.map((point, index) => [point.id, index]));
  const cadreIndexById = new Map(input.cadres.map((cadre, index) => [cadre.id, index]));
  const keys = (postings: { cadreId: number; pointId: number }[]) => {
    const set = new Set<number>();
    for (const posting of postings) {
      const c = cadreIndexById.get(posting.cadreId);
      const p = pointIndexById.get(posting.pointId);
      if (c !== undefined && p !== undefined) set.add(pairKey(c, p, pointCount));
    }
    return set;
  };
  const pointsOfTownship = new Map<string, number[]>();
  input.points.forEach((point, index) => {
    const key = townshipKey(point.regionCode);
    (pointsOfTownship.get(key) ?? pointsOfTownship.set(key, []).get(key)!).push(index);
  });
  const network: MatchingNetwork = {
    input,
    nodeCount: 2 + pointCount,
    arcs: new ArcStore(4 * cadreCount + 16 * pointCount),
    senders: [],
    senderOfCadre: new Int32Array(cadreCount).fill(-1),
    hubs: [],
    hubByKey: new Map(),
    townships: [...pointsOfTownship.keys()].sort(),
    pointsOfTownship,
    cadreNode: (index) => network.senders[network.senderOfCadre[index]].node,
    pointNode: (index) => 2 + index,
    needNode: new Int32Array(pointCount * 3).fill(-1),
    townshipNodes: new Map(),
    pointIndexById,
    cadreIndexById,
    forbidden: keys(input.forbidden),
    locked: keys(input.locked),
    pinned: keys(input.pinned),
    previous: keys(input.previous ?? []),
    constantCost: 0,
    assignment: [],
    unplaced: [],
  };
  const { weights } = input;
  let optional = 0;

  // Points, their needs, the balance steps and the slack that names a broken rule.
  input.points.forEach((point, index) => {
    const node = network.pointNode(index);
    needTags.forEach((need: NeedTag, needIndex) => {
      const severity = point.needs[need];
      if (severity <= 0) return;
      const needNode = network.nodeCount++;
      network.needNode[index * 3 + needIndex] = needNode;
      network.constantCost += weights.unmatchedNeed * severity;
      addArc(network, needNode, node, 0, 1, -weights.unmatchedNeed * severity, arcKind.needBonus, -1, index, needIndex);
      addArc(network, needNode, node, 0, unbounded, 0, arcKind.needRest, -1, index, needIndex);
    });
    addArc(network, node, sink, point.minCadres, point.minCadres, 0, arcKind.pointMinimum, -1, index);
    for (let extra = 1; extra <= point.maxCadres - point.minCadres; extra += 1) {
      addArc(network, node, sink, 0, 1, weights.balanceStep * extra, arcKind.pointExtra, -1, index);
    }
    addArc(network, source, node, 0, point.minCadres, weights.violation, arcKind.uncoveredSlack, -1, index);
    addArc(network, node, sink, 0, cadreCount, weights.violation, arcKind.overfullSlack, -1, index);
    optional += point.minCadres;
  });

  const builder = senderBuilder(network);
  const groups = new Map<string, number[]>();
  input.cadres.forEach((_, cadreIndex) => builder.addCadre(cadreIndex, groups));
  for (const members of groups.values()) {
    // Members from a village inside the group's reach form a home group per village (they may not serve there).
    const byHome = new Map<string, number[]>();
    for (const member of members) {
      const key = homeKeyOf(network, input.cadres[member]);
      (byHome.get(key) ?? byHome.set(key, []).get(key)!).push(member);
    }
    for (const [home, homeMembers] of byHome) builder.addGroup(homeMembers, home);
  }
  optional += builder.optional();

  // One unit more supply than can ever go elsewhere and room to spare: the bypass never sits at a bound,
  // which keeps the source-sink potential fixed and lets the solver split the network exactly.
  addArc(network, source, sink, 0, optional + 2, 0, arcKind.bypass);
  return network;
}

/**
 * Adds senders to a network (at build, and for a re-plan's new cadres): the lookups of fixed postings,
 * previous postings and forbidden pairs by cadre, and the rules for each kind of sender.
 */
export function senderBuilder(network: MatchingNetwork) {
  const { input } = network;
  const { weights } = input;
  const pointCount = input.points.length;
  let optional = 0;
  const fixedOf = new Map<number, number[]>();
  // Each cadre's fixed postings (locks first, then pins) and previous posting, by cadre.
  // Every previous posting still allowed: a leader keeps the discount on each of its old points.
  const previousOf = new Map<number, number[]>();
  for (const key of [...network.locked, ...network.pinned]) {
    const cadreIndex = Math.floor(key / pointCount);
    const list = fixedOf.get(cadreIndex) ?? fixedOf.set(cadreIndex, []).get(cadreIndex)!;
    if (!list.includes(key % pointCount)) list.push(key % pointCount);
  }
  for (const key of network.previous) {
    const cadreIndex = Math.floor(key / pointCount);
    if (isCandidatePair(network, cadreIndex, key % pointCount)) (previousOf.get(cadreIndex) ?? previousOf.set(cadreIndex, []).get(cadreIndex)!).push(key % pointCount);
  }
  // Every previous point of each cadre, allowed now or not: a direct arc there keeps its discount.
  const anyPreviousOf = new Map<number, number[]>();
  for (const key of network.previous) {
    const cadreIndex = Math.floor(key / pointCount);
    (anyPreviousOf.get(cadreIndex) ?? anyPreviousOf.set(cadreIndex, []).get(cadreIndex)!).push(key % pointCount);
  }
  const forbiddenOf = new Map<number, number[]>();
  for (const key of network.forbidden) {
    const cadreIndex = Math.floor(key / pointCount);
    (forbiddenOf.get(cadreIndex) ?? forbiddenOf.set(cadreIndex, []).get(cadreIndex)!).push(key % pointCount);
  }

  const newSender = (kind: Sender['kind'], cadre: MatchingCadre, members: number[], hubCapacity: number): number => {
    const index = network.senders.length;
    network.senders.push({
      node: network.nodeCount++,
      kind,
      members,
      seat: cadre.regionCode,
      level: cadre.unitLevel,
      category: cadre.category,
      range: townshipRange(network.townships, jurisdictionOf(cadre.unitLevel, cadre.regionCode)),
      special: new Set(),
      hubbed: new Set(),
      hubCapacity,
      closed: false,
    });
    for (const member of members) network.senderOfCadre[member] = index;
    return index;
  };
  // Townships a single cadre or leader must reach point by point: a forbidden point, the home village,
  // a previous posting (its change penalty belongs to one point only) or a fixed posting lies there.
  const specialTownships = (cadreIndex: number): Set<string> => {
    const cadre = input.cadres[cadreIndex];
    const special = new Set<string>();
    for (const pointIndex of forbiddenOf.get(cadreIndex) ?? []) special.add(townshipKey(input.points[pointIndex].regionCode));
    for (const pointIndex of fixedOf.get(cadreIndex) ?? []) special.add(townshipKey(input.points[pointIndex].regionCode));
    for (const pointIndex of previousOf.get(cadreIndex) ?? []) special.add(townshipKey(input.points[pointIndex].regionCode));
    if (cadre.homeRegionCode) {
      const [start, end] = townshipRange(network.townships, cadre.homeRegionCode.slice(0, 9));
      for (let position = start; position < end; position += 1) {
        if (network.townships[position].startsWith(cadre.homeRegionCode) || cadre.homeRegionCode.startsWith(network.townships[position])) special.add(network.townships[position]);
      }
    }
    return special;
  };
  // A cadre's direct arcs into its special townships: every point it may take there (a fixed one at
  // lower bound 1). What is the same for a whole township — jurisdiction (a township lies inside the
  // reach or not: the range says so), distance, whether the home village or a forbidden or previous
  // point lies in it — is worked out once per township; leaders' previous townships make a million such
  // arcs at province scale.
  const addSpecialArcs = (senderIndex: number, cadreIndex: number, from: (township: string) => number) => {
    const sender = network.senders[senderIndex];
    const cadre = input.cadres[cadreIndex];
    const fixed = new Set(fixedOf.get(cadreIndex) ?? []);
    const forbidden = new Set(forbiddenOf.get(cadreIndex) ?? []);
    const previous = new Set(anyPreviousOf.get(cadreIndex) ?? []);
    const distance = distanceByPosition(network, cadre.regionCode);
    const home = cadre.homeRegionCode;
    const [start, end] = sender.range;
    for (const township of sender.special) {
      const position = townshipRange(network.townships, township)[0];
      if (position < start || position >= end) continue;
      const node = from(township);
      const cost = distance(position);
      const homeHere = !!home && (home.startsWith(township) || township.startsWith(home));
      for (const pointIndex of network.pointsOfTownship.get(township) ?? []) {
        const isFixed = fixed.size > 0 && fixed.has(pointIndex);
        if (!isFixed && ((forbidden.size > 0 && forbidden.has(pointIndex)) || (homeHere && input.points[pointIndex].regionCode.startsWith(home)))) continue;
        const target = targetOf(network, cadre.category, pointIndex);
        const stays = previous.size > 0 && previous.has(pointIndex);
        addArc(network, node, target.node, isFixed ? 1 : 0, 1, cost - (stays ? weights.changePenalty : 0), arcKind.candidate, senderIndex, pointIndex, target.need);
      }
    }
  };

  // A group (or home group) with its stayers: members whose previous posting is still allowed. The group
  // sends all of them; a direct arc per previous point, as wide as the members who were there, carries the
  // change-penalty discount, and the split hands its flow to exactly those members.
  const addGroup = (members: number[], home: string) => {
    const first = input.cadres[members[0]];
    const stayers = new Map<number, number[]>();
    for (const member of members) {
      const previous = previousOf.get(member)?.[0];
      if (previous !== undefined) (stayers.get(previous) ?? stayers.set(previous, []).get(previous)!).push(member);
    }
    const groupIndex = newSender(home ? 'home' : 'group', first, members, members.length);
    const group = network.senders[groupIndex];
    addArc(network, source, group.node, members.length, members.length, 0, arcKind.sourceToCadre, groupIndex);
    addArc(network, group.node, sink, 0, members.length, weights.violation, arcKind.unplacedSlack, groupIndex);
    if (home) {
      const township = home.slice(0, 9);
      if (township >= network.townships[group.range[0]] && township <= network.townships[group.range[1] - 1]) {
        group.special.add(township);
        addHomeCover(network, groupIndex, township, home);
      }
    }
    if (stayers.size > 0) group.stayers = stayers;
    for (const [pointIndex, staying] of stayers) addDirectArc(network, group.node, groupIndex, staying[0], pointIndex, 0, staying.length);
  };

  /** Adds a leader or a cadre with fixed postings or forbidden pairs as a sender; collects everyone else in `groups` by group key. */
  const addCadre = (cadreIndex: number, groups: Map<string, number[]>) => {
    const cadre = input.cadres[cadreIndex];
    const fixed = fixedOf.get(cadreIndex);
    if (cadre.isLeader) {
      const index = newSender('leader', cadre, [cadreIndex], 1);
      const sender = network.senders[index];
      const { min, max } = leaderPointRange(weights, sender.range[1] - sender.range[0]);
      sender.special = specialTownships(cadreIndex);
      optional += max - min;
      addArc(network, source, sender.node, min, max, 0, arcKind.sourceToCadre, index);
      addArc(network, sender.node, sink, 0, max, weights.violation, arcKind.unplacedSlack, index);
      addSpecialArcs(index, cadreIndex, (township) => {
        const node = network.nodeCount++;
        network.townshipNodes.set(`${cadreIndex}:${township}`, node);
        addArc(network, sender.node, node, 0, 1, 0, arcKind.leaderTownship, index);
        return node;
      });
      return;
    }
    if (fixed) {
      // An ordinary cadre with a lock or pin holds exactly that posting (the first, if several were given).
      const index = newSender('single', cadre, [cadreIndex], 1);
      network.senders[index].closed = true;
      addArc(network, source, network.senders[index].node, 1, 1, 0, arcKind.sourceToCadre, index);
      addDirectArc(network, network.senders[index].node, index, cadreIndex, fixed[0], 1, 1);
      return;
    }
    // Forbidden pairs, or several previous points (each with its discount, one to be kept): a node of its own.
    if (forbiddenOf.has(cadreIndex) || (previousOf.get(cadreIndex)?.length ?? 0) > 1) {
      const index = newSender('single', cadre, [cadreIndex], 1);
      const sender = network.senders[index];
      sender.special = specialTownships(cadreIndex);
      addArc(network, source, sender.node, 1, 1, 0, arcKind.sourceToCadre, index);
      addArc(network, sender.node, sink, 0, 1, weights.violation, arcKind.unplacedSlack, index);
      addSpecialArcs(index, cadreIndex, () => sender.node);
      return;
    }
    const key = groupKey(cadre);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(cadreIndex);
  };

  return { addCadre, addGroup, optional: () => optional };
}

/** Total supply: every sender's upper bound plus the uncovered slack, all of which reaches the sink. */
function totalSupply(network: MatchingNetwork): number {
  let supply = 1;
  const { arcs } = network;
  for (let arc = 0; arc < arcs.length; arc += 1) {
    if (arcs.kind[arc] === arcKind.sourceToCadre || arcs.kind[arc] === arcKind.uncoveredSlack) supply += arcs.upper[arc];
  }
  return supply;
}

/** Freezes the network into the solver's typed arrays. */
export function toFlowNetwork(network: MatchingNetwork): FlowNetwork {
  const { arcs } = network;
  const arcCount = arcs.length;
  const supply = new Int32Array(network.nodeCount);
  const total = totalSupply(network);
  supply[source] = total;
  supply[sink] = -total;
  return {
    nodeCount: network.nodeCount,
    arcCount,
    source: arcs.source.slice(0, arcCount),
    target: arcs.target.slice(0, arcCount),
    lower: arcs.lower.slice(0, arcCount),
    upper: arcs.upper.slice(0, arcCount),
    cost: arcs.cost.slice(0, arcCount),
    supply,
  };
}

/** Deterministic pseudo-random spread so that similar senders do not all pick the same townships. */
function jitter(a: number, b: number): number {
  let h = (a * 2654435761) ^ (b * 2246822519);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h >>> 0) % 1000) / 1000;
}

/** Mean need bonus a cadre of `category` could earn at each township's points (by township position). */
function townshipAppeal(network: MatchingNetwork, category: Category, cache: Map<Category, Float64Array>): Float64Array {
  let appeal = cache.get(category);
  if (appeal) return appeal;
  appeal = new Float64Array(network.townships.length);
  const { points, weights } = network.input;
  network.townships.forEach((township, position) => {
    const members = network.pointsOfTownship.get(township)!;
    let sum = 0;
    for (const pointIndex of members) {
      const need = answeredNeed({ category } as MatchingCadre, points[pointIndex], weights);
      if (need) sum += weights.unmatchedNeed * points[pointIndex].needs[need];
    }
    appeal![position] = sum / members.length;
  });
  cache.set(category, appeal);
  return appeal;
}

const distanceCache = new WeakMap<MatchingNetwork, Map<string, (position: number) => number>>();

/** Distance cost from a seat to the township at each position of a range, without string work per township. */
export function distanceByPosition(network: MatchingNetwork, seat: string): (position: number) => number {
  // Units share seats: the binary searches once per seat.
  const cache = distanceCache.get(network) ?? distanceCache.set(network, new Map()).get(network)!;
  let byPosition = cache.get(seat);
  if (!byPosition) cache.set(seat, (byPosition = seatDistanceByPosition(network, seat)));
  return byPosition;
}

function seatDistanceByPosition(network: MatchingNetwork, seat: string): (position: number) => number {
  const { distance } = network.input.weights;
  const within = (length: number) => (seat.length >= length ? townshipRange(network.townships, seat.slice(0, length)) : ([0, 0] as [number, number]));
  const [t0, t1] = within(9);
  const [c0, c1] = within(6);
  const [m0, m1] = within(4);
  return (position) =>
    position >= t0 && position < t1 ? distance.township : position >= c0 && position < c1 ? distance.county : position >= m0 && position < m1 ? distance.city : distance.province;
}

/** Most townships the first graph scores per sender: its own city's, then an even sample of the rest. */
const seedScanLimit = 400;

/**
 * The sparse first graph: each open sender joins its most promising townships (near its seat, with needs
 * its category answers), as many as its size calls for; `perSender` overrides that count.
 */
export function seedHubArcs(network: MatchingNetwork, perSender?: number): void {
  const cache = new Map<Category, Float64Array>();
  const { weights } = network.input;
  const positions: number[] = [];
  const scores: number[] = [];
  network.senders.forEach((sender, senderIndex) => {
    if (sender.closed) return;
    const [start, end] = sender.range;
    const wanted =
      perSender ?? (sender.kind === 'leader' ? weights.leaderPoints.max + 1 : sender.kind === 'single' ? 2 : 2 + Math.ceil(sender.members.length / 20));
    const appeal = townshipAppeal(network, sender.category, cache);
    const distance = distanceByPosition(network, sender.seat);
    const [near0, near1] = sender.seat.length >= 4 ? townshipRange(network.townships, sender.seat.slice(0, 4)) : [0, 0];
    const stride = Math.max(1, Math.floor((end - start) / seedScanLimit));
    positions.length = 0;
    scores.length = 0;
    const consider = (position: number) => {
      if (sender.special.size > 0 && sender.special.has(network.townships[position])) return;
      // Already joined (a warm start's routes): a second arc would double a leader's one point per township.
      if (sender.hubbed.size > 0 && sender.hubbed.has(network.townships[position])) return;
      positions.push(position);
      scores.push(distance(position) - appeal[position] + jitter(senderIndex, position) * weights.balanceStep);
    };
    for (let position = Math.max(start, near0); position < Math.min(end, near1); position += 1) consider(position);
    for (let position = start + (senderIndex % stride); position < end; position += stride) if (position < near0 || position >= near1) consider(position);
    const order = positions.map((_, index) => index).sort((x, y) => scores[x] - scores[y]);
    for (const index of order.slice(0, wanted)) addHubArc(network, senderIndex, network.townships[positions[index]]);
  });
}

/**
 * Prices every (sender, township) pair not yet joined — that is, every eligible cadre-point pair outside
 * the graph — with the node potentials. Returns the pairs with a negative reduced cost, at most
 * `perSender` (the most negative) for each sender, most negative first.
 */
export function priceHubArcs(network: MatchingNetwork, potential: Float64Array, perSender: number): { sender: number; township: string; reducedCost: number }[] {
  // Potential at which a cadre of each category enters each township: its hub's root, or — for a hub not
  // built — the cheapest way on into one of the township's points.
  const heads = new Map<Category, Float64Array>();
  const headsOf = (category: Category) => {
    let values = heads.get(category);
    if (values) return values;
    values = new Float64Array(network.townships.length);
    network.townships.forEach((township, position) => {
      const hub = network.hubByKey.get(`${township}|${category}`);
      if (hub !== undefined) values![position] = potential[network.hubs[hub].node];
      else {
        let value = Infinity;
        for (const pointIndex of network.pointsOfTownship.get(township)!) value = Math.min(value, potential[targetOf(network, category, pointIndex).node]);
        values![position] = value;
      }
    });
    heads.set(category, values);
    return values;
  };
  const found: { sender: number; township: string; reducedCost: number }[] = [];
  const mine: { sender: number; position: number; reducedCost: number }[] = [];
  network.senders.forEach((sender, senderIndex) => {
    if (sender.closed) return;
    const tail = potential[sender.node];
    const head = headsOf(sender.category);
    const distance = distanceByPosition(network, sender.seat);
    const [start, end] = sender.range;
    mine.length = 0;
    for (let position = start; position < end; position += 1) {
      const reducedCost = distance(position) - tail + head[position];
      if (!(reducedCost < -1e-9)) continue;
      const township = network.townships[position];
      if (sender.hubbed.has(township) || sender.special.has(township)) continue;
      if (mine.length < perSender) mine.push({ sender: senderIndex, position, reducedCost });
      else {
        let worst = 0;
        for (let index = 1; index < mine.length; index += 1) if (mine[index].reducedCost > mine[worst].reducedCost) worst = index;
        if (reducedCost < mine[worst].reducedCost) mine[worst] = { sender: senderIndex, position, reducedCost };
      }
    }
    for (const item of mine) found.push({ sender: item.sender, township: network.townships[item.position], reducedCost: item.reducedCost });
  });
  return found.sort((a, b) => a.reducedCost - b.reducedCost);
}

/**
 * Every (sender, township) pair not yet joined, as implicit arcs of the warm repair's searches (see
 * `ImplicitArcs` in solver/repair-flow.ts): the same pairs `priceHubArcs` prices, each from the sender to
 * the township's hub at its distance cost. A search reaching a sender first asks for a lower bound on its
 * pairs' reduced costs — the cheapest hub price within its own township, county, city and range plus that
 * distance, from range-minimum tables over the hub prices — and scans the pairs one by one only when the
 * search gets that far, which after a small change is rare.
 */
export function implicitHubArcs(network: MatchingNetwork): ImplicitArcs {
  const { townships, senders } = network;
  const { distance } = network.input.weights;
  const size = Math.max(1, townships.length);
  const senderOfNode = new Int32Array(network.nodeCount).fill(-1);
  senders.forEach((sender, index) => {
    if (!sender.closed) senderOfNode[sender.node] = index;
  });
  const hubNodes = hubNodesByPosition(network);
  const categories = [...hubNodes.keys()];
  // Each hub root's township position and category (as an index into `categories`), −1 elsewhere.
  const positionOfHub = new Int32Array(network.nodeCount).fill(-1);
  const categoryOfHub = new Int8Array(network.nodeCount).fill(-1);
  categories.forEach((category, categoryIndex) =>
    hubNodes.get(category)!.forEach((node, position) => {
      if (node < 0) return;
      positionOfHub[node] = position;
      categoryOfHub[node] = categoryIndex;
    }),
  );
  // The hub prices by category in a segment tree (leaves at size + position): range minima in O(log n),
  // and a search that moved a few hub prices updates those alone.
  const trees = categories.map(() => new Float64Array(2 * size).fill(Infinity));
  const treeOf = new Map(categories.map((category, index) => [category, trees[index]]));
  const setHubPrice = (tree: Float64Array, position: number, value: number) => {
    let at = size + position;
    tree[at] = value;
    for (at >>= 1; at >= 1; at >>= 1) tree[at] = Math.min(tree[2 * at], tree[2 * at + 1]);
  };
  const rangeMin = (tree: Float64Array, start: number, end: number) => {
    let min = Infinity;
    for (let low = start + size, high = end + size; low < high; low >>= 1, high >>= 1) {
      if (low & 1) min = Math.min(min, tree[low++]);
      if (high & 1) min = Math.min(min, tree[--high]);
    }
    return min;
  };
  // Each open sender's own township, county and city as position ranges within its range (8 numbers a
  // sender, worked out on first use; senders of one seat share the binary searches).
  const bounds = new Int32Array(senders.length * 8).fill(-1);
  const boundsBySeat = new Map<string, number[]>();
  const boundsOf = (senderIndex: number) => {
    const at = senderIndex * 8;
    if (bounds[at] >= 0) return at;
    const sender = senders[senderIndex];
    const [start, end] = sender.range;
    let seat = boundsBySeat.get(sender.seat);
    if (!seat) {
      const within = (length: number) => (sender.seat.length >= length ? townshipRange(townships, sender.seat.slice(0, length)) : [0, 0]);
      seat = [...within(9), ...within(6), ...within(4)];
      boundsBySeat.set(sender.seat, seat);
    }
    for (let index = 0; index < 6; index += 2) {
      bounds[at + index] = Math.max(seat[index], start);
      bounds[at + index + 1] = Math.min(seat[index + 1], end);
    }
    bounds[at + 6] = start;
    bounds[at + 7] = end;
    return at;
  };
  // Backwards: the open senders of each category by reach (one list per range of townships), and each
  // list's highest price, for the searches grown from deficits (an implicit arc into a hub comes from
  // every open sender of the hub's category whose range holds the hub's township).
  type Reach = { start: number; end: number; senders: number[]; maxPrice: number; nodes?: Int32Array; seats?: Int32Array };
  const reaches: Reach[][] = categories.map(() => []);
  const reachOfSender: (Reach | undefined)[] = new Array(senders.length);
  {
    const byKey = new Map<string, Reach>();
    senders.forEach((sender, index) => {
      const categoryIndex = categories.indexOf(sender.category);
      if (sender.closed || categoryIndex < 0) return;
      const key = `${sender.category}:${sender.range[0]}:${sender.range[1]}`;
      let reach = byKey.get(key);
      if (!reach) {
        reach = { start: sender.range[0], end: sender.range[1], senders: [], maxPrice: -Infinity };
        byKey.set(key, reach);
        reaches[categoryIndex].push(reach);
      }
      reach.senders.push(index);
      reachOfSender[index] = reach;
    });
  }
  // A list's sender nodes and seat ranges (township, county, city: `bounds`) in typed arrays, so that the
  // senders too dear for a backward search cost a few comparisons each (made on first use, or by `prepare`).
  const typedReach = (reach: Reach) => {
    reach.nodes = Int32Array.from(reach.senders, (index) => senders[index].node);
    reach.seats = new Int32Array(reach.senders.length * 6);
    reach.senders.forEach((index, slot) => {
      const at = boundsOf(index);
      reach.seats!.set(bounds.subarray(at, at + 6), slot * 6);
    });
  };
  const cheapestDistance = Math.min(distance.township, distance.county, distance.city, distance.province);
  const priceMoved = (node: number, potential: Float64Array) => {
    const hubCategory = categoryOfHub[node];
    if (hubCategory >= 0) setHubPrice(trees[hubCategory], positionOfHub[node], potential[node]);
    const senderIndex = senderOfNode[node];
    const reach = senderIndex >= 0 ? reachOfSender[senderIndex] : undefined;
    // A list's highest price only ever rises here: one that fell leaves a bound that is lower, still valid.
    if (reach && potential[node] > reach.maxPrice) reach.maxPrice = potential[node];
  };
  return {
    prepare() {
      for (const list of reaches) for (const reach of list) if (!reach.nodes) typedReach(reach);
    },
    pricesMoved(potential, moved, count) {
      if (moved) {
        for (let index = 0; index < count!; index += 1) if (moved[index] < senderOfNode.length) priceMoved(moved[index], potential);
        return;
      }
      for (const list of reaches) {
        for (const reach of list) {
          let max = -Infinity;
          for (const index of reach.senders) if (potential[senders[index].node] > max) max = potential[senders[index].node];
          reach.maxPrice = max;
        }
      }
      categories.forEach((category, categoryIndex) => {
        const nodes = hubNodes.get(category)!;
        const tree = trees[categoryIndex];
        for (let position = 0; position < size; position += 1) tree[size + position] = nodes[position] >= 0 ? potential[nodes[position]] : Infinity;
        for (let at = size - 1; at >= 1; at -= 1) tree[at] = Math.min(tree[2 * at], tree[2 * at + 1]);
      });
    },
    lowerBound(node, potential) {
      const senderIndex = node < senderOfNode.length ? senderOfNode[node] : -1;
      if (senderIndex < 0) return Infinity;
      const sender = senders[senderIndex];
      const table = treeOf.get(sender.category);
      if (!table) return Infinity;
      const at = boundsOf(senderIndex);
      const cheapest = Math.min(
        rangeMin(table, bounds[at], bounds[at + 1]) + distance.township,
        rangeMin(table, bounds[at + 2], bounds[at + 3]) + distance.county,
        rangeMin(table, bounds[at + 4], bounds[at + 5]) + distance.city,
        rangeMin(table, bounds[at + 6], bounds[at + 7]) + distance.province,
      );
      return cheapest - potential[node];
    },
    scan(node, potential, relax) {
      const sender = senders[senderOfNode[node]];
      const nodes = hubNodes.get(sender.category);
      if (!nodes) return;
      const cost = distanceByPosition(network, sender.seat);
      const tail = potential[node];
      for (let position = sender.range[0]; position < sender.range[1]; position += 1) {
        const hub = nodes[position];
        if (hub < 0) continue;
        const township = townships[position];
        if ((sender.hubbed.size > 0 && sender.hubbed.has(township)) || (sender.special.size > 0 && sender.special.has(township))) continue;
        relax(hub, cost(position) - tail + potential[hub]);
      }
    },
    reverseLowerBound(node, potential) {
      const position = node < positionOfHub.length ? positionOfHub[node] : -1;
      if (position < 0) return Infinity;
      let highest = -Infinity;
      for (const reach of reaches[categoryOfHub[node]]) if (reach.start <= position && position < reach.end && reach.maxPrice > highest) highest = reach.maxPrice;
      return cheapestDistance - highest + potential[node];
    },
    reverseScan(node, potential, relax, above, limit) {
      const position = node < positionOfHub.length ? positionOfHub[node] : -1;
      let rest = Infinity;
      if (position < 0) return rest;
      const township = townships[position];
      const head = potential[node];
      const { township: near, county, city, province } = distance;
      for (const reach of reaches[categoryOfHub[node]]) {
        if (reach.start > position || position >= reach.end) continue;
        // A whole list whose cheapest arc costs more than the search cares for is passed over.
        const cheapest = cheapestDistance - reach.maxPrice + head;
        if (cheapest > limit) {
          rest = Math.min(rest, cheapest);
          continue;
        }
        if (!reach.nodes) typedReach(reach);
        const nodes = reach.nodes!;
        const seats = reach.seats!;
        for (let slot = 0; slot < nodes.length; slot += 1) {
          const at = slot * 6;
          const cost =
            position >= seats[at] && position < seats[at + 1]
              ? near
              : position >= seats[at + 2] && position < seats[at + 3]
                ? county
                : position >= seats[at + 4] && position < seats[at + 5]
                  ? city
                  : province;
          const reducedCost = cost - potential[nodes[slot]] + head;
          if (reducedCost <= above) continue;
          if (reducedCost > limit) {
            if (reducedCost < rest) rest = reducedCost;
            continue;
          }
          const sender = senders[reach.senders[slot]];
          if ((sender.hubbed.size > 0 && sender.hubbed.has(township)) || (sender.special.size > 0 && sender.special.has(township))) continue;
          relax(nodes[slot], reducedCost);
        }
      }
      return rest;
    },
    materialize(tail, head) {
      const arc = addHubArc(network, senderOfNode[tail], townships[positionOfHub[head]]);
      return { upper: network.arcs.upper[arc], cost: network.arcs.cost[arc] };
    },
  };
}
