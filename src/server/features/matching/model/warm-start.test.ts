// Re-plans from the previous plan: the same certified optimum as a cold solve, reached in far fewer steps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyCertificate } from '../solver/verify-certificate.ts';
import type { MatchingInput } from './matching-input.ts';
import { toFlowNetwork } from './matching-network.ts';
import { readMatchingResult } from './read-matching-result.ts';
import { runMatching } from './run-matching.ts';
import { collectPotentials } from './warm-start.ts';
import { checkHardRules, smallCounty } from './matching-fixtures.test-helper.ts';

/** Solves `input`, then changes it as a re-plan would: some cadres leave, copies join, a point's needs change. */
async function planAndChange(input: MatchingInput, change: { leave: number; join: number; needPoint: number }) {
  const first = await runMatching(input);
  const firstResult = readMatchingResult(first.network, first.solution);
  const leaving = new Set(input.cadres.filter((_, index) => index % Math.max(2, change.leave) === 1).map((cadre) => cadre.id));
  const maxId = Math.max(...input.cadres.map((cadre) => cadre.id));
  const joining = input.cadres.slice(0, change.join).map((cadre, index) => ({ ...cadre, id: maxId + 1 + index, homeRegionCode: null }));
  const points = input.points.map((point, index) => (index === change.needPoint % input.points.length ? { ...point, needs: { disorder: 3, difficulty: 0, poverty: 2 } } : point));
  const changed: MatchingInput = {
    ...input,
    points,
    cadres: [...input.cadres.filter((cadre) => !leaving.has(cadre.id)), ...joining],
    previous: firstResult.postings.filter((posting) => !leaving.has(posting.cadreId)),
  };
  return { first, firstResult, changed, potentials: collectPotentials(first.network, first.solution.potential) };
}

function certify(run: Awaited<ReturnType<typeof runMatching>>) {
  const report = verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential);
  assert.ok(report.ok, report.violations.map((item) => item.message).join('\n'));
}

describe('warm-started re-plan', () => {
  it('reaches exactly the cold optimum, certified and rule-abiding, on random counties after cadres leave and join (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 5 }),
        fc.record({ leave: fc.integer({ min: 2, max: 12 }), join: fc.integer({ min: 0, max: 3 }), needPoint: fc.nat() }),
        async (seed, townships, villages, change) => {
          const input = smallCounty(seed, { townships, villages, cadresPerTownship: villages + (seed % 3), countyCadres: 2 + (seed % 4), leaders: seed % 3 });
          const { changed, potentials } = await planAndChange(input, change);
          const cold = await runMatching(changed);
          const warm = await runMatching(changed, { warmStart: potentials });
          certify(warm);
          assert.ok(warm.warm && !cold.warm);
          const warmResult = readMatchingResult(warm.network, warm.solution);
          const coldResult = readMatchingResult(cold.network, cold.solution);
          assert.equal(warmResult.cost + warmResult.violationCost, coldResult.cost + coldResult.violationCost);
          if (warmResult.breaks.length === 0) checkHardRules(changed, warmResult.postings);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is exact even from potentials that have nothing to do with the plan', async () => {
    const input = smallCounty(17, { townships: 3, villages: 5, cadresPerTownship: 6, countyCadres: 5, leaders: 2 });
    const { changed, potentials } = await planAndChange(input, { leave: 5, join: 2, needPoint: 4 });
    const scrambled = { ...potentials, cadre: Object.fromEntries(Object.keys(potentials.cadre).map((id, index) => [id, (index * 7919) % 1000])), sink: 123 };
    const cold = await runMatching(changed);
    const warm = await runMatching(changed, { warmStart: scrambled });
    certify(warm);
    assert.equal(warm.solution.cost, cold.solution.cost);
  });

  it('starts from the previous solution: a 1% change takes a small fraction of the cold solve\'s steps and moves few cadres', async () => {
    const input = smallCounty(23, { townships: 6, villages: 12, cadresPerTownship: 16, countyCadres: 30, leaders: 4 });
    const { firstResult, changed, potentials } = await planAndChange(input, { leave: 100, join: 1, needPoint: 0 });
    const cold = await runMatching(changed);
    const warm = await runMatching(changed, { warmStart: potentials });
    certify(warm);
    assert.equal(warm.solution.cost, cold.solution.cost);
    assert.ok(warm.steps * 10 < cold.steps, `warm ${warm.steps} augmentations, cold ${cold.steps} pivots`);
    const before = new Set(firstResult.postings.map((posting) => `${posting.cadreId}:${posting.pointId}`));
    const moved = readMatchingResult(warm.network, warm.solution).postings.filter((posting) => !before.has(`${posting.cadreId}:${posting.pointId}`)).length;
    assert.ok(moved <= 6, `moved ${moved}`);
  });

  it('hands over to the cold path on the same network when the repair outgrows its budget, with the same certified optimum', async () => {
    const input = smallCounty(31, { townships: 3, villages: 6, cadresPerTownship: 8, countyCadres: 6, leaders: 2 });
    const { changed, potentials } = await planAndChange(input, { leave: 4, join: 3, needPoint: 2 });
    const cold = await runMatching(changed);
    const warm = await runMatching(changed, { warmStart: potentials, repairBudget: 0 });
    assert.ok(warm.warm && warm.fellBack);
    certify(warm);
    assert.equal(warm.solution.cost, cold.solution.cost);
  });
});
