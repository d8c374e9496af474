// The demo province starts with a published plan, so that every later capability finds cadres at
// their points. Runs right after the demo seed; if the server stopped half-way (the plan still queued,
// running or solved but unpublished), the next start finishes it.
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/queries.ts';
import { mergeWeights } from './load-matching-input.ts';
import { findOrCreateCampaign, insertPlan, listPlans, publishPlanPostings } from './queries.ts';
import { runPlan } from './run-plan.ts';

/** Runs and publishes the demo plan for the region unless one is published already; returns its id or null. */
export async function publishDemoPlan(database: Database, regionCode: string): Promise<number | null> {
  const db = database.db;
  const plans = await listPlans(db, '13', 50);
  if (plans.some((plan) => plan.status === 'published' || plan.status === 'superseded')) return null;
  const campaign = await findOrCreateCampaign(db);
  const unfinished = plans.find((plan) => plan.region_code === regionCode && ['queued', 'running', 'solved'].includes(plan.status));
  if (!unfinished && plans.length > 0) return null;
  const id = unfinished?.id ?? (await insertPlan(db, { campaignId: campaign.id, regionCode, parentPlanId: null, weights: mergeWeights(campaign.weights), createdBy: null })).id;
  if (unfinished?.status !== 'solved') await runPlan({ database, planId: id });
  await db.transaction().execute(async (tx) => {
    await publishPlanPostings(tx, { id, campaignId: campaign.id, regionCode, publishedBy: null });
    await recordAudit(tx, { actorAccountId: null, actorName: 'system', action: 'matching.plan_published', entityType: 'plan', entityId: id, regionCode });
  });
  return id;
}
