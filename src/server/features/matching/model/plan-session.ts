// A solved plan kept in memory — its network, flow and prices — so that a re-plan applies the change to
// it instead of building the province again (docs/solver.md, "Plan sessions"). The session's state is
// always an optimum of its current input: a re-plan diffs the new input against it (cadres who left,
// cadres who joined), changes the network where they sit (a group's size, a leader's node, a new
// sender), lets the warm repair restore optimality from the imbalance that leaves, prices every pair
// outside the graph as any run does, and splits the flow among cadres. Changes it cannot apply in place
// (points, needs, weights, pins, locks, forbidden pairs, another previous plan) rebuild the session warm
// from its own prices — the same optimum either way.
import { isDeepStrictEqual } from 'node:util';
import { WarmFlowSolver } from '../solver/repair-flow.ts';
import type { MinCostFlowSolution } from '../solver/flow-network.ts';
import type { FixedPosting, MatchingCadre, MatchingInput } from './matching-input.ts';
import { addHubArc, arcKind, groupKey, homeKeyOf, implicitHubArcs, reservoirNodes, senderBuilder, toFlowNetwork, type MatchingNetwork } from './matching-network.ts';
import { addPricedArcs, runMatching, type MatchingRun, type RunMatchingOptions } from './run-matching.ts';
import { splitGroups } from './split-groups.ts';
import { collectPotentials, type PlanPotentials } from './warm-start.ts';

const [sourceNode, sinkNode] = reservoirNodes;

/** A re-plan's run: `incremental` when the change was applied to the session's network in place. */
export interface SessionRun extends MatchingRun {
  incremental: boolean;
  /** Why the session was rebuilt instead (absent when incremental). */
  rebuiltBecause?: string;
  /** Cadres who left and joined, as the session saw the change. */
  left: number;
  joined: number;
}

/** True when two records of a cadre place it alike in the network (a change in any of these is a leave and a join). */
function placesAlike(a: MatchingCadre, b: MatchingCadre): boolean {
  return a.unitLevel === b.unitLevel && a.regionCode === b.regionCode && a.category === b.category && a.isLeader === b.isLeader && (a.homeRegionCode ?? '') === (b.homeRegionCode ?? '');
}

/** A (cadre, point) pair as one number (ids below 2^27 and 2^26). */
const pointIdSpan = 2 ** 26;
const pairNumber = (posting: FixedPosting) => posting.cadreId * pointIdSpan + posting.pointId;
const postingFields = ['locked', 'pinned', 'forbidden', 'previous'] as const;

export class PlanSession {
  private network!: MatchingNetwork;
  private solver!: WarmFlowSolver;
  private solution!: MinCostFlowSolution;
  /** The arc from source to sink, whose capacity must keep room for every optional unit. */
  private bypassArc = -1;
  /** Group and home-group senders by `${groupKey}#${home}`, for cadres who join one. */
  private groupByKey = new Map<string, number>();
  /** The session's locked, pinned, forbidden and previous pairs as numbers. */
  private heldPairs = new Map<(typeof postingFields)[number], Set<number>>();
  /** Adds senders for cadres who join a group that does not exist yet, or lead. */
  private builder!: ReturnType<typeof senderBuilder>;
  /** Arcs and nodes the network may still gain without copying its arrays. */
  private static readonly headroom = { arcs: 200_000, nodes: 20_000 };

  private constructor(run: MatchingRun) {
    this.adopt(run);
  }

  /** Solves `input` (warm from `warmStart` when given) and keeps the result as a session. */
  static async open(input: MatchingInput, options: Pick<RunMatchingOptions, 'warmStart' | 'onProgress'> = {}): Promise<{ session: PlanSession; run: MatchingRun }> {
    const run = await runMatching(input, options);
    return { session: new PlanSession(run), run };
  }

  /** Takes over a run's network and optimum; a cold run's flow and prices seed a repair solver. */
  private adopt(run: MatchingRun): void {
    const { network, solution } = run;
    this.network = network;
    this.solution = solution;
    let solver = run.solver instanceof WarmFlowSolver ? run.solver : undefined;
    if (!solver) {
      solver = new WarmFlowSolver(toFlowNetwork(network), solution.flow, solution.potential);
      solver.implicitArcs = implicitHubArcs(network);
      solver.reservoir = reservoirNodes;
    }
    // What the repair's searches would build on first use is built now, not in the first re-plan.
    solver.implicitArcs?.prepare?.();
    this.solver = solver;
    const { arcs } = network;
    for (let arc = arcs.length - 1; arc >= 0; arc -= 1) {
      if (arcs.kind[arc] === arcKind.bypass) {
        this.bypassArc = arc;
        break;
      }
    }
    const { headroom } = PlanSession;
    network.arcs.reserve(network.arcs.length + headroom.arcs);
    solver.reserve(network.nodeCount + headroom.nodes, network.arcs.length + headroom.arcs);
    // The session's own cadre list, grown in place by re-plans (the builder reads it).
    network.input = { ...network.input, cadres: [...network.input.cadres] };
    for (const field of postingFields) this.heldPairs.set(field, new Set((network.input[field] ?? []).map(pairNumber)));
    this.builder = senderBuilder(network);
    this.groupByKey = new Map();
    network.senders.forEach((sender, index) => {
      if ((sender.kind === 'group' || sender.kind === 'home') && sender.members.length > 0) {
        const first = network.input.cadres[sender.members[0]];
        this.groupByKey.set(`${groupKey(first)}#${sender.kind === 'home' ? homeKeyOf(network, first) : ''}`, index);
      }
    });
  }

  /** Why `input` cannot be reached from the session's by cadres leaving and joining (null: it can). */
  private incompatibility(input: MatchingInput, seen: Uint8Array, joiners: Set<number>): string | null {
    const held = this.network.input;
    if (input.regionCode !== held.regionCode) return 'another region';
    if (!isDeepStrictEqual(input.weights, held.weights)) return 'the weights changed';
    if (input.points.length !== held.points.length) return 'points came or went';
    for (let index = 0; index < input.points.length; index += 1) {
      const next = input.points[index];
      const before = held.points[index];
      if (
        next.id !== before.id ||
        next.regionCode !== before.regionCode ||
        next.minCadres !== before.minCadres ||
        next.maxCadres !== before.maxCadres ||
        next.needs.disorder !== before.needs.disorder ||
        next.needs.difficulty !== before.needs.difficulty ||
        next.needs.poverty !== before.needs.poverty
      ) {
        return 'a point or its needs changed';
      }
    }
    // Fixed postings, forbidden pairs and the previous plan stay as they were, but for the cadres who left;
    // a cadre who joins has none (a new cadre's lock or pin is built afresh).
    const kept = (cadreId: number) => {
      const index = this.network.cadreIndexById.get(cadreId);
      return index !== undefined && seen[index] === 1 && !joiners.has(cadreId);
    };
    for (const field of postingFields) {
      const heldPairs = this.heldPairs.get(field)!;
      const given = new Set<number>();
      for (const posting of input[field] ?? []) {
        if (joiners.has(posting.cadreId)) return `a new cadre has ${field} postings`;
        const pair = pairNumber(posting);
        if (!heldPairs.has(pair)) return `the ${field} postings changed`;
        given.add(pair);
      }
      let stillHeld = 0;
      for (const pair of heldPairs) if (kept(Math.floor(pair / pointIdSpan))) stillHeld += 1;
      if (stillHeld !== given.size) return `the ${field} postings changed`;
    }
    return null;
  }

  /**
   * Re-plans for `input`: in place when it differs from the session's input by cadres who left or joined,
   * else by a warm rebuild. Either way the session then holds the new optimum.
   */
  async replan(input: MatchingInput, options: Pick<RunMatchingOptions, 'onProgress' | 'repairBudget' | 'maxArcsPerSender'> = {}): Promise<SessionRun> {
    const started = performance.now();
    const network = this.network;
    const held = network.input;
    // The diff: who left (or changed what places them), who joined.
    const leaving: number[] = [];
    const joining: MatchingCadre[] = [];
    // Which of the session's cadres the new input still has (by cadre index).
    const seen = new Uint8Array(held.cadres.length);
    for (const cadre of input.cadres) {
      const index = network.cadreIndexById.get(cadre.id);
      if (index !== undefined) seen[index] = 1;
      if (index === undefined) joining.push(cadre);
      else if (!placesAlike(held.cadres[index], cadre)) {
        leaving.push(index);
        joining.push(cadre);
      }
    }
    for (let index = 0; index < seen.length; index += 1) if (seen[index] === 0 && !network.retired?.has(index)) leaving.push(index);
    const joinerIds = new Set(joining.map((cadre) => cadre.id));
    const reason = this.incompatibility(input, seen, joinerIds);
    if (reason) return this.rebuild(input, options, reason, started, leaving.length, joining.length);

    options.onProgress?.('applying the change', 0.05);
    const solver = this.solver;
    const { arcs } = network;
    const oldNodeCount = network.nodeCount;
    const oldArcCount = arcs.length;
    let supplyChange = 0;
    // Senders whose members changed, listed once each.
    const changed: number[] = [];
    const isChanged = new Uint8Array(network.senders.length + joining.length + 1);
    const markChanged = (senderIndex: number) => {
      if (isChanged[senderIndex] === 1) return;
      isChanged[senderIndex] = 1;
      changed.push(senderIndex);
    };
    const retired = (network.retired ??= new Set());
    for (const cadreIndex of leaving) {
      const senderIndex = network.senderOfCadre[cadreIndex];
      const sender = network.senders[senderIndex];
      sender.members = sender.members.filter((member) => member !== cadreIndex);
      if (sender.stayers) for (const [point, staying] of sender.stayers) if (staying.includes(cadreIndex)) sender.stayers.set(point, staying.filter((member) => member !== cadreIndex));
      network.cadreIndexById.delete(held.cadres[cadreIndex].id);
      retired.add(cadreIndex);
      markChanged(senderIndex);
    }
    // The session's cadres: everyone so far (those who left keep their index, retired) and the new ones.
    const cadres = held.cadres;
    network.input = { ...input, cadres };
    const grownSenderOf = new Int32Array(cadres.length + joining.length).fill(-1);
    grownSenderOf.set(network.senderOfCadre);
    network.senderOfCadre = grownSenderOf;
    const builder = this.builder;
    const optionalBefore = builder.optional();
    const newSenders: number[] = [];
    for (const cadre of joining) {
      const cadreIndex = cadres.length;
      cadres.push(cadre);
      network.cadreIndexById.set(cadre.id, cadreIndex);
      const key = `${groupKey(cadre)}#${homeKeyOf(network, cadre)}`;
      const existing = cadre.isLeader ? undefined : this.groupByKey.get(key);
      if (existing !== undefined) {
        network.senders[existing].members.push(cadreIndex);
        network.senderOfCadre[cadreIndex] = existing;
        markChanged(existing);
        continue;
      }
      const first = network.senders.length;
      if (cadre.isLeader) builder.addCadre(cadreIndex, new Map());
      else builder.addGroup([cadreIndex], homeKeyOf(network, cadre));
      for (let senderIndex = first; senderIndex < network.senders.length; senderIndex += 1) {
        newSenders.push(senderIndex);
        const sender = network.senders[senderIndex];
        if (sender.kind === 'group' || sender.kind === 'home') this.groupByKey.set(key, senderIndex);
      }
    }
    // A new sender joins every township of its reach by a real arc (its pairs are not among the implicit ones).
    for (const senderIndex of newSenders) {
      const sender = network.senders[senderIndex];
      for (let position = sender.range[0]; position < sender.range[1]; position += 1) {
        const township = network.townships[position];
        if (!sender.special.has(township) && !sender.hubbed.has(township)) addHubArc(network, senderIndex, township);
      }
    }

    // Senders whose members changed (a new group too, when several cadres joined it): their supply, slack
    // and hub arcs follow their size; a stayer's direct arc the number of members still there.
    const arcsOf = new Map<number, number[]>();
    for (let arc = 0; arc < arcs.length; arc += 1) {
      const kind = arcs.kind[arc];
      if ((kind === arcKind.sourceToCadre || kind === arcKind.unplacedSlack || kind === arcKind.toHub || kind === arcKind.candidate) && isChanged[arcs.ref[arc]] === 1) {
        (arcsOf.get(arcs.ref[arc]) ?? arcsOf.set(arcs.ref[arc], []).get(arcs.ref[arc])!).push(arc);
      }
    }
    // An arc the solver has changes there too; a new one enters the solver below with its final bounds.
    const setBounds = (arc: number, lower: number, upper: number) => {
      if (arcs.lower[arc] === lower && arcs.upper[arc] === upper) return;
      if (arc >= oldArcCount) {
        arcs.lower[arc] = lower;
        arcs.upper[arc] = upper;
        return;
      }
      if (arcs.kind[arc] === arcKind.sourceToCadre) supplyChange += upper - arcs.upper[arc];
      arcs.lower[arc] = lower;
      arcs.upper[arc] = upper;
      solver.setArcBounds(arc, lower, upper);
    };
    for (const senderIndex of changed) {
      const sender = network.senders[senderIndex];
      const size = sender.members.length;
      const isGroup = sender.kind === 'group' || sender.kind === 'home';
      if (isGroup) sender.hubCapacity = size;
      sender.closed = size === 0 || (sender.kind === 'single' && sender.closed);
      for (const arc of arcsOf.get(senderIndex) ?? []) {
        const kind = arcs.kind[arc];
        if (kind === arcKind.sourceToCadre) setBounds(arc, isGroup ? size : Math.min(arcs.lower[arc], size), isGroup ? size : size === 0 ? 0 : arcs.upper[arc]);
        else if (kind === arcKind.unplacedSlack) setBounds(arc, 0, isGroup ? size : size === 0 ? 0 : arcs.upper[arc]);
        else if (kind === arcKind.toHub && isGroup) setBounds(arc, 0, size);
        else if (kind === arcKind.candidate && isGroup && sender.stayers) setBounds(arc, 0, sender.stayers.get(arcs.point[arc])?.length ?? 0);
        // A leader or single cadre who left: its fixed postings go with it.
        else if (kind === arcKind.candidate && !isGroup && size === 0) setBounds(arc, 0, 0);
      }
    }
    // Every optional unit (a new leader's third and fourth point) keeps room on the bypass.
    const optional = builder.optional() - optionalBefore;
    if (optional > 0) setBounds(this.bypassArc, 0, arcs.upper[this.bypassArc] + optional);
    // New nodes enter at the cheapest way out along their arcs (children before parents: a node's arcs lead
    // to nodes made after it), so that their arcs start at non-negative reduced costs.
    const potential = this.solution.potential;
    const prices = new Float64Array(network.nodeCount - oldNodeCount).fill(Infinity);
    const priceOf = (node: number) => (node < oldNodeCount ? potential[node] : prices[node - oldNodeCount]);
    const outOfNew: number[][] = Array.from({ length: prices.length }, () => []);
    for (let arc = oldArcCount; arc < arcs.length; arc += 1) if (arcs.source[arc] >= oldNodeCount) outOfNew[arcs.source[arc] - oldNodeCount].push(arc);
    for (let slot = prices.length - 1; slot >= 0; slot -= 1) {
      let best = Infinity;
      for (const arc of outOfNew[slot]) best = Math.min(best, arcs.cost[arc] + priceOf(arcs.target[arc]));
      prices[slot] = Number.isFinite(best) ? best : 0;
    }
    if (solver.arcCount !== oldArcCount || solver.nodeCount !== oldNodeCount) throw new Error('the plan session lost track of its network');
    solver.addNodes(prices);
    const end = arcs.length;
    solver.addArcs(arcs.source.slice(oldArcCount, end), arcs.target.slice(oldArcCount, end), arcs.upper.slice(oldArcCount, end), arcs.cost.slice(oldArcCount, end), arcs.lower.slice(oldArcCount, end));
    for (let arc = oldArcCount; arc < end; arc += 1) if (arcs.kind[arc] === arcKind.sourceToCadre) supplyChange += arcs.upper[arc];
    solver.addSupply(sourceNode, supplyChange);
    solver.addSupply(sinkNode, -supplyChange);
    const buildSeconds = (performance.now() - started) / 1000;

    // The repair from the old optimum, then pricing as in every run.
    options.onProgress?.('solving (round 1)', 0.2);
    const before = { ...solver.stats };
    solver.settleBudget = solver.stats.settled + (options.repairBudget ?? 60) * network.nodeCount;
    let solution = solver.solve();
    let rounds = 1;
    let arcsAdded = 0;
    for (;;) {
      if (solver.stats.overBudget) return this.rebuild(input, options, 'the repair outgrew its budget', started, leaving.length, joining.length, solution.potential);
      if (!solution.feasible) throw new Error('the matching network has no feasible flow');
      options.onProgress?.(`pricing (round ${rounds})`, Math.min(0.85, 0.2 + rounds * 0.1));
      const arcsBefore = arcs.length;
      if (addPricedArcs(network, solver, solution.potential, options.maxArcsPerSender ?? 6) === 0) break;
      arcsAdded += arcs.length - arcsBefore;
      rounds += 1;
      solution = solver.solve();
    }
    options.onProgress?.('assigning cadres', 0.9);
    const split = splitGroups(network, solution.flow);
    network.assignment = split.postings;
    network.unplaced = split.unplaced;
    this.solution = solution;
    // Headroom for the next re-plans, renewed when half of it is used.
    const { headroom } = PlanSession;
    if (arcs.source.length - arcs.length < headroom.arcs / 2) arcs.reserve(arcs.length + headroom.arcs);
    solver.reserve(network.nodeCount + headroom.nodes / 2, arcs.length + headroom.arcs / 2);
    const repair = { ...solver.stats };
    for (const key of ['augmentations', 'settled', 'forcedArcs', 'imbalance', 'searches', 'materialized'] as const) repair[key] -= before[key];
    options.onProgress?.('done', 1);
    return {
      network,
      solution,
      rounds,
      arcsAdded,
      initialArcs: end,
      seconds: (performance.now() - started) / 1000,
      warm: true,
      fellBack: false,
      steps: repair.augmentations,
      buildSeconds,
      repair,
      solver,
      incremental: true,
      left: leaving.length,
      joined: joining.length,
    };
  }

  /** A change the session cannot apply in place: a warm run on the new input from the session's prices, kept as the new session. */
  private async rebuild(
    input: MatchingInput,
    options: Pick<RunMatchingOptions, 'onProgress' | 'repairBudget' | 'maxArcsPerSender'>,
    reason: string,
    started: number,
    left: number,
    joined: number,
    potential = this.solution.potential,
  ): Promise<SessionRun> {
    const warmStart: PlanPotentials = collectPotentials(this.network, potential);
    const run = await runMatching(input, { ...options, warmStart });
    this.adopt(run);
    return { ...run, seconds: (performance.now() - started) / 1000, incremental: false, rebuiltBecause: reason, left, joined };
  }
}
