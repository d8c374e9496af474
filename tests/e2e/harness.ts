// Browser-test harness: makes sure the web app is built, runs the real server on a free port with
// a fresh data folder and the small demo seed, finds Chromium, and saves screenshots.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

/** The newest modification time of the files under `path` (a file or a folder). */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * Builds the cadre's phone app (dist/mobile, served at /m/) when it is missing or older than its
 * sources. Test files run in parallel: a lock folder keeps two from building at the same time.
 */
export async function ensureMobileBuild(): Promise<void> {
  const marker = join(repoRoot, 'dist/mobile/index.html');
  const isFresh = () => existsSync(marker) && statSync(marker).mtimeMs >= Math.max(newestChange(join(repoRoot, 'src/mobile')), newestChange(join(repoRoot, 'vite.mobile.config.ts')));
  const lock = join(tmpdir(), 'dundian-mobile-build.lock');
  for (let waited = 0; !isFresh(); waited += 500) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building; a lock older than two minutes is a leftover.
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((wait) => setTimeout(wait, 500));
      continue;
    }
    try {
      if (isFresh()) return;
      // The test runner sets NODE_ENV=test, which would give a development-flavoured bundle.
      const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.mobile.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
      if (built.status !== 0) throw new Error('vite build of the phone app failed');
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
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

interface ServerProcess {
  child: ChildProcess;
  exited: Promise<void>;
  output(): string;
}

/** Spawns `node --import tsx src/server/server.ts` on `port` over `dataDir`. */
function spawnServer(port: number, dataDir: string, seed: 'small' | 'none' | 'full'): ServerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: seed, LOG_LEVEL: 'warn', DATABASE_URL: '', DUNDIAN_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return { child, exited, output: () => output };
}

/** Ends the process: SIGTERM with a 10 s grace before SIGKILL, or SIGKILL at once. */
async function endServerProcess(server: ServerProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const { child, exited } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until /api/health answers 200; the reason when it does not in time or the process exits. */
async function waitUntilHealthy(baseUrl: string, server: ServerProcess, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) return `server exited with ${server.child.exitCode}:\n${server.output().slice(-4000)}`;
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return undefined;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 300));
  }
  return `server did not become healthy in time:\n${server.output().slice(-4000)}`;
}

// Preparing the small seed (geography, rosters, a published demo plan) can take minutes on 2 cores.
const serverTimeoutMs = (timeoutMs?: number) => timeoutMs ?? Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 900_000);

/** Starts `node --import tsx src/server/server.ts` and waits until /api/health answers 200. */
export async function startServer(options: { seed?: 'small' | 'none' | 'full'; timeoutMs?: number } = {}): Promise<RunningServer> {
  // E2E_BASE_URL reuses a server that is already running (quicker while developing the console).
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => undefined };
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dundian-e2e-'));
  cpSync(await preparedDataDir(options.seed ?? 'small'), dataDir, { recursive: true });
  const server = spawnServer(port, dataDir, options.seed ?? 'small');
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await endServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const failure = await waitUntilHealthy(baseUrl, server, serverTimeoutMs(options.timeoutMs));
  if (failure) {
    await stop();
    throw new Error(failure);
  }
  return { baseUrl, stop };
}

/** A server that a test can kill like a crash and start again on the same port and data folder. */
export interface RestartableServer extends RunningServer {
  /** The server's data folder (PGlite in `pglite/`), to read the database once the server is down. */
  dataDir: string;
  /** Kills the process at once (SIGKILL: no shutdown, no flush); the data folder stays. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data folder and waits until it is healthy. */
  restart(): Promise<void>;
  /** True while a server process is running. */
  isRunning(): boolean;
  /** What the current server process has printed (for failure reports). */
  output(): string;
}

/** Like startServer, but killable and restartable (the browser keeps the same origin: same port). */
export async function startRestartableServer(options: { seed?: 'small' | 'none' | 'full'; timeoutMs?: number } = {}): Promise<RestartableServer> {
  const seed = options.seed ?? 'small';
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dundian-e2e-'));
  cpSync(await preparedDataDir(seed), dataDir, { recursive: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  let server = spawnServer(port, dataDir, seed);
  const isRunning = () => server.child.exitCode === null && server.child.signalCode === null;
  const stop = async () => {
    await endServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const waitOrThrow = async () => {
    const failure = await waitUntilHealthy(baseUrl, server, serverTimeoutMs(options.timeoutMs));
    if (failure) {
      await stop();
      throw new Error(failure);
    }
  };
  await waitOrThrow();
  return {
    baseUrl,
    dataDir,
    stop,
    isRunning,
    output: () => server.output(),
    kill: () => endServerProcess(server, 'SIGKILL'),
    restart: async () => {
      await endServerProcess(server);
      server = spawnServer(port, dataDir, seed);
      await waitOrThrow();
    },
  };
}

/**
 * Launches headless Chromium with a fresh profile. Its pages ask for reduced motion unless a test says
 * otherwise (`reducedMotion: 'no-preference'`): the web app then shows dialogs, drawers and lists without
 * animation, so that a click never meets a button that is still moving.
 */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const browser = await chromium.launch({ executablePath, args: chromiumFlags });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
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

/**
 * Waits for an element to be shown and for its animations (and its children's) to end, as a person waits
 * for a dialog to finish opening before pressing its button: a click during a dialog's zoom could land
 * beside the moving button, on the mask, which closes the dialog.
 */
export async function whenSettled(target: Locator): Promise<void> {
  await target.waitFor();
  await target.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished.catch(() => undefined))));
}

/**
 * Chooses an option of an Ant Design select with the keyboard, as a person without a mouse
 * would: opens it, moves down until the option that matches is the active one, and takes it.
 * Unlike a click on the option, this does not depend on where the list (animated, virtually
 * scrolled, on a small screen) happens to show the option at that moment.
 */
export async function chooseOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  const isMatch = (text: string) => (typeof option === 'string' ? text.includes(option) : option.test(text));
  await select.click();
  // The open list (a list closing on another select is still in the page while it fades out).
  const activeSelector = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option-active';
  const active = page.locator(activeSelector);
  await active.waitFor();
  const seen: string[] = [];
  for (let step = 0; step < 200; step += 1) {
    const text = (await active.innerText()).trim();
    if (isMatch(text)) {
      await page.keyboard.press('Enter');
      return;
    }
    if (seen.length > 1 && text === seen[0]) break; // went round the whole list
    seen.push(text);
    await page.keyboard.press('ArrowDown');
    // The active option moves on the next render; a list of one option never moves.
    await page
      .waitForFunction(({ selector, before }) => document.querySelector(selector)?.textContent?.trim() !== before, { selector: activeSelector, before: text }, { timeout: 2_000 })
      .catch(() => undefined);
  }
  throw new Error(`no option ${String(option)} in the select; it offers: ${seen.join(', ')}`);
}


/**
 * Writes figures a browser test measured into docs/benchmarks.md as the section
 * `<!-- figures:NAME -->` (replaced when present, else appended; `npm run bench` keeps it).
 */
export function recordFigures(name: string, markdown: string): void {
  const file = join(repoRoot, 'docs/benchmarks.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `<!-- figures:${name} -->\n${markdown.trim()}\n\n<!-- /figures:${name} -->\n`;
  const pattern = new RegExp(`<!-- figures:${name} -->\\n[\\s\\S]*?<!-- /figures:${name} -->\\n`);
  writeFileSync(file, pattern.test(existing) ? existing.replace(pattern, () => block) : `${existing.trimEnd()}\n\n${block}`);
}
