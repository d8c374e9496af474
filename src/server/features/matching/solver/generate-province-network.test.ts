import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateProvinceNetwork } from './generate-province-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';
import { verifyCertificate } from './verify-certificate.ts';

const small = { cadres: 2200, points: 960, arcs: 40000 } as const;

test('the same seed produces the same network and another seed a different one', () => {
  const a = generateProvinceNetwork({ seed: 9, ...small, variant: 'city' }).network;
  const b = generateProvinceNetwork({ seed: 9, ...small, variant: 'city' }).network;
  const c = generateProvinceNetwork({ seed: 10, ...small, variant: 'city' }).network;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.cost, c.cost);
});

test('the arc count lands close to the requested total', () => {
  const { network } = generateProvinceNetwork({ seed: 1, ...small, variant: 'province' });
  assert.ok(Math.abs(network.arcCount - small.arcs) < small.arcs * 0.01, `${network.arcCount}`);
});

test('in the city variant every candidate arc stays inside one city', () => {
  const { network, nodeCity, sourceNode, sinkNode } = generateProvinceNetwork({ seed: 2, ...small, variant: 'city' });
  for (let a = 0; a < network.arcCount; a++) {
    const u = network.source[a];
    const v = network.target[a];
    if (u === sourceNode || v === sinkNode) continue;
    assert.equal(nodeCity[u], nodeCity[v]);
  }
});

test('both variants are balanced and feasible, and the optimum is certified', () => {
  for (const variant of ['city', 'province'] as const) {
    const { network } = generateProvinceNetwork({ seed: 4, ...small, variant });
    assert.equal(network.supply.reduce((x, y) => x + y, 0), 0);
    const solution = solveMinCostFlow(network);
    assert.equal(solution.feasible, true);
    assert.ok(verifyCertificate(network, solution.flow, solution.potential).ok);
  }
});
