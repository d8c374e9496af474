// The appeal console in a real browser on the real server with the small demo seed: the province
// office registers a hotline case in a 海兴县 village, finds it in the case list filtered by state,
// meets a stale version (someone pressed the case meanwhile) and reloads, dispatches it to the
// suggested county unit (海兴县农业农村局); that unit's handler sees it in the inbox with the time
// left, accepts, records the contact and replies; the office approves the reply, reveals the
// contact with a reason and records the call-back rating; the timeline shows every step, and the
// case page switches to English.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, whenSettled, type RunningServer } from './harness.ts';

const found = findChromium();
// 1×1 PNG: the case carries a photo, which the case page shows.
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
// Garbage collection is the agriculture and rural affairs bureau's work in the dispatch catalogue
// (人居环境整治), so 海兴县农业农村局 — the demo handler's unit — is the suggested county unit.
const categoryCode = 'garbage';
const handlerUnit = '海兴县农业农村局';

interface AppealDetailJson {
  id: number;
  trackingCode: string;
  version: number;
  state: string;
}

/** A village code under 海兴县 (130924), read from the regions API with the page's session. */
async function haixingVillage(page: Page, baseUrl: string): Promise<string> {
  const townships = (await (await page.request.get(`${baseUrl}/api/regions/130924/children`)).json()) as { code: string }[];
  for (const township of townships) {
    const villages = (await (await page.request.get(`${baseUrl}/api/regions/${township.code}/children`)).json()) as { code: string }[];
    const village = villages.find((candidate) => candidate.code.length === 12);
    if (village) return village.code;
  }
  throw new Error('no village under 130924');
}

/** Opens the step form of one action, fills it with `fill`, submits, and waits for the state to change to `state`. */
async function takeStep(page: Page, event: string, state: string, fill?: (form: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${event}`).click();
  const form = page.getByTestId('step-form');
  await form.waitFor();
  if (fill) await fill(form);
  await page.getByTestId('step-submit').click();
  await page.getByTestId('appeal-header').getByTestId('state-tag').filter({ hasText: state }).waitFor();
  await form.waitFor({ state: 'hidden' });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

if ('missing' in found) {
  test('the appeal console in a browser', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('the appeal console in a real browser', { timeout: 1_800_000 }, () => {
    let server: RunningServer;
    let browser: Browser;

    before(async () => {
      ensureWebBuild();
      server = await startServer({ seed: 'small' });
      browser = await launchBrowser(found.path);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('office dispatches, the 海兴县 unit accepts, contacts and replies, office approves and calls back; the timeline shows it all', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      // 1. The office registers a hotline case in a 海兴县 village (the intake screen is another flow).
      await signIn(page, server.baseUrl, 'office');
      const regionCode = await haixingVillage(page, server.baseUrl);
      const description = `村东头垃圾池满了一周没人清运 E2E-${Date.now().toString(36)}`;
      const created = await page.request.post(`${server.baseUrl}/api/appeals`, {
        data: {
          clientId: crypto.randomUUID(),
          channel: 'hotline',
          categoryCode,
          regionCode,
          description,
          contactName: '王大爷',
          contactPhone: '13800001234',
          photos: [{ contentType: 'image/png', dataBase64: onePixelPng }],
        },
      });
      assert.equal(created.status(), 201, await created.text());
      const { id, trackingCode } = (await created.json()) as { id: number; trackingCode: string };

      // 2. The case list, filtered by state in the URL, then narrowed to the new case by its code.
      await page.getByRole('menuitem', { name: '诉求台账' }).click();
      await page.waitForURL('**/appeals');
      await page.getByTestId('appeals-table').locator('.ant-table-row').first().waitFor();
      await chooseOption(page, page.getByTestId('filter-state'), /^已登记$/);
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => url.searchParams.get('state') === 'registered');
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid=appeals-table] .ant-table-row')];
        return rows.length > 0 && rows.every((row) => row.textContent?.includes('已登记'));
      });
      assert.match(await page.locator('.ant-pagination-total-text').innerText(), /共 [\d,]+ 件/);
      const search = page.getByTestId('appeal-search').locator('input');
      await search.fill(trackingCode);
      await search.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === trackingCode && url.searchParams.get('state') === 'registered');
      const row = page.getByTestId('appeals-table').locator('.ant-table-row', { hasText: trackingCode });
      await row.waitFor();
      assert.match(await row.innerText(), /已登记/);
      await screenshot(page, 'appeals-01-list');
      await row.getByTestId('appeal-link').click();
      await page.waitForURL(`**/appeals/${id}`);

      // 3. The case page: steps, ladder, description, photo, masked contact, the registration in the timeline.
      await page.getByTestId('appeal-description').getByText(description).waitFor();
      await page.getByTestId('appeal-steps').waitFor();
      await page.getByTestId('appeal-ladder').waitFor();
      await page.getByTestId('appeal-photos').locator('img').first().waitFor();
      assert.match(await page.getByTestId('masked-phone').innerText(), /\*/);
      await page.getByTestId('appeal-timeline').getByTestId('timeline-entry').first().waitFor();
      await page.getByTestId('similar-appeals').waitFor();

      // 4. Someone presses the case meanwhile: dispatching with the old version is a conflict, and reload offers the new one.
      const seen = (await (await page.request.get(`${server.baseUrl}/api/appeals/${id}`)).json()) as AppealDetailJson;
      const pressed = await page.request.post(`${server.baseUrl}/api/appeals/${id}/events`, { data: { event: 'supervise', version: seen.version, reason: '群众反复来电，请尽快处理' } });
      assert.equal(pressed.status(), 200, await pressed.text());
      await page.getByTestId('action-dispatch').click();
      await page.getByTestId('dispatch-suggestions').locator('label', { hasText: handlerUnit }).first().click();
      await page.getByTestId('step-submit').click();
      await page.getByTestId('appeal-conflict').getByText('该诉求已被他人更新').waitFor();
      await screenshot(page, 'appeals-02-conflict', { isFullPage: false });
      await page.getByTestId('appeal-conflict').getByRole('button').click();
      await page.getByTestId('supervised-marker').first().waitFor();

      // 5. Dispatch to the suggested county unit.
      await page.getByTestId('action-dispatch').click();
      const suggestion = page.getByTestId('dispatch-suggestions').locator('label', { hasText: handlerUnit }).first();
      await suggestion.waitFor();
      await suggestion.click();
      await page.getByTestId('step-level').filter({ hasText: '县直部门' }).waitFor();
      await screenshot(page, 'appeals-03-dispatch', { isFullPage: false });
      await page.getByTestId('step-submit').click();
      await page.getByTestId('appeal-header').getByTestId('state-tag').filter({ hasText: '已派单' }).waitFor();
      await page.getByTestId('appeal-facts').getByText(handlerUnit).first().waitFor();
      await signOut(page);

      // 6. The handler's inbox shows the case with the time left; accept, record contact, reply.
      await signIn(page, server.baseUrl, 'handler-130924');
      await page.getByRole('menuitem', { name: '诉求待办' }).click();
      await page.waitForURL('**/appeals/inbox');
      const card = page.getByTestId('inbox-card').filter({ hasText: trackingCode });
      await card.waitFor();
      assert.match(await card.getByTestId('time-left').innerText(), /^(剩|超期) \d+ (分钟|小时|天)$/);
      await screenshot(page, 'appeals-04-inbox');
      await card.getByTestId('appeal-link').click();
      await page.waitForURL(`**/appeals/${id}`);
      await takeStep(page, 'accept', '已签收');
      await takeStep(page, 'record_contact', '办理中');
      await takeStep(page, 'reply', '已答复', async (form) => {
        await form.getByTestId('step-reply').fill('已协调镇环卫站于次日清运，并增加每周两次的清运频次。');
      });
      assert.equal(await page.getByTestId('action-reply').count(), 0, 'a replied case waits for review, not another reply');
      await signOut(page);

      // 7. The office approves the reply, reveals the contact with a reason, and records the call-back.
      await signIn(page, server.baseUrl, 'office');
      await page.goto(`${server.baseUrl}/appeals/${id}`);
      await page.getByTestId('appeal-header').waitFor();
      await takeStep(page, 'approve_reply', '已审核');
      await page.getByTestId('reveal-contact').click();
      const reveal = page.locator('.ant-modal', { hasText: '查看联系人信息' });
      await whenSettled(reveal);
      await reveal.locator('textarea').fill('回访群众');
      await reveal.getByRole('button', { name: /^查\s*看$/ }).click();
      await page
        .getByTestId('revealed-phone')
        .getByText('13800001234')
        .waitFor()
        .catch(async (error: Error) => {
          // Say what the page showed instead: the dialog with its message, or the contact line.
          await screenshot(page, 'appeals-failed-reveal');
          const dialog = await reveal.innerText({ timeout: 1_000 }).catch(() => 'no dialog open');
          const line = await page.getByTestId('appeal-contact').innerText({ timeout: 1_000 }).catch(() => 'no contact line');
          throw new Error(`the phone was not revealed; dialog: ${dialog}; contact: ${line}; ${error.message}`);
        });
      await takeStep(page, 'record_callback', '已办结', async (form) => {
        await form.getByTestId('callback-contacted').locator('label', { hasText: '已联系上' }).click();
        await form.getByTestId('callback-solved').locator('label', { hasText: /^已解决$/ }).click();
        await form.getByTestId('callback-rating').locator('label', { hasText: /^满意$/ }).click();
      });

      // 8. The timeline holds every step, oldest first, with who did it.
      const events = await page.getByTestId('timeline-entry').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-event')));
      assert.deepEqual(events, ['register', 'supervise', 'dispatch', 'accept', 'record_contact', 'reply', 'approve_reply', 'record_callback']);
      const timeline = await page.getByTestId('appeal-timeline').innerText();
      for (const expected of [/登记诉求/, /督办/, /派单/, /签收/, /记录联系群众/, /答复/, /审核通过/, /回访/, /满意/, /海兴县农业农村局/, /已办结/]) assert.match(timeline, expected);
      await page.getByTestId('appeal-outcome').getByText('满意').first().waitFor();
      await screenshot(page, 'appeals-05-closed');

      // 9. The same page in English.
      await page.getByTestId('language-switch').click();
      await page.getByTestId('appeal-header').getByTestId('state-tag').filter({ hasText: 'Closed' }).waitFor();
      const englishTimeline = await page.getByTestId('appeal-timeline').innerText();
      for (const expected of [/Dispatch/, /Accept/, /Record contact/, /Approve reply/, /Call back/, /Satisfied/]) assert.match(englishTimeline, expected);
      await page.getByText('Timeline').first().waitFor();
      await screenshot(page, 'appeals-06-english', { isFullPage: false });
      await page.getByTestId('language-switch').click();
      await page.getByTestId('appeal-header').getByTestId('state-tag').filter({ hasText: '已办结' }).waitFor();

      assert.deepEqual(pageErrors, []);
      await context.close();
    });

    test('the office reads the measures of 沧州市 by county and the overdue list, and the dispatch settings', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, server.baseUrl, 'office-1309');

      await page.getByRole('menuitem', { name: '诉求考核' }).click();
      await page.waitForURL('**/appeals/measures');
      const satisfaction = page.getByTestId('appeal-measure-satisfaction');
      await satisfaction.waitFor();
      assert.match(await satisfaction.innerText(), /满意率[\s\S]*(\d+\.\d%|—)[\s\S]*[\d,]+ \/ [\d,]+/);
      await page.getByTestId('measure-group-chart').locator('canvas').waitFor();
      await page.getByTestId('overdue-list').locator('.ant-table-row').first().waitFor();
      assert.match(await page.getByTestId('overdue-list').getByTestId('overdue-by').first().innerText(), /^超期 \d+ (分钟|小时|天)$/);
      await screenshot(page, 'appeals-07-measures');

      await page.getByRole('menuitem', { name: '派单设置' }).click();
      await page.waitForURL('**/appeals/settings');
      await page.getByTestId('dispatch-catalogue').locator('.ant-table-row').first().waitFor();
      await page.getByRole('tab', { name: '工作日历' }).click();
      await page.getByTestId('calendar-holidays').locator('.ant-tag').first().waitFor();
      await screenshot(page, 'appeals-08-calendar', { isFullPage: false });

      assert.deepEqual(pageErrors, []);
      await context.close();
    });

    test('the 海兴县 office groups alike cases from several villages into one shared problem', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, server.baseUrl, 'office-130924');
      await page.getByRole('menuitem', { name: '共性问题' }).click();
      await page.waitForURL('**/appeals/issues');
      const card = page.getByTestId('issue-suggestion').first();
      await card.waitFor();
      const summary = await card.innerText();
      const count = Number(/(\d+) 件诉求/.exec(summary)?.[1]);
      assert.ok(count >= 3, summary);
      await screenshot(page, 'appeals-09-shared-problems', { isFullPage: false });
      await card.getByRole('button', { name: '合并为共性问题' }).click();
      await page.getByText('已合并，未派单的诉求已派给承办单位').waitFor();
      const made = page.locator('.ant-table-row').first();
      await made.waitFor();
      assert.match(await made.innerText(), new RegExp(`${count} 件诉求`));
      await made.getByRole('link').click();
      await page.waitForURL('**/appeals?issueId=*');
      await page.getByTestId('issue-filter').waitFor();
      await page.getByText(`共 ${count} 件`).waitFor();
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  });
}
