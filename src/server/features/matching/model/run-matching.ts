// Solves a matching exactly: a sparse aggregated graph first, then pricing of every eligible
// (sender, township) pair — every eligible cadre-point pair — with the node potentials until none has a
// negative reduced cost; then the flow is split among cadres.
import { NetworkSimplexSolver } from '../solver/network-simplex.ts';
import type { MinCostFlowSolution } from '../solver/flow-network.ts';
import type { MatchingInput } from './matching-input.ts';
import { addHubArc, createAllHubs, createMatchingNetwork, priceHubArcs, seedHubArcs, toFlowNetwork, type MatchingNetwork } from './matching-network.ts';
import { splitGroups } from './split-groups.ts';

export interface RunMatchingOptions {
  /** Townships per sender in the first, sparse graph (default: by the sender's size). */
  initialCandidates?: number;
  /** Most arcs one sender gets in one pricing round. */
  maxArcsPerSender?: number;
  onProgress?: (phase: string, fraction: number) => void;
}

export interface MatchingRun {
  network: MatchingNetwork;
  solution: MinCostFlowSolution;
  /** Solves in all (one per pricing round). */
  rounds: number;
  /** Arcs added by pricing. */
  arcsAdded: number;
  /** Arcs in the first sparse graph. */
  initialArcs: number;
  seconds: number;
}

/** Runs the matching to a proven optimum over every eligible pair. */
export async function runMatching(input: MatchingInput, options: RunMatchingOptions = {}): Promise<MatchingRun> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  progress('building', 0.05);
  const network = createMatchingNetwork(input);
  // Every hub a sender could ever join exists from the start, so that pricing adds arcs only and each
  // round resumes the simplex from the previous basis instead of solving afresh.
  createAllHubs(network);
  seedHubArcs(network, options.initialCandidates);
  const initialArcs = network.arcs.length;
  let rounds = 1;
  let arcsAdded = 0;
  // Inside a long solve the phase counts the pivots so far, and the bar creeps on from where the round began.
  let solveStart = 0.15;
  const onPivots = (pivots: number) =>
    progress(`solving (round ${rounds}) · ${(pivots / 1e6).toFixed(1)} M pivots`, Math.min(0.88, solveStart + 0.08 * (1 - Math.exp(-pivots / 2e6))));
  progress('solving (round 1)', 0.15);
  // One stateful simplex for the whole run (a plan already runs on its own worker thread): pricing
  // rounds resume it from its basis. The aggregated network is one component once city cadres join
  // it, so the solver's split across worker threads would not apply.
  let solver = new NetworkSimplexSolver(toFlowNetwork(network), { onPivots });
  let solution: MinCostFlowSolution = solver.solve();
  for (;;) {
    if (!solution.feasible) throw new Error('the matching network has no feasible flow');
    progress(`pricing (round ${rounds})`, Math.min(0.85, 0.2 + rounds * 0.1));
    const negative = priceHubArcs(network, solution.potential, options.maxArcsPerSender ?? 6);
    if (negative.length === 0) break;
    const first = network.arcs.length;
    for (const pair of negative) addHubArc(network, pair.sender, pair.township);
    arcsAdded += negative.length;
    rounds += 1;
    solveStart = Math.min(0.8, 0.25 + rounds * 0.1);
    progress(`solving (round ${rounds})`, solveStart);
    const { arcs } = network;
    const added = {
      source: arcs.source.slice(first, arcs.length),
      target: arcs.target.slice(first, arcs.length),
      upper: arcs.upper.slice(first, arcs.length),
      cost: arcs.cost.slice(first, arcs.length),
    };
    // A cost above the solver's big-M bound cannot join the basis: start afresh on the grown network.
    if (!solver.addArcs(added.source, added.target, added.upper, added.cost)) solver = new NetworkSimplexSolver(toFlowNetwork(network), { onPivots });
    solution = solver.solve();
  }
  progress('assigning cadres', 0.9);
  const split = splitGroups(network, solution.flow);
  network.assignment = split.postings;
  network.unplaced = split.unplaced;
  progress('done', 1);
  return { network, solution, rounds, arcsAdded, initialArcs, seconds: (performance.now() - started) / 1000 };
}
