// Shared helpers of the benchmarks: throwaway databases, a server child process, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const postgresAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a throwaway PostgreSQL database; returns its URL and a drop function. */
export async function createThrowawayDatabase(prefix = 'dundian_bench'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to a healthy /api/health. */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts the real server as a child process and waits until /api/health answers 200. */
export async function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<RunningServer> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port), DUNDIAN_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error('server did not become healthy in time');
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const startMs = Date.now() - started;
  return {
    url,
    child,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Signs in over HTTP and returns the session cookie. */
export async function loginOverHttp(url: string, username: string, password = 'dundian-demo'): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** Runs `clients` concurrent loops over the request list for `seconds`; returns latencies in ms. */
/**
 * Waits until no plan is queued or running: a server started on an empty database solves the demo
 * plan in the background, which would otherwise share the cores with what a bench measures.
 */
export async function waitForDemoPlan(url: string, cookie: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const plans = (await (await fetch(`${url}/api/plans`, { headers: { cookie } })).json()) as { status: string }[];
    if (plans.some((plan) => plan.status === 'published') && !plans.some((plan) => plan.status === 'queued' || plan.status === 'running')) return;
    if (Date.now() > deadline) throw new Error('the demo plan did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * A closed-loop HTTP load generator: `clients` keep-alive connections, each asking for the next path as
 * soon as the last answer has been read. It shares the machine with the server, so it is kept lean
 * (node:http on a keep-alive agent costs about a third of the CPU per request of `fetch`).
 */
export async function loadTest(options: { clients: number; seconds: number; next: (index: number) => { url: string; cookie: string } }) {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const deadline = Date.now() + options.seconds * 1000;
  const get = (url: string, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = httpGet(url, { agent, headers: { cookie } }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
    });
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (Date.now() < deadline) {
        const { url, cookie } = options.next(counter++);
        const started = performance.now();
        const status = await get(url, cookie).catch(() => 0);
        latencies.push(performance.now() - started);
        if (status !== 200) errors += 1;
      }
    }),
  );
  agent.destroy();
  return { latencies, errors, requests: latencies.length };
}

/** A full garbage collection now (V8's `gc`, exposed at run time), so that a timed step does not pay for an earlier one's garbage. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
