// The background job of a plan: load the region, solve exactly on a worker thread (solve-plan.ts) —
// warm-started from the published plan when there is one — and store postings, measures and
// potentials in one transaction.
import { copyValue, type Database } from '../../db/database.ts';
import { solvePlan, solvePlanInWorker } from './solve-plan.ts';
import { planSessionsEnabled, prepareSession, sessionKey, solveInSession } from './plan-sessions.ts';
import { loadMatchingInput, mergeWeights } from './load-matching-input.ts';
import { copyPlanPostings, findPlan, findPlanPotentials, findPreviousPublishedPlan, markPlanSolved, setPlanStatus, updatePlanProgress } from './queries.ts';

/** Runs one plan to its proven optimum; a failure marks the plan failed with its reason. */
export async function runPlan({ database, planId, ...options }: { database: Database; planId: number; onThisThread?: boolean }): Promise<void> {
  const db = database.db;
  const plan = await findPlan(db, planId);
  if (!plan || (await setPlanStatus(db, planId, ['queued', 'running'], 'running', { phase: 'loading', progress: 0.02, error: null })) === 0) return;
  try {
    const weights = mergeWeights(plan.weights);
    const input = await loadMatchingInput(db, { campaignId: plan.campaign_id, regionCode: plan.region_code, weights });
    // A re-plan starts from the published plan it follows: its postings (input.previous) and its potentials.
    const published = input.previous?.length ? await findPreviousPublishedPlan(db, { id: planId, regionCode: plan.region_code, publishedAt: null }) : undefined;
    const warmStart = published ? await findPlanPotentials(db, published.id) : undefined;
    // Progress writes go one at a time, the latest winning, so that a slow write never piles up.
    let pending: { phase: string; fraction: number } | null = null;
    let writing: Promise<void> = Promise.resolve();
    const report = (phase: string, fraction: number) => {
      const idle = pending === null;
      pending = { phase, fraction };
      if (!idle) return;
      writing = writing.then(async () => {
        const latest = pending!;
        pending = null;
        await updatePlanProgress(db, planId, latest.phase, Math.min(0.95, latest.fraction));
      });
    };
    // A re-plan goes to the region's plan session (its network kept in memory) when sessions are on.
    const key = sessionKey(plan.campaign_id, plan.region_code);
    const solveAlone = () => (options.onThisThread ? solvePlan : solvePlanInWorker)(input, report, warmStart);
    // A session that failed (its worker gone, say) leaves the plan to a fresh worker, as without sessions.
    const outcome = warmStart && planSessionsEnabled() && !options.onThisThread ? await solveInSession(key, input, report, warmStart).catch(solveAlone) : await solveAlone();
    await writing;
    await updatePlanProgress(db, planId, 'saving', 0.96);
    const pointRegion = new Map(input.points.map((point) => [point.id, point.regionCode]));
    const rows = outcome.postings
      .map((posting) =>
        [planId, posting.cadreId, posting.pointId, pointRegion.get(posting.pointId), posting.isLocked, posting.isPinned, posting.distanceCost, posting.needBonus, posting.answeredNeed]
          .map(copyValue)
          .join('\t'),
      )
      .join('\n');
    await database.bulkTransaction(async (session) => {
      if (rows) await copyPlanPostings(session, rows + '\n');
      await markPlanSolved(session, planId, {
        measures: outcome.measures,
        baselineMeasures: outcome.baselineMeasures,
        breaks: outcome.breaks,
        stats: outcome.stats,
        potentials: outcome.potentials,
      });
    });
  } catch (error) {
    await setPlanStatus(db, planId, ['running'], 'failed', { error: error instanceof Error ? error.message : String(error), phase: 'failed' });
    throw error;
  }
}

/**
 * Prepares the plan session of a just-published plan's region: its input as it stands (previous = the
 * published postings), warm from the plan's potentials, so that the next re-plan applies its change in place.
 */
export async function preparePlanSession({ database, planId }: { database: Database; planId: number }): Promise<void> {
  if (!planSessionsEnabled()) return;
  const db = database.db;
  const plan = await findPlan(db, planId);
  if (!plan || plan.status !== 'published') return;
  const input = await loadMatchingInput(db, { campaignId: plan.campaign_id, regionCode: plan.region_code, weights: mergeWeights(plan.weights) });
  const warmStart = await findPlanPotentials(db, planId);
  await prepareSession(sessionKey(plan.campaign_id, plan.region_code), input, warmStart);
}
