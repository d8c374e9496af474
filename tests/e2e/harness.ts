// Browser-test harness: makes sure the web app is built, runs the real server on a free port with
// a fresh data folder and the small demo seed, finds Chromium, and saves screenshots.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { prepareDatabase } from '../../src/server/startup.ts';
import { codeHash } from '../helpers/test-app.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const screenshotDir = join(repoRoot, '.artifacts', 'screenshots');
export const demoPassword = 'dundian-demo';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive, or why there is none (the tests then skip, saying so). */
export function findChromium(): { path: string } | { missing: string } {
  const candidates = [process.env.CHROMIUM_PATH];
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0) candidates.push(found.stdout.trim());
  }
  candidates.push('/usr/bin/chromium');
  const path = candidates.find((candidate) => candidate && existsSync(candidate));
  return path ? { path } : { missing: 'no chromium, chromium-browser or google-chrome on PATH and CHROMIUM_PATH unset' };
}

/** Builds dist/web once when it is missing (the server serves it). */
export function ensureWebBuild(): void {
  if (existsSync(join(repoRoot, 'dist/web/index.html'))) return;
  const built = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A data folder holding the prepared demo (seed and published demo plan), built once per code version
 * and copied for each server: preparing it is most of a server's start-up.
 */
async function preparedDataDir(seed: 'small' | 'none' | 'full'): Promise<string> {
  const root = join(tmpdir(), 'dundian-e2e-templates');
  const dir = join(root, `${codeHash()}_${seed}`);
  if (existsSync(join(dir, 'ready'))) return dir;
  mkdirSync(root, { recursive: true });
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: join(partial, 'pglite') });
  await prepareDatabase(database, { seed });
  await database.close();
  writeFileSync(join(partial, 'ready'), new Date().toISOString());
  try {
    renameSync(partial, dir);
  } catch {
    // Another test file prepared it meanwhile.
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}

/** Starts `node --import tsx src/server/server.ts` and waits until /api/health answers 200. */
export async function startServer(options: { seed?: 'small' | 'none' | 'full'; timeoutMs?: number } = {}): Promise<RunningServer> {
  // E2E_BASE_URL reuses a server that is already running (quicker while developing the console).
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => undefined };
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dundian-e2e-'));
  cpSync(await preparedDataDir(options.seed ?? 'small'), dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: options.seed ?? 'small', LOG_LEVEL: 'warn', DATABASE_URL: '', DUNDIAN_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  // Preparing the small seed (geography, rosters, a published demo plan) can take minutes on 2 cores.
  const deadline = Date.now() + (options.timeoutMs ?? Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 900_000));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 300));
  }
  await stop();
  throw new Error(`server did not become healthy in time:\n${output.slice(-4000)}`);
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumFlags });
}

/** Saves a full-page screenshot under .artifacts/screenshots/. */
export async function screenshot(page: Page, name: string, options: { isFullPage?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path, fullPage: options.isFullPage ?? true, animations: 'disabled' });
  return path;
}

/** Signs in through the login form and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, username: string, password = demoPassword): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

