// "Why here": a posting's cost broken down, and the next-best places with their reduced costs
// (how much the optimum would rise, at least, if the cadre went there instead).
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { needTagLabels } from '../../lib/roster-vocabulary.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { answeredNeed, distanceClass, distanceCost, isEligible, jurisdictionOf, townshipOf } from './model/eligibility.ts';
import type { MatchingCadre, MatchingPoint } from './model/matching-input.ts';
import { mergeWeights } from './load-matching-input.ts';
import { canViewPlan } from './policy.ts';
import { findNames, findPlan, findPlanPotentials, listMatchingCadres, listMatchingPoints, listPlanPostings, listPublishedPostings } from './queries.ts';

const distanceLabels = { township: ['同乡镇', 'same township'], county: ['同县', 'same county'], city: ['同市', 'same city'], province: ['跨市', 'across cities'] } as const;

/** Explains why a cadre is posted at a point in a plan. */
export async function explainPosting(options: { db: Executor; actor: Actor; planId: number; cadreId: number; pointId: number }) {
  const { db, actor, planId, cadreId, pointId } = options;
  const plan = await findPlan(db, planId);
  if (!plan || !canViewPlan(actor, plan.region_code)) throw notFound('方案', 'Plan');
  const [posted] = await listPlanPostings(db, { planId, regionCode: plan.region_code, cadreId, offset: 0, limit: 10 });
  const posting = posted.find((row) => row.point_id === pointId);
  if (!posting || !posting.region_code.startsWith(actor.regionCode.length > plan.region_code.length ? actor.regionCode : plan.region_code)) throw notFound('安排', 'Posting');
  const weights = mergeWeights(plan.weights);
  const potentials = (await findPlanPotentials(db, planId))!;
  const cadreRow = (await listMatchingCadres(db, plan.region_code)).find((row) => row.id === cadreId)!;
  const cadre: MatchingCadre = { id: cadreRow.id, unitLevel: cadreRow.unit_level, regionCode: cadreRow.region_code, category: cadreRow.category, isLeader: cadreRow.is_leader, homeRegionCode: cadreRow.home_region_code };
  const reach = jurisdictionOf(cadre.unitLevel, cadre.regionCode);
  const points: MatchingPoint[] = (await listMatchingPoints(db, reach.startsWith(plan.region_code) ? reach : plan.region_code)).map((row) => ({
    id: row.id,
    regionCode: row.region_code,
    minCadres: row.min_cadres,
    maxCadres: row.max_cadres,
    needs: { disorder: row.disorder_severity, difficulty: row.difficulty_severity, poverty: row.poverty_severity },
  }));
  const previous = new Set((await listPublishedPostings(db, plan.campaign_id, plan.region_code)).filter((row) => row.cadre_id === cadreId).map((row) => row.point_id));
  const here = points.find((point) => point.id === pointId)!;
  const [team] = await listPlanPostings(db, { planId, regionCode: plan.region_code, pointId, offset: 0, limit: 50 });
  const extra = Math.max(0, team.length - here.minCadres);
  const postedPoints = new Set(posted.map((row) => row.point_id));

  const [distanceZh, distanceEn] = distanceLabels[distanceClass(cadre.regionCode, here.regionCode)];
  const parts = [
    { name: 'distance', label: `距离（${distanceZh}）`, labelEn: `distance (${distanceEn})`, cost: posting.distance_cost },
    {
      name: 'need',
      label: posting.answered_need ? `对口需求“${needTagLabels[posting.answered_need as keyof typeof needTagLabels]}”` : '未对口需求',
      labelEn: posting.answered_need ? `answers the “${posting.answered_need}” need` : 'answers no need',
      cost: posting.need_bonus,
    },
    { name: 'balance', label: `均衡（该点第 ${team.length} 名干部）`, labelEn: `balance (cadre ${team.length} at this point)`, cost: extra * weights.balanceStep },
    ...(previous.has(pointId) ? [{ name: 'stay', label: '保持原安排', labelEn: 'keeps the previous posting', cost: -weights.changePenalty }] : []),
  ];

  const tailPotential = (point: MatchingPoint) => {
    if (!cadre.isLeader) return potentials.cadre[cadreId] ?? 0;
    return potentials.township[`${cadreId}:${townshipOf(point)}`] ?? potentials.cadre[cadreId] ?? 0;
  };
  const alternatives = points
    .filter((point) => !postedPoints.has(point.id) && isEligible(cadre, point))
    .map((point) => {
      const need = answeredNeed(cadre, point, weights);
      const headPotential = need ? (potentials.need[`${point.id}:${need}`] ?? potentials.point[point.id] ?? 0) : (potentials.point[point.id] ?? 0);
      const cost = distanceCost(cadre, point, weights) - (previous.has(point.id) ? weights.changePenalty : 0);
      return { point, cost, reducedCost: cost - tailPotential(point) + headPotential };
    })
    .sort((a, b) => a.reducedCost - b.reducedCost || a.point.id - b.point.id)
    .slice(0, 5);
  const paths = await describeRegionPaths(db, alternatives.map((item) => item.point.regionCode), { fromLevel: 3 });
  const pointNames = (await findNames(db, { regionCodes: [], cadreIds: [], pointIds: alternatives.map((item) => item.point.id) })).points;
  return {
    cadreId,
    pointId,
    parts,
    total: parts.reduce((sum, part) => sum + part.cost, 0),
    alternatives: alternatives.map((item) => ({
      pointId: item.point.id,
      pointName: pointNames.get(item.point.id)?.name ?? String(item.point.id),
      regionPath: paths.get(item.point.regionCode)!,
      cost: item.cost,
      reducedCost: Math.round(item.reducedCost * 100) / 100,
    })),
  };
}
