// Test fixtures of the matching model: random small counties, the dense reference optimum, the hard rules.
import assert from 'node:assert/strict';
import { isEligible, townshipOf } from './eligibility.ts';
import { defaultWeights, type MatchingCadre, type MatchingInput, type MatchingPoint } from './matching-input.ts';
import type { Category } from '../../../db/schema.ts';
import { solveMinCostFlow } from '../solver/network-simplex.ts';
import { createDensePairNetwork, toFlowNetwork as toPairFlowNetwork } from './pair-network.ts';

/** The optimum of the dense reference formulation (one arc per eligible cadre-point pair), violations included. */
export function denseOptimum(input: MatchingInput): number {
  const network = createDensePairNetwork(input);
  const solution = solveMinCostFlow(toPairFlowNetwork(network));
  assert.ok(solution.feasible);
  return solution.cost + network.constantCost;
}

export const categories: Category[] = ['political_legal', 'party_mass', 'economic', 'education', 'health', 'agriculture', 'other'];

/** A small county: `townships` townships of `villages` villages, township and county cadres, some leaders. */
export function smallCounty(seed: number, options: { townships: number; villages: number; cadresPerTownship: number; countyCadres: number; leaders: number }): MatchingInput {
  let state = seed >>> 0 || 1;
  const random = () => ((state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0) / 2 ** 32;
  const county = '130924';
  const points: MatchingPoint[] = [];
  const cadres: MatchingCadre[] = [];
  for (let t = 0; t < options.townships; t += 1) {
    const township = `${county}${String(100 + t)}`;
    for (let v = 0; v < options.villages; v += 1) {
      points.push({
        id: points.length + 1,
        regionCode: `${township}${String(200 + v)}`,
        minCadres: 1,
        maxCadres: 2 + Math.floor(random() * 2),
        needs: { disorder: random() < 0.2 ? 1 + Math.floor(random() * 3) : 0, difficulty: random() < 0.3 ? 1 + Math.floor(random() * 3) : 0, poverty: random() < 0.3 ? 1 + Math.floor(random() * 3) : 0 },
      });
    }
    for (let c = 0; c < options.cadresPerTownship; c += 1) {
      cadres.push({ id: cadres.length + 1, unitLevel: 'township', regionCode: township, category: categories[Math.floor(random() * categories.length)], isLeader: false, homeRegionCode: random() < 0.3 ? points[points.length - 1 - Math.floor(random() * options.villages)].regionCode : null });
    }
  }
  for (let c = 0; c < options.countyCadres; c += 1) {
    cadres.push({ id: cadres.length + 1, unitLevel: 'county', regionCode: county, category: categories[Math.floor(random() * categories.length)], isLeader: c < options.leaders, homeRegionCode: null });
  }
  return { regionCode: '1309', cadres, points, locked: [], pinned: [], forbidden: [], weights: defaultWeights };
}

export function checkHardRules(input: MatchingInput, postings: { cadreId: number; pointId: number }[]) {
  const cadres = new Map(input.cadres.map((cadre) => [cadre.id, cadre]));
  const points = new Map(input.points.map((point) => [point.id, point]));
  const perCadre = new Map<number, string[]>();
  const perPoint = new Map<number, number>();
  for (const posting of postings) {
    const cadre = cadres.get(posting.cadreId)!;
    const point = points.get(posting.pointId)!;
    assert.ok(isEligible(cadre, point), `cadre ${cadre.id} may not serve at ${point.regionCode}`);
    (perCadre.get(cadre.id) ?? perCadre.set(cadre.id, []).get(cadre.id)!).push(townshipOf(point));
    perPoint.set(point.id, (perPoint.get(point.id) ?? 0) + 1);
  }
  for (const cadre of input.cadres) {
    const townships = perCadre.get(cadre.id) ?? [];
    if (cadre.isLeader) {
      const reach = new Set(input.points.filter((point) => isEligible(cadre, point)).map(townshipOf)).size;
      assert.ok(townships.length >= Math.min(2, reach) && townships.length <= 4, `leader ${cadre.id} has ${townships.length} points`);
      assert.equal(new Set(townships).size, townships.length, `leader ${cadre.id} twice in one township`);
    } else assert.equal(townships.length, 1, `cadre ${cadre.id} has ${townships.length} points`);
  }
  for (const point of input.points) {
    const count = perPoint.get(point.id) ?? 0;
    assert.ok(count >= point.minCadres && count <= point.maxCadres, `point ${point.id} has ${count}`);
  }
}
