// The cadre's phone app at /m/ works with the connection cut and syncs each record exactly once.
// In Chromium on a 390×844 phone viewport, cadre-130924 signs in and opens the point. Then:
// 1. every request is failed at the browser's network layer (context.route aborts them all, which in
//    Chromium covers the service worker's own fetches too — the test proves it — and the offline
//    flag so the page sees navigator.onLine false), 20 visits and an appeal are recorded, the page is
//    reloaded (the app comes from the service worker's cache, the records from IndexedDB), the
//    connection comes back, and the server holds exactly those 21 records, once each;
// 2. the same again, but the sync is cut short by killing the server process (SIGKILL) while it is
//    working on the batch; after a restart on the same data folder the phone sends the batch again
//    and the server still holds every record once.
// The last check reads the server's database itself: every client id of both rounds, once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoPassword, ensureMobileBuild, findChromium, launchBrowser, screenshot, startRestartableServer, type RestartableServer } from './harness.ts';
import { cutConnection, readOutbox, restoreConnection, signInOnPhone, waitForPending } from './phone.ts';

const found = findChromium();
const outcomes = ['received', 'nobody_home', 'refused'] as const;

interface Coverage {
  byOutcome: Record<(typeof outcomes)[number], number>;
}

/** Records one visit through the form, from the point's household list, and waits to be back on the list. */
async function recordVisit(page: Page, householdClientId: string, outcome: (typeof outcomes)[number], notes: string): Promise<void> {
  await page.locator(`[data-testid=household][data-client-id="${householdClientId}"]`).getByTestId('visit-household').click();
  const form = page.getByTestId('visit-form');
  await form.waitFor();
  await page.getByTestId('visit-outcome').locator(`[data-value=${outcome}]`).click();
  await page.getByTestId('visit-notes').fill(notes);
  await page.getByTestId('visit-save').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('household').first().waitFor();
}

/** Records an appeal at the point through its form. */
async function recordAppeal(page: Page, description: string): Promise<void> {
  await page.getByTestId('record-appeal').click();
  await page.getByTestId('appeal-form').waitFor();
  await page.getByTestId('appeal-category').selectOption({ index: 1 });
  await page.getByTestId('appeal-description').fill(description);
  await page.getByTestId('appeal-phone').fill('13800005678');
  await page.getByTestId('appeal-save').click();
  await page.getByTestId('appeal-form').waitFor({ state: 'detached' });
  await page.getByTestId('household').first().waitFor();
}

/** Shows every household of the point (not only those due this week). */
async function showAllHouseholds(page: Page): Promise<string[]> {
  await page.getByTestId('household-filter').locator('[data-value=all]').click();
  await page.getByTestId('household').first().waitFor();
  return page.getByTestId('household').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.clientId!));
}

/** Records 20 visits (outcomes in turn, households in turn) and one appeal; returns how many of each outcome. */
async function recordRound(page: Page, households: string[], marker: string): Promise<Coverage['byOutcome']> {
  const counts = { received: 0, nobody_home: 0, refused: 0 };
  for (let index = 0; index < 20; index += 1) {
    const outcome = outcomes[index % outcomes.length];
    counts[outcome] += 1;
    await recordVisit(page, households[index % households.length], outcome, `${marker} 第${index + 1}次走访`);
  }
  await recordAppeal(page, `${marker} 村口路灯坏了两个月，晚上出行不便`);
  return counts;
}

if ('missing' in found) {
  test('the phone app offline in a browser', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('the phone app records offline and syncs each record exactly once', { timeout: 1_800_000 }, () => {
    let server: RestartableServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let office: APIRequestContext;
    let pointId: number;
    let households: string[];
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const clientIds: string[] = [];
    /** How long the server took over round 1's batch of 21 records. */
    let batchMs: number | undefined;
    const markers: string[] = [];

    /** Visits at the point today by outcome, as the server counts them. */
    async function coverageToday(): Promise<Coverage['byOutcome']> {
      const response = await office.get(`/api/field/points/${pointId}/coverage?from=${today}&to=${today}`);
      assert.equal(response.status(), 200, await response.text());
      return ((await response.json()) as Coverage).byOutcome;
    }

    /** How many visits the server has stored at the point today beyond `before`. */
    async function visitsSince(before: Coverage['byOutcome']): Promise<number> {
      const now = await coverageToday();
      return outcomes.reduce((sum, outcome) => sum + now[outcome] - before[outcome], 0);
    }

    async function appealsMatching(text: string): Promise<number> {
      const response = await office.get(`/api/appeals?q=${encodeURIComponent(text)}&pageSize=50`);
      assert.equal(response.status(), 200, await response.text());
      return ((await response.json()) as { total: number }).total;
    }

    before(async () => {
      await ensureMobileBuild();
      server = await startRestartableServer({ seed: 'small' });
      browser = await launchBrowser(found.path);
      office = await request.newContext({ baseURL: server.baseUrl });
      const signedIn = await office.post('/api/auth/login', { data: { username: 'office-130924', password: demoPassword } });
      assert.equal(signedIn.status(), 200, await signedIn.text());
    });

    after(async () => {
      if (process.env.E2E_SERVER_LOG) console.log(server?.output().slice(-8000));
      await office?.dispose();
      await browser?.close();
      await server?.stop();
    });

    test('the cadre signs in on a phone; the app installs its service worker and keeps the point for offline use', async () => {
      const manifest = await office.get('/m/manifest.webmanifest');
      assert.equal(manifest.headers()['content-type'], 'application/manifest+json');
      assert.deepEqual(((await manifest.json()) as { start_url: string; scope: string }).start_url, '/m/');
      const worker = await office.get('/m/sw.js');
      assert.equal(worker.headers()['service-worker-allowed'], '/m/');
      assert.equal(worker.headers()['cache-control'], 'no-cache');

      // Signed in, with the worker active and controlling the page: the app shell is precached.
      const phone = await signInOnPhone(browser, server.baseUrl);
      ({ context, page, pointId } = phone);
      const { pageErrors } = phone;
      const card = phone.pointCard;
      await card.click();
      households = await showAllHouseholds(page);
      assert.ok(households.length > 0, 'the point has households');
      await screenshot(page, 'mobile-01-point', { isFullPage: false });
      assert.deepEqual(pageErrors, []);
    });

    test('with every request failed, 20 visits and an appeal are kept on the phone, survive a reload, and reach the server once each', async () => {
      const marker = `E2E离线-${Date.now().toString(36)}`;
      markers.push(marker);
      const before = await coverageToday();
      // A read through the service worker while online (it keeps a copy), then the same read cut off:
      // the worker's own fetch fails too, and it answers from its copy, marked offline.
      assert.equal(await page.evaluate(async () => (await fetch('/api/field/my-points')).headers.get('x-dundian-offline')), null);
      await cutConnection(context);
      const read = await page.evaluate(async () => {
        const response = await fetch('/api/field/my-points');
        return { status: response.status, offline: response.headers.get('x-dundian-offline') };
      });
      assert.deepEqual(read, { status: 200, offline: '1' }, 'the service worker could still reach the server');

      const counts = await recordRound(page, households, marker);
      await waitForPending(page, 21);
      await screenshot(page, 'mobile-02-offline-pending', { isFullPage: false });

      // A reload with no network: the app shell comes from the service worker, the records from IndexedDB.
      await page.reload();
      await page.getByTestId('household').first().waitFor();
      await page.getByTestId('offline-note').waitFor();
      await waitForPending(page, 21);
      const kept = (await readOutbox(page)).filter((entry) => entry.state === 'pending');
      assert.equal(kept.length, 21);
      assert.equal(new Set(kept.map((entry) => entry.clientId)).size, 21, 'every record has its own client id');
      assert.deepEqual(await coverageToday(), before, 'nothing reached the server while the connection was cut');

      // The sync goes through untouched, timed: round 2 kills the server halfway through such a batch.
      const timeBatch = async (route: Route) => {
        const startedAt = Date.now();
        const response = await route.fetch();
        if (((route.request().postDataJSON() as { records: unknown[] }).records ?? []).length === 21) batchMs = Date.now() - startedAt;
        await route.fulfill({ response });
      };
      await context.route('**/api/field/sync', timeBatch);
      await restoreConnection(context);
      await waitForPending(page, 0);
      await context.unroute('**/api/field/sync', timeBatch);
      console.log(`# the server took ${batchMs} ms to answer the batch of 21 records`);
      const sent = (await readOutbox(page)).filter((entry) => kept.some((keptEntry) => keptEntry.clientId === entry.clientId));
      assert.deepEqual(
        sent.map((entry) => [entry.clientId, entry.state, entry.result?.status]),
        kept.map((entry) => [entry.clientId, 'synced', 'created']),
      );
      clientIds.push(...kept.map((entry) => entry.clientId));

      const afterSync = await coverageToday();
      for (const outcome of outcomes) assert.equal(afterSync[outcome] - before[outcome], counts[outcome], `${outcome} visits once each`);
      assert.equal(await appealsMatching(marker), 1, 'the appeal once');
      await page.getByTestId('sync-badge').click();
      await page.getByTestId('sync-screen').waitFor();
      await screenshot(page, 'mobile-03-synced', { isFullPage: false });
    });

    test('a sync cut short by killing the server mid-batch is finished after a restart, each record still once', async () => {
      const marker = `E2E中断-${Date.now().toString(36)}`;
      markers.push(marker);
      await page.goto(`${server.baseUrl}/m/points/${pointId}`);
      await showAllHouseholds(page);
      const before = await coverageToday();

      await cutConnection(context);
      const counts = await recordRound(page, households, marker);
      await waitForPending(page, 21);

      // The first sync request reaches the server; while it works on the batch the process is killed,
      // and the phone's request fails. Further attempts fail too until the test lets them through.
      let phase: 'kill' | 'hold' | 'pass' = 'kill';
      let batchesSeen = 0;
      let killed!: () => void;
      const isKilled = new Promise<void>((resolve) => (killed = resolve));
      const cutShort = async (route: Route) => {
        batchesSeen += 1;
        if (phase === 'pass') return route.continue();
        if (phase === 'hold') return route.abort('connectionrefused');
        phase = 'hold';
        const forwarded = route.fetch({ timeout: 60_000 }).catch(() => undefined);
        // Killed halfway through the time such a batch took in round 1: each record commits on its own,
        // so the server usually holds part of the batch (on a busy machine it may hold none or all of
        // it, which the phone must survive just the same).
        await new Promise((wait) => setTimeout(wait, Math.round((batchMs ?? 300) / 2)));
        await server.kill();
        await forwarded;
        killed();
        return route.abort('connectionreset');
      };
      // Registered last, this route wins over the one failing everything; then the rest comes back.
      await context.route('**/api/field/sync', cutShort);
      await restoreConnection(context);
      await isKilled;
      assert.equal(server.isRunning(), false);

      await server.restart();
      const visitsBeforeKill = await visitsSince(before);
      const appealBeforeKill = await appealsMatching(marker);
      console.log(`# the server had stored ${visitsBeforeKill} of the 20 visits and ${appealBeforeKill} of the 1 appeal when it was killed`);
      await waitForPending(page, 21, 5_000);

      phase = 'pass';
      await page.getByTestId('sync-badge').click();
      await page.getByTestId('sync-now').click();
      await waitForPending(page, 0);
      assert.ok(batchesSeen >= 2, 'the batch was sent again');

      const records = (await readOutbox(page)).filter((entry) => String(entry.payload.notes ?? entry.payload.description ?? '').includes(marker));
      assert.equal(records.length, 21);
      for (const entry of records) {
        assert.equal(entry.state, 'synced');
        assert.ok(entry.result?.status === 'created' || entry.result?.status === 'duplicate', `${entry.clientId}: ${entry.result?.status}`);
      }
      const duplicates = records.filter((entry) => entry.result?.status === 'duplicate').length;
      console.log(`# after the restart the server answered 'duplicate' for ${duplicates} records it already had`);
      clientIds.push(...records.map((entry) => entry.clientId));

      const afterSync = await coverageToday();
      for (const outcome of outcomes) assert.equal(afterSync[outcome] - before[outcome], counts[outcome], `${outcome} visits once each`);
      assert.equal(await appealsMatching(marker), 1, 'the appeal once');
      await context.unroute('**/api/field/sync', cutShort);
      await screenshot(page, 'mobile-04-synced-after-kill', { isFullPage: false });
    });

    test('a household edited on the phone offline and on another phone meanwhile is shown as a conflict with both versions; keep mine wins from the server version', async () => {
      const marker = `E2E冲突-${Date.now().toString(36)}`;
      const otherPhone = await request.newContext({ baseURL: server.baseUrl });
      try {
        assert.equal((await otherPhone.post('/api/auth/login', { data: { username: 'cadre-130924', password: demoPassword } })).status(), 200);
        const householdsNow = async () => ((await (await otherPhone.get(`/api/field/points/${pointId}/households`)).json()) as { items: (Record<string, unknown> & { clientId: string; version: number })[] }).items;
        await page.goto(`${server.baseUrl}/m/points/${pointId}`);
        await showAllHouseholds(page);
        const target = (await householdsNow()).find((item) => item.clientId === households[0])!;

        await cutConnection(context);
        await page.locator(`[data-testid=household][data-client-id="${target.clientId}"]`).getByTestId('edit-household').click();
        await page.getByTestId('household-form').waitFor();
        const mine = `${marker} 手机上：老人腿脚不便，需上门`;
        await page.getByTestId('household-note').fill(mine);
        await page.getByTestId('household-save').click();
        await page.getByTestId('household-form').waitFor({ state: 'detached' });
        await waitForPending(page, 1);

        // Meanwhile another phone edits the same household from the same version.
        const theirs = `${marker} 另一台手机：已联系在外地的儿子`;
        const payload = { pointId, kind: target.kind, headName: target.headName, address: target.address ?? undefined, phone: target.phone ?? undefined, members: target.members, flags: target.flags, note: theirs, visitCycleDays: target.visitCycleDays ?? undefined };
        const other = await otherPhone.post('/api/field/sync', { data: { records: [{ clientId: target.clientId, kind: 'household', baseVersion: target.version, payload }] } });
        assert.equal(((await other.json()) as { results: { status: string }[] }).results[0].status, 'updated');

        await restoreConnection(context);
        await waitForPending(page, 0);
        const [conflicted] = (await readOutbox(page)).filter((entry) => entry.kind === 'household' && entry.clientId === target.clientId);
        assert.equal(conflicted.state, 'conflict', 'the edit is kept as a conflict, not dropped');
        await page.getByTestId('sync-badge').click();
        const card = page.locator(`[data-testid=conflict][data-client-id="${target.clientId}"]`);
        await card.waitFor();
        const shown = await card.innerText();
        assert.ok(shown.includes(mine) && shown.includes(theirs), 'both versions are shown');
        await screenshot(page, 'mobile-05-conflict', { isFullPage: false });

        await card.getByTestId('keep-mine').click();
        await card.waitFor({ state: 'detached' });
        await page.waitForFunction(() => document.querySelector('[data-testid=sync-badge]')?.getAttribute('data-pending') === '0' && !document.querySelector('[data-testid=conflict]'));
        await page.waitForFunction((clientId) => document.querySelector(`[data-testid=synced-record][data-client-id="${clientId}"][data-status=updated]`) !== null, target.clientId);
        const stored = (await householdsNow()).find((item) => item.clientId === target.clientId)!;
        assert.equal(stored.note, mine);
        assert.equal(stored.version, target.version + 2, 'theirs, then mine on top of it');
      } finally {
        await otherPhone.dispose();
      }
    });

    test('the database holds every record of both rounds exactly once', async () => {
      assert.equal(clientIds.length, 42);
      await server.kill();
      const database = await openDatabase({ dataDir: join(server.dataDir, 'pglite') });
      try {
        const visits = await sql<{ client_id: string; copies: number }>`select client_id::text as client_id, count(*)::int as copies from visits where client_id::text = any(${clientIds}) group by client_id`.execute(database.db);
        const appeals = await sql<{ client_id: string; copies: number }>`select client_id::text as client_id, count(*)::int as copies from appeals where client_id::text = any(${clientIds}) group by client_id`.execute(database.db);
        const copies = [...visits.rows, ...appeals.rows];
        assert.equal(copies.length, 42, 'every client id is on the server');
        assert.ok(
          copies.every((row) => row.copies === 1),
          'none twice',
        );
        assert.equal(visits.rows.length, 40);
        assert.equal(appeals.rows.length, 2);
      } finally {
        await database.close();
      }
    });
  });
}
