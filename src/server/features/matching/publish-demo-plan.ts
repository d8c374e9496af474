// The demo province starts with a published plan, so that every later capability finds cadres at
// their points. Runs once, right after the demo seed.
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/queries.ts';
import { mergeWeights } from './load-matching-input.ts';
import { findOrCreateCampaign, insertPlan, listPlans, publishPlanPostings } from './queries.ts';
import { runPlan } from './run-plan.ts';

/** Runs and publishes a plan for the region unless a plan exists already; returns its id or null. */
export async function publishDemoPlan(database: Database, regionCode: string): Promise<number | null> {
  const db = database.db;
  if ((await listPlans(db, '13', 1)).length > 0) return null;
  const campaign = await findOrCreateCampaign(db);
  const { id } = await insertPlan(db, { campaignId: campaign.id, regionCode, parentPlanId: null, weights: mergeWeights(campaign.weights), createdBy: null });
  await runPlan({ database, planId: id });
  await db.transaction().execute(async (tx) => {
    await publishPlanPostings(tx, { id, campaignId: campaign.id, regionCode, publishedBy: null });
    await recordAudit(tx, { actorAccountId: null, actorName: 'system', action: 'matching.plan_published', entityType: 'plan', entityId: id, regionCode });
  });
  return id;
}
