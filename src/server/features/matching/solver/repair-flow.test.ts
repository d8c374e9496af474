// The warm-started solver: exact from any guess, certified, and cheap when the guess is the previous optimum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FlowNetwork } from './flow-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';
import { repairMinCostFlow, WarmFlowSolver } from './repair-flow.ts';
import { computeFlowCost, verifyCertificate } from './verify-certificate.ts';
import { buildNetwork, randomArcs, randomSupply, referenceMinCostFlow, type ReferenceArc } from './reference-min-cost-flow.test-helper.ts';
import { generateProvinceNetwork } from './generate-province-network.ts';

function assertCertified(network: FlowNetwork, solution: { flow: Int32Array; potential: Float64Array; cost: number }) {
  const report = verifyCertificate(network, solution.flow, solution.potential);
  assert.ok(report.ok, report.violations.map((v) => v.message).join('\n'));
  assert.equal(BigInt(solution.cost), computeFlowCost(network, solution.flow));
}

/** The repair's answer is the reference's: both feasible or both not, and then the same cost, certified. */
function assertSameOptimum(network: FlowNetwork, reference: { feasible: boolean; cost: number }, solution: { feasible: boolean; flow: Int32Array; potential: Float64Array; cost: number }) {
  assert.equal(solution.feasible, reference.feasible);
  if (!reference.feasible) return;
  assert.equal(solution.cost, reference.cost);
  assertCertified(network, solution);
}

const randomInstance = fc
  .integer({ min: 1, max: 7 })
  .chain((nodes) =>
    fc.record({
      nodes: fc.constant(nodes),
      arcs: randomArcs(nodes),
      supply: randomSupply(nodes),
      guessFlow: fc.array(fc.integer({ min: -2, max: 8 }), { minLength: 18, maxLength: 18 }),
      guessPotential: fc.array(fc.integer({ min: -40, max: 40 }), { minLength: nodes, maxLength: nodes }),
    }),
  );

test('from any guessed flow and potentials the repair reaches the exact optimum (fast-check against successive shortest paths)', () => {
  fc.assert(
    fc.property(randomInstance, ({ nodes, arcs, supply, guessFlow, guessPotential }) => {
      const network = buildNetwork(nodes, arcs, supply);
      const reference = referenceMinCostFlow(nodes, arcs, supply);
      assertSameOptimum(network, reference, repairMinCostFlow(network, guessFlow, guessPotential));
    }),
    { numRuns: 1500, seed: 11 },
  );
});

test('a warm start from the optimum of a slightly changed network equals a cold solve, certified (fast-check)', () => {
  fc.assert(
    fc.property(
      randomInstance,
      fc.array(fc.record({ arc: fc.nat(), cost: fc.integer({ min: -6, max: 12 }), cap: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }),
      fc.array(fc.record({ node: fc.nat(), amount: fc.integer({ min: -2, max: 2 }) }), { maxLength: 3 }),
      ({ nodes, arcs, supply }, arcChanges, supplyChanges) => {
        const before = buildNetwork(nodes, arcs, supply);
        const previous = solveMinCostFlow(before);
        if (!previous.feasible) return;
        const changedArcs = arcs.map((arc) => ({ ...arc }));
        for (const change of arcChanges) {
          if (changedArcs.length === 0) break;
          const arc = changedArcs[change.arc % changedArcs.length];
          arc.cost = change.cost;
          arc.cap = arc.low + change.cap;
        }
        const changedSupply = supply.slice();
        for (const change of supplyChanges) {
          changedSupply[change.node % nodes] += change.amount;
          changedSupply[(change.node + 1) % nodes] -= change.amount;
        }
        const after = buildNetwork(nodes, changedArcs, changedSupply);
        const cold = solveMinCostFlow(after);
        const warm = repairMinCostFlow(after, previous.flow, previous.potential);
        assert.equal(warm.feasible, cold.feasible);
        if (!cold.feasible) return;
        assert.equal(warm.cost, cold.cost);
        assertCertified(after, warm);
      },
    ),
    { numRuns: 1000, seed: 12 },
  );
});

test('a supply that cannot reach any demand is reported infeasible', () => {
  // 0 → 1 only; node 2 wants two units it cannot get.
  const network = buildNetwork(3, [{ from: 0, to: 1, low: 0, cap: 5, cost: 1 }], [2, 0, -2]);
  assert.equal(repairMinCostFlow(network, [0], [0, 0, 0]).feasible, false);
  const unbalanced = buildNetwork(2, [{ from: 0, to: 1, low: 0, cap: 5, cost: 1 }], [2, -1]);
  assert.equal(repairMinCostFlow(unbalanced, [0], [0, 0]).feasible, false);
});

test('arcs appended after a solve join the next repair: an arc pricing out negative changes the optimum', () => {
  // Two suppliers, two demands; only the expensive pairs at first.
  const network = buildNetwork(
    4,
    [
      { from: 0, to: 2, low: 0, cap: 1, cost: 10 },
      { from: 1, to: 3, low: 0, cap: 1, cost: 10 },
    ],
    [1, 1, -1, -1],
  );
  const solver = new WarmFlowSolver(network, [0, 0], [0, 0, 0, 0]);
  assert.equal(solver.solve().cost, 20);
  solver.addArcs(Int32Array.of(0, 1), Int32Array.of(3, 2), Int32Array.of(1, 1), Float64Array.of(1, 1));
  const grown = solver.solve();
  assert.equal(grown.cost, 2);
  const full: FlowNetwork = { ...network, arcCount: 4, source: Int32Array.of(0, 1, 0, 1), target: Int32Array.of(2, 3, 3, 2), lower: new Int32Array(4), upper: Int32Array.of(1, 1, 1, 1), cost: Float64Array.of(10, 10, 1, 1) };
  assertCertified(full, grown);
});

test('on a generated city network a warm start after 1% of the costs change takes far fewer steps than a cold solve', () => {
  const { network } = generateProvinceNetwork({ seed: 5, cadres: 3000, points: 1300, arcs: 120000, variant: 'city' });
  const cold = solveMinCostFlow(network);
  assert.ok(cold.feasible);
  const changed: FlowNetwork = { ...network, cost: network.cost.slice(), supply: network.supply.slice() };
  for (let arc = 0; arc < changed.arcCount; arc += 97) if (changed.lower[arc] === 0) changed.cost[arc] += 7;
  const warm = repairMinCostFlow(changed, cold.flow, cold.potential);
  const again = solveMinCostFlow(changed);
  assert.ok(warm.feasible && again.feasible);
  assert.equal(warm.cost, again.cost);
  assertCertified(changed, warm);
  assert.ok(warm.stats.augmentations * 20 < again.pivots, `${warm.stats.augmentations} augmentations against ${again.pivots} pivots`);
});

type Instance = { nodes: number; arcs: ReferenceArc[]; supply: number[]; guessFlow: number[] };

/**
 * Hides some arcs of a random instance as implicit ones (lower bound 0 and a non-negative cost: under the zero
 * guess they price non-negative, as the caller's pricing would leave them), repairs, and checks the optimum
 * and its certificate over every arc, the implicit ones left out at flow 0. With reservoir nodes the implicit
 * arcs are offered backwards too.
 */
function checkImplicitRepair({ nodes, arcs, supply, guessFlow }: Instance, hidden: boolean[], reservoir?: number[]) {
  const seen = new Set<number>();
  const unique = arcs.filter((arc) => arc.from !== arc.to && !seen.has(arc.from * nodes + arc.to) && seen.add(arc.from * nodes + arc.to));
  const isImplicit = unique.map((arc, index) => hidden[index] && arc.low === 0 && arc.cost >= 0);
  const real = unique.filter((_, index) => !isImplicit[index]);
  const implicit = unique.filter((_, index) => isImplicit[index]);
  const reference = referenceMinCostFlow(nodes, unique, supply);
  const made: ReferenceArc[] = [];
  const open = () => implicit.filter((arc) => !made.includes(arc));
  const reduced = (arc: ReferenceArc, potential: Float64Array) => arc.cost - potential[arc.from] + potential[arc.to];
  const solver = new WarmFlowSolver(buildNetwork(nodes, real, supply), real.map((_, index) => guessFlow[index]), new Array(nodes).fill(0));
  solver.implicitArcs = {
    pricesMoved: () => undefined,
    lowerBound: (node, potential) => Math.min(Infinity, ...open().filter((arc) => arc.from === node).map((arc) => reduced(arc, potential))),
    scan: (node, potential, relax) => {
      for (const arc of open()) if (arc.from === node) relax(arc.to, reduced(arc, potential));
    },
    materialize: (tail, head) => {
      const arc = implicit.find((item) => item.from === tail && item.to === head && !made.includes(item))!;
      made.push(arc);
      return { upper: arc.cap, cost: arc.cost };
    },
  };
  if (reservoir) {
    solver.reservoir = reservoir;
    solver.implicitArcs.reverseLowerBound = (node, potential) => Math.min(Infinity, ...open().filter((arc) => arc.to === node).map((arc) => reduced(arc, potential)));
    solver.implicitArcs.reverseScan = (node, potential, relax, above, limit) => {
      let rest = Infinity;
      for (const arc of open()) {
        if (arc.to !== node) continue;
        const cost = reduced(arc, potential);
        if (cost > limit) rest = Math.min(rest, cost);
        else if (cost > above) relax(arc.from, cost);
      }
      return rest;
    };
  }
  const solution = solver.solve();
  const all = [...real, ...made, ...open()];
  const flow = Int32Array.from(all, (_, index) => (index < solution.flow.length ? solution.flow[index] : 0));
  assertSameOptimum(buildNetwork(nodes, all, supply), reference, { ...solution, flow });
}

test('implicit arcs take part in the repair: the result is optimal over them too, and only those a path uses become real (fast-check)', () => {
  fc.assert(
    fc.property(randomInstance, fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), (instance, hidden) => checkImplicitRepair(instance, hidden)),
    { numRuns: 1500, seed: 13 },
  );
});

test('with reservoir nodes (searches end there and never pass through) the repair still reaches the exact optimum from any guess (fast-check)', () => {
  fc.assert(
    fc.property(randomInstance, fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), ({ nodes, arcs, supply, guessFlow, guessPotential }, picks) => {
      const network = buildNetwork(nodes, arcs, supply);
      const reference = referenceMinCostFlow(nodes, arcs, supply);
      const solver = new WarmFlowSolver(network, guessFlow, guessPotential);
      solver.reservoir = picks.map((pick) => pick % nodes);
      assertSameOptimum(network, reference, solver.solve());
    }),
    { numRuns: 1500, seed: 14 },
  );
});

test('a reservoir repair after a change to a hub network equals a cold solve and settles fewer nodes than one through the hub', () => {
  // Source 0 and sink 1 joined by a bypass, as in the matching network: 40 senders, 40 points, each sender
  // eligible for the points of its own block of 8, and every point one arc from the sink.
  const senders = 40;
  const points = 40;
  const arcs: ReferenceArc[] = [{ from: 0, to: 1, low: 0, cap: 100, cost: 0 }];
  const sender = (index: number) => 2 + index;
  const point = (index: number) => 2 + senders + index;
  for (let s = 0; s < senders; s++) arcs.push({ from: 0, to: sender(s), low: 1, cap: 1, cost: 0 });
  for (let s = 0; s < senders; s++) {
    const block = Math.floor(s / 8) * 8;
    for (let p = block; p < block + 8; p++) arcs.push({ from: sender(s), to: point(p), low: 0, cap: 1, cost: ((s * 7 + p * 3) % 11) + 1 });
  }
  for (let p = 0; p < points; p++) {
    arcs.push({ from: point(p), to: 1, low: 1, cap: 1, cost: 0 });
    arcs.push({ from: point(p), to: 1, low: 0, cap: 1, cost: 5 });
  }
  const supply = new Array(2 + senders + points).fill(0);
  supply[0] = senders + 1;
  supply[1] = -(senders + 1);
  const before = buildNetwork(supply.length, arcs, supply);
  const previous = solveMinCostFlow(before);
  assert.ok(previous.feasible);
  // Sender 3 leaves (its supply arc closes), so a point of its block loses its cadre.
  const changedArcs = arcs.map((arc) => (arc.from === 0 && arc.to === sender(3) ? { ...arc, low: 0, cap: 0 } : arc));
  const after = buildNetwork(supply.length, changedArcs, supply);
  const cold = solveMinCostFlow(after);
  const solver = new WarmFlowSolver(after, previous.flow, previous.potential);
  solver.reservoir = [0, 1];
  const warm = solver.solve();
  assert.equal(warm.feasible, cold.feasible);
  if (!cold.feasible) return;
  assert.equal(warm.cost, cold.cost);
  assertCertified(after, warm);
  const plain = new WarmFlowSolver(after, previous.flow, previous.potential);
  assert.equal(plain.solve().cost, cold.cost);
  assert.ok(solver.stats.settled < plain.stats.settled, `with the reservoir the repair settled ${solver.stats.settled} nodes, without it ${plain.stats.settled}`);
});

test('implicit arcs with a reservoir: the searches from both sides see them (forwards and backwards), so the result is optimal over them too (fast-check)', () => {
  fc.assert(
    fc.property(randomInstance, fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), (instance, hidden, picks) =>
      checkImplicitRepair(
        instance,
        hidden,
        picks.map((pick) => pick % instance.nodes),
      ),
    ),
    { numRuns: 1500, seed: 15 },
  );
});
