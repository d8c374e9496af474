// Find and edit the rosters: filtered pages with totals, search in every script, optimistic
// locking, change history, masked phones and logged reveals.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type RawBuilder } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { upload } from '../fixtures/roster-import-setup.ts';
import { readXlsx, xlsxFile } from '../fixtures/roster-sheets.ts';
import { programmes } from '../../src/server/lib/roster-vocabulary.ts';

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

    it('pages a search with other filters in name order, and its total counts every cadre whose pinyin, initials, phone tail or code matches', async () => {
      const expected = async (match: RawBuilder<boolean>, leadersOnly: boolean) =>
        (
          await sql<{ id: number; pinyin: string }>`
            SELECT id, pinyin FROM cadres WHERE region_code LIKE '1309%' AND (is_leader OR NOT ${leadersOnly}) AND (${match}) ORDER BY pinyin, id`.execute(t.database.db)
        ).rows;
      const cases = [
        { q: 'l', leadersOnly: true, pageSize: 50, match: sql<boolean>`pinyin LIKE 'l%' OR initials LIKE 'l%' OR upper(external_id) = 'L'` },
        { q: 'zh', leadersOnly: true, pageSize: 20, match: sql<boolean>`pinyin LIKE 'zh%' OR initials LIKE 'zh%' OR upper(external_id) = 'ZH'` },
        { q: '138', leadersOnly: false, pageSize: 3, match: sql<boolean>`phone LIKE '%138' OR external_id = '138'` },
      ];
      for (const { q, leadersOnly, pageSize, match } of cases) {
        const rows = await expected(match, leadersOnly);
        assert.ok(rows.length > pageSize, `${q}: enough cadres to need two pages`);
        // Names sort by their pinyin key, letter by letter.
        assert.deepEqual(rows.map((row) => row.pinyin), rows.map((row) => row.pinyin).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        const seen: number[] = [];
        for (let page = 1; seen.length < rows.length; page++) {
          const result = (await get(office, `/api/cadres?regionCode=1309${leadersOnly ? '&isLeader=true' : ''}&q=${q}&page=${page}&pageSize=${pageSize}`)).json();
          assert.equal(result.total, rows.length, `${q}: total`);
          assert.ok(result.items.length > 0, `${q}: page ${page} is not empty`);
          seen.push(...result.items.map((item: { id: number }) => item.id));
        }
        assert.deepEqual(seen, rows.map((row) => row.id), `${q}: pages in name order, each cadre once`);
      }
      const pastTheEnd = (await get(office, '/api/cadres?regionCode=1309&isLeader=true&q=l&page=999&pageSize=20')).json();
      assert.equal(pastTheEnd.total, (await expected(cases[0].match, true)).length);
      assert.deepEqual(pastTheEnd.items, []);
    });

    it('lists points and cadres of a region in name order with exact totals', async () => {
      const points = (await sql<{ id: number }>`SELECT id FROM points WHERE region_code LIKE '130924%' AND type = 'village' ORDER BY pinyin, id`.execute(t.database.db)).rows;
      const secondPage = (await get(office, '/api/points?regionCode=130924&type=village&page=2&pageSize=20')).json();
      assert.equal(secondPage.total, points.length);
      assert.deepEqual(secondPage.items.map((item: { id: number }) => item.id), points.slice(20, 40).map((row) => row.id));
      // The list reads each point's path with its page; the detail page builds it from the region tree.
      for (const item of secondPage.items.slice(0, 3)) {
        assert.match(item.regionPath, /^沧州市 \/ 海兴县 \/ .+ \/ .+/);
        assert.equal(item.regionPath, (await get(office, `/api/points/${item.id}`)).json().regionPath);
      }
      const cadres = (await sql<{ id: number }>`
        SELECT id FROM cadres WHERE region_code LIKE '130924%' AND EXISTS (SELECT 1 FROM prior_postings pp WHERE pp.cadre_id = cadres.id) ORDER BY pinyin, id`.execute(t.database.db)).rows;
      const firstPage = (await get(office, '/api/cadres?regionCode=130924&programme=any&pageSize=20')).json();
      assert.equal(firstPage.total, cadres.length);
      assert.deepEqual(firstPage.items.map((item: { id: number }) => item.id), cadres.slice(0, 20).map((row) => row.id));
    });

    it('keeps the programme filter exact as earlier-programme postings are added, moved and removed', async () => {
      const db = t.database.db;
      const byPostings = async (programme: string) =>
        (
          await sql<{ id: number }>`
            SELECT id FROM cadres WHERE region_code LIKE '130924%' AND EXISTS (SELECT 1 FROM prior_postings pp WHERE pp.cadre_id = cadres.id AND pp.programme = ${programme})
            ORDER BY pinyin, id`.execute(db)
        ).rows.map((row) => row.id);
      const listed = async (programme: string) => {
        const page = (await get(office, `/api/cadres?regionCode=130924&programme=${programme}&pageSize=100`)).json();
        return { total: page.total as number, ids: page.items.map((item: { id: number }) => item.id) as number[] };
      };
      const check = async () => {
        for (const programme of programmes) {
          const expected = await byPostings(programme);
          assert.deepEqual(await listed(programme), { total: expected.length, ids: expected.slice(0, 100) });
        }
      };
      // The database's bits follow the vocabulary's order (programme_bit, migration 0012).
      const bits = await sql<{ bit: number }>`SELECT programme_bit(p)::int AS bit FROM unnest(${programmes as unknown as string[]}::text[]) WITH ORDINALITY AS v(p, n) ORDER BY n`.execute(db);
      assert.deepEqual(bits.rows.map((row) => row.bit), programmes.map((_, index) => 1 << index));
      await check();
      const cadre = (await sql<{ id: number }>`SELECT id FROM cadres WHERE region_code LIKE '130924%' AND programme_bits = 0 ORDER BY id LIMIT 1`.execute(db)).rows[0];
      const point = (await sql<{ id: number; region_code: string }>`SELECT id, region_code FROM points WHERE region_code LIKE '130924%' ORDER BY id LIMIT 1`.execute(db)).rows[0];
      await sql`INSERT INTO prior_postings (cadre_id, point_id, region_code, programme) VALUES (${cadre.id}, ${point.id}, ${point.region_code}, 'first_secretary')`.execute(db);
      assert.ok((await listed('first_secretary')).ids.includes(cadre.id) || (await listed('first_secretary')).total > 100);
      await check();
      await sql`UPDATE prior_postings SET programme = 'young_cadre' WHERE cadre_id = ${cadre.id}`.execute(db);
      await check();
      await sql`DELETE FROM prior_postings WHERE cadre_id = ${cadre.id}`.execute(db);
      await check();
      const after = await sql<{ programme_bits: number }>`SELECT programme_bits FROM cadres WHERE id = ${cadre.id}`.execute(db);
      assert.equal(after.rows[0].programme_bits, 0);
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

    it('filters cadres and points by assigned (a published or earlier-programme posting) or unassigned, in lists and exports', async () => {
      const db = t.database.db;
      const { rows: [free] } = await sql<{ cadre_id: number; point_id: number }>`
        SELECT (SELECT id FROM cadres c WHERE region_code LIKE '130924%' AND NOT EXISTS (SELECT 1 FROM prior_postings p WHERE p.cadre_id = c.id) AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.cadre_id = c.id) ORDER BY id LIMIT 1) AS cadre_id,
               (SELECT id FROM points t WHERE region_code LIKE '130924%' AND NOT EXISTS (SELECT 1 FROM prior_postings p WHERE p.point_id = t.id) AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.point_id = t.id) ORDER BY id LIMIT 1) AS point_id`.execute(db);
      const cadreIds = async (query: string) => new Set((await get(county, `/api/cadres?pageSize=200&${query}`)).json().items.map((item: { id: number }) => item.id));
      const freeCadre = (await get(county, `/api/cadres/${free.cadre_id}`)).json();
      const byName = `q=${encodeURIComponent(freeCadre.name)}`;
      assert.ok((await cadreIds(`${byName}&assigned=false`)).has(free.cadre_id));
      assert.ok(!(await cadreIds(`${byName}&assigned=true`)).has(free.cadre_id));
      // A published posting makes both the cadre and the point assigned.
      const { rows: [campaign] } = await sql<{ id: number }>`INSERT INTO campaigns (name, region_code) VALUES ('assigned filter test', '130924') RETURNING id`.execute(db);
      const { rows: [plan] } = await sql<{ id: number }>`INSERT INTO matching_plans (campaign_id, region_code, status, weights) VALUES (${campaign.id}, '130924', 'published', '{}') RETURNING id`.execute(db);
      await sql`INSERT INTO postings (campaign_id, plan_id, cadre_id, point_id, region_code, cadre_region_code) VALUES (${campaign.id}, ${plan.id}, ${free.cadre_id}, ${free.point_id}, '130924', '130924')`.execute(db);
      assert.ok((await cadreIds(`${byName}&assigned=true`)).has(free.cadre_id));
      assert.ok(!(await cadreIds(`${byName}&assigned=false`)).has(free.cadre_id));
      const expected = async (table: 'cadres' | 'points', column: string) =>
        (await sql<{ assigned: number; unassigned: number }>`
          SELECT count(*) FILTER (WHERE a)::int AS assigned, count(*) FILTER (WHERE NOT a)::int AS unassigned FROM (
            SELECT EXISTS (SELECT 1 FROM postings p WHERE ${sql.ref(`p.${column}`)} = r.id) OR EXISTS (SELECT 1 FROM prior_postings p WHERE ${sql.ref(`p.${column}`)} = r.id) AS a
            FROM ${sql.table(table)} r WHERE r.region_code LIKE '130924%') x`.execute(db)).rows[0];
      for (const [table, column] of [['cadres', 'cadre_id'], ['points', 'point_id']] as const) {
        const counts = await expected(table, column);
        assert.ok(counts.assigned > 0 && counts.unassigned > 0, `${table} has both kinds`);
        assert.equal((await get(county, `/api/${table}?assigned=true&pageSize=1`)).json().total, counts.assigned, `${table} assigned`);
        assert.equal((await get(county, `/api/${table}?assigned=false&pageSize=1`)).json().total, counts.unassigned, `${table} unassigned`);
        // Outside the county office's scope nothing is listed, assigned or not.
        assert.equal((await get(county, `/api/${table}?regionCode=130921&assigned=true`)).json().total, 0);
        const exported = await t.app.inject({ method: 'GET', url: `/api/exports/${table}.xlsx?assigned=true`, headers: { cookie: county } });
        assert.equal(exported.statusCode, 200);
        assert.equal((await readXlsx(exported.rawPayload)).length - 1, counts.assigned, `${table} export`);
      }
      assert.equal((await get(county, '/api/points?assigned=maybe')).statusCode, 400);
    });

    it("shows an import's changes in the record's history, newest first, with who, when, before and after", async () => {
      const { rows: [cadre] } = await sql<{ id: number; external_id: string }>`
        SELECT id, external_id FROM cadres WHERE region_code LIKE '130924%' AND external_id IS NOT NULL ORDER BY id DESC LIMIT 1`.execute(t.database.db);
      const exported = await t.app.inject({ method: 'GET', url: `/api/exports/cadres.xlsx?q=${encodeURIComponent(cadre.external_id)}`, headers: { cookie: county } });
      const rows = await readXlsx(exported.rawPayload);
      assert.equal(rows.length, 2);
      assert.equal(rows[0][4], '职务');
      const before = rows[1][4];
      rows[1][4] = before === '导入后职务' ? '导入后职务二' : '导入后职务';
      const response = await upload(t, county, 'cadres', 'history.xlsx', await xlsxFile(rows), 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().updated, 1);
      const detail = (await get(county, `/api/cadres/${cadre.id}`)).json();
      const entry = detail.history[0];
      assert.equal(entry.action, 'cadre.imported');
      assert.equal(entry.actorName, 'office-130924');
      assert.ok(Date.now() - Date.parse(entry.at) < 60_000);
      assert.deepEqual({ before: entry.before, after: entry.after, details: entry.details }, { before: { post: before }, after: { post: rows[1][4] }, details: { fileName: 'history.xlsx', rowNumber: 2 } });
      for (let index = 1; index < detail.history.length; index += 1) assert.ok(detail.history[index - 1].at >= detail.history[index].at, 'newest first');
    });

    it('starts the history of a record an import created with the values it was created with', async () => {
      const { rows: [cadre] } = await sql<{ external_id: string }>`
        SELECT external_id FROM cadres WHERE region_code LIKE '130924%' AND external_id IS NOT NULL AND home_region_code IS NOT NULL ORDER BY id LIMIT 1`.execute(t.database.db);
      const exported = await t.app.inject({ method: 'GET', url: `/api/exports/cadres.xlsx?q=${encodeURIComponent(cadre.external_id)}`, headers: { cookie: county } });
      const rows = await readXlsx(exported.rawPayload);
      const externalColumn = rows[0].indexOf('外部编号');
      const nameColumn = rows[0].indexOf('姓名');
      assert.ok(externalColumn >= 0 && nameColumn >= 0, String(rows[0]));
      const newExternalId = `NEW-${Date.now()}`;
      rows[1][externalColumn] = newExternalId;
      rows[1][nameColumn] = '司马新来';
      const response = await upload(t, county, 'cadres', 'new-cadre.xlsx', await xlsxFile(rows), 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().new, 1);
      const created = await t.database.db.selectFrom('cadres').select('id').where('external_id', '=', newExternalId).executeTakeFirstOrThrow();
      const detail = (await get(county, `/api/cadres/${created.id}`)).json();
      assert.equal(detail.history.length, 1);
      const [entry] = detail.history;
      assert.equal(entry.action, 'cadre.import_created');
      assert.deepEqual(entry.before, {});
      assert.equal(entry.after.name, '司马新来');
      assert.equal(entry.after.externalId, newExternalId);
      assert.deepEqual(entry.details, { fileName: 'new-cadre.xlsx', rowNumber: 2 });
      // What its ids and codes refer to, by name.
      const { rows: [stored] } = await sql<{ unit: string; home: string }>`
        SELECT u.name AS unit, c.home_region_code AS home FROM cadres c JOIN org_units u ON u.id = c.unit_id WHERE c.id = ${created.id}`.execute(t.database.db);
      assert.equal(entry.names.unitId.after, stored.unit);
      assert.equal(entry.names.unitId.before, undefined);
      assert.ok(stored.home);
      assert.match(entry.names.homeRegionCode.after, /^河北省 \/ .+ \/ /);
    });

    it('says what a mobile number must look like when an edit gives a wrong one', async () => {
      const cadre = (await get(county, '/api/cadres?pageSize=1')).json().items[0];
      const response = await t.app.inject({ method: 'PATCH', url: `/api/cadres/${cadre.id}`, headers: { cookie: county }, payload: { version: cadre.version, phone: '2381234567' } });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json().error.details, [{ field: 'phone', message: '手机号应为 1 开头的 11 位数字', messageEn: 'a mobile number is 11 digits starting with 1' }]);
      assert.equal(response.json().error.message, 'phone：手机号应为 1 开头的 11 位数字');
    });
  });
}
