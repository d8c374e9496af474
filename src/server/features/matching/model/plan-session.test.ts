// A plan session applies cadres leaving and joining to its solved network in place: the same certified
// optimum as a cold solve of the changed input, chained re-plans included; anything else rebuilds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyCertificate } from '../solver/verify-certificate.ts';
import type { MatchingCadre, MatchingInput } from './matching-input.ts';
import { toFlowNetwork } from './matching-network.ts';
import { PlanSession } from './plan-session.ts';
import { evaluatePlanCost, readMatchingResult } from './read-matching-result.ts';
import { runMatching } from './run-matching.ts';
import { collectPotentials } from './warm-start.ts';
import { checkHardRules, smallCounty } from './matching-fixtures.test-helper.ts';

/** Solves `input`, then opens a session on it as a published plan: previous = its own postings, warm from its prices. */
async function publishedSession(input: MatchingInput) {
  const first = await runMatching(input);
  const postings = readMatchingResult(first.network, first.solution).postings.map(({ cadreId, pointId }) => ({ cadreId, pointId }));
  const base: MatchingInput = { ...input, previous: postings };
  const { session, run } = await PlanSession.open(base, { warmStart: collectPotentials(first.network, first.solution.potential) });
  return { session, base, opened: run };
}

/** The base with some cadres gone and new ones in: copies (some with a home village, some leaders) under new ids. */
function leaveAndJoin(base: MatchingInput, seed: number, leaveEvery: number, join: number): MatchingInput {
  const leaving = new Set(base.cadres.filter((_, index) => (index + seed) % leaveEvery === 0).map((cadre) => cadre.id));
  let nextId = Math.max(...base.cadres.map((cadre) => cadre.id)) + 1;
  const villages = base.points.map((point) => point.regionCode);
  // Copies of the first cadres, the first two twice: two newcomers alike join one new group together.
  const copied = [...base.cadres.slice(0, join).map((cadre, index) => ({ cadre, index })), ...base.cadres.slice(0, Math.min(2, join)).map((cadre, index) => ({ cadre, index }))];
  const joining: MatchingCadre[] = copied.map(({ cadre, index }) => ({
    ...cadre,
    id: nextId++,
    homeRegionCode: (seed + index) % 3 === 0 ? villages[(seed + index) % villages.length] : null,
    isLeader: cadre.unitLevel === 'county' && (seed + index) % 4 === 0 ? true : cadre.isLeader,
  }));
  const keep = (cadreId: number) => !leaving.has(cadreId);
  return {
    ...base,
    cadres: [...base.cadres.filter((cadre) => keep(cadre.id)), ...joining],
    previous: (base.previous ?? []).filter((posting) => keep(posting.cadreId)),
  };
}

async function assertSameAsCold(changed: MatchingInput, run: Awaited<ReturnType<PlanSession['replan']>>) {
  const report = verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential);
  assert.ok(report.ok, report.violations.map((item) => item.message).join('\n'));
  const cold = await runMatching(changed);
  const result = readMatchingResult(run.network, run.solution);
  assert.equal(run.solution.cost, cold.solution.cost, 'flow cost equals the cold optimum');
  assert.equal(evaluatePlanCost(run.network, result.postings), evaluatePlanCost(cold.network, result.postings), 'the postings cost the same under both networks');
  // Every cadre of the changed input is placed once (leaders 2–4), none who left.
  const ids = new Set(changed.cadres.map((cadre) => cadre.id));
  for (const posting of result.postings) assert.ok(ids.has(posting.cadreId), `cadre ${posting.cadreId} left but is posted`);
  if (result.breaks.length === 0) checkHardRules(changed, result.postings);
  return result;
}

describe('plan session', () => {
  it('re-plans cadres leaving and joining in place to the cold optimum, certified, chained (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 4 }),
        async (seed, townships, villages, leaveEvery, join) => {
          const input = smallCounty(seed, { townships, villages, cadresPerTownship: villages + (seed % 3), countyCadres: 2 + (seed % 4), leaders: seed % 3 });
          const { session, base } = await publishedSession(input);
          const changed = leaveAndJoin(base, seed, leaveEvery, join);
          const run = await session.replan(changed);
          assert.ok(run.incremental, run.rebuiltBecause);
          await assertSameAsCold(changed, run);
          // A second change on top of the first (the session now holds the first re-plan's optimum).
          const again = leaveAndJoin(changed, seed + 1, leaveEvery + 1, join);
          const second = await session.replan(again);
          assert.ok(second.incremental, second.rebuiltBecause);
          await assertSameAsCold(again, second);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('treats a cadre whose unit or category changed as leaving and joining', async () => {
    const input = smallCounty(11, { townships: 3, villages: 4, cadresPerTownship: 5, countyCadres: 4, leaders: 1 });
    const { session, base } = await publishedSession(input);
    const moved = base.cadres.find((cadre) => cadre.unitLevel === 'township' && !base.previous!.some((posting) => posting.cadreId === cadre.id));
    const target = moved ?? base.cadres[0];
    const changed: MatchingInput = {
      ...base,
      cadres: base.cadres.map((cadre) => (cadre.id === target.id ? { ...cadre, category: cadre.category === 'economic' ? 'party_mass' : 'economic' } : cadre)),
      previous: base.previous!.filter((posting) => posting.cadreId !== target.id),
    };
    const run = await session.replan(changed);
    assert.ok(run.incremental, run.rebuiltBecause);
    assert.equal(run.left, 1);
    assert.equal(run.joined, 1);
    await assertSameAsCold(changed, run);
  });

  it('rebuilds, still exactly, when a point or the weights change, and goes on in place after that', async () => {
    const input = smallCounty(5, { townships: 2, villages: 5, cadresPerTownship: 6, countyCadres: 3, leaders: 1 });
    const { session, base } = await publishedSession(input);
    const needs: MatchingInput = { ...base, points: base.points.map((point, index) => (index === 2 ? { ...point, needs: { disorder: 3, difficulty: 0, poverty: 2 } } : point)) };
    const rebuilt = await session.replan(needs);
    assert.equal(rebuilt.incremental, false);
    assert.match(rebuilt.rebuiltBecause ?? '', /point/);
    await assertSameAsCold(needs, rebuilt);
    const weights: MatchingInput = { ...needs, weights: { ...needs.weights, balanceStep: 7 } };
    const reweighted = await session.replan(weights);
    assert.match(reweighted.rebuiltBecause ?? '', /weights/);
    await assertSameAsCold(weights, reweighted);
    const changed = leaveAndJoin(weights, 3, 4, 2);
    const after = await session.replan(changed);
    assert.ok(after.incremental, after.rebuiltBecause);
    await assertSameAsCold(changed, after);
  });

  it('applies nothing when nothing changed: no augmentation, the same postings', async () => {
    const input = smallCounty(9, { townships: 3, villages: 4, cadresPerTownship: 5, countyCadres: 4, leaders: 2 });
    const { session, base, opened } = await publishedSession(input);
    const before = readMatchingResult(opened.network, opened.solution).postings;
    const run = await session.replan(base);
    assert.ok(run.incremental);
    assert.equal(run.steps, 0);
    assert.deepEqual(
      readMatchingResult(run.network, run.solution).postings.map((posting) => `${posting.cadreId}:${posting.pointId}`).sort(),
      before.map((posting) => `${posting.cadreId}:${posting.pointId}`).sort(),
    );
  });
});
