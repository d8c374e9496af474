// Sign-in, sessions, rate limiting and bad input, on every backend.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

for (const backend of testBackends()) {
  describe(`auth on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
    });
    after(async () => t.close());

    it('answers health with status ok once the database is ready', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok' });
    });

    it('signs in a demo account, sets an http-only session cookie and reports the profile', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office-130924', password: 'dundian-demo' } });
      assert.equal(response.statusCode, 200);
      const cookie = response.cookies.find((item) => item.name === 'dundian_session');
      assert.ok(cookie?.httpOnly);
      const body = response.json();
      assert.equal(body.role, 'office');
      assert.equal(body.regionCode, '130924');
      assert.equal(body.regionName, '海兴县');
      assert.ok(body.permissions.includes('accounts.manage'));
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `dundian_session=${cookie!.value}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().username, 'office-130924');
    });

    it('accepts the username case-insensitively and with stray spaces', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '  Office ', password: 'dundian-demo' } });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().username, 'office');
    });

    it('refuses a wrong password and an unknown user with the same 401', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader-1309', password: 'not-the-password' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'not-the-password' } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json().error.code, 'UNAUTHENTICATED');
      assert.equal(wrong.json().error.message, unknown.json().error.message);
      assert.equal(wrong.cookies.length, 0);
    });

    it('rate-limits repeated failures for one username, even with the right password afterwards', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent-130924100', password: 'wrong-password' } });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent-130924100', password: 'dundian-demo' } });
      assert.equal(right.statusCode, 429);
      assert.equal(right.json().error.code, 'RATE_LIMITED');
    });

    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

    it('rotates the session on login: the old token stops working at once, though it had just been used', async () => {
      const first = await t.login('handler-130924');
      assert.equal((await me(first)).statusCode, 200);
      const second = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first }, payload: { username: 'handler-130924', password: 'dundian-demo' } });
      assert.equal(second.statusCode, 200);
      const newCookie = second.cookies.find((item) => item.name === 'dundian_session')!.value;
      assert.notEqual(`dundian_session=${newCookie}`, first);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `dundian_session=${newCookie}` } })).statusCode, 200);
    });

    it('ends the session on the server at logout, at once, though it had just been used', async () => {
      const cookie = await t.login('cadre-130924');
      assert.equal((await me(cookie)).statusCode, 200);
      assert.equal((await me(cookie)).statusCode, 200);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      assert.equal(out.statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode, 401);
    });

    it('answers malformed JSON with 400 naming the body', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "admin",' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, 'BAD_REQUEST');
      assert.equal(response.json().error.details[0].field, 'body');
    });

    it('answers unknown fields and wrong types with 400 naming each field in Chinese and English', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42, password: 'x', remember: true } });
      assert.equal(response.statusCode, 400);
      const { error } = response.json();
      assert.equal(error.code, 'VALIDATION');
      const fields = error.details.map((detail: { field: string }) => detail.field).sort();
      assert.deepEqual(fields, ['remember', 'username']);
      const username = error.details.find((detail: { field: string }) => detail.field === 'username');
      assert.match(username.message, /文本/);
      assert.match(username.messageEn, /string/);
    });

    it('answers a missing field as required', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json().error.details, [{ field: 'password', message: '必填', messageEn: 'required' }]);
    });

    it('answers an oversized body with 413', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) } });
      assert.equal(response.statusCode, 413);
      assert.equal(response.json().error.code, 'PAYLOAD_TOO_LARGE');
    });

    it('changes the own password only with the current one, and ends the other sessions', async () => {
      const cookie = await t.login('leader-1309');
      const other = await t.login('leader-1309');
      assert.equal((await me(other)).statusCode, 200);
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'nope-nope', newPassword: 'a-new-password-1' } });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.details[0].field, 'currentPassword');
      const short = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'dundian-demo', newPassword: 'short' } });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().error.details[0].field, 'newPassword');
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'dundian-demo', newPassword: 'a-new-password-1' } });
      assert.equal(ok.statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: other } })).statusCode, 401);
      await t.login('leader-1309', 'a-new-password-1');
    });

    it('lets another server process over the same database refuse a logged-out session once its cached entry lapses (SESSION_CACHE_MS)', async () => {
      // A second app on the same database stands for a second server process: it learns of the
      // logout only from the database, after its own cache entry lapses.
      const other = await buildApp({ config: { ...t.app.config, sessionCacheMs: 300 }, database: t.database, logger: false });
      try {
        const cookie = await t.login('office-130924');
        const onOther = () => other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        assert.equal((await onOther()).statusCode, 200);
        assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode, 200);
        assert.equal((await me(cookie)).statusCode, 401, 'the process that logged out refuses at once');
        await new Promise((resolve) => setTimeout(resolve, 350));
        assert.equal((await onOther()).statusCode, 401, 'the other process refuses once its entry lapsed');
      } finally {
        await other.close();
      }
    });

    it('serves the OpenAPI document as JSON', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
      assert.equal(response.statusCode, 200);
      const document = response.json();
      assert.ok(document.openapi);
      assert.ok(document.paths['/api/regions/{code}/children']);
      assert.ok(document.paths['/api/auth/login']);
    });

    it('answers an unknown API path with 404 in the error shape', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'NOT_FOUND');
    });
  });
}
