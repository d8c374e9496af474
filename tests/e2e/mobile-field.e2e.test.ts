// Meetings and questionnaires on the cadre's phone at /m/, offline. In Chromium on a 390×844 phone
// viewport, cadre-130924 records a symposium with a task and an appeal among its decisions; the
// meeting page shows what became of each (the task's progress, the appeal's tracking code and
// state). With every request failed at the browser's network layer, the cadre fills the demo
// survey — the form's own constraint messages refuse a household of 30 and three needs, on the
// phone — and moves the task to 60 %; after a reload, still offline, both wait on the phone; with
// the connection back, the server holds the response once and the task at 60 %. In the console the
// point's page shows the meeting and what became of each decision, and the head of the cadre's unit
// sees the unit's days on site as plain counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoSurvey } from '../../src/server/seed/demo-questionnaires.ts';
import { demoPassword, ensureMobileBuild, ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { cutConnection, readOutbox, restoreConnection, signInOnPhone, waitForKeptRead, waitForPending } from './phone.ts';

const found = findChromium();

interface MeetingDetail {
  id: number;
  decisions: { clientId: string; kind: string; progress: number; version: number; appeal: { trackingCode: string; state: string } | null }[];
}

if ('missing' in found) {
  test('meetings and questionnaires on the phone', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('meetings and questionnaires on the phone, offline', { timeout: 900_000 }, () => {
    let server: RunningServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let office: APIRequestContext;
    let pointId: number;
    let formId: number;
    let meetingId: number;
    const marker = `E2E座谈-${Date.now().toString(36)}`;

    const json = async <T,>(path: string): Promise<T> => {
      const response = await office.get(path);
      assert.equal(response.status(), 200, await response.text());
      return (await response.json()) as T;
    };
    const responsesOfForm = async () => (await json<{ responses: number }>(`/api/questionnaires/${formId}/results`)).responses;

    before(async () => {
      ensureWebBuild();
      await ensureMobileBuild();
      server = await startServer({ seed: 'small' });
      browser = await launchBrowser(found.path);
      office = await request.newContext({ baseURL: server.baseUrl });
      const signedIn = await office.post('/api/auth/login', { data: { username: 'office-130924', password: demoPassword } });
      assert.equal(signedIn.status(), 200, await signedIn.text());
      const forms = await json<{ id: number; formId: string }[]>('/api/questionnaires');
      formId = forms.find((form) => form.formId === demoSurvey.settings.formId)!.id;
    });

    after(async () => {
      await office?.dispose();
      await browser?.close();
      await server?.stop();
    });

    test('a symposium recorded on the phone shows what became of each decision', async () => {
      const phone = await signInOnPhone(browser, server.baseUrl);
      ({ context, page, pointId } = phone);
      const { pageErrors } = phone;
      const card = phone.pointCard;
      // The home screen keeps the forms to fill for offline use.
      await waitForKeptRead(page, `/api/questionnaires/${formId}`);
      await card.click();

      await page.getByTestId('record-meeting').click();
      await page.getByTestId('meeting-form').waitFor();
      await page.getByTestId('meeting-title').fill(`${marker} 村民代表座谈会`);
      await page.getByTestId('meeting-attendees').fill('23');
      await page.getByTestId('meeting-agenda').fill('听取群众对村庄环境的意见');
      await page.getByRole('button', { name: '+ 添加议定事项' }).click();
      await page.getByRole('button', { name: '+ 添加议定事项' }).click();
      const drafts = page.getByTestId('meeting-form').locator('.card');
      await drafts.nth(0).locator('textarea').fill('修复村口两盏路灯');
      await drafts.nth(0).locator('input').first().fill('王主任');
      await drafts.nth(1).getByTestId('decision-kind').locator('[data-value=appeal]').click();
      await drafts.nth(1).locator('textarea').fill(`${marker} 后街积水，需排水沟`);
      await drafts.nth(1).getByTestId('decision-category').selectOption({ index: 1 });
      await page.getByTestId('meeting-save').click();
      await page.getByTestId('meeting-form').waitFor({ state: 'detached' });
      await waitForPending(page, 0);

      await page.getByTestId('open-meetings').click();
      const meeting = page.locator('[data-testid=meeting-card]', { hasText: marker });
      await meeting.waitFor();
      meetingId = Number(await meeting.getAttribute('data-meeting-id'));
      await meeting.click();
      await page.getByTestId('meeting-page').waitFor();
      const task = page.locator('[data-testid=decision][data-kind=task]');
      await task.waitFor();
      assert.equal(await task.getByTestId('decision-progress').textContent(), '0%');
      const appeal = page.locator('[data-testid=decision][data-kind=appeal]').getByTestId('decision-appeal');
      const server$ = await json<MeetingDetail>(`/api/field/meetings/${meetingId}`);
      const filed = server$.decisions.find((decision) => decision.kind === 'appeal')!.appeal!;
      assert.match(await appeal.textContent() ?? '', new RegExp(filed.trackingCode));
      assert.match(await appeal.textContent() ?? '', /已登记|已派单/);
      assert.deepEqual(pageErrors, []);
    });

    test('offline, the survey refuses answers with its own messages, takes good ones, and a task moves to 60 %; all reach the server once', async () => {
      const responsesBefore = await responsesOfForm();
      await cutConnection(context);

      // The task's progress, from the meeting page kept on the phone.
      const task = page.locator('[data-testid=decision][data-kind=task]');
      await task.getByTestId('progress-input').fill('60');
      await task.getByTestId('progress-save').click();
      await waitForPending(page, 1);
      assert.equal(await task.getByTestId('decision-progress').textContent(), '60%');
      await screenshot(page, 'mobile-04-meeting', { isFullPage: false });

      // The demo survey, filled with no connection.
      await page.goto(`${server.baseUrl}/m/points/${pointId}/forms`);
      await page.locator(`[data-testid=form-card][data-form-id="${formId}"]`).click();
      await page.getByTestId('form-fill').waitFor();
      await page.getByTestId('answer-members').fill('30');
      await page.getByTestId('question-error-members').waitFor();
      assert.equal(await page.getByTestId('question-error-members').textContent(), '家庭人数应在 1 到 20 人之间');
      await page.getByTestId('answer-members').fill('4');
      await page.getByTestId('question-error-members').waitFor({ state: 'detached' });
      await page.getByTestId('answer-elders').fill('2');
      // Skip logic: the needs group appears only after "yes".
      assert.equal(await page.getByTestId('group-need').count(), 0);
      await page.getByTestId('answer-has_need').getByLabel('是').check();
      for (const need of ['饮水', '道路', '养老']) await page.getByTestId('answer-needs').getByLabel(need).check();
      assert.equal(await page.getByTestId('question-error-needs').textContent(), '最多选两项');
      await page.getByTestId('answer-needs').getByLabel('养老').uncheck();
      assert.equal(await page.getByTestId('calculated-need_count').textContent(), '2');
      await page.getByTestId('form-save').click();
      // The required satisfaction is flagged once they try to save.
      await page.getByTestId('question-error-satisfaction').waitFor();
      await page.getByTestId('answer-satisfaction').getByLabel('满意', { exact: true }).check();
      await screenshot(page, 'mobile-05-questionnaire', { isFullPage: false });
      await page.getByTestId('form-save').click();
      await page.getByTestId('form-fill').waitFor({ state: 'detached' });
      await waitForPending(page, 2);

      // A reload with no network keeps both.
      await page.reload();
      await page.getByTestId('form-card').first().waitFor();
      await waitForPending(page, 2);
      const kept = (await readOutbox(page)).filter((entry) => entry.state === 'pending');
      assert.deepEqual(kept.map((entry) => entry.kind).sort(), ['decision', 'response']);
      assert.equal(await responsesOfForm(), responsesBefore, 'nothing reached the server while the connection was cut');

      await restoreConnection(context);
      await waitForPending(page, 0);
      const sent = (await readOutbox(page)).filter((entry) => kept.some((keptEntry) => keptEntry.clientId === entry.clientId));
      assert.deepEqual(sent.map((entry) => entry.result?.status).sort(), ['created', 'updated']);
      assert.equal(await responsesOfForm(), responsesBefore + 1, 'the response once');
      const stored = await json<MeetingDetail>(`/api/field/meetings/${meetingId}`);
      assert.equal(stored.decisions.find((decision) => decision.kind === 'task')!.progress, 60);
    });

    test('in the console, the point shows the meeting with each outcome, and the unit head sees days on site', async () => {
      const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const console$ = await desk.newPage();
      await signIn(console$, server.baseUrl, 'office-130924');
      await console$.goto(`${server.baseUrl}/rosters/points/${pointId}`);
      const card = console$.getByTestId('point-field-work');
      await card.getByTestId('visit-coverage').waitFor();
      const row = card.getByTestId('point-meetings').locator('tr', { hasText: marker });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /任务 0\/1 完成，转诉求 1/);
      await row.locator('.ant-table-row-expand-icon').click();
      const detail = card.getByTestId('meeting-detail');
      await detail.waitFor();
      const task = detail.getByTestId('decision-task');
      assert.equal(await task.getAttribute('data-progress'), '60');
      assert.match((await task.textContent()) ?? '', /60%/);
      await detail.getByTestId('decision-appeal').waitFor();
      assert.match((await detail.textContent()) ?? '', /听取群众对村庄环境的意见/);
      await screenshot(console$, 'field-01-point-meetings');

      await console$.context().clearCookies();
      await signIn(console$, server.baseUrl, 'head-130924');
      await console$.goto(`${server.baseUrl}/diary`);
      const unit = console$.getByTestId('unit-days');
      // Data rows (not the empty-table placeholder shown while loading).
      await unit.locator('tbody tr.ant-table-row').first().waitFor();
      const names = await unit.locator('tbody tr.ant-table-row td:first-child').allTextContents();
      // The table is the server's list as it is (name order, tested there), with the reported counts.
      const headApi = await request.newContext({ baseURL: server.baseUrl });
      assert.equal((await headApi.post('/api/auth/login', { data: { username: 'head-130924', password: demoPassword } })).status(), 200);
      const listed = (await (await headApi.get('/api/field/diary/unit')).json()) as { cadres: { name: string; daysRecorded: number }[] };
      await headApi.dispose();
      assert.deepEqual(names, listed.cadres.map((cadre) => cadre.name));
      assert.ok(listed.cadres.filter((cadre) => cadre.daysRecorded > 0).length >= 2, 'the demo cadre and the head keep a diary');
      await console$.getByTestId('my-diary').getByTestId('diary-entry').first().waitFor();
      await screenshot(console$, 'field-02-unit-diary');
      await desk.close();
    });
  });
}
