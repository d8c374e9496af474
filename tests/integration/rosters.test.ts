// Find and edit the rosters: filtered pages with totals, search in every script, optimistic
// locking, change history, masked phones and logged reveals.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

for (const backend of testBackends()) {
  describe(`rosters on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let county: string;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      office = await t.login('office');
      county = await t.login('office-130924');
    });
    after(async () => t.close());

    const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    it('pages cadres with a total that matches the database', async () => {
      const page = (await get(office, '/api/cadres?regionCode=130924&pageSize=50')).json();
      const count = await sql<{ count: number }>`SELECT count(*)::int AS count FROM cadres WHERE region_code LIKE '130924%'`.execute(t.database.db);
      assert.equal(page.total, count.rows[0].count);
      assert.equal(page.items.length, Math.min(50, page.total));
      for (const cadre of page.items) assert.ok(cadre.regionCode.startsWith('130924'));
    });

    it('masks phones in lists and details', async () => {
      const page = (await get(county, '/api/cadres?pageSize=20')).json();
      for (const cadre of page.items) if (cadre.phone) assert.match(cadre.phone, /^1\d\d\*{4}\d{4}$/);
      const detail = (await get(county, `/api/cadres/${page.items[0].id}`)).json();
      if (detail.phone) assert.match(detail.phone, /\*{4}/);
    });

    it('finds a cadre by Simplified and Traditional name, pinyin, initials and phone tail', async () => {
      const { rows } = await sql<{ id: number; name: string; pinyin: string; initials: string; phone: string }>`
        SELECT id, name, pinyin, initials, phone FROM cadres WHERE region_code LIKE '130924%' AND phone IS NOT NULL AND length(name) >= 2 ORDER BY id LIMIT 1`.execute(t.database.db);
      const cadre = rows[0];
      for (const q of [cadre.name, cadre.pinyin, cadre.initials, cadre.phone.slice(-6)]) {
        const result = (await get(county, `/api/cadres?q=${encodeURIComponent(q)}&pageSize=200`)).json();
        assert.ok(result.items.some((item: { id: number }) => item.id === cadre.id), `search ${q} finds ${cadre.name}`);
      }
      const full = ['１', '３', '８'].join('');
      assert.equal((await get(county, `/api/cadres?q=${encodeURIComponent(full)}`)).statusCode, 200);
    });

    it('finds a Traditional-character query by its Simplified name', async () => {
      const result = (await get(office, `/api/points?q=${encodeURIComponent('薑莊村')}`)).json();
      const simplified = (await get(office, `/api/points?q=${encodeURIComponent('姜庄村')}`)).json();
      assert.ok(simplified.total >= 1);
      assert.deepEqual(
        result.items.map((item: { id: number }) => item.id),
        simplified.items.map((item: { id: number }) => item.id),
      );
    });

    it('filters points by type and need tag, and units by level and category', async () => {
      const poverty = (await get(office, '/api/points?regionCode=1309&need=poverty&minSeverity=2&pageSize=100')).json();
      for (const point of poverty.items) assert.ok(point.needs.poverty >= 2);
      const communities = (await get(office, '/api/points?regionCode=1309&type=community&pageSize=100')).json();
      for (const point of communities.items) assert.equal(point.type, 'community');
      const units = (await get(office, '/api/units?regionCode=130924&level=county&category=economic&pageSize=100')).json();
      assert.ok(units.total > 0);
      for (const unit of units.items) {
        assert.equal(unit.level, 'county');
        assert.equal(unit.category, 'economic');
      }
      const leaders = (await get(office, '/api/cadres?regionCode=1309&isLeader=true&pageSize=100')).json();
      for (const cadre of leaders.items) assert.equal(cadre.isLeader, true);
    });

    it('keeps other counties out of the county office lists and answers 404 for their records', async () => {
      const outside = (await get(office, '/api/cadres?regionCode=130921&pageSize=1')).json().items[0];
      const list = (await get(county, '/api/cadres?regionCode=130921')).json();
      assert.equal(list.total, 0);
      assert.equal((await get(county, `/api/cadres/${outside.id}`)).statusCode, 404);
      const point = (await get(office, '/api/points?regionCode=130921&pageSize=1')).json().items[0];
      assert.equal((await get(county, `/api/points/${point.id}`)).statusCode, 404);
    });

    it('refuses a stale cadre edit and keeps the change history', async () => {
      const cadre = (await get(county, '/api/cadres?pageSize=1')).json().items[0];
      const post = cadre.post === '副局长' ? '副科长' : '副局长';
      const edit = await t.app.inject({ method: 'PATCH', url: `/api/cadres/${cadre.id}`, headers: { cookie: county }, payload: { version: cadre.version, post, skills: ['法律', '调解'] } });
      assert.equal(edit.statusCode, 200);
      const stale = await t.app.inject({ method: 'PATCH', url: `/api/cadres/${cadre.id}`, headers: { cookie: county }, payload: { version: cadre.version, post: '科员' } });
      assert.equal(stale.statusCode, 409);
      const detail = (await get(county, `/api/cadres/${cadre.id}`)).json();
      assert.equal(detail.post, post);
      assert.equal(detail.history[0].action, 'cadre.updated');
      assert.equal(detail.history[0].after.post, post);
      assert.deepEqual(detail.history[0].after.skills, ['法律', '调解']);
    });

    it('refuses a point edit with fewer maximum than minimum cadres, and records a valid one', async () => {
      const point = (await get(county, '/api/points?pageSize=1')).json().items[0];
      const bad = await t.app.inject({ method: 'PATCH', url: `/api/points/${point.id}`, headers: { cookie: county }, payload: { version: point.version, minCadres: 3, maxCadres: 2 } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'maxCadres');
      const ok = await t.app.inject({ method: 'PATCH', url: `/api/points/${point.id}`, headers: { cookie: county }, payload: { version: point.version, needs: { disorder: 0, difficulty: 2, poverty: 3 } } });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json().needs, { disorder: 0, difficulty: 2, poverty: 3 });
      assert.equal(ok.json().history[0].action, 'point.updated');
    });

    it('reveals a phone only with a reason, and logs every reveal', async () => {
      const { rows } = await sql<{ id: number; phone: string }>`SELECT id, phone FROM cadres WHERE region_code LIKE '130924%' AND phone IS NOT NULL ORDER BY id LIMIT 1`.execute(t.database.db);
      const noReason = await t.app.inject({ method: 'POST', url: `/api/cadres/${rows[0].id}/reveal-phone`, headers: { cookie: county }, payload: {} });
      assert.equal(noReason.statusCode, 400);
      const revealed = await t.app.inject({ method: 'POST', url: `/api/cadres/${rows[0].id}/reveal-phone`, headers: { cookie: county }, payload: { reason: '联系安排蹲点报到' } });
      assert.equal(revealed.statusCode, 200);
      assert.equal(revealed.json().phone, rows[0].phone);
      const log = await sql<{ reason: string; actor_name: string }>`SELECT reason, actor_name FROM personal_data_reveals WHERE entity_id = ${String(rows[0].id)}`.execute(t.database.db);
      assert.deepEqual(log.rows, [{ reason: '联系安排蹲点报到', actor_name: 'office-130924' }]);
      const cadreCookie = await t.login('cadre-130924');
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/cadres/${rows[0].id}/reveal-phone`, headers: { cookie: cadreCookie }, payload: { reason: '想看看号码' } })).statusCode, 403);
    });

    it('passes a unit category change on to cadres whose category was not overridden', async () => {
      const unit = (await get(county, '/api/units?level=county&category=economic&pageSize=1')).json().items[0];
      const response = await t.app.inject({ method: 'PATCH', url: `/api/units/${unit.id}`, headers: { cookie: county }, payload: { version: unit.version, category: 'agriculture' } });
      assert.equal(response.statusCode, 200);
      const { rows } = await sql<{ category: string; count: number }>`SELECT category, count(*)::int AS count FROM cadres WHERE unit_id = ${unit.id} AND NOT is_category_overridden GROUP BY category`.execute(t.database.db);
      for (const row of rows) assert.equal(row.category, 'agriculture');
    });
  });
}
