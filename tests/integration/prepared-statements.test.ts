// Prepared statements are opt-in per query (db/prepared.ts): on PostgreSQL a marked statement is
// parsed once per connection and then reused; on PGlite the same call runs as a plain query. The
// answers are the same on both, the intake's included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { executePrepared, preparedStatementName } from '../../src/server/db/prepared.ts';
import { startsWith } from '../../src/server/db/name-search.ts';
import { inRegionSubtree } from '../../src/server/db/scope.ts';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

// One pooled connection, so that pg_prepared_statements (a per-connection view) shows every
// statement this file's requests prepared. Read when the database opens, in before().
process.env.DB_POOL_SIZE = '1';

for (const backend of testBackends()) {
  describe(`prepared statements on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let villageCode: string;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      office = await t.login('office-130924');
      villageCode = (await t.database.db.selectFrom('regions').select('code').where('code', 'like', '130924%').where('level', '=', 5).orderBy('code').executeTakeFirstOrThrow()).code;
    });
    after(async () => t.close());

    /** The named statements on the (one) pooled connection. */
    const preparedOnConnection = async () =>
      (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(t.database.db)).rows;

    it('answers a marked query with each call’s own values, again and again (past the switch to a generic plan)', async () => {
      const db = t.database.db;
      let text = '';
      for (let index = 0; index < 8; index += 1) {
        const query = sql<{ doubled: number; label: string }>`SELECT ${index}::int * 2 AS doubled, ${`label ${index}`}::text AS label`.compile(db);
        text = query.sql;
        const { rows } = await executePrepared(db, query);
        assert.deepEqual(rows, [{ doubled: index * 2, label: `label ${index}` }]);
      }
      const name = preparedStatementName(text);
      assert.ok(name, 'the text is registered under a statement name');
      const named = (await preparedOnConnection()).filter((row) => row.name === name);
      if (backend === 'postgres') assert.deepEqual(named, [{ name, statement: text }], 'parsed once on the connection, under its name');
      else assert.deepEqual(named, [], 'PGlite runs it as a plain query');
    });

    it('keeps a statement usable after the transaction that first prepared it rolled back, or failed before it could', async () => {
      const db = t.database.db;
      const rolledBack = (value: number) => sql<{ value: number }>`SELECT ${value}::int + 100 AS value`.compile(db);
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          assert.deepEqual((await executePrepared(tx, rolledBack(1))).rows, [{ value: 101 }]);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.deepEqual((await executePrepared(db, rolledBack(2))).rows, [{ value: 102 }]);

      const neverParsed = (value: number) => sql<{ value: number }>`SELECT ${value}::int + 200 AS value`.compile(db);
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await sql`SELECT 1 / 0`.execute(tx).catch(() => undefined);
          await executePrepared(tx, neverParsed(1));
        }),
        /current transaction is aborted|division by zero/,
      );
      assert.deepEqual((await executePrepared(db, neverParsed(2))).rows, [{ value: 202 }]);
    });

    it('takes in cases through the prepared session look-up, read and write with the same answers: new, repeated, refused', async () => {
      const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/appeals', headers: { cookie: office }, payload });
      const body = (overrides: object = {}) => ({ clientId: randomUUID(), channel: 'hotline', categoryCode: 'garbage', regionCode: villageCode, description: '村口垃圾没人清运', ...overrides });
      const ids: number[] = [];
      for (let index = 0; index < 8; index += 1) {
        const response = await post(body({ description: `村口垃圾没人清运（${index}）` }));
        assert.equal(response.statusCode, 201, response.body);
        ids.push(response.json().id);
      }
      const repeated = body();
      const first = await post(repeated);
      const second = await post(repeated);
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 200);
      assert.deepEqual(second.json(), { ...first.json(), isNew: false });
      const badCategory = await post(body({ categoryCode: 'nope' }));
      assert.equal(badCategory.statusCode, 400);
      assert.equal(badCategory.json().error.details[0].field, 'categoryCode');
      const badPoint = await post(body({ regionCode: undefined, pointId: 999_999_999 }));
      assert.equal(badPoint.statusCode, 400);
      assert.equal(badPoint.json().error.details[0].field, 'pointId');

      const written = [...ids, first.json().id];
      const events = await t.database.db.selectFrom('appeal_events').select('appeal_id').where('appeal_id', 'in', written).where('event', '=', 'register').execute();
      const audits = await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'appeal.submitted').where('entity_id', 'in', written.map(String)).execute();
      assert.equal(events.length, written.length);
      assert.equal(audits.length, written.length);

      if (backend === 'postgres') {
        const statements = (await preparedOnConnection()).filter((row) => row.name.startsWith('dundian_')).map((row) => row.statement);
        assert.ok(statements.some((text) => text.includes('from "sessions"')), 'the session look-up');
        assert.ok(statements.some((text) => text.includes('FROM (SELECT) AS keys')), 'the intake read');
        assert.ok(statements.some((text) => text.includes('INSERT INTO appeals (')), 'the intake write');
      }
    });

    it('runs every roster list on one generic plan per statement: the same statement for any search text or page size, never planned again', async () => {
      const db = t.database.db;
      const get = async (url: string) => {
        const response = await t.app.inject({ method: 'GET', url, headers: { cookie: office } });
        assert.equal(response.statusCode, 200, response.body);
        return response.json() as { total: number; items: { name: string }[] };
      };
      const searches = ['wang', 'li', 'zh', 'wang'];
      for (const q of searches) await get(`/api/cadres?q=${q}&pageSize=20`);
      for (const q of searches) await get(`/api/points?q=${q}&pageSize=20`);
      // A deep page runs once, planned for its values: same rows as the name order says, not kept.
      const all = await get(`/api/cadres?pageSize=100&page=1`);
      const deep = await get(`/api/cadres?pageSize=10&page=10`);
      assert.deepEqual(deep.items.map((item) => item.name), all.items.slice(90, 100).map((item) => item.name));
      if (backend !== 'postgres') return;
      // The generic-plan connections (one here: DB_POOL_SIZE = 1) hold the lists' statements.
      const statements = (
        await executePrepared(db, sql<{ statement: string; generic_plans: number; custom_plans: number }>`SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name LIKE 'dundian%'`.compile(db), { plan: 'generic' })
      ).rows;
      // The searches' statements: a list with a search prefix as a parameterized range.
      const plansOf = (table: string) => statements.filter((row) => row.statement.includes(`json_agg`) && row.statement.includes(`from "${table}"`) && row.statement.includes('~>=~ $'));
      for (const table of ['cadres', 'points']) {
        assert.equal(plansOf(table).length, 1, `one statement for four searches of ${table}`);
        assert.deepEqual({ generic: plansOf(table)[0].generic_plans, custom: plansOf(table)[0].custom_plans }, { generic: searches.length, custom: 0 }, `${table}: its generic plan every time`);
      }
      assert.ok(!statements.some((row) => /offset 90\b/.test(row.statement)), 'the deep page is not kept');
      assert.ok(statements.some((row) => /offset 0\b/.test(row.statement) && /limit 100\b/.test(row.statement)), 'the first page is');
      const mode = await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(db);
      assert.equal(mode.rows[0].plan_cache_mode, 'auto', 'every other statement keeps PostgreSQL’s own choice');
    });

    it('finds the same rows with a region subtree and a prefix as ranges as with LIKE', async () => {
      const db = t.database.db;
      const codes = (await db.selectFrom('cadres').select('region_code').distinct().execute()).map((row) => row.region_code);
      const prefixes = ['', '13', '1309', '130924', ...codes.slice(0, 3).map((code) => code.slice(0, 9)), ...codes.slice(0, 3), '139', '1399'];
      for (const prefix of prefixes) {
        const ranged = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where(inRegionSubtree('cadres.region_code', prefix)).executeTakeFirstOrThrow();
        const liked = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where('cadres.region_code', 'like', `${prefix}%`).executeTakeFirstOrThrow();
        assert.equal(ranged.n, liked.n, `region ${prefix || '(all)'}`);
      }
      assert.throws(() => inRegionSubtree('cadres.region_code', "13' OR true --"), /not a region code/);
      const pinyins = (await db.selectFrom('cadres').select(['pinyin', 'initials']).execute()).flatMap((row) => [row.pinyin.slice(0, 1), row.pinyin.slice(0, 3), row.initials.slice(0, 2)]);
      for (const prefix of [...new Set(pinyins)].slice(0, 40).concat(['z', 'zz', 'a'])) {
        for (const [column, order] of [['cadres.pinyin', 'C'], ['cadres.initials', 'pattern']] as const) {
          const ranged = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where(startsWith(column, prefix, order)).executeTakeFirstOrThrow();
          const liked = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where(sql.ref(column), 'like', `${prefix}%`).executeTakeFirstOrThrow();
          assert.equal(ranged.n, liked.n, `${column} starting with ${prefix}`);
        }
      }
      const names = (await db.selectFrom('cadres').select('search_name').limit(20).execute()).map((row) => [...row.search_name][0]);
      for (const first of new Set(names)) {
        const ranged = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where(startsWith('cadres.search_name', first, 'pattern')).executeTakeFirstOrThrow();
        const liked = await db.selectFrom('cadres').select(sql<number>`count(*)::int`.as('n')).where('cadres.search_name', 'like', `${first}%`).executeTakeFirstOrThrow();
        assert.equal(ranged.n, liked.n, `a name starting with ${first}`);
      }
    });
  });
}
