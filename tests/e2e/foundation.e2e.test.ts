// Browser flows of the console's foundation on the real server with the small demo seed:
// sign-in, the region tree, the language switch, the profile, sign-out, a phone viewport, and
// a county office that sees only its own county.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, ensureWebBuild, findChromium, launchBrowser, screenshot, signIn, startServer, type RunningServer } from './harness.ts';

const found = findChromium();

function treeNode(page: Page, name: string) {
  return page.locator('.ant-tree-treenode:not([aria-hidden])').filter({ has: page.locator('.ant-tree-title', { hasText: name }) }).first();
}

async function expandTreeNode(page: Page, name: string) {
  const node = treeNode(page, name);
  await node.waitFor();
  await node.locator('.ant-tree-switcher').click();
}

if ('missing' in found) {
  test('browser flows of the console', (t) => {
    t.skip(`chromium not installed: ${found.missing}`);
  });
} else {
  describe('the web console in a real browser', { timeout: 1_500_000 }, () => {
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

    test('an office signs in, browses Hebei down to the townships of 海兴县, switches language, opens the profile and signs out', async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(server.baseUrl);
      await page.waitForURL('**/login');
      await page.getByText('蹲点服务平台').first().waitFor();
      await screenshot(page, '01-login');

      await page.locator('#username').fill('office');
      await page.locator('#password').fill('wrong-password');
      await page.locator('button[type=submit]').click();
      await page.getByTestId('login-error').waitFor();
      assert.match(await page.getByTestId('login-error').innerText(), /用户名或密码错误/);
      await screenshot(page, '02-login-error');

      await page.locator('#password').fill(demoPassword);
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByText('干部总数').waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot(page, '03-home');

      await page.getByRole('menuitem', { name: '行政区划' }).click();
      await page.waitForURL('**/regions');
      await treeNode(page, '石家庄市').waitFor();
      await treeNode(page, '沧州市').waitFor();
      assert.match(await treeNode(page, '沧州市').innerText(), /干部 [\d,]+ · 联系点 [\d,]+/);
      await screenshot(page, '04-tree-hebei');

      await expandTreeNode(page, '沧州市');
      await treeNode(page, '海兴县').waitFor();
      await expandTreeNode(page, '海兴县');
      await treeNode(page, '苏基镇').waitFor();
      assert.match(await treeNode(page, '苏基镇').innerText(), /苏基镇\s*干部 [\d,]+ · 联系点 [\d,]+/);
      await treeNode(page, '海兴县').locator('.ant-tree-title').click();
      await page.waitForURL('**/regions/130924');
      const detail = page.getByTestId('region-detail');
      await detail.getByRole('heading', { name: '海兴县' }).waitFor();
      assert.match(await detail.locator('.ant-breadcrumb').innerText(), /河北省[\s\S]*沧州市[\s\S]*海兴县/);
      await detail.getByRole('link', { name: '苏基镇' }).waitFor();
      await screenshot(page, '05-tree-haixing');

      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: 'Regions', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await screenshot(page, '06-english');
      await page.reload();
      await page.getByRole('heading', { name: 'Regions', exact: true }).waitFor();
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: '行政区划', exact: true }).waitFor();

      await page.getByRole('menuitem', { name: '个人中心' }).click();
      await page.waitForURL('**/profile');
      const profileCard = page.getByTestId('profile-card');
      await profileCard.getByText('office', { exact: true }).waitFor();
      await page.locator('button[type=submit]').click();
      await page.getByText('请输入当前密码').waitFor();
      await page.locator('#newPassword').fill('short');
      await page.getByText('新密码至少 10 个字符').waitFor();
      await screenshot(page, '07-profile');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await page.locator('#username').waitFor();
      await screenshot(page, '08-signed-out');
      await page.goto(`${server.baseUrl}/regions`);
      await page.waitForURL('**/login');

      assert.deepEqual(pageErrors, []);
      await context.close();
    });

    test('the region tree is usable on a 390×844 phone, with the menu in a drawer', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, server.baseUrl, 'office');
      await page.goto(`${server.baseUrl}/regions/1309`);
      await treeNode(page, '海兴县').waitFor();
      await page.getByTestId('region-detail').getByRole('heading', { name: '沧州市' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
      await screenshot(page, '09-phone-tree');
      await page.getByRole('button', { name: '菜单' }).click();
      await page.locator('.ant-drawer').getByRole('menuitem', { name: '个人中心' }).waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, '10-phone-menu', { isFullPage: false });
      await context.close();
    });

    test('an office opens the accounts table and the audit log with a row expanded', async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, server.baseUrl, 'office');
      await page.getByRole('menuitem', { name: '账号管理' }).click();
      await page.locator('.ant-table-row').first().waitFor();
      assert.match(await page.locator('.ant-pagination-total-text').innerText(), /共 \d+ 个账号/);
      await screenshot(page, '12-accounts');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.locator('.ant-table-row').first().waitFor();
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.getByText('变更后').first().waitFor();
      await screenshot(page, '13-audit');
      await context.close();
    });

    test('a county office sees 海兴县 as its root and gets a not-found message for its city', async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, server.baseUrl, 'office-130924');
      await page.goto(`${server.baseUrl}/regions`);
      const firstNode = page.locator('.ant-tree-treenode:not([aria-hidden])').first();
      await firstNode.waitFor();
      assert.match(await firstNode.innerText(), /^海兴县/);
      await treeNode(page, '苏基镇').waitFor();
      assert.equal(await treeNode(page, '沧州市').count(), 0);

      await page.goto(`${server.baseUrl}/regions/1309`);
      await page.getByTestId('region-not-found').waitFor();
      assert.match(await page.getByTestId('region-not-found').innerText(), /找不到该区划/);
      await screenshot(page, '11-out-of-scope');
      await context.close();
    });
  });
}
