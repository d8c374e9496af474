// Region scope for every role on every route: in-scope reads work, a named record outside the
// scope answers 404, and lists simply do not contain it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

interface Case {
  username: string;
  inside: string;
  outside: string;
  mayManageAccounts: boolean;
}

const cases: Case[] = [
  { username: 'admin', inside: '130924', outside: '11', mayManageAccounts: true },
  { username: 'office', inside: '1309', outside: '11', mayManageAccounts: true },
  { username: 'office-130924', inside: '130924100', outside: '130921', mayManageAccounts: true },
  { username: 'leader-1309', inside: '130924', outside: '1301', mayManageAccounts: false },
  { username: 'cadre-130924', inside: '130924', outside: '1309', mayManageAccounts: false },
  { username: 'handler-130924', inside: '130924100', outside: '130921', mayManageAccounts: false },
  { username: 'agent-130924100', inside: '130924100', outside: '130924101', mayManageAccounts: false },
];

for (const backend of testBackends()) {
  describe(`region scope on ${backend}`, () => {
    let t: TestApp;
    const cookies = new Map<string, string>();
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      for (const item of cases) cookies.set(item.username, await t.login(item.username));
    });
    after(async () => t.close());

    const get = (username: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username)! } });

    it('refuses every protected route without a session', async () => {
      for (const url of ['/api/auth/me', '/api/regions/13', '/api/regions/13/children', '/api/regions/13/ancestors', '/api/regions/search?q=hx', '/api/accounts', '/api/audit']) {
        const response = await t.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 401, url);
      }
      const create = await t.app.inject({ method: 'POST', url: '/api/accounts', payload: {} });
      assert.equal(create.statusCode, 401);
    });

    for (const item of cases) {
      it(`lets ${item.username} read regions inside its scope and answers 404 outside it`, async () => {
        for (const suffix of ['', '/children', '/ancestors']) {
          assert.equal((await get(item.username, `/api/regions/${item.inside}${suffix}`)).statusCode, 200, `${item.inside}${suffix}`);
          const outside = await get(item.username, `/api/regions/${item.outside}${suffix}`);
          assert.equal(outside.statusCode, 404, `${item.outside}${suffix}`);
          assert.equal(outside.json().error.code, 'NOT_FOUND');
        }
      });

      it(`keeps search results of ${item.username} inside its scope`, async () => {
        const me = (await get(item.username, '/api/auth/me')).json();
        const response = await get(item.username, `/api/regions/search?q=${encodeURIComponent('村')}&limit=50`);
        assert.equal(response.statusCode, 200);
        const results = response.json() as { code: string }[];
        assert.ok(results.length > 0);
        for (const result of results) assert.ok(result.code.startsWith(me.regionCode), result.code);
      });

      it(`${item.mayManageAccounts ? 'lists only in-scope accounts for' : 'forbids account and audit screens to'} ${item.username}`, async () => {
        const accounts = await get(item.username, '/api/accounts?pageSize=200');
        const audit = await get(item.username, '/api/audit?limit=200');
        if (!item.mayManageAccounts) {
          assert.equal(accounts.statusCode, 403);
          assert.equal(audit.statusCode, 403);
          return;
        }
        assert.equal(accounts.statusCode, 200);
        const me = (await get(item.username, '/api/auth/me')).json();
        const { items, total } = accounts.json();
        assert.ok(total >= 1);
        for (const account of items) assert.ok(account.regionCode.startsWith(me.regionCode), account.username);
        assert.equal(audit.statusCode, 200);
        for (const entry of audit.json()) assert.ok(entry.regionCode.startsWith(me.regionCode), entry.action);
      });
    }

    it('shows the 海兴县 office only 海兴县 accounts, and 404 for an account above it', async () => {
      const list = (await get('office-130924', '/api/accounts?pageSize=200')).json();
      const names = list.items.map((account: { username: string }) => account.username);
      assert.ok(names.includes('office-130924'));
      assert.ok(!names.includes('office'));
      assert.ok(!names.includes('leader-1309'));
      const province = (await get('office', '/api/accounts?q=office&pageSize=200')).json().items.find((account: { username: string }) => account.username === 'office');
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/accounts/${province.id}`,
        headers: { cookie: cookies.get('office-130924')! },
        payload: { version: province.version, displayName: 'hijack' },
      });
      assert.equal(patch.statusCode, 404);
      const issue = await t.app.inject({
        method: 'POST',
        url: '/api/accounts/cadre-logins',
        headers: { cookie: cookies.get('office-130924')! },
        payload: { regionCode: '130921' },
      });
      assert.equal(issue.statusCode, 404);
      const create = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: cookies.get('office-130924')! },
        payload: { username: 'outsider', displayName: '外县', role: 'cadre', regionCode: '130921', password: 'long-enough-password' },
      });
      assert.equal(create.statusCode, 400);
      assert.equal(create.json().error.details[0].field, 'regionCode');
    });

    it('lists the children of 沧州市 with real names and counts for the province office', async () => {
      const response = await get('office', '/api/regions/1309/children');
      assert.equal(response.statusCode, 200);
      const children = response.json() as { code: string; name: string; cadres: number; points: number; regionCode: string }[];
      const haixing = children.find((child) => child.code === '130924');
      assert.ok(haixing);
      assert.equal(haixing.name, '海兴县');
      assert.equal(haixing.regionCode, '130924');
      assert.ok(haixing.cadres > 0);
      assert.ok(haixing.points > 0);
      const sum = children.reduce((total, child) => total + child.points, 0);
      const city = (await get('office', '/api/regions/1309')).json();
      assert.equal(sum, city.points);
    });

    it('answers an unknown region code with 404 and a malformed one with 400', async () => {
      assert.equal((await get('office', '/api/regions/139999/children')).statusCode, 404);
      const malformed = await get('office', '/api/regions/abc/children');
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.details[0].field, 'code');
    });

    it('finds regions by Simplified or Traditional name, pinyin and initials', async () => {
      for (const q of ['海兴', '海興', 'haixing', 'hxx', '姜庄村']) {
        const results = (await get('office', `/api/regions/search?q=${encodeURIComponent(q)}`)).json() as { code: string; path: string }[];
        assert.ok(
          results.some((result) => result.code === '130924' || result.code === '130924100205'),
          `${q}: ${JSON.stringify(results.slice(0, 3))}`,
        );
      }
      const jiangzhuang = (await get('office', `/api/regions/search?q=${encodeURIComponent('姜庄村')}`)).json() as { code: string; path: string }[];
      assert.ok(jiangzhuang.some((result) => result.path === '河北省 / 沧州市 / 海兴县 / 苏基镇 / 姜庄村村民委员会'));
    });
  });
}
