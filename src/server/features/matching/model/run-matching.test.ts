// The matching model: optimal over every eligible pair (certificate + pricing), hard rules kept,
// broken rules named precisely.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyCertificate } from '../solver/verify-certificate.ts';
import { isEligible } from './eligibility.ts';
import { defaultWeights, type MatchingCadre, type MatchingInput, type MatchingPoint } from './matching-input.ts';
import { toFlowNetwork } from './matching-network.ts';
import { evaluatePlanCost, measurePlan, readMatchingResult } from './read-matching-result.ts';
import { runMatching } from './run-matching.ts';
import { checkHardRules, denseOptimum, smallCounty } from './matching-fixtures.test-helper.ts';

describe('matching model', () => {
  it('finds an optimum certified over the final network and keeps every hard rule', async () => {
    const input = smallCounty(7, { townships: 4, villages: 6, cadresPerTownship: 7, countyCadres: 10, leaders: 3 });
    const run = await runMatching(input, { initialCandidates: 2 });
    const report = verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential);
    assert.ok(report.ok, JSON.stringify(report.violations));
    const result = readMatchingResult(run.network, run.solution);
    assert.deepEqual(result.breaks, []);
    checkHardRules(input, result.postings);
    const measures = measurePlan(input, result.postings);
    assert.equal(measures.coverage, 1);
    assert.equal(measures.leadersMultiPoint, 1);
  });

  it('adds through pricing the pairs a sparse graph missed, reaching the same optimum as the dense graph', async () => {
    const input = smallCounty(11, { townships: 3, villages: 8, cadresPerTownship: 9, countyCadres: 8, leaders: 2 });
    const sparse = await runMatching(input, { initialCandidates: 1 });
    const dense = await runMatching(input, { initialCandidates: 10_000 });
    assert.ok(sparse.arcsAdded > 0, 'pricing added arcs');
    assert.ok(sparse.rounds > 1);
    assert.equal(dense.arcsAdded, 0);
    assert.equal(readMatchingResult(sparse.network, sparse.solution).cost, readMatchingResult(dense.network, dense.solution).cost);
  });

  it('names the uncovered points when a county has fewer cadres than points, and still places every cadre', async () => {
    const input = smallCounty(3, { townships: 2, villages: 5, cadresPerTownship: 3, countyCadres: 0, leaders: 0 });
    const run = await runMatching(input);
    const result = readMatchingResult(run.network, run.solution);
    const uncovered = result.breaks.filter((item) => item.rule === 'point_uncovered');
    assert.equal(uncovered.length, 10 - 6);
    assert.equal(result.postings.length, 6);
    assert.ok(result.breaks.every((item) => item.rule === 'point_uncovered'));
  });

  it('never posts a cadre to the home village and honours pins, locks and forbids', async () => {
    const input = smallCounty(5, { townships: 2, villages: 4, cadresPerTownship: 5, countyCadres: 4, leaders: 1 });
    const home = input.points[0].regionCode;
    input.cadres[0].homeRegionCode = home;
    const pinned = { cadreId: input.cadres[1].id, pointId: input.points[3].id };
    const locked = { cadreId: input.cadres[2].id, pointId: input.points[2].id };
    const forbidden = { cadreId: input.cadres[3].id, pointId: input.points[1].id };
    const run = await runMatching({ ...input, pinned: [pinned], locked: [locked], forbidden: [forbidden] }, { initialCandidates: 1 });
    const { postings } = readMatchingResult(run.network, run.solution);
    assert.ok(!postings.some((posting) => posting.cadreId === input.cadres[0].id && posting.pointId === input.points[0].id));
    assert.ok(postings.some((posting) => posting.cadreId === pinned.cadreId && posting.pointId === pinned.pointId && posting.isPinned));
    assert.ok(postings.some((posting) => posting.cadreId === locked.cadreId && posting.pointId === locked.pointId && posting.isLocked));
    assert.ok(!postings.some((posting) => posting.cadreId === forbidden.cadreId && posting.pointId === forbidden.pointId));
  });

  it('moves few people on a re-plan from the previous solution', async () => {
    const input = smallCounty(9, { townships: 3, villages: 6, cadresPerTownship: 8, countyCadres: 6, leaders: 2 });
    const first = readMatchingResult(...(await runMatching(input).then((run) => [run.network, run.solution] as const)));
    const changed = { ...input, cadres: input.cadres.slice(1), previous: first.postings };
    const second = readMatchingResult(...(await runMatching(changed).then((run) => [run.network, run.solution] as const)));
    const before = new Set(first.postings.map((posting) => `${posting.cadreId}:${posting.pointId}`));
    const moved = second.postings.filter((posting) => !before.has(`${posting.cadreId}:${posting.pointId}`)).length;
    assert.ok(moved <= 3, `moved ${moved}`);
  });

  it('is certified optimal and rule-abiding on random small counties (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }), async (seed, townships, villages) => {
        const input = smallCounty(seed, { townships, villages, cadresPerTownship: villages + 1, countyCadres: 3, leaders: 1 });
        const run = await runMatching(input, { initialCandidates: 1 });
        assert.ok(verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential).ok);
        const result = readMatchingResult(run.network, run.solution);
        if (result.breaks.length === 0) checkHardRules(input, result.postings);
      }),
      { numRuns: 40 },
    );
  });
});

describe('aggregated model against the dense reference', () => {
  it('equals the optimum of the one-arc-per-pair formulation on random counties with homes, pins, locks, forbids and a previous plan (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }), fc.boolean(), async (seed, townships, villages, withRules) => {
        const input = smallCounty(seed, { townships, villages, cadresPerTownship: villages + (seed % 3), countyCadres: 2 + (seed % 4), leaders: seed % 3 });
        if (withRules) {
          input.pinned = [{ cadreId: input.cadres[0].id, pointId: input.points[input.points.length - 1].id }];
          input.forbidden = [{ cadreId: input.cadres[1].id, pointId: input.points[0].id }];
          input.previous = input.cadres.slice(2).map((cadre, index) => ({ cadreId: cadre.id, pointId: input.points[(index * 7) % input.points.length].id }));
        }
        const run = await runMatching(input, { initialCandidates: 1 });
        assert.ok(verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential).ok);
        const result = readMatchingResult(run.network, run.solution);
        assert.equal(result.cost + result.violationCost, denseOptimum(input));
        assert.equal(evaluatePlanCost(run.network, result.postings), result.cost + result.violationCost);
        for (const posting of result.postings.filter((item) => !item.isPinned)) {
          const cadre = input.cadres.find((item) => item.id === posting.cadreId)!;
          const point = input.points.find((item) => item.id === posting.pointId)!;
          assert.ok(isEligible(cadre, point), `cadre ${cadre.id} at home or out of reach at ${point.regionCode}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the change-penalty discount on every previous point of a leader and of group stayers, as the dense formulation does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), async (seed, townships) => {
        const input = smallCounty(seed, { townships, villages: 4, cadresPerTownship: 4, countyCadres: 3, leaders: 2 });
        const first = readMatchingResult(...(await runMatching(input).then((run) => [run.network, run.solution] as const)));
        // A leader held its points on the previous plan; several stayers of a group shared one point.
        const point = (index: number) => input.points[(seed + index * 5) % input.points.length].id;
        const previous = [
          ...first.postings.map(({ cadreId, pointId }) => ({ cadreId, pointId })),
          ...input.cadres.filter((cadre) => !cadre.isLeader).slice(0, 3).map((cadre) => ({ cadreId: cadre.id, pointId: point(1) })),
        ];
        const changed: MatchingInput = { ...input, cadres: input.cadres.filter((_, index) => index % 5 !== 2), previous };
        const run = await runMatching(changed, { initialCandidates: 1 });
        assert.ok(verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential).ok);
        const result = readMatchingResult(run.network, run.solution);
        assert.equal(result.cost + result.violationCost, denseOptimum(changed));
        assert.equal(evaluatePlanCost(run.network, result.postings), result.cost + result.violationCost);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps a group away from its home village even when that village needs a cadre, and stays exact', async () => {
    // One township, two villages; both township cadres live in village 1, which needs a cadre: nobody may go there.
    const township = '130924100';
    const points: MatchingPoint[] = [
      { id: 1, regionCode: `${township}201`, minCadres: 1, maxCadres: 1, needs: { disorder: 0, difficulty: 0, poverty: 0 } },
      { id: 2, regionCode: `${township}202`, minCadres: 0, maxCadres: 2, needs: { disorder: 0, difficulty: 0, poverty: 0 } },
    ];
    const cadres: MatchingCadre[] = [1, 2].map((id) => ({ id, unitLevel: 'township', regionCode: township, category: 'other', isLeader: false, homeRegionCode: `${township}201` }));
    const input: MatchingInput = { regionCode: '1309', cadres, points, locked: [], pinned: [], forbidden: [], weights: defaultWeights };
    const run = await runMatching(input);
    const result = readMatchingResult(run.network, run.solution);
    assert.deepEqual(result.postings.map((posting) => posting.pointId).sort(), [2, 2]);
    assert.deepEqual(result.breaks, [{ rule: 'point_uncovered', pointId: 1, amount: 1 }]);
    assert.equal(result.cost + result.violationCost, denseOptimum(input));
  });
});

describe('greedy baseline', () => {
  it('keeps the hard rules it can and costs at least as much as the optimum', async () => {
    const { greedyBaseline } = await import('./greedy-baseline.ts');
    const input = smallCounty(21, { townships: 4, villages: 6, cadresPerTownship: 8, countyCadres: 10, leaders: 3 });
    const greedy = greedyBaseline(input);
    const run = await runMatching(input);
    const optimal = readMatchingResult(run.network, run.solution);
    for (const posting of greedy) {
      const cadre = input.cadres.find((item) => item.id === posting.cadreId)!;
      const point = input.points.find((item) => item.id === posting.pointId)!;
      assert.ok(isEligible(cadre, point));
    }
    // The model's own objective, recomputed directly from the postings, agrees with the solver's.
    assert.equal(evaluatePlanCost(run.network, optimal.postings), optimal.cost + optimal.violationCost);
    assert.ok(evaluatePlanCost(run.network, greedy) >= optimal.cost + optimal.violationCost);
    assert.ok(greedy.length > 0);
  });
});
