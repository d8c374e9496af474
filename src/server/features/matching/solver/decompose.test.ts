import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FlowNetwork } from './flow-network.ts';
import { planDecomposition } from './decompose.ts';
import { generateProvinceNetwork } from './generate-province-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';
import { SolverPool, solveMinCostFlowParallel } from './parallel-solve.ts';
import { verifyCertificate } from './verify-certificate.ts';

/** Asserts that the solution's potentials certify its flow on the original network. */
function assertCertified(network: FlowNetwork, flow: Int32Array, potential: Float64Array): void {
  const report = verifyCertificate(network, flow, potential);
  assert.ok(report.ok, report.violations.map((v) => v.message).join('\n'));
}

test('the city variant splits into its 11 cities once source and sink are removed', () => {
  const { network, sourceNode, sinkNode } = generateProvinceNetwork({ seed: 5, cadres: 3000, points: 1300, arcs: 60000, variant: 'city' });
  const plan = planDecomposition(network);
  assert.equal(plan.split, true, plan.reason);
  assert.equal(plan.mode, 'slack-arc');
  assert.deepEqual([...plan.hubs].sort((a, b) => a - b), [sourceNode, sinkNode].sort((a, b) => a - b));
  assert.equal(plan.componentCount, 11);
});

test('the province variant is not split because province-level leaders connect the cities', () => {
  const { network } = generateProvinceNetwork({ seed: 5, cadres: 3000, points: 1300, arcs: 60000, variant: 'province' });
  const plan = planDecomposition(network);
  assert.equal(plan.split, false);
  assert.match(plan.reason, /does not split/);
});

test('parallel solving on worker threads gives the same cost as one solve and a certificate valid on the original network', async () => {
  const pool = new SolverPool(2);
  try {
    for (const seed of [1, 2, 3]) {
      const { network } = generateProvinceNetwork({ seed, cadres: 2500, points: 1100, arcs: 50000, variant: 'city' });
      const single = solveMinCostFlow(network);
      const { solution, plan } = await solveMinCostFlowParallel(network, { pool });
      assert.equal(plan.split, true);
      assert.equal(solution.feasible, true);
      assert.equal(solution.cost, single.cost);
      assertCertified(network, solution.flow, solution.potential);
    }
  } finally {
    await pool.close();
  }
});

/** Random multi-part network around a source hub s and a sink hub t. */
function randomHubNetwork(parts: number, perPart: number, fixedSourceArcs: boolean, withSlack: boolean, costs: number[]): FlowNetwork {
  const s = 0;
  const t = 1;
  const arcs: Array<[number, number, number, number, number]> = [];
  let c = 0;
  const nextCost = () => costs[c++ % costs.length];
  let supply = 0;
  let slackRoom = 0;
  for (let p = 0; p < parts; p++) {
    const base = 2 + p * perPart;
    const half = Math.ceil(perPart / 2);
    for (let i = 0; i < half; i++) {
      const low = fixedSourceArcs ? 1 : 1 + (i % 2);
      const cap = fixedSourceArcs ? 1 : low + 1;
      arcs.push([s, base + i, low, cap, 0]);
      supply += cap;
      slackRoom += cap - low;
      for (let j = half; j < perPart; j++) arcs.push([base + i, base + j, 0, 1, nextCost()]);
    }
    for (let j = half; j < perPart; j++) {
      arcs.push([base + j, t, 0, 3, 0]);
      arcs.push([base + j, t, 0, 2, nextCost() + 5]);
    }
  }
  if (withSlack) arcs.push([s, t, 0, slackRoom, 4]);
  const nodeCount = 2 + parts * perPart;
  const sup = new Int32Array(nodeCount);
  sup[s] = withSlack ? supply : supply - slackRoom;
  sup[t] = -sup[s];
  return {
    nodeCount,
    arcCount: arcs.length,
    source: Int32Array.from(arcs, (a) => a[0]),
    target: Int32Array.from(arcs, (a) => a[1]),
    lower: Int32Array.from(arcs, (a) => a[2]),
    upper: Int32Array.from(arcs, (a) => a[3]),
    cost: Float64Array.from(arcs, (a) => a[4]),
    supply: sup,
  };
}

test('decomposed solves match the single solve on random hub networks in every exact mode', async () => {
  const pool = new SolverPool(2);
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom('determined', 'slack-arc', 'coupled'),
        fc.array(fc.integer({ min: -3, max: 9 }), { minLength: 1, maxLength: 30 }),
        async (parts, perPart, kind, costs) => {
          const network = randomHubNetwork(parts, perPart, kind === 'determined', kind === 'slack-arc', costs);
          // Hubs: s (node 0) and t (node 1); ties with other nodes go to the lower index.
          const degree = (v: number) => network.source.filter((x) => x === v).length + network.target.filter((x) => x === v).length;
          const hubDegree = Math.min(degree(0), degree(1));
          const plan = planDecomposition(network, { hubDegree, bundleArcs: 1 });
          if (kind === 'coupled') assert.equal(plan.split, false);
          else {
            assert.equal(plan.split, true, plan.reason);
            assert.equal(plan.mode, kind);
          }
          const single = solveMinCostFlow(network);
          const { solution } = await solveMinCostFlowParallel(network, { pool, hubDegree, bundleArcs: 1 });
          assert.equal(solution.feasible, single.feasible);
          if (single.feasible) {
            assert.equal(solution.cost, single.cost);
            assertCertified(network, solution.flow, solution.potential);
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  } finally {
    await pool.close();
  }
});

test('a network that falls apart without hubs is solved part by part even with no hub at all', async () => {
  // Two disjoint transport problems.
  const network: FlowNetwork = {
    nodeCount: 4,
    arcCount: 4,
    source: Int32Array.of(0, 0, 2, 2),
    target: Int32Array.of(1, 1, 3, 3),
    lower: Int32Array.of(0, 0, 0, 0),
    upper: Int32Array.of(2, 5, 2, 5),
    cost: Float64Array.of(1, 3, 2, 1),
    supply: Int32Array.of(3, -3, 4, -4),
  };
  const plan = planDecomposition(network, { bundleArcs: 1 });
  assert.equal(plan.split, true);
  assert.equal(plan.hubs.length, 0);
  const { solution } = await solveMinCostFlowParallel(network, { workers: 2, bundleArcs: 1 });
  assert.equal(solution.cost, 2 * 1 + 1 * 3 + 4 * 1);
  assertCertified(network, solution.flow, solution.potential);
});

test('an infeasible city makes the decomposed solve report infeasible, as the single solve does', async () => {
  const { network, nodeCity, sinkNode } = generateProvinceNetwork({ seed: 6, cadres: 2200, points: 960, arcs: 30000, variant: 'city' });
  // Cap every point of city 0 at zero assignments beyond its minimum arc, so its cadres cannot be placed.
  for (let a = 0; a < network.arcCount; a++) {
    if (network.target[a] === sinkNode && nodeCity[network.source[a]] === 0) {
      network.lower[a] = 0;
      network.upper[a] = 0;
    }
  }
  assert.equal(solveMinCostFlow(network).feasible, false);
  const { solution, plan } = await solveMinCostFlowParallel(network, { workers: 2 });
  assert.equal(plan.split, true);
  assert.equal(solution.feasible, false);
});
