import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FlowNetwork } from './flow-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';
import { solveWithPricing, type EligibleArcVisitor } from './price-and-resolve.ts';
import { verifyCertificate } from './verify-certificate.ts';

/** An assignment problem: k workers (supply 1) to k tasks (demand 1) with the given arcs. */
function assignment(k: number, pairs: Array<[number, number, number]>): FlowNetwork {
  return {
    nodeCount: 2 * k,
    arcCount: pairs.length,
    source: Int32Array.from(pairs, (p) => p[0]),
    target: Int32Array.from(pairs, (p) => k + p[1]),
    lower: new Int32Array(pairs.length),
    upper: new Int32Array(pairs.length).fill(1),
    cost: Float64Array.from(pairs, (p) => p[2]),
    supply: Int32Array.from({ length: 2 * k }, (_, v) => (v < k ? 1 : -1)),
  };
}

test('pricing adds eligible arcs the sparse graph missed and reaches the full-graph optimum', () => {
  // Sparse graph: the diagonal (cost 10 each). The anti-diagonal (cost 1) is cheaper but not in it.
  const k = 4;
  const full: Array<[number, number, number]> = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) full.push([i, j, i === j ? 10 : i + j === k - 1 ? 1 : 20]);
  const sparse = assignment(k, full.filter(([i, j]) => i === j));
  const sparseOnly = solveMinCostFlow(sparse);
  assert.equal(sparseOnly.cost, 40);
  const result = solveWithPricing(sparse, (visit: EligibleArcVisitor) => {
    for (const [i, j, c] of full) visit(i, k + j, 1, c);
  });
  assert.equal(result.solution.cost, 4);
  assert.equal(solveMinCostFlow(assignment(k, full)).cost, 4);
  assert.ok(result.arcsAdded >= k, `added ${result.arcsAdded}`);
  assert.ok(result.rounds >= 2);
  const report = verifyCertificate(result.network, result.solution.flow, result.solution.potential);
  assert.ok(report.ok);
  // The added arcs carry the whole assignment.
  const usedAdded = Array.from(result.solution.flow.subarray(sparse.arcCount)).reduce((a, b) => a + b, 0);
  assert.equal(usedAdded, k);
});

test('pricing turns an infeasible sparse graph into a feasible optimum when eligible arcs allow it', () => {
  const k = 3;
  const sparse = assignment(k, [
    [0, 0, 5],
    [1, 0, 5],
    [2, 0, 5],
  ]);
  assert.equal(solveMinCostFlow(sparse).feasible, false);
  const result = solveWithPricing(sparse, (visit) => {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) visit(i, k + j, 1, 7 + i - j);
  });
  assert.equal(result.solution.feasible, true);
  assert.ok(verifyCertificate(result.network, result.solution.flow, result.solution.potential).ok);
});

test('pricing stops after one round when no excluded arc has a negative reduced cost', () => {
  const sparse = assignment(2, [
    [0, 0, 1],
    [1, 1, 1],
  ]);
  const result = solveWithPricing(sparse, (visit) => {
    visit(0, 3, 1, 50);
    visit(1, 2, 1, 50);
  });
  assert.equal(result.rounds, 1);
  assert.equal(result.arcsAdded, 0);
  assert.equal(result.solution.cost, 2);
});

test('on random assignment problems pricing from a sparse subset matches solving the full graph', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 7 }).chain((k) =>
        fc.record({
          k: fc.constant(k),
          costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: k * k, maxLength: k * k }),
          keep: fc.array(fc.boolean(), { minLength: k * k, maxLength: k * k }),
        }),
      ),
      ({ k, costs, keep }) => {
        const full: Array<[number, number, number]> = [];
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) full.push([i, j, costs[i * k + j]]);
        // Keep the diagonal so the sparse problem is feasible, plus a random subset.
        const sparse = assignment(k, full.filter(([i, j], idx) => i === j || keep[idx]));
        const result = solveWithPricing(sparse, (visit) => {
          for (const [i, j, c] of full) visit(i, k + j, 1, c);
        }, { maxArcsPerRound: 2 });
        assert.equal(result.solution.cost, solveMinCostFlow(assignment(k, full)).cost);
        assert.ok(verifyCertificate(result.network, result.solution.flow, result.solution.potential).ok);
      },
    ),
    { numRuns: 300, seed: 3 },
  );
});
