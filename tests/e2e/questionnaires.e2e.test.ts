// Questionnaires in a real browser on the real server with the small demo seed: the 海兴县 office
// uploads a broken XLSForm and reads the problems by sheet and row, imports the sample, makes the
// public link; the fill page shows the form's own constraint message as it is typed and hides the
// skipped group; a resident answers through the public link (no account); the results page then
// counts that answer and draws a chart per question.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { sampleMessages, sampleXlsForm, xlsFormWithUnknownType } from '../fixtures/xlsform-sample.ts';

const found = findChromium();
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

if ('missing' in found) {
  test('questionnaires in a browser', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('questionnaires in a real browser', { timeout: 1_800_000 }, () => {
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

    test('office imports the sample XLSForm, the fill page checks answers live, a resident answers by the public link, results count it', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, server.baseUrl, 'office-130924');
      await page.getByRole('menuitem', { name: '调查问卷' }).click();
      await page.waitForURL('**/questionnaires');

      // 1. A broken XLSForm: nothing is stored, the problem is listed with its sheet and row.
      const broken = await xlsFormWithUnknownType();
      const fileInput = page.locator('input[type=file]');
      await fileInput.setInputFiles({ name: 'broken.xlsx', mimeType: xlsxType, buffer: broken.content });
      const problems = page.getByTestId('import-problems');
      await problems.waitFor();
      const problemRow = problems.locator('.ant-table-row').first();
      assert.match(await problemRow.innerText(), /survey\s+10\s+type/);
      assert.match(await problemRow.innerText(), /未知题型 “photo”/);
      await screenshot(page, 'questionnaires-01-import-problems');

      // 2. The sample imports; its results page opens with no answers yet; the public link is made.
      await fileInput.setInputFiles({ name: '入户走访调查表.xlsx', mimeType: xlsxType, buffer: await sampleXlsForm() });
      await page.getByTestId('results-household_visit_survey').click();
      await page.getByTestId('results-title').getByText('入户走访调查表').waitFor();
      await page.getByTestId('results-count').getByText('共 0 份答卷').waitFor();
      await page.getByTestId('make-public-link').click();
      const link = (await page.getByTestId('public-link').innerText()).trim();
      assert.match(link, /\/f\/[A-Za-z0-9_-]{16,}$/);

      // 3. The fill page: the constraint's own message appears as it is typed; the skip hides the needs group.
      await page.getByTestId('results-fill').click();
      await page.waitForURL('**/fill');
      await page.getByTestId('answer-members').fill('25');
      await page.getByTestId('question-error-members').getByText(sampleMessages.members.zh).waitFor();
      await page.getByTestId('answer-members').fill('4');
      await page.getByTestId('question-error-members').waitFor({ state: 'hidden' });
      await page.getByTestId('answer-has_need').getByText('是').click();
      await page.getByTestId('group-need').waitFor();
      await page.getByTestId('answer-needs').getByText('饮水').click();
      await page.getByTestId('answer-needs').getByText('道路').click();
      await page.getByTestId('answer-needs').getByText('就业').click();
      await page.getByTestId('question-error-needs').getByText(sampleMessages.needs.zh).waitFor();
      await screenshot(page, 'questionnaires-02-fill-live-check');
      await page.getByTestId('answer-has_need').getByText('否').click();
      await page.getByTestId('group-need').waitFor({ state: 'hidden' });

      // 4. A resident on a phone, without an account: the same live check, then a stored answer.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const resident = await phone.newPage();
      resident.on('pageerror', (error) => pageErrors.push(error.message));
      await resident.goto(link);
      await resident.getByTestId('public-form-title').getByText('入户走访调查表').waitFor();
      await resident.getByTestId('answer-head_name').fill('王五');
      await resident.getByTestId('answer-members').fill('0');
      await resident.getByTestId('question-error-members').getByText(sampleMessages.members.zh).waitFor();
      await resident.getByTestId('answer-members').fill('3');
      await resident.getByTestId('answer-has_need').getByText('否').click();
      await resident.getByTestId('answer-satisfaction').getByText('基本满意').click();
      await resident.getByTestId('fill-submit').click();
      await resident.getByTestId('public-form-done').waitFor();
      await screenshot(resident, 'questionnaires-03-public-done');
      await phone.close();

      // 5. The results count the answer and chart it.
      await page.goBack();
      await page.waitForURL((url) => /\/questionnaires\/\d+$/.test(url.pathname));
      await page.reload();
      await page.getByTestId('results-count').getByText('共 1 份答卷').waitFor();
      await page.getByTestId('result-satisfaction').locator('canvas').first().waitFor();
      await page.getByTestId('result-members').locator('canvas').first().waitFor();
      await screenshot(page, 'questionnaires-04-results');
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  });
}
