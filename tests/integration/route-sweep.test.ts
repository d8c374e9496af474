// Every route the OpenAPI document lists: none answers without a session (but the few public ones),
// and every list a 海兴县 office reads holds only records of 海兴县. New routes are swept automatically.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { publicApiRoutes } from '../../src/server/app.ts';

// The routes the app lets through without a session (health, sign-in, the resident's pages), as OpenAPI paths.
const publicRoutes = new Set([...publicApiRoutes].map((route) => route.replace(/:(\w+)/g, '{$1}')));

interface Route {
  method: string;
  path: string;
}

/** Every regionCode anywhere in a JSON answer. */
function regionCodes(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) regionCodes(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'regionCode' && typeof item === 'string') found.push(item);
      else regionCodes(item, found);
    }
  }
  return found;
}

for (const backend of testBackends()) {
  describe(`every route on ${backend}`, () => {
    let t: TestApp;
    let routes: Route[] = [];
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
      routes = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((method) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
    });
    after(async () => t.close());

    it('lists the API in the OpenAPI document', () => {
      assert.ok(routes.length >= 20, `${routes.length} routes`);
      for (const expected of ['GET /api/regions/{code}/children', 'POST /api/imports/{kind}', 'GET /api/plans', 'GET /api/cadres']) {
        assert.ok(routes.some((route) => `${route.method} ${route.path}` === expected), expected);
      }
    });

    it('answers 401 on every non-public route without a session, and writes nothing', async () => {
      const before = (await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count;
      for (const route of routes) {
        if (publicRoutes.has(`${route.method} ${route.path}`) || !route.path.startsWith('/api/')) continue;
        const url = route.path.replace(/\{[^}]+\}/g, (name) => (name === '{kind}' ? 'cadres' : name === '{code}' ? '13' : '1'));
        const response = await t.app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
        assert.equal(response.statusCode, 401, `${route.method} ${url}: ${response.body.slice(0, 200)}`);
      }
      const afterCount = (await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count;
      assert.equal(Number(afterCount), Number(before));
    });

    it('keeps every list a 海兴县 office reads inside 海兴县', async () => {
      const cookie = await t.login('office-130924');
      let checked = 0;
      for (const route of routes) {
        if (route.method !== 'GET' || route.path.includes('{') || !route.path.startsWith('/api/') || route.path.endsWith('.xlsx')) continue;
        const response = await t.app.inject({ method: 'GET', url: route.path, headers: { cookie } });
        if (response.statusCode !== 200 || !String(response.headers['content-type'] ?? '').includes('json')) continue;
        const codes = regionCodes(response.json());
        checked += codes.length;
        // Forms are the one list that also shows regions above 海兴县: a 沧州 form applies in 海兴县 too.
        const isAbove = (code: string) => route.path === '/api/questionnaires' && '130924'.startsWith(code);
        for (const code of codes) assert.ok(code.startsWith('130924') || isAbove(code), `${route.path} shows ${code}`);
      }
      assert.ok(checked > 0, 'some list carried region codes');
    });
  });
}
