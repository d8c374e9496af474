// Reads a solved matching network back into postings, broken rules and plan measures.
import { needTags } from '../../../lib/roster-vocabulary.ts';
import { distanceClass, leaderPointRange } from './eligibility.ts';
import { arcKind, pairKey, targetOf, type MatchingNetwork } from './matching-network.ts';
import type { MinCostFlowSolution } from '../solver/flow-network.ts';
import type { MatchingInput } from './matching-input.ts';

export interface Posting {
  cadreId: number;
  pointId: number;
  isLocked: boolean;
  isPinned: boolean;
  /** Cost parts of this posting: distance and the need bonus it earned (negative). */
  distanceCost: number;
  needBonus: number;
  answeredNeed: string | null;
}

export interface RuleBreak {
  rule: 'point_uncovered' | 'cadre_unplaced' | 'leader_too_few_points' | 'point_over_capacity';
  cadreId?: number;
  pointId?: number;
  /** How many units of the rule are missing or exceeded. */
  amount: number;
}

export interface MatchingResult {
  postings: Posting[];
  breaks: RuleBreak[];
  /** The objective without violation costs: distance + balance + unmatched needs. */
  cost: number;
  violationCost: number;
}

/** Turns the flow, split among cadres, into postings and rule breaks. */
export function readMatchingResult(network: MatchingNetwork, solution: MinCostFlowSolution): MatchingResult {
  const { arcs, input } = network;
  const pointCount = input.points.length;
  const postings: Posting[] = [];
  const breaks: RuleBreak[] = [];
  // The need bonus goes to one cadre per need: the first posting that answers it.
  const bonusLeft = new Map<number, number>();
  let violationCost = 0;
  for (let arc = 0; arc < arcs.length; arc += 1) {
    const flow = solution.flow[arc];
    if (flow <= 0) continue;
    const kind = arcs.kind[arc];
    if (kind === arcKind.needBonus) bonusLeft.set(arcs.point[arc] * 3 + arcs.need[arc], -arcs.cost[arc]);
    else if (kind === arcKind.uncoveredSlack) {
      breaks.push({ rule: 'point_uncovered', pointId: input.points[arcs.point[arc]].id, amount: flow });
      violationCost += flow * arcs.cost[arc];
    } else if (kind === arcKind.overfullSlack) {
      breaks.push({ rule: 'point_over_capacity', pointId: input.points[arcs.point[arc]].id, amount: flow });
      violationCost += flow * arcs.cost[arc];
    } else if (kind === arcKind.unplacedSlack) violationCost += flow * arcs.cost[arc];
  }
  for (const { cadreIndex, amount } of network.unplaced) {
    const cadre = input.cadres[cadreIndex];
    breaks.push({ rule: cadre.isLeader ? 'leader_too_few_points' : 'cadre_unplaced', cadreId: cadre.id, amount });
  }
  for (const { cadreIndex, pointIndex } of network.assignment) {
    const cadre = input.cadres[cadreIndex];
    const point = input.points[pointIndex];
    const need = targetOf(network, cadre.category, pointIndex).need;
    const key = pointIndex * 3 + need;
    const bonus = need >= 0 ? (bonusLeft.get(key) ?? 0) : 0;
    if (bonus) bonusLeft.delete(key);
    const pair = pairKey(cadreIndex, pointIndex, pointCount);
    postings.push({
      cadreId: cadre.id,
      pointId: point.id,
      isLocked: network.locked.has(pair),
      isPinned: network.pinned.has(pair),
      distanceCost: input.weights.distance[distanceClass(cadre.regionCode, point.regionCode)],
      needBonus: -bonus,
      answeredNeed: need >= 0 ? needTags[need] : null,
    });
  }
  return { postings, breaks, cost: solution.cost + network.constantCost - violationCost, violationCost };
}

export interface PlanMeasures {
  cadres: number;
  points: number;
  postings: number;
  /** Points with at least their minimum of cadres / all points. */
  coverage: number;
  /** Tagged points whose every need is answered by one of their cadres' categories / tagged points. */
  matchedAllNeeds: number;
  /** Tagged points with at least one need answered / tagged points. */
  matchedAnyNeed: number;
  /** Leaders with 2 or more points / leaders. */
  leadersMultiPoint: number;
  /** Mean region-tree distance class of postings: 1 township, 2 county, 3 city, 4 province. */
  averageDistance: number;
}

const distanceRank = { township: 1, county: 2, city: 3, province: 4 } as const;

/** Measures of a plan, each a plain ratio a person can check by hand. */
export function measurePlan(input: MatchingInput, postings: { cadreId: number; pointId: number }[]): PlanMeasures {
  const cadreIndexById = new Map(input.cadres.map((cadre, index) => [cadre.id, index]));
  const pointIndexById = new Map(input.points.map((point, index) => [point.id, index]));
  const byPoint = new Map<number, number[]>();
  const pointsPerCadre = new Map<number, number>();
  let distanceSum = 0;
  for (const posting of postings) {
    const cadreIndex = cadreIndexById.get(posting.cadreId)!;
    const pointIndex = pointIndexById.get(posting.pointId)!;
    (byPoint.get(pointIndex) ?? byPoint.set(pointIndex, []).get(pointIndex)!).push(cadreIndex);
    pointsPerCadre.set(posting.cadreId, (pointsPerCadre.get(posting.cadreId) ?? 0) + 1);
    distanceSum += distanceRank[distanceClass(input.cadres[cadreIndex].regionCode, input.points[pointIndex].regionCode)];
  }
  let covered = 0;
  let tagged = 0;
  let allMatched = 0;
  let anyMatched = 0;
  input.points.forEach((point, pointIndex) => {
    const team = byPoint.get(pointIndex) ?? [];
    if (team.length >= Math.max(1, point.minCadres)) covered += 1;
    const needs = needTags.filter((need) => point.needs[need] > 0);
    if (needs.length === 0) return;
    tagged += 1;
    const answered = needs.filter((need) => team.some((cadreIndex) => input.weights.affinity[input.cadres[cadreIndex].category].includes(need)));
    if (answered.length === needs.length) allMatched += 1;
    if (answered.length > 0) anyMatched += 1;
  });
  const leaders = input.cadres.filter((cadre) => cadre.isLeader);
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    cadres: input.cadres.length,
    points: input.points.length,
    postings: postings.length,
    coverage: ratio(covered, input.points.length),
    matchedAllNeeds: ratio(allMatched, tagged),
    matchedAnyNeed: ratio(anyMatched, tagged),
    leadersMultiPoint: ratio(leaders.filter((leader) => (pointsPerCadre.get(leader.id) ?? 0) >= 2).length, leaders.length),
    averageDistance: ratio(distanceSum, postings.length),
  };
}

/** The objective of any set of postings under the model's costs (violations included), computed directly. */
export function evaluatePlanCost(network: MatchingNetwork, postings: { cadreId: number; pointId: number }[]): number {
  const { input } = network;
  const { weights } = input;
  const previous = new Set((input.previous ?? []).map((posting) => `${posting.cadreId}:${posting.pointId}`));
  const team = new Map<number, number[]>();
  const perCadre = new Map<number, number>();
  let cost = 0;
  for (const posting of postings) {
    const cadreIndex = network.cadreIndexById.get(posting.cadreId)!;
    const pointIndex = network.pointIndexById.get(posting.pointId)!;
    cost += weights.distance[distanceClass(input.cadres[cadreIndex].regionCode, input.points[pointIndex].regionCode)];
    if (previous.has(`${posting.cadreId}:${posting.pointId}`)) cost -= weights.changePenalty;
    (team.get(pointIndex) ?? team.set(pointIndex, []).get(pointIndex)!).push(cadreIndex);
    perCadre.set(posting.cadreId, (perCadre.get(posting.cadreId) ?? 0) + 1);
  }
  input.points.forEach((point, pointIndex) => {
    const members = team.get(pointIndex) ?? [];
    const extra = Math.max(0, Math.min(members.length, point.maxCadres) - point.minCadres);
    cost += (weights.balanceStep * extra * (extra + 1)) / 2;
    cost += weights.violation * (Math.max(0, point.minCadres - members.length) + Math.max(0, members.length - point.maxCadres));
    for (const need of needTags) {
      if (point.needs[need] <= 0) continue;
      const isAnswered = members.some((cadreIndex) => weights.affinity[input.cadres[cadreIndex].category].includes(need));
      if (!isAnswered) cost += weights.unmatchedNeed * point.needs[need];
    }
  });
  input.cadres.forEach((cadre, cadreIndex) => {
    if (network.retired?.has(cadreIndex)) return;
    const count = perCadre.get(cadre.id) ?? 0;
    const [start, end] = network.senders[network.senderOfCadre[cadreIndex]].range;
    const minimum = cadre.isLeader ? leaderPointRange(weights, end - start).min : 1;
    cost += weights.violation * Math.max(0, minimum - count);
  });
  return cost;
}
