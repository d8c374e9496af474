// Use cases of the planning workflow: start a run, read and compare plans, pin/forbid, publish.
import type { Db, Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { enqueueJob } from '../jobs/queries.ts';
import { planSessionsEnabled } from './plan-sessions.ts';
import { findCadreRegion } from '../accounts/queries.ts';
import { findPoint } from '../points/queries.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { isEligible, jurisdictionOf } from './model/eligibility.ts';
import type { PlanMeasures, RuleBreak } from './model/read-matching-result.ts';
import { canPlanRegion, canViewPlan } from './policy.ts';
import {
  countPlanByCounty,
  deleteMatchingRule,
  diffPlanPostings,
  findNames,
  findOrCreateCampaign,
  findUnitLevel,
  findPlan,
  insertPlan,
  listMatchingRules,
  listPlanPostings,
  listPlans,
  publishPlanPostings,
  upsertMatchingRule,
} from './queries.ts';
import { mergeWeights } from './load-matching-input.ts';
import type { z } from 'zod';
import type { createPlanBody } from './schemas.ts';


type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** The API form of a plan's summary. */
export function presentPlan(row: PlanRow) {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: row.region_name,
    parentPlanId: row.parent_plan_id,
    status: row.status,
    progress: row.progress,
    phase: row.phase,
    error: row.error,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
    publishedAt: iso(row.published_at),
    measures: (row.measures as PlanMeasures | null) ?? null,
    baselineMeasures: (row.baseline_measures as PlanMeasures | null) ?? null,
    stats: (row.stats as Record<string, unknown> | null) ?? null,
    version: row.version,
  };
}

/** Queues an optimizer run for the province or a city; returns the queued plan. */
export async function createPlan(options: { db: Db; actor: Actor; input: z.infer<typeof createPlanBody>; onQueued?: () => void }) {
  const { db, actor, input } = options;
  if (!canPlanRegion(actor, input.regionCode)) throw forbidden();
  const campaign = await findOrCreateCampaign(db);
  if (input.parentPlanId) {
    const parent = await findPlan(db, input.parentPlanId);
    if (!parent || parent.region_code !== input.regionCode) throw new AppError('VALIDATION', 'parentPlanId：上一版方案不属于该区域', 'parentPlanId: the previous plan covers another region', { details: [{ field: 'parentPlanId', message: '上一版方案不属于该区域', messageEn: 'covers another region' }] });
  }
  const weights = mergeWeights({ ...(campaign.weights as object), ...(input.weights ?? {}) });
  const planId = await db.transaction().execute(async (tx) => {
    const { id } = await insertPlan(tx, { campaignId: campaign.id, regionCode: input.regionCode, parentPlanId: input.parentPlanId ?? null, weights, createdBy: actor.accountId });
    await enqueueJob(tx, 'matching.run', { planId: id });
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'matching.plan_created', entityType: 'plan', entityId: id, regionCode: input.regionCode, after: { regionCode: input.regionCode, parentPlanId: input.parentPlanId ?? null } });
    return id;
  });
  // Read back before the job runner is woken: the answer is the plan as queued, not a race with its start.
  const queued = (await findPlan(db, planId))!;
  options.onQueued?.();
  return presentPlan(queued);
}

/** Plans the actor may see, newest first. */
export async function browsePlans(options: { db: Executor; actor: Actor }) {
  const { db, actor } = options;
  if (!['admin', 'office', 'leader'].includes(actor.role)) throw forbidden();
  // A city office also sees the province plans that cover its city.
  const rows = await listPlans(db, actor.regionCode.slice(0, 2), 100);
  return rows.filter((row) => canViewPlan(actor, row.region_code)).map(presentPlan);
}

/** The plan if the actor may see it; otherwise NOT_FOUND (no hint that it exists). */
export async function findPlanForActor(db: Executor, actor: Actor, id: number) {
  const plan = await findPlan(db, id);
  if (!plan || !canViewPlan(actor, plan.region_code)) throw notFound('方案', 'Plan');
  return plan;
}

/** The part of a plan the actor may look at: the plan's region, or the actor's smaller scope inside it. */
export function viewRegion(actor: Actor, plan: PlanRow) {
  return actor.regionCode.length > plan.region_code.length ? actor.regionCode : plan.region_code;
}

/** Describes a broken hard rule in words, with names. */
export function describeBreak(item: RuleBreak, names: Awaited<ReturnType<typeof findNames>>) {
  const point = item.pointId ? names.points.get(item.pointId) : undefined;
  const cadre = item.cadreId ? names.cadres.get(item.cadreId) : undefined;
  switch (item.rule) {
    case 'point_uncovered':
      return { message: `${point?.name ?? item.pointId}：缺少 ${item.amount} 名符合条件的干部`, messageEn: `${point?.name ?? item.pointId}: ${item.amount} eligible cadre(s) missing` };
    case 'point_over_capacity':
      return { message: `${point?.name ?? item.pointId}：超出最多干部数 ${item.amount} 名`, messageEn: `${point?.name ?? item.pointId}: ${item.amount} over its maximum` };
    case 'leader_too_few_points':
      return { message: `${cadre ?? item.cadreId}：可蹲点的乡镇不足，少 ${item.amount} 个联系点`, messageEn: `${cadre ?? item.cadreId}: ${item.amount} point(s) short (too few townships in reach)` };
    default:
      return { message: `${cadre ?? item.cadreId}：没有可安排的联系点`, messageEn: `${cadre ?? item.cadreId}: no eligible point with room` };
  }
}

/** Sums uncovered points per county into the office's kind of sentence. */
function summariseUncovered(breaks: RuleBreak[], names: Awaited<ReturnType<typeof findNames>>) {
  const perCounty = new Map<string, number>();
  for (const item of breaks) {
    if (item.rule !== 'point_uncovered' || !item.pointId) continue;
    const county = names.points.get(item.pointId)?.region_code.slice(0, 6);
    if (county) perCounty.set(county, (perCounty.get(county) ?? 0) + 1);
  }
  return [...perCounty].map(([county, count]) => ({
    rule: 'point_uncovered' as const,
    amount: count,
    message: `${names.regions.get(county) ?? county}：${count} 个联系点缺少符合条件的干部（辖区干部不足或回避）`,
    messageEn: `${names.regions.get(county) ?? county}: ${count} points lack an eligible cadre (too few cadres in reach, or conflicts of interest)`,
  }));
}

/** A plan with its broken rules in words, the county table, the difference from the previous plan and the rules. */
export async function getPlan(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  const plan = await findPlanForActor(db, actor, id);
  const region = viewRegion(actor, plan);
  const breaks = ((plan.breaks as RuleBreak[] | null) ?? []).slice(0, 2000);
  const names = await findNames(db, {
    regionCodes: [],
    cadreIds: breaks.flatMap((item) => (item.cadreId ? [item.cadreId] : [])),
    pointIds: breaks.flatMap((item) => (item.pointId ? [item.pointId] : [])),
  });
  const countyCodes = [...new Set([...names.points.values()].map((point) => point.region_code.slice(0, 6)))];
  const countyNames = await findNames(db, { regionCodes: countyCodes, cadreIds: [], pointIds: [] });
  const allNames = { ...names, regions: countyNames.regions };
  const comparedWith = plan.parent_plan_id ?? null;
  const [counties, difference, rules] = await Promise.all([
    plan.status === 'solved' || plan.status === 'published' || plan.status === 'superseded' ? countPlanByCounty(db, id, region).then((result) => result.rows) : [],
    comparedWith ? diffPlanPostings(db, id, comparedWith, region).then((diff) => ({ againstPlanId: comparedWith, ...diff })) : null,
    listMatchingRules(db, plan.campaign_id, region),
  ]);
  return {
    ...presentPlan(plan),
    breaks: [...summariseUncovered(breaks, allNames), ...breaks.map((item) => ({ ...item, ...describeBreak(item, allNames) }))],
    counties,
    difference,
    rules: rules.map((rule) => ({ id: rule.id, kind: rule.kind, cadreId: rule.cadre_id, cadreName: rule.cadre_name, pointId: rule.point_id, pointName: rule.point_name })),
    canAdjust: canPlanRegion(actor, plan.region_code),
    weights: mergeWeights(plan.weights),
  };
}

/** A page of a plan's postings inside the actor's view. */
export async function browsePlanPostings(options: { db: Executor; actor: Actor; id: number; query: { regionCode?: string; cadreId?: number; pointId?: number; q?: string; need?: 'disorder' | 'difficulty' | 'poverty' | 'none'; flag?: 'pinned' | 'locked' | 'leader'; page: number; pageSize: number } }) {
  const { db, actor, id, query } = options;
  const plan = await findPlanForActor(db, actor, id);
  const base = viewRegion(actor, plan);
  const region = query.regionCode && query.regionCode.startsWith(base) ? query.regionCode : base;
  const [items, total] = await listPlanPostings(db, { planId: id, regionCode: region, cadreId: query.cadreId, pointId: query.pointId, q: query.q || undefined, need: query.need, flag: query.flag, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  const paths = await describeRegionPaths(db, items.map((row) => row.region_code), { fromLevel: 2 });
  return {
    total: total.count,
    items: items.map((row) => ({
      cadreId: row.cadre_id,
      cadreName: row.cadre_name,
      unitName: row.unit_name,
      category: row.category,
      isLeader: row.is_leader,
      pointId: row.point_id,
      pointName: row.point_name,
      pointType: row.point_type,
      regionCode: row.region_code,
      regionPath: paths.get(row.region_code) ?? row.region_code,
      isLocked: row.is_locked,
      isPinned: row.is_pinned,
      distanceCost: row.distance_cost,
      needBonus: row.need_bonus,
      answeredNeed: row.answered_need,
    })),
  };
}

/** Pins or forbids a posting for the next runs of the campaign; refuses pairs the hard rules exclude. */
export async function addMatchingRule(options: { db: Db; actor: Actor; planId: number; kind: 'pin' | 'forbid'; cadreId: number; pointId: number }) {
  const { db, actor } = options;
  const plan = await findPlanForActor(db, actor, options.planId);
  if (!canPlanRegion(actor, plan.region_code)) throw forbidden();
  const cadre = await findCadreRegion(db, options.cadreId);
  const point = await findPoint(db, options.pointId);
  if (!cadre || !cadre.region_code.startsWith(plan.region_code)) throw new AppError('VALIDATION', 'cadreId：干部不在该方案范围内', 'cadreId: the cadre is not part of this plan', { details: [{ field: 'cadreId', message: '干部不在该方案范围内', messageEn: 'not part of this plan' }] });
  if (!point || !point.region_code.startsWith(plan.region_code)) throw new AppError('VALIDATION', 'pointId：联系点不在该方案范围内', 'pointId: the point is not part of this plan', { details: [{ field: 'pointId', message: '联系点不在该方案范围内', messageEn: 'not part of this plan' }] });
  if (options.kind === 'pin') {
    const unitLevel = await findUnitLevel(db, cadre.unit_id);
    const eligible = isEligible(
      { id: cadre.id, unitLevel, regionCode: cadre.region_code, category: 'other', isLeader: false, homeRegionCode: cadre.home_region_code },
      { id: point.id, regionCode: point.region_code, minCadres: 0, maxCadres: 0, needs: { disorder: 0, difficulty: 0, poverty: 0 } },
    );
    if (!eligible) {
      const reach = jurisdictionOf(unitLevel, cadre.region_code);
      throw new AppError('VALIDATION', `不能指定：该联系点不在干部可蹲点范围（${reach}）内，或是其户籍地`, `Cannot pin: the point is outside the cadre's reach (${reach}) or is the cadre's home village`, { details: [{ field: 'pointId', message: '违反辖区或回避规则', messageEn: 'breaks the jurisdiction or conflict-of-interest rule' }] });
    }
  }
  const campaign = await findOrCreateCampaign(db);
  await db.transaction().execute(async (tx) => {
    await upsertMatchingRule(tx, { campaignId: campaign.id, cadreId: cadre.id, pointId: point.id, kind: options.kind, regionCode: point.region_code, createdBy: actor.accountId });
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: `matching.${options.kind}`, entityType: 'plan', entityId: plan.id, regionCode: point.region_code, after: { cadreId: cadre.id, pointId: point.id } });
  });
  return getPlan({ db, actor, id: plan.id });
}

/** Removes a pin or forbid. */
export async function removeMatchingRule(options: { db: Db; actor: Actor; planId: number; ruleId: number }) {
  const { db, actor } = options;
  const plan = await findPlanForActor(db, actor, options.planId);
  if (!canPlanRegion(actor, plan.region_code)) throw forbidden();
  await db.transaction().execute(async (tx) => {
    if ((await deleteMatchingRule(tx, plan.campaign_id, options.ruleId)) === 0) throw notFound('规则', 'Rule');
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'matching.rule_removed', entityType: 'plan', entityId: plan.id, regionCode: plan.region_code, details: { ruleId: options.ruleId } });
  });
  return getPlan({ db, actor, id: plan.id });
}

/** Publishes a solved plan: its postings become the active ones of its region. */
export async function publishPlan(options: { db: Db; actor: Actor; id: number; onQueued?: () => void }) {
  const { db, actor, id } = options;
  const plan = await findPlanForActor(db, actor, id);
  if (!canPlanRegion(actor, plan.region_code)) throw forbidden();
  await db.transaction().execute(async (tx) => {
    const changed = await publishPlanPostings(tx, { id, campaignId: plan.campaign_id, regionCode: plan.region_code, publishedBy: actor.accountId });
    if (changed === 0) throw new AppError('INVALID_TRANSITION', `方案当前状态为“${plan.status}”，只有已求解的方案可以发布`, `Only a solved plan can be published (this one is ${plan.status})`);
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'matching.plan_published', entityType: 'plan', entityId: id, regionCode: plan.region_code, details: { postings: (plan.measures as PlanMeasures | null)?.postings ?? null } });
    // The region's plan session takes up the published plan, so that the next re-plan starts from it in memory.
    if (planSessionsEnabled()) await enqueueJob(tx, 'matching.session', { planId: id });
  });
  options.onQueued?.();
  return getPlan({ db, actor, id });
}
