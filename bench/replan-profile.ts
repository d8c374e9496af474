// Where a province re-plan's time goes. The bench's 1% change (1% of cadres leave, 1% join) on the full
// demo province, phase by phase: network build, warm start, each repair and pricing round, the split.
//
//   npx tsx bench/replan-profile.ts --prepare   seeds a province, solves it cold and caches the input,
//                                               the optimum's postings, its potentials and the changed
//                                               input's cold optimum cost (several minutes)
//   npx tsx bench/replan-profile.ts --cold      solves the cached changed input cold again (after a model change)
//   npx tsx bench/replan-profile.ts [--runs 3] [--check] [--session]
//                                               times the warm re-plan; --check also certifies it and
//                                               compares its cost with the cached cold optimum; --session
//                                               times the re-plan of a plan session (the plan's network kept
//                                               in memory, opened untimed before each run) instead of a rebuild
//
// Wrap both in `flock /tmp/dundian-bench.lock` (province scale). The cache lives in /tmp.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../src/server/db/database.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { loadMatchingInput, mergeWeights } from '../src/server/features/matching/load-matching-input.ts';
import { findOrCreateCampaign } from '../src/server/features/matching/queries.ts';
import type { FixedPosting, MatchingInput } from '../src/server/features/matching/model/matching-input.ts';
import { toFlowNetwork } from '../src/server/features/matching/model/matching-network.ts';
import { evaluatePlanCost, readMatchingResult } from '../src/server/features/matching/model/read-matching-result.ts';
import { runMatching } from '../src/server/features/matching/model/run-matching.ts';
import { collectPotentials, type PlanPotentials } from '../src/server/features/matching/model/warm-start.ts';
import { PlanSession } from '../src/server/features/matching/model/plan-session.ts';
import { verifyCertificate } from '../src/server/features/matching/solver/verify-certificate.ts';
import { collectGarbage, median, tempDir } from './lib.ts';

const cachePath = process.env.REPLAN_CACHE ?? '/tmp/dundian-replan-cache.json';

interface Cache {
  input: MatchingInput;
  postings: FixedPosting[];
  potentials: PlanPotentials;
  /** The cold optimum of the changed input: objective (postings' cost) and solver cost. */
  changedCold?: { planCost: number; flowCost: number; seconds: number };
}

/** The bench's change: 1% of cadres leave, 1% join (copies under new ids), previous = the optimum's postings minus leavers. */
function changeOf(input: MatchingInput, postings: FixedPosting[]): MatchingInput {
  const leaving = new Set(input.cadres.filter((_, index) => index % 100 === 37).map((cadre) => cadre.id));
  const maxId = input.cadres.reduce((max, cadre) => Math.max(max, cadre.id), 0);
  const joining = input.cadres.filter((_, index) => index % 100 === 73).map((cadre, index) => ({ ...cadre, id: maxId + 1 + index, homeRegionCode: null }));
  return {
    ...input,
    cadres: [...input.cadres.filter((cadre) => !leaving.has(cadre.id)), ...joining],
    locked: input.locked.filter((posting) => !leaving.has(posting.cadreId)),
    previous: postings.filter((posting) => !leaving.has(posting.cadreId)),
  };
}

async function prepare(): Promise<void> {
  const database = await openDatabase({ dataDir: `${tempDir('dundian-replan-profile')}/pglite` });
  await prepareDatabase(database, { seed: 'full', withDemoPlan: false });
  const campaign = await findOrCreateCampaign(database.db);
  const input = await loadMatchingInput(database.db, { campaignId: campaign.id, regionCode: '13', weights: mergeWeights(campaign.weights) });
  await database.close();
  const run = await runMatching(input);
  console.log(`cold province: ${run.seconds.toFixed(1)} s, ${run.steps} pivots`);
  const result = readMatchingResult(run.network, run.solution);
  const postings = result.postings.map(({ cadreId, pointId }) => ({ cadreId, pointId }));
  const potentials = collectPotentials(run.network, run.solution.potential);
  const cache: Cache = { input, postings, potentials };
  await solveColdChanged(cache);
}

/** Solves the changed input cold, for the comparison (again with --cold after a change to the model). */
async function solveColdChanged(cache: Cache): Promise<void> {
  const changed = changeOf(cache.input, cache.postings);
  const cold = await runMatching(changed);
  const coldResult = readMatchingResult(cold.network, cold.solution);
  cache.changedCold = { planCost: evaluatePlanCost(cold.network, coldResult.postings), flowCost: cold.solution.cost, seconds: cold.seconds };
  console.log(`cold changed: ${cold.seconds.toFixed(1)} s, plan cost ${cache.changedCold.planCost}, flow cost ${cold.solution.cost}`);
  writeFileSync(cachePath, JSON.stringify(cache));
}

async function profile(runs: number, check: boolean, session: boolean): Promise<void> {
  if (!existsSync(cachePath)) throw new Error(`no cache at ${cachePath}: run with --prepare first`);
  const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as Cache;
  const changed = changeOf(cache.input, cache.postings);
  const totals: number[] = [];
  const builds: number[] = [];
  for (let repeat = 0; repeat < runs; repeat += 1) {
    // A fresh JSON round trip, as the product reads the stored record back.
    const potentials = JSON.parse(JSON.stringify(cache.potentials)) as PlanPotentials;
    let last = performance.now();
    const phases: string[] = [];
    const onProgress = (phase: string) => {
      const now = performance.now();
      phases.push(`${((now - last) / 1000).toFixed(2)} s → ${phase}`);
      last = now;
    };
    let run;
    if (session) {
      // The published plan's session, as the product holds it: opened from the plan (previous = its postings).
      const opened = await PlanSession.open({ ...cache.input, previous: cache.postings }, { warmStart: potentials });
      console.log(`  session opened in ${opened.run.seconds.toFixed(2)} s (${opened.run.steps} augmentations)`);
      // Opening leaves a building's garbage behind; in the product minutes or days pass before a re-plan.
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = performance.now();
      run = await opened.session.replan(changed, { onProgress });
      console.log(`  incremental ${run.incremental}${run.rebuiltBecause ? ` (${run.rebuiltBecause})` : ''}, left ${run.left}, joined ${run.joined}`);
    } else run = await runMatching(changed, { warmStart: potentials, onProgress });
    totals.push(run.seconds);
    builds.push(run.buildSeconds);
    console.log(`run ${repeat + 1}: ${run.seconds.toFixed(2)} s (build ${run.buildSeconds.toFixed(2)} s), fellBack ${run.fellBack}, rounds ${run.rounds}, steps ${run.steps}, arcs added ${run.arcsAdded}, nodes ${run.network.nodeCount}, arcs ${run.network.arcs.length}, senders ${run.network.senders.length}`);
    if (run.repair) console.log(`  repair: ${JSON.stringify(run.repair)}`);
    for (const line of phases) console.log(`  ${line}`);
    if (check && repeat === runs - 1) {
      const report = verifyCertificate(toFlowNetwork(run.network), run.solution.flow, run.solution.potential);
      const result = readMatchingResult(run.network, run.solution);
      const planCost = evaluatePlanCost(run.network, result.postings);
      // The model's objective is the flow's cost; the plan cost (evaluatePlanCost) also counts a discount
      // for a group member the hub happens to send back to its old point, so it may differ between optima.
      console.log(`certificate ${report.ok ? 'ok' : `FAILED: ${report.violations[0]?.message}`}; flow cost ${run.solution.cost}, plan cost ${planCost}; cold: ${JSON.stringify(cache.changedCold)}`);
      if (!report.ok || run.solution.cost !== cache.changedCold?.flowCost) process.exitCode = 1;
    }
  }
  console.log(`median ${median(totals).toFixed(2)} s (build ${median(builds).toFixed(2)} s) over ${runs}; load ${(await import('node:os')).loadavg().map((value) => value.toFixed(2)).join(' ')}`);
}

const args = process.argv.slice(2);
if (args.includes('--prepare')) await prepare();
else if (args.includes('--cold')) await solveColdChanged(JSON.parse(readFileSync(cachePath, 'utf8')) as Cache);
else await profile(args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3, args.includes('--check'), args.includes('--session'));
