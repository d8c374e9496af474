// The background job of a plan: load the region, solve exactly, compare with the greedy baseline,
// and store postings, measures and potentials in one transaction.
import { copyValue, type Database } from '../../db/database.ts';
import { needTags } from '../../lib/roster-vocabulary.ts';
import { verifyCertificate } from './solver/verify-certificate.ts';
import { greedyBaseline } from './model/greedy-baseline.ts';
import { toFlowNetwork } from './model/matching-network.ts';
import { measurePlan, readMatchingResult } from './model/read-matching-result.ts';
import { runMatching } from './model/run-matching.ts';
import { loadMatchingInput, mergeWeights } from './load-matching-input.ts';
import { copyPlanPostings, findPlan, markPlanSolved, setPlanStatus, updatePlanProgress } from './queries.ts';

/** Runs one plan to its proven optimum; a failure marks the plan failed with its reason. */
export async function runPlan({ database, planId }: { database: Database; planId: number }): Promise<void> {
  const db = database.db;
  const plan = await findPlan(db, planId);
  if (!plan || (await setPlanStatus(db, planId, ['queued', 'running'], 'running', { phase: 'loading', progress: 0.02, error: null })) === 0) return;
  try {
    const weights = mergeWeights(plan.weights);
    const input = await loadMatchingInput(db, { campaignId: plan.campaign_id, regionCode: plan.region_code, weights });
    let lastReport = 0;
    const run = await runMatching(input, {
      onProgress: (phase, fraction) => {
        const now = Date.now();
        if (now - lastReport < 250 && fraction < 1) return;
        lastReport = now;
        void updatePlanProgress(db, planId, phase, fraction);
      },
    });
    const flowNetwork = toFlowNetwork(run.network);
    const certificate = verifyCertificate(flowNetwork, run.solution.flow, run.solution.potential);
    if (!certificate.ok) throw new Error(`optimality certificate failed: ${certificate.violations[0]?.message}`);
    await updatePlanProgress(db, planId, 'saving', 0.95);
    const result = readMatchingResult(run.network, run.solution);
    const measures = measurePlan(run.network, result.postings);
    const baselineMeasures = measurePlan(run.network, greedyBaseline(input));
    const pointRegion = new Map(input.points.map((point) => [point.id, point.regionCode]));
    const rows = result.postings
      .map((posting) =>
        [planId, posting.cadreId, posting.pointId, pointRegion.get(posting.pointId), posting.isLocked, posting.isPinned, posting.distanceCost, posting.needBonus, posting.answeredNeed]
          .map(copyValue)
          .join('\t'),
      )
      .join('\n');
    const potentials = collectPotentials(run.network, run.solution.potential);
    await database.bulkTransaction(async (session) => {
      if (rows) await copyPlanPostings(session, rows + '\n');
      await markPlanSolved(session, planId, {
        measures,
        baselineMeasures,
        breaks: result.breaks,
        stats: {
          seconds: run.seconds,
          rounds: run.rounds,
          initialArcs: run.initialArcs,
          arcsAdded: run.arcsAdded,
          nodes: flowNetwork.nodeCount,
          arcs: flowNetwork.arcCount,
          cost: result.cost,
          violationCost: result.violationCost,
          certified: true,
        },
        potentials,
      });
    });
  } catch (error) {
    await setPlanStatus(db, planId, ['running'], 'failed', { error: error instanceof Error ? error.message : String(error), phase: 'failed' });
    throw error;
  }
}

/** Potentials by record id (cadres, points, needs, leader townships), for "why here" later. */
function collectPotentials(network: Awaited<ReturnType<typeof runMatching>>['network'], potential: Float64Array) {
  const { input } = network;
  const cadre: Record<string, number> = {};
  const point: Record<string, number> = {};
  const need: Record<string, number> = {};
  const township: Record<string, number> = {};
  input.cadres.forEach((item, index) => (cadre[item.id] = potential[network.cadreNode(index)]));
  input.points.forEach((item, index) => {
    point[item.id] = potential[network.pointNode(index)];
    needTags.forEach((tag, tagIndex) => {
      const node = network.needNode[index * 3 + tagIndex];
      if (node >= 0) need[`${item.id}:${tag}`] = potential[node];
    });
  });
  for (const [key, node] of network.townshipNodes) {
    const [cadreIndex, code] = key.split(':');
    township[`${input.cadres[Number(cadreIndex)].id}:${code}`] = potential[node];
  }
  return { cadre, point, need, township };
}
