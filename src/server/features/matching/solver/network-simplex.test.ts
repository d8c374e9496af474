import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FlowNetwork } from './flow-network.ts';
import { NetworkSimplexSolver, solveMinCostFlow } from './network-simplex.ts';
import { computeFlowCost, verifyCertificate } from './verify-certificate.ts';
import { buildNetwork, randomArcs, randomSupply, referenceMinCostFlow, type ReferenceArc } from './reference-min-cost-flow.test-helper.ts';

/** Solves and asserts the optimality certificate whenever the result is feasible. */
function solveCertified(network: FlowNetwork) {
  const solution = solveMinCostFlow(network);
  if (solution.feasible) {
    const report = verifyCertificate(network, solution.flow, solution.potential);
    assert.ok(report.ok, report.violations.map((v) => v.message).join('\n'));
    assert.equal(BigInt(solution.cost), computeFlowCost(network, solution.flow));
  }
  return solution;
}

const randomInstance = fc
  .integer({ min: 1, max: 7 })
  .chain((nodes) =>
    fc.record({
      nodes: fc.constant(nodes),
      arcs: randomArcs(nodes),
      supply: randomSupply(nodes),
    }),
  );

test('the optimum equals an independent successive-shortest-path solver on random small networks', () => {
  fc.assert(
    fc.property(randomInstance, ({ nodes, arcs, supply }) => {
      const expected = referenceMinCostFlow(nodes, arcs, supply);
      const solution = solveCertified(buildNetwork(nodes, arcs, supply));
      assert.equal(solution.feasible, expected.feasible);
      if (expected.feasible) assert.equal(solution.cost, expected.cost);
    }),
    { numRuns: 1500, seed: 20240601 },
  );
});

test('the optimum of random assignment problems equals brute force over all permutations', () => {
  const permutations = (k: number): number[][] =>
    k === 0 ? [[]] : permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((k) => fc.array(fc.integer({ min: -20, max: 50 }), { minLength: k * k, maxLength: k * k }).map((c) => ({ k, c }))),
      ({ k, c }) => {
        const arcs: ReferenceArc[] = [];
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) arcs.push({ from: i, to: k + j, low: 0, cap: 1, cost: c[i * k + j] });
        const supply = [...new Array(k).fill(1), ...new Array(k).fill(-1)];
        const best = Math.min(...permutations(k).map((p) => p.reduce((s, j, i) => s + c[i * k + j], 0)));
        const solution = solveCertified(buildNetwork(2 * k, arcs, supply));
        assert.equal(solution.feasible, true);
        assert.equal(solution.cost, best);
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});

test('a supply that exceeds the capacity out of its node is reported infeasible, one unit less is feasible', () => {
  const arcs = [
    { from: 0, to: 1, low: 0, cap: 3, cost: 1 },
    { from: 0, to: 2, low: 0, cap: 2, cost: 1 },
    { from: 1, to: 3, low: 0, cap: 10, cost: 1 },
    { from: 2, to: 3, low: 0, cap: 10, cost: 1 },
  ];
  assert.equal(solveCertified(buildNetwork(4, arcs, [6, 0, 0, -6])).feasible, false);
  const ok = solveCertified(buildNetwork(4, arcs, [5, 0, 0, -5]));
  assert.equal(ok.feasible, true);
  assert.equal(ok.cost, 10);
});

test('supplies that do not sum to zero are infeasible', () => {
  const arcs = [{ from: 0, to: 1, low: 0, cap: 10, cost: 1 }];
  assert.equal(solveMinCostFlow(buildNetwork(2, arcs, [3, -2])).feasible, false);
});

test('lower bounds are honoured even when the arc is expensive', () => {
  const arcs = [
    { from: 0, to: 1, low: 0, cap: 5, cost: 1 },
    { from: 0, to: 1, low: 3, cap: 5, cost: 100 },
  ];
  const solution = solveCertified(buildNetwork(2, arcs, [4, -4]));
  assert.equal(solution.feasible, true);
  assert.deepEqual(Array.from(solution.flow), [1, 3]);
  assert.equal(solution.cost, 301);
});

test('a lower bound that cannot be routed makes the problem infeasible', () => {
  const arcs = [{ from: 0, to: 1, low: 2, cap: 4, cost: 0 }];
  assert.equal(solveMinCostFlow(buildNetwork(2, arcs, [1, -1])).feasible, false);
});

test('negative-cost cycles are saturated to their capacity', () => {
  const arcs = [
    { from: 0, to: 1, low: 0, cap: 3, cost: -5 },
    { from: 1, to: 2, low: 0, cap: 2, cost: 1 },
    { from: 2, to: 0, low: 0, cap: 7, cost: 1 },
  ];
  const solution = solveCertified(buildNetwork(3, arcs, [0, 0, 0]));
  assert.equal(solution.cost, -6);
});

test('arcs added after a solve are used when they improve the optimum (warm start)', () => {
  const arcs = [
    { from: 0, to: 2, low: 0, cap: 1, cost: 10 },
    { from: 1, to: 3, low: 0, cap: 1, cost: 10 },
  ];
  const solver = new NetworkSimplexSolver(buildNetwork(4, arcs, [1, 1, -1, -1]));
  assert.equal(solver.solve().cost, 20);
  assert.equal(solver.addArcs(Int32Array.of(0, 1), Int32Array.of(3, 2), Int32Array.of(1, 1), Float64Array.of(2, 3)), true);
  const after = solver.solve();
  assert.equal(after.cost, 5);
  assert.deepEqual(Array.from(after.flow), [0, 0, 1, 1]);
});
