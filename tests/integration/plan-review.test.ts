// Reviewing a plan through the API: county figures (coverage and 对口 rates) checked against an
// independent count, the difference from the plan published before, broken rules in words, the
// weights a new plan starts from, and the postings table's filters — each inside the caller's scope.
// Plans here are written straight into the tables (seedSolvedPlan) so that the review is tested
// without waiting for the optimizer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { findOrCreateCampaign, insertPlan } from '../../src/server/features/matching/queries.ts';
import { defaultWeights } from '../../src/server/features/matching/model/matching-input.ts';

type Db = TestApp['database']['db'];

/** A solved plan for a region whose postings pair the region's points and cadres in id order, skipping every `gap`-th point and shifting cadres by `shift`. */
async function seedSolvedPlan(db: Db, options: { regionCode: string; shift?: number; gap?: number; breaks?: unknown[] }) {
  const campaign = await findOrCreateCampaign(db);
  const { id } = await insertPlan(db, { campaignId: campaign.id, regionCode: options.regionCode, parentPlanId: null, weights: defaultWeights, createdBy: null });
  const shift = options.shift ?? 0;
  const gap = options.gap ?? 10;
  await sql`
    INSERT INTO plan_postings (plan_id, cadre_id, point_id, region_code, is_locked, is_pinned, distance_cost, need_bonus, answered_need)
    SELECT ${id}, c.id, p.id, p.region_code, false, p.rn % 7 = 0, 6, 0, CASE WHEN p.disorder_severity > 0 THEN 'disorder' END
    FROM (SELECT id, region_code, disorder_severity, row_number() OVER (ORDER BY id) AS rn FROM points WHERE region_code LIKE ${options.regionCode + '%'}) p
    JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM cadres WHERE region_code LIKE ${options.regionCode + '%'} AND NOT is_leader) c ON c.rn = p.rn + ${shift}
    WHERE p.rn % ${gap} <> 0`.execute(db);
  const measures = { cadres: 1, points: 1, postings: 1, coverage: 0.9, matchedAllNeeds: 0.5, matchedAnyNeed: 0.6, leadersMultiPoint: 1, averageDistance: 2 };
  await sql`UPDATE matching_plans SET status = 'solved', phase = 'done', progress = 1, finished_at = now(),
    measures = ${JSON.stringify(measures)}, baseline_measures = ${JSON.stringify(measures)}, breaks = ${JSON.stringify(options.breaks ?? [])}, stats = '{}' WHERE id = ${id}`.execute(db);
  return id;
}

for (const backend of testBackends()) {
  describe(`plan review on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let firstPlan: number;
    let uncoveredPoints: number[];
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      office = await t.login('office');
      const { rows } = await sql<{ id: number }>`SELECT id FROM points WHERE region_code LIKE '130924%' ORDER BY id LIMIT 3`.execute(t.database.db);
      uncoveredPoints = rows.map((row) => row.id);
      const { rows: cadre } = await sql<{ id: number }>`SELECT id FROM cadres WHERE region_code LIKE '1309%' ORDER BY id LIMIT 1`.execute(t.database.db);
      firstPlan = await seedSolvedPlan(t.database.db, {
        regionCode: '1309',
        breaks: [...uncoveredPoints.map((pointId, index) => ({ rule: 'point_uncovered', pointId, amount: index + 1 })), { rule: 'cadre_unplaced', cadreId: cadre[0].id, amount: 1 }],
      });
    });
    after(async () => t.close());

    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    it('counts coverage and 对口 per county exactly as an independent count over the same rows', async () => {
      const response = await get(`/api/plans/${firstPlan}/counties`, office);
      assert.equal(response.statusCode, 200);
      const counties = response.json() as { code: string; points: number; covered: number; tagged: number; matchedAll: number; matchedAny: number; postings: number; coverage: number }[];
      const { rows: points } = await sql<{ id: number; region_code: string; min_cadres: number; disorder_severity: number; difficulty_severity: number; poverty_severity: number }>`
        SELECT id, region_code, min_cadres, disorder_severity, difficulty_severity, poverty_severity FROM points WHERE region_code LIKE '1309%'`.execute(t.database.db);
      const { rows: postings } = await sql<{ point_id: number; category: keyof typeof defaultWeights.affinity }>`
        SELECT pp.point_id, c.category FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id WHERE pp.plan_id = ${firstPlan}`.execute(t.database.db);
      const team = new Map<number, (keyof typeof defaultWeights.affinity)[]>();
      for (const posting of postings) team.set(posting.point_id, [...(team.get(posting.point_id) ?? []), posting.category]);
      const expected = new Map<string, { points: number; covered: number; tagged: number; matchedAll: number; matchedAny: number; postings: number }>();
      for (const point of points) {
        const county = point.region_code.slice(0, 6);
        const row = expected.get(county) ?? { points: 0, covered: 0, tagged: 0, matchedAll: 0, matchedAny: 0, postings: 0 };
        const members = team.get(point.id) ?? [];
        row.points += 1;
        row.postings += members.length;
        if (members.length >= Math.max(1, point.min_cadres)) row.covered += 1;
        const needs = (['disorder', 'difficulty', 'poverty'] as const).filter((need) => point[`${need}_severity`] > 0);
        if (needs.length > 0) {
          row.tagged += 1;
          const answered = needs.filter((need) => members.some((category) => defaultWeights.affinity[category].includes(need)));
          if (answered.length === needs.length) row.matchedAll += 1;
          if (answered.length > 0) row.matchedAny += 1;
        }
        expected.set(county, row);
      }
      assert.equal(counties.length, expected.size);
      for (const county of counties) {
        const { points: count, covered, tagged, matchedAll, matchedAny, postings: postingCount } = county;
        assert.deepEqual({ points: count, covered, tagged, matchedAll, matchedAny, postings: postingCount }, expected.get(county.code), county.code);
        assert.ok(county.coverage < 1, 'every tenth point was left without a cadre');
      }
      assert.ok(counties.some((county) => county.matchedAny > county.matchedAll), 'some points have one need matched but not all');
    });

    it('shows a county office only its own county, on the map table and in the postings', async () => {
      const county = await t.login('office-130924');
      const counties = (await get(`/api/plans/${firstPlan}/counties`, county)).json() as { code: string }[];
      assert.deepEqual(counties.map((row) => row.code), ['130924']);
      const page = (await get(`/api/plans/${firstPlan}/postings?regionCode=1309&pageSize=200`, county)).json();
      assert.ok(page.total > 0);
      for (const item of page.items) assert.ok(item.regionCode.startsWith('130924'), item.regionCode);
      const breaks = (await get(`/api/plans/${firstPlan}/breaks`, county)).json();
      assert.equal(breaks.items.filter((item: { rule: string }) => item.rule === 'cadre_unplaced').length, 0, 'a cadre outside the county is not shown');
    });

    it('says per county how many points lack cadres, against the points’ demand and the cadres in reach', async () => {
      const response = await get(`/api/plans/${firstPlan}/breaks`, office);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.total, 4);
      assert.deepEqual(body.byRule, { point_uncovered: 3, cadre_unplaced: 1 });
      assert.equal(body.counties.length, 1);
      const haixing = body.counties[0];
      const { rows } = await sql<{ points: number; demand: number; local: number }>`
        SELECT count(*)::int AS points, sum(greatest(min_cadres, 1))::int AS demand,
               (SELECT count(*)::int FROM cadres c JOIN org_units u ON u.id = c.unit_id WHERE c.region_code LIKE '130924%' AND u.level IN ('county', 'township')) AS local
        FROM points WHERE region_code LIKE '130924%'`.execute(t.database.db);
      assert.deepEqual(
        { code: haixing.code, uncovered: haixing.uncoveredPoints, missing: haixing.missingCadres, points: haixing.points, demand: haixing.demand, local: haixing.localCadres },
        { code: '130924', uncovered: 3, missing: 6, points: rows[0].points, demand: rows[0].demand, local: rows[0].local },
      );
      assert.match(haixing.message, new RegExp(`^海兴县：${rows[0].points} 个联系点至少需要 ${rows[0].demand} 名干部，县乡单位可派干部(只有)? ${rows[0].local} 名`));
      assert.match(haixing.messageEn, /^海兴县: \d+ points need at least \d+ cadres/);
      const unplaced = body.items.find((item: { rule: string }) => item.rule === 'cadre_unplaced');
      assert.match(unplaced.message, /没有可安排的联系点/);
    });

    it('compares cadres who stay, move, join or leave with the plan published before', async () => {
      const none = (await get(`/api/plans/${firstPlan}/difference`, office)).json();
      assert.equal(none.previous, null);
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/plans/${firstPlan}/publish`, headers: { cookie: office } })).statusCode, 200);
      const second = await seedSolvedPlan(t.database.db, { regionCode: '1309', shift: 0, gap: 9 });
      const response = await get(`/api/plans/${second}/difference`, office);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.previous.id, firstPlan);
      const { rows } = await sql<{ cadre_id: number; point_id: number; plan_id: number }>`SELECT plan_id, cadre_id, point_id FROM plan_postings WHERE plan_id IN (${firstPlan}, ${second})`.execute(t.database.db);
      const pointsOf = (planId: number) => {
        const map = new Map<number, string>();
        for (const row of rows.filter((item) => item.plan_id === planId)) map.set(row.cadre_id, [...(map.get(row.cadre_id)?.split(',') ?? []), String(row.point_id)].sort().join(','));
        return map;
      };
      const before = pointsOf(firstPlan);
      const after = pointsOf(second);
      let stayed = 0;
      let moved = 0;
      let joined = 0;
      for (const [cadre, points] of after) {
        if (!before.has(cadre)) joined += 1;
        else if (before.get(cadre) === points) stayed += 1;
        else moved += 1;
      }
      const left = [...before.keys()].filter((cadre) => !after.has(cadre)).length;
      assert.deepEqual({ stayed: body.stayed, moved: body.moved, joined: body.joined, left: body.left }, { stayed, moved, joined, left });
      assert.ok(body.joined + body.left > 0, 'a different gap leaves some cadres out and brings others in');
      // The published plan itself compares with nothing published before it.
      assert.equal((await get(`/api/plans/${firstPlan}/difference`, office)).json().previous, null);
    });

    it('filters postings by name, answered need and pin, and gives each its region path', async () => {
      const { rows } = await sql<{ name: string }>`SELECT c.name FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id WHERE pp.plan_id = ${firstPlan} AND pp.region_code LIKE '130924%' ORDER BY c.id LIMIT 1`.execute(t.database.db);
      const byName = (await get(`/api/plans/${firstPlan}/postings?q=${encodeURIComponent(rows[0].name)}`, office)).json();
      assert.ok(byName.items.length >= 1);
      assert.ok(byName.items.every((item: { cadreName: string; pointName: string; unitName: string }) => [item.cadreName, item.pointName, item.unitName].some((text) => text.includes(rows[0].name))));
      assert.match(byName.items[0].regionPath, /^沧州市 \/ 海兴县 \/ /);
      const disorder = (await get(`/api/plans/${firstPlan}/postings?need=disorder&pageSize=200`, office)).json();
      assert.ok(disorder.total > 0 && disorder.items.every((item: { answeredNeed: string }) => item.answeredNeed === 'disorder'));
      const unanswered = (await get(`/api/plans/${firstPlan}/postings?need=none&pageSize=1`, office)).json();
      assert.equal(unanswered.total + disorder.total, (await get(`/api/plans/${firstPlan}/postings?pageSize=1`, office)).json().total);
      const pinned = (await get(`/api/plans/${firstPlan}/postings?flag=pinned&pageSize=200`, office)).json();
      assert.ok(pinned.total > 0 && pinned.items.every((item: { isPinned: boolean }) => item.isPinned));
      const bad = await get(`/api/plans/${firstPlan}/postings?need=chaos`, office);
      assert.equal(bad.statusCode, 400);
    });

    it('gives offices the weights a new plan starts from, the article’s affinity first; others are refused', async () => {
      const response = await get('/api/matching/weights', office);
      assert.equal(response.statusCode, 200);
      const weights = response.json();
      assert.deepEqual(weights.affinity.political_legal, ['disorder']);
      assert.deepEqual(weights.affinity.party_mass, ['difficulty']);
      assert.deepEqual(weights.affinity.economic, ['poverty']);
      assert.equal(weights.distance.township, defaultWeights.distance.township);
      assert.equal('violation' in weights, false);
      const plan = (await get(`/api/plans/${firstPlan}`, office)).json();
      assert.deepEqual(plan.weights.affinity, weights.affinity);
      assert.equal((await get('/api/matching/weights', await t.login('office-130924'))).statusCode, 403);
      assert.equal((await get('/api/matching/weights', await t.login('cadre-130924'))).statusCode, 403);
      assert.equal((await get(`/api/plans/${firstPlan}/counties`, await t.login('cadre-130924'))).statusCode, 404);
    });
  });
}
