// What the browser tests of the phone app (/m/) share: signing in on a phone-sized page, the phone's
// outbox read from IndexedDB, the sync badge's count, and cutting the connection at the browser's
// network layer.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoPassword } from './harness.ts';

export interface PhoneRecord {
  localId: number;
  clientId: string;
  kind: string;
  state: string;
  payload: Record<string, unknown>;
  result?: { status: string; id?: number; appeals?: { trackingCode: string }[] };
}

/** The phone's outbox, read from IndexedDB in the page. */
export async function readOutbox(page: Page): Promise<PhoneRecord[]> {
  return page.evaluate(
    () =>
      new Promise<PhoneRecord[]>((resolve, reject) => {
        const opening = indexedDB.open('dundian-m');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const reading = opening.result.transaction('outbox').objectStore('outbox').getAll();
          reading.onsuccess = () => {
            opening.result.close();
            resolve(reading.result as PhoneRecord[]);
          };
          reading.onerror = () => reject(reading.error);
        };
      }),
  );
}

/** Waits until the badge says `pending` records wait to be sent. */
export async function waitForPending(page: Page, pending: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction((count) => document.querySelector('[data-testid=sync-badge]')?.getAttribute('data-pending') === String(count), pending, { timeout });
}

/** Fails every request of the browser context (page and service worker), and says the browser is offline. */
export async function cutConnection(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

export async function restoreConnection(context: BrowserContext): Promise<void> {
  await context.unroute('**/*');
  await context.setOffline(false);
}

/** Waits until the phone keeps a copy of a read whose key ends with `path` (e.g. a form to fill offline). */
export async function waitForKeptRead(page: Page, path: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (suffix) =>
      new Promise<boolean>((resolve) => {
        const opening = indexedDB.open('dundian-m');
        opening.onerror = () => resolve(false);
        opening.onsuccess = () => {
          const reading = opening.result.transaction('reads').objectStore('reads').getAllKeys();
          reading.onsuccess = () => {
            opening.result.close();
            resolve(reading.result.some((key) => String(key).endsWith(suffix)));
          };
          reading.onerror = () => resolve(false);
        };
      }),
    path,
    { timeout, polling: 500 },
  );
}

/**
 * A 390×844 phone context signed in to /m/ as `username`, once the service worker controls the page
 * (the app shell is precached); returns the first point's card on the home screen and the page's
 * errors as they come.
 */
export async function signInOnPhone(browser: Browser, baseUrl: string, username = 'cadre-130924'): Promise<{ context: BrowserContext; page: Page; pointCard: Locator; pointId: number; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/m/`);
  await page.locator('form[data-ready]').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(demoPassword);
  await page.locator('button[type=submit]').click();
  const pointCard = page.locator('[data-testid=point-card]').first();
  await pointCard.waitFor();
  const pointId = Number(await pointCard.getAttribute('data-point-id'));
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated' && navigator.serviceWorker.controller !== null);
  return { context, page, pointCard, pointId, pageErrors };
}
