// The resident's side of appeals and the cadre's phone intake in a real browser on the real server
// (small demo seed), all on a 390×844 phone screen: a resident with no account files anonymously
// at a 海兴县 point's suggestion box (the first answer is lost on the way back, the retry finds the
// same case), follows it by tracking code; a cadre records one from /appeals/new with at most six
// inputs; the case goes through dispatch → accept → contact → reply → review via the API, and the
// resident rates it on the status page, which then shows it closed, and disputes the closure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { chooseOption, demoPassword, ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, type RunningServer } from './harness.ts';

const found = findChromium();
const phone = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true } as const;

/** Signs a context's API client in (its cookie then serves page.request and the pages alike). */
async function signInApi(request: APIRequestContext, baseUrl: string, username: string): Promise<void> {
  const response = await request.post(`${baseUrl}/api/auth/login`, { data: { username, password: demoPassword } });
  assert.equal(response.status(), 200, `sign-in of ${username}: ${await response.text()}`);
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  assert.equal(response.status(), 200, `GET ${url}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Takes one workflow step, passing the version last seen; returns the case after it. */
async function step(request: APIRequestContext, baseUrl: string, id: number, version: number, body: Record<string, unknown>): Promise<{ state: string; version: number }> {
  const response = await request.post(`${baseUrl}/api/appeals/${id}/events`, { data: { version, ...body } });
  assert.equal(response.status(), 200, `${String(body.event)}: ${await response.text()}`);
  return (await response.json()) as { state: string; version: number };
}

/** The page must not scroll sideways on a phone. */
async function assertFitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide on a 390px screen`);
}

if ('missing' in found) {
  test('the resident pages and the phone intake in a browser', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('appeals: suggestion box, tracking and the phone intake on a phone', { timeout: 1_800_000 }, () => {
    let server: RunningServer;
    let browser: Browser;
    let resident: BrowserContext;
    let office: BrowserContext;
    let pointId: number;
    let pointName: string;
    let trackingCode: string;
    const pageErrors: string[] = [];

    before(async () => {
      ensureWebBuild();
      server = await startServer({ seed: 'small' });
      browser = await launchBrowser(found.path);
      office = await browser.newContext({ locale: 'zh-CN' });
      await signInApi(office.request, server.baseUrl, 'office-130924');
      const points = await getJson<{ items: { id: number; name: string; regionCode: string }[] }>(office.request, `${server.baseUrl}/api/points?regionCode=130924&pageSize=5`);
      assert.ok(points.items.length > 0, 'the demo has points in 海兴县');
      pointId = points.items[0].id;
      pointName = points.items[0].name;
      assert.match(points.items[0].regionCode, /^130924/);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('a resident with no account files anonymously at the suggestion box, a lost answer is retried without a second case, and follows it by code', async () => {
      resident = await browser.newContext(phone);
      const page = await resident.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${server.baseUrl}/box/${pointId}`);
      await page.getByTestId('box-point-name').filter({ hasText: pointName }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/box/${pointId}`, 'no sign-in redirect');
      assert.match(await page.getByTestId('box-point').innerText(), /海兴县/);
      await assertFitsPhone(page);
      await screenshot(page, 'appeals-public-01-box');

      // "Me too" on a case already open here (the demo has some), counted once per phone.
      const openCase = page.getByTestId('open-case').first();
      if ((await openCase.count()) > 0) {
        await openCase.getByTestId('me-too').click();
        await openCase.getByRole('button', { name: '已附议' }).waitFor();
      }

      await page.getByRole('radio', { name: '垃圾处理' }).click();
      await page.getByTestId('box-description').fill('村东头垃圾堆放半个月没人清运，夏天味道很大，希望尽快清理并设个垃圾桶。');
      await page.getByTestId('box-contact-phone').waitFor();
      await page.getByTestId('box-anonymous').click();
      assert.equal(await page.getByTestId('box-contact-phone').count(), 0, 'anonymous hides the contact fields');
      assert.equal(await page.getByTestId('box-contact-name').count(), 0);

      // A 3000×2000 photo goes through the canvas: at most 1280 px, JPEG.
      await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 3000;
        canvas.height = 2000;
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#3a7';
        context.fillRect(0, 0, 3000, 2000);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((result) => resolve(result!), 'image/png'));
        const transfer = new DataTransfer();
        transfer.items.add(new File([blob], 'photo.png', { type: 'image/png' }));
        const input = document.querySelector<HTMLInputElement>('[data-testid=photo-input]')!;
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const thumbnail = page.locator('img[src^="blob:"]').first();
      await thumbnail.waitFor();
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img[src^="blob:"]')?.naturalWidth ?? 0) > 0);
      const size = await thumbnail.evaluate((image: HTMLImageElement) => ({ width: image.naturalWidth, height: image.naturalHeight }));
      assert.deepEqual(size, { width: 1280, height: 853 });

      // The first answer is lost after the server took the case: the page offers a retry.
      const sent: { clientId: string; isAnonymous: boolean; contactPhone?: string; photos: { contentType: string }[] }[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith(`/api/public/points/${pointId}/appeals`)) sent.push(request.postDataJSON());
      });
      await page.route(
        `**/api/public/points/${pointId}/appeals`,
        async (route) => {
          await route.fetch();
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await page.getByTestId('box-submit').click();
      await page.getByTestId('box-error').filter({ hasText: '不会重复提交' }).waitFor();
      await screenshot(page, 'appeals-public-02-lost-answer', { isFullPage: false });
      await page.getByTestId('box-submit').click();
      const result = page.getByTestId('box-result');
      await result.waitFor();
      assert.equal(sent.length, 2);
      assert.equal(sent[0].clientId, sent[1].clientId, 'the retry sends the same client id');
      assert.equal(sent[0].isAnonymous, true);
      assert.equal(sent[0].contactPhone, undefined);
      assert.equal(sent[0].photos[0].contentType, 'image/jpeg');
      await result.getByText('没有重复登记').waitFor();
      trackingCode = (await page.getByTestId('tracking-code').innerText()).trim();
      assert.match(trackingCode, /^DD-[0-9A-Z]{10}$/);
      await page.getByTestId('copy-tracking-code').waitFor();
      await assertFitsPhone(page);
      await screenshot(page, 'appeals-public-03-tracking-code');

      // Only one case has this code's point and text.
      const matches = await getJson<{ total: number }>(office.request, `${server.baseUrl}/api/appeals?q=${encodeURIComponent('村东头垃圾堆放半个月')}`);
      assert.equal(matches.total, 1, 'the retry did not create a second case');

      await page.getByTestId('track-link').click();
      await page.waitForURL(`**/track/${trackingCode}`);
      await page.getByTestId('track-state').filter({ hasText: '已登记' }).waitFor();
      const timeline = page.getByTestId('track-timeline');
      await timeline.getByText('登记受理').waitFor();
      assert.equal(await page.getByTestId('rating-card').count(), 0, 'nothing to rate yet');
      await assertFitsPhone(page);
      await screenshot(page, 'appeals-public-04-track');
      await page.getByTestId('language-switch').click();
      await page.getByTestId('track-state').filter({ hasText: 'Registered' }).waitFor();
      await page.getByTestId('track-summary').getByText('Garbage').waitFor();
      await page.getByTestId('language-switch').click();
      await page.getByTestId('track-state').filter({ hasText: '已登记' }).waitFor();

      // /track with a typed code (lower case, spaces) finds the same case; a wrong one says so.
      await page.goto(`${server.baseUrl}/track`);
      await page.getByTestId('track-code-input').fill(` ${trackingCode.toLowerCase()} `);
      await page.getByTestId('track-search').click();
      await page.waitForURL(`**/track/${trackingCode}`);
      await page.getByTestId('track-timeline').waitFor();
      await page.goto(`${server.baseUrl}/track/DD-0000000000`);
      await page.getByText('没有找到这个查询码').waitFor();
      assert.deepEqual(await resident.cookies(), [], 'the resident never got a cookie');
    });

    test('the printable poster carries the point name and a QR code of the box address', async () => {
      const page = await resident.newPage();
      await page.setViewportSize({ width: 1000, height: 1400 });
      await page.goto(`${server.baseUrl}/box/${pointId}/poster`);
      await page.getByTestId('poster-point-name').filter({ hasText: pointName }).waitFor();
      assert.equal((await page.getByTestId('poster-url').innerText()).trim(), `${server.baseUrl}/box/${pointId}`);
      assert.ok(((await page.getByTestId('poster-qr').locator('path').getAttribute('d')) ?? '').length > 500, 'the QR code is drawn');
      await page.getByText('扫码反映诉求').waitFor();
      await page.getByText('可匿名').waitFor();
      await page.getByText('凭查询码查进度').waitFor();
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByTestId('poster-print').isVisible(), false, 'the print button does not print');
      await screenshot(page, 'appeals-public-05-poster');
      await page.close();
    });

    test('a cadre records an appeal on the phone with at most six inputs and gets the tracking code', async () => {
      // With the animations a phone shows by default: the menu's drawer is still closing when the form appears.
      const context = await browser.newContext({ ...phone, reducedMotion: 'no-preference' });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, server.baseUrl, 'cadre-130924');
      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('menuitem', { name: '记诉求' }).click();
      await page.waitForURL('**/appeals/new');
      const form = page.getByTestId('intake-form');
      await form.waitFor();
      // The menu's drawer is still closing: a list opened at once must stay open (the drawer used to hand
      // the focus back to its button when its animation ended, which closed the list under the finger).
      await page.getByTestId('intake-category').click();
      await page.waitForTimeout(1_000);
      assert.equal(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), 1, 'the category list stays open');
      await page.keyboard.press('Escape');
      const inputs = form.locator('input:visible, textarea:visible, select:visible, [role=switch]:visible');
      const count = await inputs.count();
      assert.ok(count <= 6 && count >= 5, `the intake has ${count} inputs`);
      assert.match(await page.getByTestId('intake-channel').innerText(), /入户走访/);
      assert.ok((await page.getByTestId('intake-point').innerText()).trim().length > 0, 'the point is pre-filled');
      await assertFitsPhone(page);
      await screenshot(page, 'appeals-public-06-intake');

      await chooseOption(page, page.getByTestId('intake-category'), '饮水安全');
      await page.getByTestId('intake-category').getByText('饮水安全').waitFor();
      await page.getByTestId('intake-description').fill('三组自来水这周停了三次，老人挑水困难，希望查一下管网。');
      await page.getByTestId('intake-phone').fill('13800001234');
      await page.getByTestId('intake-submit').click();
      await page.getByTestId('intake-result').waitFor();
      assert.match((await page.getByTestId('tracking-code').innerText()).trim(), /^DD-[0-9A-Z]{10}$/);
      await screenshot(page, 'appeals-public-07-intake-done');

      await page.getByTestId('intake-again').click();
      await form.waitFor();
      assert.equal(await page.getByTestId('intake-description').inputValue(), '', 'a fresh draft');
      assert.match(await page.getByTestId('intake-channel').innerText(), /入户走访/, 'the channel is kept');
      await context.close();
    });

    test('after dispatch, handling, reply and review the resident rates the case on the status page and it is closed', async () => {
      const handler = await browser.newContext({ locale: 'zh-CN' });
      await signInApi(handler.request, server.baseUrl, 'handler-130924');
      const units = await getJson<{ items: { id: number; name: string }[] }>(office.request, `${server.baseUrl}/api/units?q=${encodeURIComponent('农业农村')}&pageSize=50`);
      const agriculture = units.items.find((unit) => unit.name === '海兴县农业农村局');
      assert.ok(agriculture, '海兴县农业农村局 is in the roster');
      const listed = await getJson<{ items: { id: number; trackingCode: string; version: number }[] }>(office.request, `${server.baseUrl}/api/appeals?q=${trackingCode}`);
      const appeal = listed.items.find((item) => item.trackingCode === trackingCode);
      assert.ok(appeal, 'the office finds the case by its code');

      let current = await step(office.request, server.baseUrl, appeal.id, appeal.version, { event: 'dispatch', level: 2, unitId: agriculture.id });
      current = await step(handler.request, server.baseUrl, appeal.id, current.version, { event: 'accept' });
      current = await step(handler.request, server.baseUrl, appeal.id, current.version, { event: 'record_contact' });
      current = await step(handler.request, server.baseUrl, appeal.id, current.version, { event: 'reply', replyText: '已安排保洁队清运，并在村东头设置两个垃圾桶。' });
      current = await step(office.request, server.baseUrl, appeal.id, current.version, { event: 'approve_reply' });
      assert.equal(current.state, 'reviewed');
      await handler.close();

      const page = await resident.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${server.baseUrl}/track/${trackingCode}`);
      await page.getByTestId('track-state').filter({ hasText: '待回访评价' }).waitFor();
      await page.getByTestId('track-reply').getByText('已安排保洁队清运').waitFor();
      assert.match(await page.getByTestId('track-timeline').innerText(), /派单到承办单位 · 海兴县农业农村局/);
      const rating = page.getByTestId('rating-card');
      await rating.getByRole('button', { name: '提交评价' }).click();
      await rating.getByText('请回答全部三个问题').first().waitFor();
      await page.getByTestId('rate-contacted').getByRole('radio', { name: '是', exact: true }).check();
      await page.getByTestId('rate-solved').getByRole('radio', { name: '已解决', exact: true }).check();
      await page.getByTestId('rate-rating').getByRole('radio', { name: '满意', exact: true }).check();
      await assertFitsPhone(page);
      await screenshot(page, 'appeals-public-08-rating');
      await page.getByTestId('rate-submit').click();
      await page.getByTestId('track-state').filter({ hasText: '已办结' }).waitFor();
      assert.equal(await page.getByTestId('rating-card').count(), 0);
      assert.match(await page.getByTestId('track-summary').innerText(), /您的评价\s*满意/);
      assert.match(await page.getByTestId('track-timeline').innerText(), /回访评价/);

      // Not really solved after all: the resident disputes the closure with a reason.
      await page.getByTestId('dispute-open').click();
      await page.getByTestId('dispute-reason').fill('垃圾桶只放了一个，西头还没清。');
      await page.getByTestId('dispute-submit').click();
      await page.getByTestId('track-timeline').getByText('群众提出异议').waitFor();
      assert.equal(await page.getByTestId('dispute-open').count(), 0, 'a closure is disputed once');
      await screenshot(page, 'appeals-public-09-closed');
      await page.close();

      assert.deepEqual(pageErrors, []);
      await resident.close();
      await office.close();
    });
  });
}
