// The planning workflow: run a plan as a background job, review it, explain a posting, pin,
// run again from the previous plan, publish, and see "my points" as a cadre.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { loadMatchingInput, mergeWeights } from '../../src/server/features/matching/load-matching-input.ts';
import { findOrCreateCampaign } from '../../src/server/features/matching/queries.ts';
import { runMatching } from '../../src/server/features/matching/model/run-matching.ts';
import { readMatchingResult } from '../../src/server/features/matching/model/read-matching-result.ts';

for (const backend of testBackends()) {
  describe(`matching workflow on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let planId: number;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      office = await t.login('office');
    });
    after(async () => t.close());

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, payload });

    it('queues a plan for 沧州市, runs it in the background and reports a certified optimum with its measures', async () => {
      const created = await call('POST', '/api/plans', office, { regionCode: '1309' });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().status, 'queued');
      planId = created.json().id;
      await t.app.jobs!.idle();
      const plan = (await call('GET', `/api/plans/${planId}`, office)).json();
      assert.equal(plan.status, 'solved', plan.error);
      assert.equal(plan.stats.certified, true);
      assert.ok(plan.measures.coverage > 0.95, `coverage ${plan.measures.coverage}`);
      assert.ok(plan.measures.leadersMultiPoint > 0.9);
      assert.ok(plan.baselineMeasures.postings > 0);
      assert.ok(plan.counties.some((county: { code: string }) => county.code === '130924'));
      const { rows } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM plan_postings WHERE plan_id = ${planId}`.execute(t.database.db);
      assert.equal(rows[0].count, plan.measures.postings);
    });

    it('keeps every hard rule in the stored postings', async () => {
      const { rows: homes } = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id
        WHERE pp.plan_id = ${planId} AND c.home_region_code IS NOT NULL AND pp.region_code LIKE c.home_region_code || '%'`.execute(t.database.db);
      assert.equal(homes[0].count, 0, 'nobody at their home village');
      const { rows: ordinary } = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM (SELECT pp.cadre_id FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id
        WHERE pp.plan_id = ${planId} AND NOT c.is_leader GROUP BY pp.cadre_id HAVING count(*) <> 1) x`.execute(t.database.db);
      assert.equal(ordinary[0].count, 0, 'every ordinary cadre at exactly one point');
      const { rows: leaders } = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM (SELECT pp.cadre_id FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id
        WHERE pp.plan_id = ${planId} AND c.is_leader GROUP BY pp.cadre_id
        HAVING count(*) > 4 OR count(DISTINCT left(pp.region_code, 9)) <> count(*)
          OR count(*) < LEAST(2, (SELECT count(DISTINCT left(p.region_code, 9)) FROM points p WHERE p.region_code LIKE max(c.region_code) || '%'))) x`.execute(t.database.db);
      assert.equal(leaders[0].count, 0, 'leaders at 2–4 points (fewer only where their reach has fewer townships), one per township');
      const { rows: reach } = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM plan_postings pp JOIN cadres c ON c.id = pp.cadre_id JOIN org_units u ON u.id = c.unit_id
        WHERE pp.plan_id = ${planId} AND NOT pp.is_locked AND pp.region_code NOT LIKE (CASE u.level WHEN 'township' THEN left(c.region_code, 6) ELSE c.region_code END) || '%'`.execute(t.database.db);
      assert.equal(reach[0].count, 0, 'every posting inside the jurisdiction');
    });

    it('explains a posting with its cost parts and the next-best places', async () => {
      const posting = (await call('GET', `/api/plans/${planId}/postings?regionCode=130924&pageSize=1`, office)).json().items[0];
      const why = await call('GET', `/api/plans/${planId}/explain?cadreId=${posting.cadreId}&pointId=${posting.pointId}`, office);
      assert.equal(why.statusCode, 200);
      const body = why.json();
      assert.deepEqual(body.parts.slice(0, 3).map((part: { name: string }) => part.name), ['distance', 'need', 'balance']);
      assert.ok(body.alternatives.length > 0);
      // At the optimum no alternative is cheaper than staying: reduced costs are never negative.
      for (const alternative of body.alternatives) assert.ok(alternative.reducedCost >= -1e-6, String(alternative.reducedCost));
    });

    it('refuses a pin that breaks the jurisdiction rule, accepts a valid one, and the next run keeps it', async () => {
      const posting = (await call('GET', `/api/plans/${planId}/postings?regionCode=130924&pageSize=50`, office)).json().items.find((item: { isLeader: boolean; isLocked: boolean }) => !item.isLeader && !item.isLocked);
      const why = (await call('GET', `/api/plans/${planId}/explain?cadreId=${posting.cadreId}&pointId=${posting.pointId}`, office)).json();
      const target = why.alternatives[0].pointId;
      const { rows } = await sql<{ id: number }>`SELECT p.id FROM points p WHERE p.region_code LIKE '130921%' ORDER BY p.id LIMIT 1`.execute(t.database.db);
      const { rows: level } = await sql<{ level: string }>`SELECT u.level FROM cadres c JOIN org_units u ON u.id = c.unit_id WHERE c.id = ${posting.cadreId}`.execute(t.database.db);
      if (level[0].level !== 'city') {
        const outside = await call('POST', `/api/plans/${planId}/rules`, office, { kind: 'pin', cadreId: posting.cadreId, pointId: rows[0].id });
        assert.equal(outside.statusCode, 400);
      }
      const pin = await call('POST', `/api/plans/${planId}/rules`, office, { kind: 'pin', cadreId: posting.cadreId, pointId: target });
      assert.equal(pin.statusCode, 200);
      assert.equal(pin.json().rules.length, 1);
      const rerun = await call('POST', '/api/plans', office, { regionCode: '1309', parentPlanId: planId });
      assert.equal(rerun.statusCode, 201);
      await t.app.jobs!.idle();
      const second = (await call('GET', `/api/plans/${rerun.json().id}`, office)).json();
      assert.equal(second.status, 'solved');
      assert.ok(second.difference.added >= 1);
      const pinned = (await call('GET', `/api/plans/${second.id}/postings?cadreId=${posting.cadreId}`, office)).json().items;
      assert.ok(pinned.some((item: { pointId: number; isPinned: boolean }) => item.pointId === target && item.isPinned));
      planId = second.id;
    });

    it('publishes a plan once; then every cadre sees "my points" with the team', async () => {
      const published = await call('POST', `/api/plans/${planId}/publish`, office);
      assert.equal(published.statusCode, 200);
      assert.equal(published.json().status, 'published');
      const again = await call('POST', `/api/plans/${planId}/publish`, office);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'INVALID_TRANSITION');
      const cadre = await t.login('cadre-130924');
      const mine = await call('GET', '/api/me/points', cadre);
      assert.equal(mine.statusCode, 200);
      const points = mine.json();
      assert.ok(points.length >= 1);
      assert.ok(points[0].team.some((member: { isMe: boolean }) => member.isMe));
      assert.match(points[0].regionPath, /海兴县/);
    });

    /** Runs a re-plan of 沧州市 and checks it against a cold solve of the same input; returns the plan. */
    const replanAndCompare = async () => {
      const created = await call('POST', '/api/plans', office, { regionCode: '1309' });
      assert.equal(created.statusCode, 201);
      await t.app.jobs!.idle();
      const plan = (await call('GET', `/api/plans/${created.json().id}`, office)).json();
      assert.equal(plan.status, 'solved', plan.error);
      assert.equal(plan.stats.warmStart, true);
      assert.equal(plan.stats.certified, true);
      const campaign = await findOrCreateCampaign(t.database.db);
      const input = await loadMatchingInput(t.database.db, { campaignId: campaign.id, regionCode: '1309', weights: mergeWeights(plan.weights) });
      const cold = await runMatching(input);
      assert.equal(cold.warm, false);
      const coldResult = readMatchingResult(cold.network, cold.solution);
      assert.equal(plan.stats.cost, coldResult.cost);
      assert.equal(plan.stats.violationCost, coldResult.violationCost);
      assert.ok(plan.stats.steps * 10 < cold.steps, `warm ${plan.stats.steps} steps, cold ${cold.steps} pivots`);
      return plan;
    };

    it('re-plans warm from the published plan, in its plan session, and reaches the optimum a cold solve of the same input finds', async () => {
      // Publishing prepared the region's plan session: nothing changed since, so nothing moves.
      const plan = await replanAndCompare();
      assert.equal(plan.stats.inPlace, true);
      assert.equal(plan.stats.steps, 0);
    });

    it('applies cadres leaving and joining to the plan session in place, to the same optimum as a cold solve', async () => {
      const db = t.database.db;
      // Two cadres (without postings from earlier programmes) move to a unit outside 沧州市; three new cadres join units inside it.
      const { rows: elsewhere } = await sql<{ id: number; region_code: string }>`
        INSERT INTO org_units (code, name, level, region_code, category, search_name, pinyin, initials)
        SELECT 'test-130102', '长安区测试局', 'county', code, 'economic', '长安区测试局', 'changanquceshiju', 'caqcsj' FROM regions WHERE code = '130102'
        RETURNING id, region_code`.execute(db);
      assert.equal(elsewhere.length, 1);
      await sql`UPDATE cadres SET unit_id = ${elsewhere[0].id}, region_code = ${elsewhere[0].region_code}
        WHERE id IN (SELECT id FROM cadres WHERE region_code LIKE '1309%' AND NOT is_leader AND id NOT IN (SELECT cadre_id FROM prior_postings) ORDER BY id LIMIT 2)`.execute(db);
      await sql`INSERT INTO cadres (name, gender, birth_year, unit_id, region_code, post, rank, is_leader, category, search_name, pinyin, initials)
        SELECT name || '新', gender, birth_year, unit_id, region_code, post, rank, false, category, search_name, pinyin, initials
        FROM cadres WHERE region_code LIKE '1309%' AND NOT is_leader ORDER BY id DESC LIMIT 3`.execute(db);
      const plan = await replanAndCompare();
      assert.equal(plan.stats.inPlace, true, plan.stats.rebuiltBecause);
      assert.equal(plan.measures.cadres, (await sql<{ count: number }>`SELECT count(*)::int AS count FROM cadres WHERE region_code LIKE '1309%'`.execute(db)).rows[0].count);
    });

    it('lets only offices plan, and only inside their scope', async () => {
      const county = await t.login('office-130924');
      assert.equal((await call('POST', '/api/plans', county, { regionCode: '1309' })).statusCode, 403);
      const bad = await call('POST', '/api/plans', county, { regionCode: '130924' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'regionCode');
      const cadre = await t.login('cadre-130924');
      assert.equal((await call('GET', '/api/plans', cadre)).statusCode, 403);
      assert.equal((await call('GET', `/api/plans/${planId}`, cadre)).statusCode, 404);
      const leader = await t.login('leader-1309');
      assert.equal((await call('GET', `/api/plans/${planId}`, leader)).statusCode, 200);
    });
  });
}
