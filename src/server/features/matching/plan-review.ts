// Reviewing a plan: per-county figures for the map and table, the difference from the plan
// published before it, its broken hard rules in the office's words, and the weights to start from.
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { needTags } from '../../lib/roster-vocabulary.ts';
import type { RuleBreak } from './model/read-matching-result.ts';
import { mergeWeights } from './load-matching-input.ts';
import { describeBreak, findPlanForActor, viewRegion } from './manage-plans.ts';
import { canPlanRegion } from './policy.ts';
import {
  compareCadrePostings,
  countCountyDemandAndSupply,
  findBreakSubjects,
  findOrCreateCampaign,
  findPreviousPublishedPlan,
  summarisePlanCounties,
  type NeedAnswerers,
} from './queries.ts';

const hasPostings = (status: string) => status === 'solved' || status === 'published' || status === 'superseded';
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Which categories answer each need under a plan's weights. */
function needAnswerers(weights: ReturnType<typeof mergeWeights>): NeedAnswerers {
  const answerers: NeedAnswerers = { disorder: [], difficulty: [], poverty: [] };
  for (const [category, needs] of Object.entries(weights.affinity)) for (const need of needs) answerers[need].push(category);
  return answerers;
}

/** Coverage, 对口 rates, postings and mean distance of each county the actor may see in a plan. */
export async function summarisePlanByCounty(options: { db: Executor; actor: Actor; planId: number }) {
  const { db, actor, planId } = options;
  const plan = await findPlanForActor(db, actor, planId);
  if (!hasPostings(plan.status)) return [];
  const { rows } = await summarisePlanCounties(db, { planId, regionCode: viewRegion(actor, plan), answerers: needAnswerers(mergeWeights(plan.weights)) });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    cityCode: row.code.slice(0, 4),
    points: row.points,
    covered: row.covered,
    coverage: ratio(row.covered, row.points),
    tagged: row.tagged,
    matchedAll: row.matched_all,
    matchedAny: row.matched_any,
    matchedAllRate: ratio(row.matched_all, row.tagged),
    matchedAnyRate: ratio(row.matched_any, row.tagged),
    postings: row.postings,
    averageDistance: ratio(row.distance_sum, row.postings),
  }));
}

/** How many cadres stay, move, join or leave compared with the plan published before this one. */
export async function comparePlanWithPublished(options: { db: Executor; actor: Actor; planId: number }) {
  const { db, actor, planId } = options;
  const plan = await findPlanForActor(db, actor, planId);
  const previous = hasPostings(plan.status) ? await findPreviousPublishedPlan(db, { id: plan.id, regionCode: plan.region_code, publishedAt: plan.published_at }) : undefined;
  if (!previous) return { previous: null, stayed: 0, moved: 0, joined: 0, left: 0, keptPostings: 0, postings: 0, previousPostings: 0 };
  const counts = await compareCadrePostings(db, { planId, otherPlanId: previous.id, regionCode: viewRegion(actor, plan) });
  return {
    previous: { id: previous.id, regionCode: previous.region_code, publishedAt: new Date(previous.published_at!).toISOString() },
    stayed: counts.stayed,
    moved: counts.moved,
    joined: counts.joined,
    left: counts.left,
    keptPostings: counts.kept_postings,
    postings: counts.postings,
    previousPostings: counts.other_postings,
  };
}

/** The broken hard rules inside the actor's view: a sentence per county with its demand and supply, then every break by name. */
export async function describePlanBreaks(options: { db: Executor; actor: Actor; planId: number; limit?: number }) {
  const { db, actor, planId } = options;
  const plan = await findPlanForActor(db, actor, planId);
  const region = viewRegion(actor, plan);
  const breaks = (plan.breaks as RuleBreak[] | null) ?? [];
  const subjects = await findBreakSubjects(db, {
    cadreIds: breaks.flatMap((item) => (item.cadreId ? [item.cadreId] : [])),
    pointIds: breaks.flatMap((item) => (item.pointId ? [item.pointId] : [])),
  });
  const regionOf = (item: RuleBreak) => (item.pointId ? subjects.points.get(item.pointId)?.region_code : item.cadreId ? subjects.cadres.get(item.cadreId)?.region_code : undefined);
  const visible = breaks.filter((item) => (regionOf(item) ?? plan.region_code).startsWith(region));

  const uncovered = new Map<string, { points: number; missing: number }>();
  for (const item of visible) {
    if (item.rule !== 'point_uncovered') continue;
    const county = regionOf(item)?.slice(0, 6);
    if (!county) continue;
    const entry = uncovered.get(county) ?? { points: 0, missing: 0 };
    entry.points += 1;
    entry.missing += item.amount;
    uncovered.set(county, entry);
  }
  const supply = await countCountyDemandAndSupply(db, [...uncovered.keys()]);
  const counties = supply.map((row) => {
    const { points, missing } = uncovered.get(row.code)!;
    // "only" where the county's own cadres cannot cover its points' minimum on their own.
    const isShort = row.local_cadres < row.demand;
    return {
      code: row.code,
      name: row.name,
      uncoveredPoints: points,
      missingCadres: missing,
      points: row.points,
      demand: row.demand,
      localCadres: row.local_cadres,
      cityCadres: row.city_cadres,
      message: `${row.name}：${row.points} 个联系点至少需要 ${row.demand} 名干部，县乡单位可派干部${isShort ? '只有' : ''} ${row.local_cadres} 名（另有市直单位干部 ${row.city_cadres} 名由全市共享）；${points} 个联系点仍缺 ${missing} 名符合条件的干部`,
      messageEn: `${row.name}: ${row.points} points need at least ${row.demand} cadres, county and township units have ${isShort ? 'only ' : ''}${row.local_cadres} (plus ${row.city_cadres} city-level cadres shared by the whole city); ${points} points still lack ${missing} eligible cadre(s)`,
    };
  });
  const names = {
    regions: new Map<string, string>(),
    cadres: new Map([...subjects.cadres].map(([id, row]) => [id, row.name])),
    points: subjects.points,
  };
  const limit = options.limit ?? 1000;
  return {
    counties,
    items: visible.slice(0, limit).map((item) => ({ ...item, ...describeBreak(item, names) })),
    total: visible.length,
    byRule: visible.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item.rule]: (counts[item.rule] ?? 0) + 1 }), {}),
  };
}

/** The campaign's current weights over the defaults: where a new plan's form starts. */
export async function readCampaignWeights(options: { db: Executor; actor: Actor }) {
  const { db, actor } = options;
  if (!canPlanRegion(actor, actor.regionCode.slice(0, 4))) throw forbidden();
  const campaign = await findOrCreateCampaign(db);
  const weights = mergeWeights(campaign.weights);
  // The need tags in the vocabulary's order, so the form's matrix reads the same every time.
  const affinity = Object.fromEntries(Object.entries(weights.affinity).map(([category, needs]) => [category, needTags.filter((need) => needs.includes(need))]));
  return { ...weights, affinity };
}
