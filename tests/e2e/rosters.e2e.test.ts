// Browser flows of the rosters on the real server with the small demo seed: an office uploads a
// messy cadre sheet (Traditional characters, full-width digits, numbers stored as numbers, the
// header below a blank row, two bad rows), reads the dry-run report, downloads the error sheet,
// commits a corrected file and finds the new cadre by pinyin initials; then lists with filters in
// the URL, an export of the filtered list, a logged phone reveal, and edits that meet a stale
// version (409) and an API validation error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, whenSettled, type RunningServer } from './harness.ts';

const found = findChromium();
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;

// External ids unique to this run, so the flow also holds on a server reused through E2E_BASE_URL.
const runId = Date.now().toString(36).toUpperCase();
const externalId = (index: number) => `E2E-${runId}-${index}`;

// Row 1 is blank: the importer must find the header on the first non-blank row (row 2), so the
// data rows are numbered 3–6 as in the spreadsheet.
const header: Cell[] = ['姓名', '性别', '出生年份', '單位', ' 職務 ', '是否领导', '部门类别', '手机', '户籍地', '外部编号'];
const goodRows: Cell[][] = [
  // Traditional name and unit, birth year as full-width text, phone stored as a number.
  ['歐陽翠微', '女', '１９８６', '海興縣財政局', '科員', '否', '', 13912345678, '海兴县苏基镇', externalId(1)],
  // Full-width digits in the phone, leader with an explicit category.
  ['司马青岚', '男', 1979, '海兴县财政局', '副局长', '是', '经济', '１３８０００１１２２３', '', externalId(2)],
];
const badRows: Cell[][] = [
  ['上官明远', '未知', 1990, '海兴县财政局', '科员', '否', '', '', '', externalId(3)],
  ['东方晓白', '男', 1890, '海兴县没有这个局', '科员', '否', '', '', '', externalId(4)],
];
const correctedRows: Cell[][] = [
  ['上官明远', '男', 1990, '海兴县财政局', '科员', '否', '', '', '', externalId(3)],
  ['东方晓白', '男', 1990, '海兴县财政局', '科员', '否', '', '', '', externalId(4)],
];

async function xlsxOf(rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('干部');
  rows.forEach((row, index) => {
    const target = sheet.getRow(index + 2);
    row.forEach((value, column) => {
      if (value !== null && value !== '') target.getCell(column + 1).value = value;
    });
    target.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of the first sheet of a downloaded workbook, as text. */
async function readDownloadedSheet(download: Download, folder: string): Promise<string[][]> {
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the download is an .xlsx (zip) file');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet, 'the workbook has a sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

async function statisticOf(page: Page, reportTestId: string, count: string): Promise<number> {
  const text = await page.getByTestId(reportTestId).getByTestId(`count-${count}`).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

async function chooseFile(page: Page, name: string, content: Buffer, mimeType = xlsxType) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer: content });
  await page.locator('.ant-upload-list').getByText(name).waitFor();
}

function tableRows(table: Locator): Locator {
  return table.locator('tbody tr.ant-table-row');
}

if ('missing' in found) {
  test('browser flows of the rosters', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('the rosters in a real browser', { timeout: 3_600_000 }, () => {
    let server: RunningServer;
    let browser: Browser;
    let downloads: string;

    before(async () => {
      ensureWebBuild();
      server = await startServer({ seed: 'small' });
      browser = await launchBrowser(found.path);
      downloads = mkdtempSync(join(tmpdir(), 'dundian-e2e-downloads-'));
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (downloads) rmSync(downloads, { recursive: true, force: true });
    });

    async function officePage(): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, server.baseUrl, 'office');
      return { context, page, pageErrors };
    }

    test('an office imports a messy cadre sheet: dry run report, error sheet, corrected commit, then finds the cadre by pinyin initials', async () => {
      const { context, page, pageErrors } = await officePage();

      await page.getByRole('menuitem', { name: '名册导入' }).click();
      await page.waitForURL('**/rosters/import');
      await page.getByRole('heading', { name: '名册导入' }).waitFor();
      assert.equal(await page.getByTestId('run-dry-run').isDisabled(), true, 'no dry run before a file is chosen');

      const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
      const templateRows = await readDownloadedSheet(template, downloads);
      assert.ok(templateRows[0]?.includes('姓名') && templateRows[0]?.includes('外部编号'), `the cadre template has the contract headers: ${templateRows[0]?.join(',')}`);

      // 1. The messy sheet: a dry run that finds two bad rows and writes nothing.
      await chooseFile(page, '干部名册-待整理.xlsx', await xlsxOf([header, ...goodRows, ...badRows]));
      await page.getByTestId('run-dry-run').click();
      await page.getByTestId('dry-run-report').waitFor();
      assert.equal(await statisticOf(page, 'dry-run-report', 'total'), 4);
      assert.equal(await statisticOf(page, 'dry-run-report', 'new'), 2);
      assert.equal(await statisticOf(page, 'dry-run-report', 'updated'), 0);
      assert.equal(await statisticOf(page, 'dry-run-report', 'unchanged'), 0);
      assert.equal(await statisticOf(page, 'dry-run-report', 'rejected'), 2);
      assert.match(await page.getByTestId('dry-run-verdict').innerText(), /有 2 行有错误/);
      assert.match(await page.getByTestId('import-phase').innerText(), /完成/);

      const errorRows = tableRows(page.getByTestId('import-errors'));
      const errorTexts = await errorRows.allInnerTexts();
      assert.ok(errorTexts.length >= 3, `at least three bad cells are listed: ${errorTexts.join(' | ')}`);
      const rowNumbers = new Set(errorTexts.map((text) => Number(text.trim().split(/\s+/)[0])));
      assert.deepEqual([...rowNumbers].sort(), [5, 6], 'the bad rows are numbered as in the spreadsheet');
      assert.ok(errorTexts.some((text) => /^5\s+性别\s+未知\s+\S/.test(text.trim())), `row 5: the gender 未知 is refused with a reason: ${errorTexts.join(' | ')}`);
      assert.ok(errorTexts.some((text) => /^6\s+出生年份\s+1890\s+\S/.test(text.trim())), `row 6: the birth year 1890 is refused: ${errorTexts.join(' | ')}`);
      assert.ok(errorTexts.some((text) => /^6\s+单位\s+海兴县没有这个局\s+\S/.test(text.trim()) || /^6\s+單位\s+海兴县没有这个局\s+\S/.test(text.trim())), `row 6: the unknown unit is refused: ${errorTexts.join(' | ')}`);
      assert.equal(await page.getByTestId('run-commit').isDisabled(), true, 'a sheet with bad rows cannot be committed');
      assert.match(await page.locator('.ant-steps-item-active').innerText(), /核对结果/);
      await screenshot(page, 'rosters-01-dry-run-report');

      // 2. The error sheet: the bad rows with their original values and an explanation.
      const [errorSheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-error-sheet').click()]);
      assert.match(errorSheet.suggestedFilename(), /\.xlsx$/);
      const errorSheetRows = await readDownloadedSheet(errorSheet, downloads);
      assert.equal(errorSheetRows[0]?.[0], '原行号');
      assert.equal(errorSheetRows[0]?.at(-1), '错误说明');
      assert.deepEqual(
        errorSheetRows.slice(1).map((row) => row[0]),
        ['5', '6'],
        'the error sheet holds exactly the two bad rows',
      );
      assert.match(errorSheetRows[1]?.at(-1) ?? '', /性别/);

      // Nothing was written by the dry run (the search by external id finds no one).
      await page.goto(`${server.baseUrl}/rosters/cadres?q=${externalId(1)}`);
      await page.getByTestId('cadres-table').locator('.ant-table-placeholder').waitFor();
      assert.equal(await tableRows(page.getByTestId('cadres-table')).count(), 0, 'a dry run writes nothing');

      // 3. The corrected sheet: a clean dry run, then the commit with progress.
      await page.goto(`${server.baseUrl}/rosters/import?kind=cadres`);
      await chooseFile(page, '干部名册-已修正.xlsx', await xlsxOf([header, ...goodRows, ...correctedRows]));
      await page.getByTestId('run-dry-run').click();
      await page.getByTestId('dry-run-report').waitFor();
      assert.equal(await statisticOf(page, 'dry-run-report', 'new'), 4);
      assert.equal(await statisticOf(page, 'dry-run-report', 'rejected'), 0);
      assert.match(await page.getByTestId('dry-run-verdict').innerText(), /检查通过/);
      assert.equal(await page.getByTestId('import-errors').count(), 0);
      await page.getByTestId('run-commit').click();
      await page.getByTestId('commit-done').waitFor();
      assert.equal(await statisticOf(page, 'commit-report', 'new'), 4);
      assert.match(await page.getByTestId('commit-done').innerText(), /新增 4 条/);
      assert.match(await page.getByTestId('import-phase').innerText(), /完成/);
      await screenshot(page, 'rosters-02-committed');

      // 4. Find the new cadre by the initials of her Traditional-character name, typed in the search box.
      await page.getByRole('button', { name: '查看干部名册' }).click();
      await page.waitForURL('**/rosters/cadres');
      await page.getByTestId('cadres-table').locator('tbody tr.ant-table-row').first().waitFor();
      const search = page.getByTestId('roster-search').locator('input');
      await search.fill('oycw');
      await search.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === 'oycw');
      const hit = page.getByTestId('cadres-table').getByRole('link', { name: '歐陽翠微' }).first();
      await hit.waitFor();
      const hitRow = tableRows(page.getByTestId('cadres-table')).filter({ hasText: '歐陽翠微' }).first();
      assert.match(await hitRow.innerText(), /海兴县财政局/);
      assert.match(await hitRow.innerText(), /139\*{4}5678/, 'the phone (stored as a number) is listed masked');
      assert.match(await page.locator('.ant-pagination-total-text').innerText(), /共 \d+ 名干部/);
      await screenshot(page, 'rosters-03-search-initials');

      // The same search by the Simplified name and by the phone's last digits.
      await search.fill('欧阳翠微');
      await search.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === '欧阳翠微');
      await page.getByTestId('cadres-table').getByRole('link', { name: '歐陽翠微' }).first().waitFor();
      await search.fill('0011223');
      await search.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === '0011223');
      await page.getByTestId('cadres-table').getByRole('link', { name: '司马青岚' }).first().waitFor();

      // 5. The detail page: every field, the masked phone revealed only with a reason.
      await page.goto(`${server.baseUrl}/rosters/cadres?q=${externalId(1)}`);
      await page.getByTestId('cadres-table').getByRole('link', { name: '歐陽翠微' }).click();
      await page.waitForURL(/\/rosters\/cadres\/\d+$/);
      const fields = page.getByTestId('record-fields');
      await fields.waitFor();
      const fieldText = await fields.innerText();
      for (const expected of [/1986/, /科员/, /海兴县财政局/, new RegExp(externalId(1)), /苏基镇/, /女/]) assert.match(fieldText, expected);
      await fields.getByTestId('reveal-phone').click();
      const dialog = page.locator('.ant-modal');
      await whenSettled(dialog);
      await dialog.getByRole('button', { name: /^查\s*看$/ }).click();
      await dialog.getByText('请填写查看理由').waitFor();
      await dialog.locator('textarea').fill('核实蹲点安排');
      await dialog.getByRole('button', { name: /^查\s*看$/ }).click();
      await fields.getByTestId('revealed-phone').waitFor();
      assert.match(await fields.getByTestId('revealed-phone').innerText(), /13912345678/);
      // Its history starts with the import that created it, read as people read the fields:
      // the unit and the home village by name, the vocabulary in Chinese, the phone never in clear.
      const history = await page.getByTestId('change-history').innerText();
      for (const expected of [/干部由导入新建/, /性别：— → 女/, /单位：— → 海兴县财政局/, /部门类别：— → 经济/, /是否领导：— → 否/, /手机：— → 已填写/, /户籍地：— → 河北省 \/ 沧州市 \/ 海兴县 \/ 苏基镇/, /来自文件 \S+\.xlsx 第 \d+ 行/]) {
        assert.match(history, expected);
      }
      assert.doesNotMatch(history, /13912345678|female|economic/);
      await screenshot(page, 'rosters-04-cadre-detail');

      assert.deepEqual(pageErrors, []);
      await context.close();
    });

    test('lists keep their filters in the URL, export the filtered list, and switch to English', async () => {
      const { context, page, pageErrors } = await officePage();

      await page.goto(`${server.baseUrl}/rosters/points?type=village&need=poverty&regionCode=130924`);
      const pointsTable = page.getByTestId('points-table');
      await tableRows(pointsTable).first().waitFor();
      const pointsTotal = Number((await page.locator('.ant-pagination-total-text').innerText()).replace(/[^\d]/g, ''));
      assert.ok(pointsTotal > 0, '海兴县 has villages tagged with poverty');
      for (const text of await tableRows(pointsTable).allInnerTexts()) {
        assert.match(text, /村/);
        assert.match(text, /穷 [123]/);
        assert.match(text, /海兴县/);
      }
      await screenshot(page, 'rosters-05-points-filtered');

      const [pointsExport] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-points').click()]);
      const exported = await readDownloadedSheet(pointsExport, downloads);
      const typeColumn = exported[0]?.indexOf('类型') ?? -1;
      assert.ok(typeColumn >= 0, 'the export has the template headers');
      assert.equal(exported.length - 1, pointsTotal, 'the export holds exactly the filtered list');
      assert.ok(exported.slice(1).every((row) => row[typeColumn] === '村'));

      await page.goto(`${server.baseUrl}/rosters/units?regionCode=130924&category=economic`);
      await tableRows(page.getByTestId('units-table')).first().waitFor();
      assert.match(await page.getByTestId('units-table').innerText(), /海兴县财政局/);
      assert.match(await page.locator('.ant-pagination-total-text').innerText(), /共 \d+ 个单位/);
      await screenshot(page, 'rosters-06-units-filtered');

      await page.goto(`${server.baseUrl}/rosters/cadres?isLeader=true&regionCode=130924`);
      await tableRows(page.getByTestId('cadres-table')).first().waitFor();
      for (const text of await tableRows(page.getByTestId('cadres-table')).allInnerTexts()) assert.match(text, /党委|政府|人大|政协|领导/);
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: 'Cadres', exact: true }).waitFor();
      assert.match(await page.locator('.ant-pagination-total-text').innerText(), /Total: \d+/);
      await screenshot(page, 'rosters-07-cadres-english');
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: '干部名册', exact: true }).waitFor();

      assert.deepEqual(pageErrors, []);
      await context.close();

      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const phonePage = await phone.newPage();
      await signIn(phonePage, server.baseUrl, 'office');
      await phonePage.goto(`${server.baseUrl}/rosters/cadres?regionCode=130924`);
      await tableRows(phonePage.getByTestId('cadres-table')).first().waitFor();
      const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the cadre list is ${overflow}px wider than the phone`);
      await screenshot(phonePage, 'rosters-10-phone-cadres', { isFullPage: false });
      await phone.close();
    });

    test('a commit that meets bad rows after its dry run (the unit was renamed meanwhile) is refused, writes nothing and lists the errors', async () => {
      const { context, page, pageErrors } = await officePage();
      const unitName = `海兴县蹲点服务中心${runId}`;

      // A new unit from a .csv, then a clean dry run of a cadre in it.
      await page.goto(`${server.baseUrl}/rosters/import?kind=units`);
      const unitsCsv = `单位名称,上级单位,所在区划,层级,部门类别\r\n${unitName},,海兴县,县,其他\r\n`;
      await chooseFile(page, '新单位.csv', Buffer.from(unitsCsv, 'utf8'), 'text/csv');
      await page.getByTestId('run-dry-run').click();
      await page.getByTestId('dry-run-report').waitFor();
      assert.equal(await statisticOf(page, 'dry-run-report', 'new'), 1);
      await page.getByTestId('run-commit').click();
      await page.getByTestId('commit-done').waitFor();

      await page.locator('.ant-segmented-item', { hasText: '干部' }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'cadres');
      await chooseFile(page, '一名干部.xlsx', await xlsxOf([header, ['令狐思远', '男', 1988, unitName, '干事', '否', '', '', '', externalId(9)]]));
      await page.getByTestId('run-dry-run').click();
      await page.getByTestId('dry-run-report').waitFor();
      assert.equal(await statisticOf(page, 'dry-run-report', 'new'), 1);
      assert.equal(await page.getByTestId('run-commit').isDisabled(), false);

      // Meanwhile, on another tab, the unit is renamed through its edit form.
      const other = await context.newPage();
      other.on('pageerror', (error) => pageErrors.push(error.message));
      await other.goto(`${server.baseUrl}/rosters/units?q=${encodeURIComponent(unitName)}`);
      await other.getByTestId('units-table').getByRole('link', { name: unitName }).click();
      await other.getByTestId('edit-record').click();
      await other.getByLabel('名称', { exact: true }).fill(`${unitName}旧址`);
      await other.getByTestId('save-record').click();
      await other.getByText('已保存').waitFor();
      await other.getByTestId('record-title').getByText(`${unitName}旧址`).waitFor();
      await other.getByTestId('change-history').getByText(`${unitName}旧址`).waitFor();
      await other.close();

      // The commit now meets a row whose unit no longer exists: refused (422), nothing written.
      await page.getByTestId('run-commit').click();
      await page.getByTestId('commit-refused').waitFor();
      assert.match(await page.getByTestId('commit-refused').innerText(), /没有写入任何数据/);
      const refusedErrors = await tableRows(page.getByTestId('commit-report').getByTestId('import-errors')).allInnerTexts();
      assert.equal(refusedErrors.length, 1, refusedErrors.join(' | '));
      assert.match(refusedErrors[0] ?? '', /^3\s+單位\s+海兴县蹲点服务中心\S+\s+找不到单位/);
      await screenshot(page, 'rosters-11-commit-refused');
      await page.goto(`${server.baseUrl}/rosters/cadres?q=${externalId(9)}`);
      await page.getByTestId('cadres-table').locator('.ant-table-placeholder').waitFor();
      assert.equal(await tableRows(page.getByTestId('cadres-table')).count(), 0, 'a refused commit writes nothing');

      assert.deepEqual(pageErrors, []);
      await context.close();
    });

    test('an edit made on a stale version is refused with a reload offer, and API field errors appear on the field', async () => {
      const { context, page: first, pageErrors } = await officePage();
      await first.goto(`${server.baseUrl}/rosters/cadres?regionCode=130924`);
      const link = first.getByTestId('cadres-table').locator('tbody tr.ant-table-row a[href^="/rosters/cadres/"]').first();
      await link.waitFor();
      const href = await link.getAttribute('href');
      assert.ok(href);
      const second = await context.newPage();
      second.on('pageerror', (error) => pageErrors.push(error.message));
      await first.goto(`${server.baseUrl}${href}`);
      await second.goto(`${server.baseUrl}${href}`);

      for (const page of [first, second]) {
        await page.getByTestId('edit-record').click();
        await page.getByTestId('edit-form').waitFor();
      }
      const newPost = `驻村联络员${runId}`;
      await first.getByLabel('职务', { exact: true }).fill(newPost);
      await first.getByTestId('save-record').click();
      await first.getByText('已保存').waitFor();
      await first.getByTestId('change-history').getByText(newPost).waitFor();

      await second.getByLabel('职务', { exact: true }).fill('另一个职务');
      await second.getByTestId('save-record').click();
      await second.getByTestId('edit-conflict').waitFor();
      assert.match(await second.getByTestId('edit-conflict').innerText(), /已被他人修改/);
      await screenshot(second, 'rosters-08-edit-conflict');
      await second.getByRole('button', { name: '重新加载最新版本' }).click();
      await second.getByTestId('edit-conflict').waitFor({ state: 'detached' });
      await second.waitForFunction((expected) => document.querySelector<HTMLInputElement>('#post')?.value === expected, newPost, { timeout: 30_000 });
      assert.equal(await second.getByLabel('职务', { exact: true }).inputValue(), newPost, 'the reload shows the version saved by the other page');

      await second.locator('#phone').fill('12345');
      await second.getByTestId('save-record').click();
      const phoneError = second.locator('.ant-form-item').filter({ has: second.locator('#phone') }).locator('.ant-form-item-explain-error');
      await phoneError.waitFor();
      assert.ok((await phoneError.innerText()).length > 0, 'the API explains what is wrong with the phone');
      await screenshot(second, 'rosters-09-edit-field-error');

      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  });
}
