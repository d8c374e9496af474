// Account management: creation in scope, optimistic locking, bulk cadre logins, the audit log,
// and rejected requests that write nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

for (const backend of testBackends()) {
  describe(`accounts on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      office = await t.login('office-130924');
    });
    after(async () => t.close());

    const countRows = async (table: 'accounts' | 'audit_log' | 'sessions') =>
      (await t.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow()).count;

    it('creates an account inside the office scope, records it in the audit log, and the new user can sign in', async () => {
      const auditBefore = await countRows('audit_log');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: office },
        payload: { username: 'sujizhen-agent2', displayName: '苏基镇代办员二', role: 'agent', regionCode: '130924100', password: 'initial-password-1' },
      });
      assert.equal(response.statusCode, 201);
      const account = response.json();
      assert.equal(account.regionName, '苏基镇');
      assert.equal(account.mustChangePassword, true);
      assert.equal(account.passwordHash, undefined);
      const entries = (await t.app.inject({ method: 'GET', url: '/api/audit?action=account.created', headers: { cookie: office } })).json();
      assert.equal(entries[0].entityId, String(account.id));
      assert.equal(entries[0].after.username, 'sujizhen-agent2');
      assert.equal(await countRows('audit_log'), auditBefore + 1);
      const cookie = await t.login('sujizhen-agent2', 'initial-password-1');
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
      assert.equal(me.mustChangePassword, true);
    });

    it('writes nothing for rejected requests: bad fields, a taken username, a forbidden role', async () => {
      const accounts = await countRows('accounts');
      const audit = await countRows('audit_log');
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: office },
        payload: { username: 'x', displayName: '', role: 'king', regionCode: '1309x', password: 'short', extra: 1 },
      });
      assert.equal(bad.statusCode, 400);
      const fields = bad.json().error.details.map((detail: { field: string }) => detail.field).sort();
      assert.deepEqual(fields, ['displayName', 'extra', 'password', 'regionCode', 'role', 'username']);
      const taken = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: office },
        payload: { username: 'OFFICE', displayName: '重名', role: 'cadre', regionCode: '130924', password: 'long-enough-password' },
      });
      assert.equal(taken.statusCode, 409);
      const admin = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: office },
        payload: { username: 'new-admin', displayName: '越权', role: 'admin', regionCode: '130924', password: 'long-enough-password' },
      });
      assert.equal(admin.statusCode, 403);
      assert.equal(await countRows('accounts'), accounts);
      assert.equal(await countRows('audit_log'), audit);
    });

    it('refuses a stale edit with a conflict instead of overwriting', async () => {
      const list = (await t.app.inject({ method: 'GET', url: '/api/accounts?q=handler-130924', headers: { cookie: office } })).json();
      const handler = list.items[0];
      const first = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${handler.id}`, headers: { cookie: office }, payload: { version: handler.version, displayName: '承办员甲' } });
      assert.equal(first.statusCode, 200);
      assert.equal(first.json().version, handler.version + 1);
      const stale = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${handler.id}`, headers: { cookie: office }, payload: { version: handler.version, displayName: '承办员乙' } });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'CONFLICT');
      const now = (await t.app.inject({ method: 'GET', url: '/api/accounts?q=handler-130924', headers: { cookie: office } })).json().items[0];
      assert.equal(now.displayName, '承办员甲');
    });

    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

    it('deactivating an account ends its sessions at once, though they had just been used, and blocks sign-in', async () => {
      const agentCookie = await t.login('agent-130924100');
      assert.equal((await me(agentCookie)).statusCode, 200);
      const agent = (await t.app.inject({ method: 'GET', url: '/api/accounts?q=agent-130924100', headers: { cookie: office } })).json().items[0];
      const response = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${agent.id}`, headers: { cookie: office }, payload: { version: agent.version, isActive: false } });
      assert.equal(response.statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: agentCookie } })).statusCode, 401);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent-130924100', password: 'dundian-demo' } });
      assert.equal(login.statusCode, 401);
    });

    it('a password reset by the office ends the sessions of the account at once, and a new name shows at once', async () => {
      const cadreCookie = await t.login('cadre-130924');
      assert.equal((await me(cadreCookie)).statusCode, 200);
      const managerCookie = await t.login('handler-130924');
      assert.notEqual((await me(managerCookie)).json().displayName, '新名字');
      const handler = (await t.app.inject({ method: 'GET', url: '/api/accounts?q=handler-130924', headers: { cookie: office } })).json().items[0];
      const renamed = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${handler.id}`, headers: { cookie: office }, payload: { version: handler.version, displayName: '新名字' } });
      assert.equal(renamed.statusCode, 200);
      assert.equal((await me(managerCookie)).json().displayName, '新名字');
      const cadre = (await t.app.inject({ method: 'GET', url: '/api/accounts?q=cadre-130924', headers: { cookie: office } })).json().items.find((item: { username: string }) => item.username === 'cadre-130924');
      const reset = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${cadre.id}`, headers: { cookie: office }, payload: { version: cadre.version, newPassword: 'a-reset-password-1' } });
      assert.equal(reset.statusCode, 200);
      assert.equal((await me(cadreCookie)).statusCode, 401);
      await t.login('cadre-130924', 'a-reset-password-1');
    });

    it('issues cadre logins in bulk with one audit entry carrying the counts, and never twice for a cadre', async () => {
      const auditBefore = await countRows('audit_log');
      const first = await t.app.inject({ method: 'POST', url: '/api/accounts/cadre-logins', headers: { cookie: office }, payload: { regionCode: '130924', limit: 5 } });
      assert.equal(first.statusCode, 200);
      const issued = first.json();
      assert.equal(issued.issued, 5);
      assert.equal(new Set(issued.logins.map((login: { username: string }) => login.username)).size, 5);
      assert.equal(await countRows('audit_log'), auditBefore + 1);
      const entry = (await t.app.inject({ method: 'GET', url: '/api/audit?action=account.cadre_logins_issued', headers: { cookie: office } })).json()[0];
      assert.equal(entry.details.issued, 5);
      const { username, initialPassword, cadreId } = issued.logins[0];
      const cookie = await t.login(username, initialPassword);
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
      assert.equal(me.cadreId, cadreId);
      const again = await t.app.inject({ method: 'POST', url: '/api/accounts/cadre-logins', headers: { cookie: office }, payload: { regionCode: '130924', cadreIds: [cadreId] } });
      assert.equal(again.json().issued, 0);
      assert.equal(again.json().skipped, 1);
    });

    it('keeps the audit log append-only in the database itself', async () => {
      await assert.rejects(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.database.db), /append-only/);
      await assert.rejects(sql`DELETE FROM audit_log`.execute(t.database.db), /append-only/);
    });
  });
}
