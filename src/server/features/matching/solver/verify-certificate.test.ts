import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFlowCost, verifyCertificate, type CertifiableNetwork } from './verify-certificate.ts';

// 0 -> 1 -> 2 and a direct 0 -> 2 arc; two units from 0 to 2.
const network: CertifiableNetwork = {
  nodeCount: 3,
  arcCount: 3,
  source: [0, 1, 0],
  target: [1, 2, 2],
  lower: [0, 0, 0],
  upper: [1, 5, 5],
  cost: [1, 1, 5],
  supply: [2, 0, -2],
};

test('an optimal flow with matching potentials is accepted', () => {
  // Path 0-1-2 costs 2 but carries 1 unit; the second unit takes the direct arc at cost 5.
  const report = verifyCertificate(network, [1, 1, 1], [5, 1, 0]);
  assert.deepEqual(report, { ok: true, violationCount: 0, violations: [] });
  assert.equal(computeFlowCost(network, [1, 1, 1]), 7n);
});

test('a flow that breaks conservation is rejected at the offending node', () => {
  const report = verifyCertificate(network, [1, 0, 1], [5, 1, 0]);
  assert.equal(report.ok, false);
  assert.deepEqual(report.violations.filter((v) => v.kind === 'conservation').map((v) => v.index), [1, 2]);
});

test('a flow outside its bounds is rejected', () => {
  const report = verifyCertificate(network, [2, 2, 0], [5, 1, 0]);
  assert.ok(report.violations.some((v) => v.kind === 'bounds' && v.index === 0));
});

test('a feasible but suboptimal flow cannot be certified by any potential we try', () => {
  // Everything on the direct arc: the cheap path has negative reduced cost but no flow.
  const report = verifyCertificate(network, [0, 0, 2], [5, 1, 0]);
  assert.equal(report.ok, false);
  assert.ok(report.violations.some((v) => v.kind === 'slackness' && v.index === 0));
});

test('mismatched array lengths are reported instead of read out of range', () => {
  assert.equal(verifyCertificate(network, [1, 1], [0, 0, 0]).violations[0].kind, 'shape');
});

test('the independent objective stays exact beyond 2^53', () => {
  const big: CertifiableNetwork = { ...network, cost: [2 ** 52, 2 ** 52, 3] };
  assert.equal(computeFlowCost(big, [2, 2, 1]), 2n ** 54n + 3n);
});
