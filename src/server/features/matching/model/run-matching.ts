// Solves a matching exactly: a sparse candidate graph first, then pricing of every eligible pair
// with the node potentials until no excluded pair has a negative reduced cost.
import { solveMinCostFlowParallel, type SolverPool } from '../solver/parallel-solve.ts';
import type { MinCostFlowSolution } from '../solver/flow-network.ts';
import { distanceCost, jurisdictionOf, townshipOf } from './eligibility.ts';
import type { MatchingInput } from './matching-input.ts';
import {
  addCandidate,
  candidateCost,
  candidateTarget,
  createMatchingNetwork,
  isCandidatePair,
  jurisdictionRange,
  pairKey,
  toFlowNetwork,
  type MatchingNetwork,
} from './matching-network.ts';

export interface RunMatchingOptions {
  /** Candidate points per cadre in the first, sparse graph. */
  initialCandidates?: number;
  /** Most arcs added in one pricing round. */
  maxArcsPerRound?: number;
  pool?: SolverPool;
  /** Solve on the calling thread (tests, small instances). */
  single?: boolean;
  onProgress?: (phase: string, fraction: number) => void;
}

export interface MatchingRun {
  network: MatchingNetwork;
  solution: MinCostFlowSolution;
  rounds: number;
  arcsAdded: number;
  initialArcs: number;
  seconds: number;
}

/** Deterministic pseudo-random spread so that cadres of one unit do not all pick the same points. */
function jitter(a: number, b: number): number {
  let h = (a * 2654435761) ^ (b * 2246822519);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h >>> 0) % 1000) / 1000;
}

/** Adds each cadre's most promising candidate points: near its seat, answering a need. */
export function seedCandidates(network: MatchingNetwork, perCadre: number): void {
  const { input } = network;
  const { weights } = input;
  const pointCount = input.points.length;
  const best: { point: number; score: number }[] = [];
  input.cadres.forEach((cadre, cadreIndex) => {
    const [start, end] = jurisdictionRange(network, jurisdictionOf(cadre.unitLevel, cadre.regionCode));
    const wanted = cadre.isLeader ? perCadre * 2 : perCadre;
    // Large jurisdictions (city and province cadres) are sampled with a stride; pricing adds the rest.
    const stride = Math.max(1, Math.floor((end - start) / 4000));
    best.length = 0;
    for (let position = start + (cadreIndex % stride); position < end; position += stride) {
      const pointIndex = network.pointsByRegion[position];
      if (!isCandidatePair(network, cadreIndex, pointIndex)) continue;
      const point = input.points[pointIndex];
      const target = candidateTarget(network, cadreIndex, pointIndex);
      const bonus = target.need >= 0 ? weights.unmatchedNeed * point.needs[(['disorder', 'difficulty', 'poverty'] as const)[target.need]] : 0;
      const score = distanceCost(cadre, point, weights) - bonus + jitter(cadreIndex, pointIndex) * weights.balanceStep * 2;
      if (best.length < wanted) best.push({ point: pointIndex, score });
      else {
        let worst = 0;
        for (let index = 1; index < best.length; index += 1) if (best[index].score > best[worst].score) worst = index;
        if (score < best[worst].score) best[worst] = { point: pointIndex, score };
      }
    }
    for (const candidate of best) {
      if (!network.candidatePairs.has(pairKey(cadreIndex, candidate.point, pointCount))) addCandidate(network, cadreIndex, candidate.point);
    }
  });
  for (const posting of input.previous ?? []) {
    const c = network.cadreIndexById.get(posting.cadreId);
    const p = network.pointIndexById.get(posting.pointId);
    if (c !== undefined && p !== undefined && !network.candidatePairs.has(pairKey(c, p, pointCount)) && isCandidatePair(network, c, p)) addCandidate(network, c, p);
  }
}

/**
 * Prices every eligible pair not yet in the network; returns pairs with negative reduced cost, at most
 * `perCadre` (the most negative) for each cadre — partial pricing keeps each round's network small.
 */
export function priceEligiblePairs(network: MatchingNetwork, potential: Float64Array, limit: number, perCadre = 2): { cadre: number; point: number; reducedCost: number }[] {
  const { input } = network;
  const pointCount = input.points.length;
  const found: { cadre: number; point: number; reducedCost: number }[] = [];
  const mine: { cadre: number; point: number; reducedCost: number }[] = [];
  input.cadres.forEach((cadre, cadreIndex) => {
    const [start, end] = jurisdictionRange(network, jurisdictionOf(cadre.unitLevel, cadre.regionCode));
    const cadrePotential = potential[network.cadreNode(cadreIndex)];
    mine.length = 0;
    for (let position = start; position < end; position += 1) {
      const pointIndex = network.pointsByRegion[position];
      if (network.candidatePairs.has(pairKey(cadreIndex, pointIndex, pointCount)) || !isCandidatePair(network, cadreIndex, pointIndex)) continue;
      const target = candidateTarget(network, cadreIndex, pointIndex);
      let tail = cadrePotential;
      if (cadre.isLeader) {
        // Through the leader's township node if it exists; else through a fresh node whose potential is free.
        const node = network.townshipNodes.get(`${cadreIndex}:${townshipOf(input.points[pointIndex])}`);
        if (node !== undefined) tail = potential[node];
      }
      const reducedCost = candidateCost(network, cadreIndex, pointIndex) - tail + potential[target.node];
      if (reducedCost < -1e-9) {
        if (mine.length < perCadre) mine.push({ cadre: cadreIndex, point: pointIndex, reducedCost });
        else {
          let worst = 0;
          for (let index = 1; index < mine.length; index += 1) if (mine[index].reducedCost > mine[worst].reducedCost) worst = index;
          if (reducedCost < mine[worst].reducedCost) mine[worst] = { cadre: cadreIndex, point: pointIndex, reducedCost };
        }
      }
    }
    found.push(...mine);
  });
  found.sort((a, b) => a.reducedCost - b.reducedCost);
  return found.slice(0, limit);
}

/** Runs the matching to a proven optimum over every eligible pair. */
export async function runMatching(input: MatchingInput, options: RunMatchingOptions = {}): Promise<MatchingRun> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  progress('building', 0.05);
  const network = createMatchingNetwork(input);
  seedCandidates(network, options.initialCandidates ?? 6);
  const initialArcs = network.arcs.source.length;
  let rounds = 0;
  let arcsAdded = 0;
  for (;;) {
    rounds += 1;
    progress(`solving (round ${rounds})`, Math.min(0.9, 0.1 + rounds * 0.15));
    const { solution } = await solveMinCostFlowParallel(toFlowNetwork(network), { pool: options.pool, single: options.single });
    progress(`pricing (round ${rounds})`, Math.min(0.92, 0.15 + rounds * 0.15));
    const negative = priceEligiblePairs(network, solution.potential, options.maxArcsPerRound ?? 200_000);
    if (negative.length === 0) {
      progress('done', 1);
      return { network, solution, rounds, arcsAdded, initialArcs, seconds: (performance.now() - started) / 1000 };
    }
    for (const pair of negative) addCandidate(network, pair.cadre, pair.point);
    arcsAdded += negative.length;
  }
}
