// Solves a matching exactly: a sparse aggregated graph first, then pricing of every eligible
// (sender, township) pair — every eligible cadre-point pair — with the node potentials until none has a
// negative reduced cost; then the flow is split among cadres.
import { NetworkSimplexSolver } from '../solver/network-simplex.ts';
import { WarmFlowSolver, type RepairStats } from '../solver/repair-flow.ts';
import type { MinCostFlowSolution } from '../solver/flow-network.ts';
import type { MatchingInput } from './matching-input.ts';
import { addHubArc, createAllHubs, createMatchingNetwork, implicitHubArcs, priceHubArcs, reservoirNodes, seedHubArcs, toFlowNetwork, type MatchingNetwork } from './matching-network.ts';
import { splitGroups } from './split-groups.ts';
import { prepareWarmStart, type PlanPotentials } from './warm-start.ts';

export interface RunMatchingOptions {
  /** Townships per sender in the first, sparse graph (default: by the sender's size). */
  initialCandidates?: number;
  /** Most arcs one sender gets in one pricing round. */
  maxArcsPerSender?: number;
  onProgress?: (phase: string, fraction: number) => void;
  /**
   * The previous plan's potentials: start from its postings (`input.previous`) as the first flow and
   * from these as the first prices, and repair only what changed (a re-plan). The result is the same
   * certified optimum as a cold solve.
   */
  warmStart?: PlanPotentials;
  /** Nodes a warm repair may visit (searches and maximum flows), per network node, before the cold path takes over (default 60). */
  repairBudget?: number;
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
  /** True when the run started from the previous plan. */
  warm: boolean;
  /** True when a warm start was given up for a cold simplex basis (changes too far-reaching to repair cheaply). */
  fellBack: boolean;
  /** Simplex pivots (cold) or shortest-path augmentations (warm) over all rounds. */
  steps: number;
  /** Seconds spent building the network (included in `seconds`). */
  buildSeconds: number;
  /** The warm repair's work (warm runs that did not fall back). */
  repair?: RepairStats;
  /** The solver that reached the optimum, holding its flow and prices (a plan session goes on from it). */
  solver: WarmFlowSolver | NetworkSimplexSolver;
}

/**
 * One pricing step: adds the pairs outside the graph that price out negative (at most `perSender` for a
 * sender) to the network and to the solver. Returns how many; 0 means the potentials certify the optimum
 * over every eligible pair.
 */
export function addPricedArcs(network: MatchingNetwork, solver: WarmFlowSolver | NetworkSimplexSolver, potential: Float64Array, perSender: number): number | 'restart' {
  const negative = priceHubArcs(network, potential, perSender);
  if (negative.length === 0) return 0;
  const first = network.arcs.length;
  for (const pair of negative) addHubArc(network, pair.sender, pair.township);
  const { arcs } = network;
  // A cost above the simplex's big-M bound cannot join its basis: the caller starts afresh on the grown network.
  const added = solver.addArcs(arcs.source.slice(first, arcs.length), arcs.target.slice(first, arcs.length), arcs.upper.slice(first, arcs.length), arcs.cost.slice(first, arcs.length));
  return added === false ? 'restart' : negative.length;
}

/** Runs the matching to a proven optimum over every eligible pair. */
export async function runMatching(input: MatchingInput, options: RunMatchingOptions = {}): Promise<MatchingRun> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  progress('building', 0.05);
  const network = createMatchingNetwork(input);
  // Every hub a sender could ever join exists from the start, so that pricing adds arcs only and each
  // round resumes the solver from where the last stopped instead of solving afresh.
  createAllHubs(network);
  const warm = options.warmStart !== undefined;
  // Warm: the previous postings are the first flow (adding the hub arcs they use) and the previous
  // potentials the first prices; pricing adds any pair the changes made attractive. Cold: a sparse seed.
  const start = warm ? prepareWarmStart(network, input.previous ?? [], options.warmStart!) : null;
  if (!warm) seedHubArcs(network, options.initialCandidates);
  const initialArcs = network.arcs.length;
  const buildSeconds = (performance.now() - started) / 1000;
  let rounds = 1;
  let arcsAdded = 0;
  // Inside a long solve the phase counts the pivots so far, and the bar creeps on from where the round began.
  let solveStart = 0.15;
  const onPivots = (pivots: number) =>
    progress(`solving (round ${rounds}) · ${(pivots / 1e6).toFixed(1)} M pivots`, Math.min(0.88, solveStart + 0.08 * (1 - Math.exp(-pivots / 2e6))));
  progress('solving (round 1)', 0.15);
  // One stateful solver for the whole run (a plan already runs on its own worker thread): pricing
  // rounds resume it. The aggregated network is one component once city cadres join it, so the
  // solver's split across worker threads would not apply.
  const createSolver = (): WarmFlowSolver | NetworkSimplexSolver => {
    if (!warm) return new NetworkSimplexSolver(toFlowNetwork(network), { onPivots });
    const repair = new WarmFlowSolver(toFlowNetwork(network), start!.flow, start!.potential);
    repair.settleBudget = (options.repairBudget ?? 60) * network.nodeCount;
    // Every pair not joined yet takes part in the repair's searches, so that the prices it moves stay
    // feasible for them: pricing then finds (next to) nothing, instead of the senders beside the changes.
    repair.implicitArcs = implicitHubArcs(network);
    // Every point is one arc from the sink: a search that went through it would reach the whole network
    // at one distance. The repair's searches end at the source and sink instead (see repair-flow.ts).
    repair.reservoir = reservoirNodes;
    return repair;
  };
  let solver = createSolver();
  let solution: MinCostFlowSolution = solver.solve();
  // Pivots or augmentations of the solvers replaced so far, plus the current one's.
  let stepsBefore = 0;
  let fellBack = false;
  // A warm start pays off when the changes are local. When the repair outgrows its budget (some tens of
  // passes over the network, about what a cold solve costs), the cold path takes over on the same
  // network: the sparse seed is added and the simplex starts from its artificial basis (same optimum;
  // pricing goes on as before).
  const fallBack = () => {
    fellBack = true;
    stepsBefore += solution.pivots;
    seedHubArcs(network, options.initialCandidates);
    solver = new NetworkSimplexSolver(toFlowNetwork(network), { onPivots });
    solution = solver.solve();
  };
  if (solver instanceof WarmFlowSolver && solver.stats.overBudget) fallBack();
  for (;;) {
    if (!solution.feasible) throw new Error('the matching network has no feasible flow');
    progress(`pricing (round ${rounds})`, Math.min(0.85, 0.2 + rounds * 0.1));
    const arcsBefore = network.arcs.length;
    const added = addPricedArcs(network, solver, solution.potential, options.maxArcsPerSender ?? 6);
    if (added === 0) break;
    arcsAdded += network.arcs.length - arcsBefore;
    rounds += 1;
    solveStart = Math.min(0.8, 0.25 + rounds * 0.1);
    progress(`solving (round ${rounds})`, solveStart);
    if (added === 'restart') {
      stepsBefore += solution.pivots;
      solver = new NetworkSimplexSolver(toFlowNetwork(network), { onPivots });
    }
    solution = solver.solve();
    if (solver instanceof WarmFlowSolver && solver.stats.overBudget) fallBack();
  }
  progress('assigning cadres', 0.9);
  const split = splitGroups(network, solution.flow);
  network.assignment = split.postings;
  network.unplaced = split.unplaced;
  progress('done', 1);
  const repair = solver instanceof WarmFlowSolver ? solver.stats : undefined;
  return { network, solution, rounds, arcsAdded, initialArcs, seconds: (performance.now() - started) / 1000, warm, fellBack, steps: stepsBefore + solution.pivots, buildSeconds, repair, solver };
}
