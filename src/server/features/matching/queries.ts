// SQL for matching: loading a plan's input, plans and their postings, rules, publishing, postings.
import { sql } from 'kysely';
import type { BulkSession, Executor } from '../../db/database.ts';
import type { PlanStatus, UnitLevel } from '../../db/schema.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import type { PlanPotentials } from './model/warm-start.ts';

/** The campaign covering a region (the province campaign), created on first use. */
export async function findOrCreateCampaign(db: Executor) {
  const existing = await db.selectFrom('campaigns').selectAll().orderBy('id').executeTakeFirst();
  if (existing) return existing;
  return db.insertInto('campaigns').values({ name: '蹲点服务', region_code: '13', weights: '{}' }).returningAll().executeTakeFirstOrThrow();
}

/** Cadres of a plan's region with their unit level: province plans take everyone, city plans the city's own. */
export function listMatchingCadres(db: Executor, regionCode: string) {
  return db
    .selectFrom('cadres')
    .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
    .select(['cadres.id', 'org_units.level as unit_level', 'cadres.region_code', 'cadres.category', 'cadres.is_leader', 'cadres.home_region_code'])
    .where(inRegionSubtree('cadres.region_code', regionCode))
    .orderBy('cadres.id')
    .execute();
}

/** Points of a plan's region. */
export function listMatchingPoints(db: Executor, regionCode: string) {
  return db
    .selectFrom('points')
    .select(['id', 'region_code', 'min_cadres', 'max_cadres', 'disorder_severity', 'difficulty_severity', 'poverty_severity'])
    .where(inRegionSubtree('region_code', regionCode))
    .orderBy('id')
    .execute();
}

/** Postings from earlier programmes in a region (locked). */
export function listLockedPostings(db: Executor, regionCode: string) {
  return db.selectFrom('prior_postings').select(['cadre_id', 'point_id']).where(inRegionSubtree('region_code', regionCode)).execute();
}

/** The office's pins and forbids in a region. */
export function listMatchingRules(db: Executor, campaignId: number, regionCode: string) {
  return db
    .selectFrom('matching_rules')
    .innerJoin('cadres', 'cadres.id', 'matching_rules.cadre_id')
    .innerJoin('points', 'points.id', 'matching_rules.point_id')
    .select(['matching_rules.id', 'matching_rules.cadre_id', 'matching_rules.point_id', 'matching_rules.kind', 'matching_rules.created_at', 'cadres.name as cadre_name', 'points.name as point_name'])
    .where('matching_rules.campaign_id', '=', campaignId)
    .where(inRegionSubtree('matching_rules.region_code', regionCode))
    .orderBy('matching_rules.id')
    .execute();
}

/** Adds or replaces the rule for a cadre-point pair. */
export async function upsertMatchingRule(db: Executor, rule: { campaignId: number; cadreId: number; pointId: number; kind: 'pin' | 'forbid'; regionCode: string; createdBy: number }) {
  await db
    .insertInto('matching_rules')
    .values({ campaign_id: rule.campaignId, cadre_id: rule.cadreId, point_id: rule.pointId, kind: rule.kind, region_code: rule.regionCode, created_by: rule.createdBy })
    .onConflict((conflict) => conflict.columns(['campaign_id', 'cadre_id', 'point_id']).doUpdateSet({ kind: rule.kind, created_by: rule.createdBy, created_at: sql`now()` }))
    .execute();
}

/** Removes a rule; returns how many rows were removed. */
export async function deleteMatchingRule(db: Executor, campaignId: number, ruleId: number): Promise<number> {
  const result = await db.deleteFrom('matching_rules').where('campaign_id', '=', campaignId).where('id', '=', ruleId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The published postings in a region (the previous solution of a re-plan). */
export function listPublishedPostings(db: Executor, campaignId: number, regionCode: string) {
  return db.selectFrom('postings').select(['cadre_id', 'point_id']).where('campaign_id', '=', campaignId).where(inRegionSubtree('region_code', regionCode)).execute();
}

/** Creates a queued plan. */
export function insertPlan(db: Executor, plan: { campaignId: number; regionCode: string; parentPlanId: number | null; weights: unknown; createdBy: number | null }) {
  return db
    .insertInto('matching_plans')
    .values({ campaign_id: plan.campaignId, region_code: plan.regionCode, parent_plan_id: plan.parentPlanId, status: 'queued', weights: JSON.stringify(plan.weights), created_by: plan.createdBy })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

const planColumns = [
  'matching_plans.id',
  'matching_plans.campaign_id',
  'matching_plans.region_code',
  'matching_plans.parent_plan_id',
  'matching_plans.status',
  'matching_plans.weights',
  'matching_plans.progress',
  'matching_plans.phase',
  'matching_plans.error',
  'matching_plans.measures',
  'matching_plans.baseline_measures',
  'matching_plans.breaks',
  'matching_plans.stats',
  'matching_plans.created_at',
  'matching_plans.finished_at',
  'matching_plans.published_at',
  'matching_plans.version',
  'regions.name as region_name',
] as const;

/** One plan (without its potentials). */
export function findPlan(db: Executor, id: number) {
  return db.selectFrom('matching_plans').innerJoin('regions', 'regions.code', 'matching_plans.region_code').select(planColumns).where('matching_plans.id', '=', id).executeTakeFirst();
}

/** Plans inside a region subtree, newest first. */
export function listPlans(db: Executor, scopeRegionCode: string, limit: number) {
  return db
    .selectFrom('matching_plans')
    .innerJoin('regions', 'regions.code', 'matching_plans.region_code')
    .select(planColumns)
    .where(inRegionSubtree('matching_plans.region_code', scopeRegionCode))
    .orderBy('matching_plans.id', 'desc')
    .limit(limit)
    .execute();
}

/** The stored node potentials of a solved plan. */
export async function findPlanPotentials(db: Executor, id: number) {
  const row = await db.selectFrom('matching_plans').select(['potentials']).where('id', '=', id).executeTakeFirst();
  return (row?.potentials ?? undefined) as PlanPotentials | undefined;
}

/** Moves a plan to a new status (guarded by its current one); returns rows changed. */
export async function setPlanStatus(db: Executor, id: number, from: PlanStatus[], to: PlanStatus, extra: { phase?: string; progress?: number; error?: string | null } = {}): Promise<number> {
  const result = await db
    .updateTable('matching_plans')
    .set((eb) => ({
      status: to,
      ...extra,
      ...(to === 'running' ? { started_at: sql`now()` } : {}),
      ...(to === 'solved' || to === 'failed' ? { finished_at: sql`now()` } : {}),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Reports a running plan's progress. */
export async function updatePlanProgress(db: Executor, id: number, phase: string, progress: number) {
  await db.updateTable('matching_plans').set({ phase, progress }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Stores a solved plan's figures. */
export async function saveSolvedPlan(db: Executor, id: number, result: { measures: unknown; baselineMeasures: unknown; breaks: unknown; stats: unknown; potentials: unknown }) {
  await db
    .updateTable('matching_plans')
    .set({
      status: 'solved',
      phase: 'done',
      progress: 1,
      finished_at: sql`now()`,
      measures: JSON.stringify(result.measures),
      baseline_measures: JSON.stringify(result.baselineMeasures),
      breaks: JSON.stringify(result.breaks),
      stats: JSON.stringify(result.stats),
      potentials: JSON.stringify(result.potentials),
    })
    .where('id', '=', id)
    .execute();
}

/** Postings of a plan, for review pages (paged) with names. */
export function listPlanPostings(
  db: Executor,
  filter: { planId: number; regionCode: string; cadreId?: number; pointId?: number; q?: string; need?: 'disorder' | 'difficulty' | 'poverty' | 'none'; flag?: 'pinned' | 'locked' | 'leader'; offset: number; limit: number },
) {
  let query = db
    .selectFrom('plan_postings')
    .innerJoin('cadres', 'cadres.id', 'plan_postings.cadre_id')
    .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
    .innerJoin('points', 'points.id', 'plan_postings.point_id')
    .where('plan_postings.plan_id', '=', filter.planId)
    .where(inRegionSubtree('plan_postings.region_code', filter.regionCode));
  if (filter.cadreId) query = query.where('plan_postings.cadre_id', '=', filter.cadreId);
  if (filter.pointId) query = query.where('plan_postings.point_id', '=', filter.pointId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query = query.where((eb) => eb.or([eb('cadres.name', 'like', pattern), eb('points.name', 'like', pattern), eb('org_units.name', 'like', pattern)]));
  }
  if (filter.need === 'none') query = query.where('plan_postings.answered_need', 'is', null);
  else if (filter.need) query = query.where('plan_postings.answered_need', '=', filter.need);
  if (filter.flag === 'pinned') query = query.where('plan_postings.is_pinned', '=', true);
  if (filter.flag === 'locked') query = query.where('plan_postings.is_locked', '=', true);
  if (filter.flag === 'leader') query = query.where('cadres.is_leader', '=', true);
  return Promise.all([
    query
      .select([
        'plan_postings.cadre_id',
        'plan_postings.point_id',
        'plan_postings.region_code',
        'plan_postings.is_locked',
        'plan_postings.is_pinned',
        'plan_postings.distance_cost',
        'plan_postings.need_bonus',
        'plan_postings.answered_need',
        'cadres.name as cadre_name',
        'cadres.category',
        'cadres.is_leader',
        'org_units.name as unit_name',
        'points.name as point_name',
        'points.type as point_type',
      ])
      .orderBy('plan_postings.region_code')
      .orderBy('plan_postings.cadre_id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
  ]);
}

/** Per-county figures of a plan: points, covered points, postings. */
export function countPlanByCounty(db: Executor, planId: number, regionCode: string) {
  return sql<{ code: string; name: string; points: number; covered: number; postings: number; tagged: number }>`
    WITH counts AS (
      SELECT p.id, left(p.region_code, 6) AS county, p.min_cadres,
             (p.disorder_severity + p.difficulty_severity + p.poverty_severity) > 0 AS tagged,
             (SELECT count(*) FROM plan_postings pp WHERE pp.plan_id = ${planId} AND pp.point_id = p.id) AS team
      FROM points p WHERE p.region_code LIKE ${regionCode + '%'}
    )
    SELECT c.county AS code, r.name, count(*)::int AS points,
           count(*) FILTER (WHERE c.team >= greatest(c.min_cadres, 1))::int AS covered,
           coalesce(sum(c.team), 0)::int AS postings,
           count(*) FILTER (WHERE c.tagged)::int AS tagged
    FROM counts c JOIN regions r ON r.code = c.county
    GROUP BY c.county, r.name ORDER BY c.county`.execute(db);
}

/** Postings of two plans that differ: added in `planId`, removed from `otherPlanId`. */
export async function diffPlanPostings(db: Executor, planId: number, otherPlanId: number, regionCode: string) {
  const added = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM plan_postings a WHERE a.plan_id = ${planId} AND a.region_code LIKE ${regionCode + '%'}
      AND NOT EXISTS (SELECT 1 FROM plan_postings b WHERE b.plan_id = ${otherPlanId} AND b.cadre_id = a.cadre_id AND b.point_id = a.point_id)`.execute(db);
  const removed = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM plan_postings b WHERE b.plan_id = ${otherPlanId} AND b.region_code LIKE ${regionCode + '%'}
      AND NOT EXISTS (SELECT 1 FROM plan_postings a WHERE a.plan_id = ${planId} AND a.cadre_id = b.cadre_id AND a.point_id = b.point_id)`.execute(db);
  const moved = await sql<{ count: number }>`
    SELECT count(DISTINCT a.cadre_id)::int AS count FROM plan_postings a WHERE a.plan_id = ${planId} AND a.region_code LIKE ${regionCode + '%'}
      AND NOT EXISTS (SELECT 1 FROM plan_postings b WHERE b.plan_id = ${otherPlanId} AND b.cadre_id = a.cadre_id AND b.point_id = a.point_id)
      AND EXISTS (SELECT 1 FROM plan_postings b WHERE b.plan_id = ${otherPlanId} AND b.cadre_id = a.cadre_id)`.execute(db);
  return { added: added.rows[0].count, removed: removed.rows[0].count, cadresMoved: moved.rows[0].count };
}

/** Replaces the published postings of the plan's region with the plan's postings, and supersedes older plans. */
export async function publishPlanPostings(db: Executor, plan: { id: number; campaignId: number; regionCode: string; publishedBy: number | null }) {
  await sql`DELETE FROM postings WHERE campaign_id = ${plan.campaignId} AND region_code LIKE ${plan.regionCode + '%'}`.execute(db);
  await sql`
    INSERT INTO postings (campaign_id, plan_id, cadre_id, point_id, region_code, cadre_region_code, is_locked)
    SELECT ${plan.campaignId}, pp.plan_id, pp.cadre_id, pp.point_id, pp.region_code, c.region_code, pp.is_locked
    FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id WHERE pp.plan_id = ${plan.id}
    ON CONFLICT (campaign_id, cadre_id, point_id) DO NOTHING`.execute(db);
  await sql`UPDATE matching_plans SET status = 'superseded', version = version + 1
    WHERE status = 'published' AND id <> ${plan.id} AND region_code LIKE ${plan.regionCode + '%'}`.execute(db);
  const result = await db
    .updateTable('matching_plans')
    .set((eb) => ({ status: 'published', published_at: sql`now()`, published_by: plan.publishedBy, version: eb('version', '+', 1) }))
    .where('id', '=', plan.id)
    .where('status', '=', 'solved')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A cadre's published points with their region paths' codes. */
export function listPostingsOfCadre(db: Executor, cadreId: number) {
  return db
    .selectFrom('postings')
    .innerJoin('points', 'points.id', 'postings.point_id')
    .select(['postings.id', 'postings.point_id', 'points.name as point_name', 'points.type as point_type', 'postings.region_code', 'postings.is_locked', 'postings.starts_on', 'points.disorder_severity', 'points.difficulty_severity', 'points.poverty_severity', 'points.households', 'points.population'])
    .where('postings.cadre_id', '=', cadreId)
    .orderBy('postings.region_code')
    .execute();
}

/** The published team at a point. */
export function listTeamAtPoint(db: Executor, pointId: number) {
  return db
    .selectFrom('postings')
    .innerJoin('cadres', 'cadres.id', 'postings.cadre_id')
    .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
    .select(['cadres.id as cadre_id', 'cadres.name', 'cadres.post', 'cadres.category', 'cadres.is_leader', 'org_units.name as unit_name', 'postings.is_locked'])
    .where('postings.point_id', '=', pointId)
    .orderBy('cadres.is_leader', 'desc')
    .orderBy('cadres.id')
    .execute();
}

/** COPY text rows of plan postings into the table (inside a bulk transaction). */
export async function copyPlanPostings(session: BulkSession, rows: string) {
  await session.query('DELETE FROM plan_postings WHERE plan_id = $1', [Number(rows.slice(0, rows.indexOf('\t')))]);
  await session.copyRows('plan_postings', ['plan_id', 'cadre_id', 'point_id', 'region_code', 'is_locked', 'is_pinned', 'distance_cost', 'need_bonus', 'answered_need'], rows);
}

/** Marks a plan solved with its figures, inside the bulk transaction that wrote its postings. */
export async function markPlanSolved(session: BulkSession, id: number, result: { measures: unknown; baselineMeasures: unknown; breaks: unknown; stats: unknown; potentials: unknown }) {
  await session.query(
    `UPDATE matching_plans SET status = 'solved', phase = 'done', progress = 1, finished_at = now(), version = version + 1,
       measures = $2, baseline_measures = $3, breaks = $4, stats = $5, potentials = $6 WHERE id = $1 AND status = 'running'`,
    [id, JSON.stringify(result.measures), JSON.stringify(result.baselineMeasures), JSON.stringify(result.breaks), JSON.stringify(result.stats), JSON.stringify(result.potentials)],
  );
}

/** Names of regions, cadres and points, for messages about broken rules. */
export async function findNames(db: Executor, ids: { regionCodes: string[]; cadreIds: number[]; pointIds: number[] }) {
  const [regions, cadres, points] = await Promise.all([
    ids.regionCodes.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', ids.regionCodes).execute() : [],
    ids.cadreIds.length ? db.selectFrom('cadres').select(['id', 'name']).where('id', 'in', ids.cadreIds).execute() : [],
    ids.pointIds.length ? db.selectFrom('points').select(['id', 'name', 'region_code']).where('id', 'in', ids.pointIds).execute() : [],
  ]);
  return {
    regions: new Map(regions.map((row) => [row.code, row.name])),
    cadres: new Map(cadres.map((row) => [row.id, row.name])),
    points: new Map(points.map((row) => [row.id, row])),
  };
}

/** The level of a unit (the jurisdiction rule depends on it). */
export async function findUnitLevel(db: Executor, unitId: number): Promise<UnitLevel> {
  const row = await db.selectFrom('org_units').select(['level']).where('id', '=', unitId).executeTakeFirstOrThrow();
  return row.level;
}

/** Which categories answer each need, as SQL text arrays (from a plan's affinity weights). */
export interface NeedAnswerers {
  disorder: string[];
  difficulty: string[];
  poverty: string[];
}

/** Per-county review figures of a plan inside a region: coverage, 对口 (all / any need matched), postings and mean distance class. */
export function summarisePlanCounties(db: Executor, filter: { planId: number; regionCode: string; answerers: NeedAnswerers }) {
  const { planId, regionCode, answerers } = filter;
  return sql<{ code: string; name: string; points: number; covered: number; tagged: number; matched_all: number; matched_any: number; postings: number; distance_sum: number }>`
    WITH team AS (
      SELECT pp.point_id, count(*) AS members,
             bool_or(c.category = ANY(${answerers.disorder}::text[])) AS has_disorder,
             bool_or(c.category = ANY(${answerers.difficulty}::text[])) AS has_difficulty,
             bool_or(c.category = ANY(${answerers.poverty}::text[])) AS has_poverty,
             sum(CASE WHEN length(c.region_code) >= 9 AND left(c.region_code, 9) = left(pp.region_code, 9) THEN 1
                      WHEN length(c.region_code) >= 6 AND left(c.region_code, 6) = left(pp.region_code, 6) THEN 2
                      WHEN length(c.region_code) >= 4 AND left(c.region_code, 4) = left(pp.region_code, 4) THEN 3
                      ELSE 4 END) AS distance_sum
      FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id
      WHERE pp.plan_id = ${planId} AND pp.region_code LIKE ${regionCode + '%'}
      GROUP BY pp.point_id
    ), per_point AS (
      SELECT left(p.region_code, 6) AS county, p.min_cadres,
             coalesce(t.members, 0) AS members, coalesce(t.distance_sum, 0) AS distance_sum,
             (p.disorder_severity > 0 OR p.difficulty_severity > 0 OR p.poverty_severity > 0) AS tagged,
             ((p.disorder_severity > 0 AND coalesce(t.has_disorder, false)) OR (p.difficulty_severity > 0 AND coalesce(t.has_difficulty, false))
               OR (p.poverty_severity > 0 AND coalesce(t.has_poverty, false))) AS any_matched,
             ((p.disorder_severity = 0 OR coalesce(t.has_disorder, false)) AND (p.difficulty_severity = 0 OR coalesce(t.has_difficulty, false))
               AND (p.poverty_severity = 0 OR coalesce(t.has_poverty, false))) AS all_matched
      FROM points p LEFT JOIN team t ON t.point_id = p.id
      WHERE p.region_code LIKE ${regionCode + '%'}
    )
    SELECT pp.county AS code, r.name, count(*)::int AS points,
           count(*) FILTER (WHERE pp.members >= greatest(pp.min_cadres, 1))::int AS covered,
           count(*) FILTER (WHERE pp.tagged)::int AS tagged,
           count(*) FILTER (WHERE pp.tagged AND pp.all_matched)::int AS matched_all,
           count(*) FILTER (WHERE pp.tagged AND pp.any_matched)::int AS matched_any,
           coalesce(sum(pp.members), 0)::int AS postings,
           coalesce(sum(pp.distance_sum), 0)::int AS distance_sum
    FROM per_point pp JOIN regions r ON r.code = pp.county
    GROUP BY pp.county, r.name ORDER BY pp.county`.execute(db);
}

/** The plan published before this one that covers its region (itself excluded), if any. */
export function findPreviousPublishedPlan(db: Executor, plan: { id: number; regionCode: string; publishedAt: Date | string | null }) {
  let query = db
    .selectFrom('matching_plans')
    .select(['id', 'region_code', 'published_at'])
    .where('id', '<>', plan.id)
    .where('published_at', 'is not', null)
    .where(sql<boolean>`${plan.regionCode} LIKE matching_plans.region_code || '%'`);
  if (plan.publishedAt) query = query.where('published_at', '<', new Date(plan.publishedAt));
  return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Cadres of a region who stay at the same points, move, join or leave between two plans. */
export async function compareCadrePostings(db: Executor, filter: { planId: number; otherPlanId: number; regionCode: string }) {
  const region = filter.regionCode + '%';
  const { rows } = await sql<{ stayed: number; moved: number; joined: number; left: number; kept_postings: number; postings: number; other_postings: number }>`
    WITH a AS (SELECT cadre_id, array_agg(point_id ORDER BY point_id) AS points FROM plan_postings WHERE plan_id = ${filter.planId} AND region_code LIKE ${region} GROUP BY cadre_id),
         b AS (SELECT cadre_id, array_agg(point_id ORDER BY point_id) AS points FROM plan_postings WHERE plan_id = ${filter.otherPlanId} AND region_code LIKE ${region} GROUP BY cadre_id)
    SELECT count(*) FILTER (WHERE a.cadre_id IS NOT NULL AND b.cadre_id IS NOT NULL AND a.points = b.points)::int AS stayed,
           count(*) FILTER (WHERE a.cadre_id IS NOT NULL AND b.cadre_id IS NOT NULL AND a.points <> b.points)::int AS moved,
           count(*) FILTER (WHERE b.cadre_id IS NULL)::int AS joined,
           count(*) FILTER (WHERE a.cadre_id IS NULL)::int AS left,
           coalesce(sum((SELECT count(*) FROM unnest(a.points) x WHERE x = ANY(b.points))), 0)::int AS kept_postings,
           coalesce(sum(cardinality(a.points)), 0)::int AS postings,
           coalesce(sum(cardinality(b.points)), 0)::int AS other_postings
    FROM a FULL JOIN b ON a.cadre_id = b.cadre_id`.execute(db);
  return rows[0];
}

/** For counties: their points, the cadres those points need at least, and the cadres within reach (county and township units; city units shared by the city). */
export async function countCountyDemandAndSupply(db: Executor, countyCodes: string[]) {
  if (countyCodes.length === 0) return [];
  const { rows } = await sql<{ code: string; name: string; points: number; demand: number; local_cadres: number; city_cadres: number }>`
    SELECT r.code, r.name,
           (SELECT count(*) FROM points p WHERE p.region_code LIKE r.code || '%')::int AS points,
           (SELECT coalesce(sum(greatest(p.min_cadres, 1)), 0) FROM points p WHERE p.region_code LIKE r.code || '%')::int AS demand,
           (SELECT count(*) FROM cadres c JOIN org_units u ON u.id = c.unit_id WHERE c.region_code LIKE r.code || '%' AND u.level IN ('county', 'township'))::int AS local_cadres,
           (SELECT count(*) FROM cadres c JOIN org_units u ON u.id = c.unit_id WHERE c.region_code LIKE left(r.code, 4) || '%' AND u.level = 'city')::int AS city_cadres
    FROM regions r WHERE r.code = ANY(${countyCodes}::text[]) ORDER BY r.code`.execute(db);
  return rows;
}

/** Names and regions of the cadres and points a plan's broken rules mention. */
export async function findBreakSubjects(db: Executor, ids: { cadreIds: number[]; pointIds: number[] }) {
  const [cadres, points] = await Promise.all([
    ids.cadreIds.length ? db.selectFrom('cadres').select(['id', 'name', 'region_code']).where('id', 'in', ids.cadreIds).execute() : [],
    ids.pointIds.length ? db.selectFrom('points').select(['id', 'name', 'region_code']).where('id', 'in', ids.pointIds).execute() : [],
  ]);
  return { cadres: new Map(cadres.map((row) => [row.id, row])), points: new Map(points.map((row) => [row.id, row])) };
}
