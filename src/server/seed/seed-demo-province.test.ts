// The seed on a real (in-memory) database: one transaction, counts, demo logins, sequences that
// continue after the generated ids, and nothing done twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../db/database.ts';
import { verifyPassword } from '../features/auth/passwords.ts';
import { prepareDatabase } from '../startup.ts';
import { withReferencesCheckedAfter } from './load-demo-province.ts';
import { demoPassword, seedDemoProvince } from './seed-demo-province.ts';

let database: Database;
let seeded: Awaited<ReturnType<typeof seedDemoProvince>>;

before(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  // The demo plan is the matching feature's concern; these tests are about the seed itself.
  seeded = (await prepareDatabase(database, { seed: 'small', withDemoPlan: false })).seeded;
});
after(async () => {
  await database.close();
});

const count = async (table: string, where = 'true') =>
  (await database.bulkTransaction((session) => session.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)))[0].n;

describe('seedDemoProvince (small)', () => {
  test('writes the generated rows, all inside 沧州市', async () => {
    assert.equal(seeded.seeded, true);
    for (const table of ['org_units', 'cadres', 'points', 'prior_postings', 'accounts']) assert.equal(await count(table), seeded.counts[table], table);
    assert.ok(seeded.counts.cadres > 10_000);
    assert.equal(await count('cadres', "region_code NOT LIKE '1309%'"), 0);
    assert.equal(await count('points', "region_code NOT LIKE '1309%'"), 0);
    assert.equal(await count('audit_log', "action = 'seed.generated'"), 1);
  });

  test('stores search keys for names', async () => {
    const [unit] = await database.bulkTransaction((session) => session.query<{ pinyin: string; initials: string }>("SELECT pinyin, initials FROM org_units WHERE name = '海兴县财政局'"));
    assert.deepEqual(unit, { pinyin: 'haixingxiancaizhengju', initials: 'hxxczj' });
  });

  test('creates every demo login with the demo password', async () => {
    const accounts = await database.bulkTransaction((session) => session.query<{ username: string; role: string; region_code: string; password_hash: string }>('SELECT username, role, region_code, password_hash FROM accounts ORDER BY id'));
    const byName = new Map(accounts.map((account) => [account.username, account]));
    for (const [username, role, region] of [
      ['admin', 'admin', '13'], ['office', 'office', '13'], ['office-1309', 'office', '1309'], ['office-130924', 'office', '130924'], ['leader-1309', 'leader', '1309'],
      ['cadre-130924', 'cadre', '130924'], ['handler-130924', 'handler', '130924'], ['agent-130924100', 'agent', '130924100'],
    ]) {
      assert.equal(byName.get(username)?.role, role, username);
      assert.equal(byName.get(username)?.region_code, region, username);
    }
    assert.equal(await verifyPassword(byName.get('agent-130924100')!.password_hash, demoPassword), true);
  });

  test('identity sequences continue after the generated ids', async () => {
    const [row] = await database.bulkTransaction((session) =>
      session.query<{ id: number }>("INSERT INTO org_units (code, name, level, region_code, category, search_name, pinyin, initials) VALUES ('TEST-1', '测试单位', 'county', '130924', 'other', '测试单位', 'ceshidanwei', 'csdw') RETURNING id"),
    );
    assert.equal(row.id, seeded.counts.org_units + 1);
  });

  test('a second run does nothing', async () => {
    const again = await seedDemoProvince(database, { size: 'small' });
    assert.equal(again.seeded, false);
    assert.equal(await count('audit_log', "action = 'seed.generated'"), 1);
  });
});

describe('seedDemoProvince (none)', () => {
  test('creates only the admin account', async () => {
    const empty = await openDatabase({ dataDir: 'memory://' });
    try {
      await prepareDatabase(empty, { seed: 'none', withDemoPlan: false });
      const rows = await empty.bulkTransaction((session) => session.query<{ username: string }>('SELECT username FROM accounts'));
      assert.deepEqual(rows, [{ username: 'admin' }]);
      const [{ n }] = await empty.bulkTransaction((session) => session.query<{ n: number }>('SELECT count(*)::int AS n FROM cadres'));
      assert.equal(n, 0);
    } finally {
      await empty.close();
    }
  });
});

describe('withReferencesCheckedAfter', () => {
  test('rejects a row whose reference is missing although the per-row checks were off', async () => {
    await assert.rejects(
      database.bulkTransaction((session) =>
        withReferencesCheckedAfter(session, () =>
          session.copyRows('prior_postings', ['cadre_id', 'point_id', 'region_code', 'programme'], '1\t999999999\t130924\tyoung_cadre\n'),
        ),
      ),
      /break foreign key/,
    );
    assert.equal(await count('prior_postings', 'point_id = 999999999'), 0);
  });
});
