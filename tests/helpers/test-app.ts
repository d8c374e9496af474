// Builds a fresh app on a fresh database for one test file: PGlite in memory always, and a
// throwaway PostgreSQL database too when DATABASE_URL is set. No database is shared between files.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import type { SeedSize } from '../../src/server/seed/seed-demo-province.ts';
import { prepareDatabase } from '../../src/server/startup.ts';
import { startJobRunner } from '../../src/server/features/jobs/job-runner.ts';
import { closePlanSessions } from '../../src/server/features/matching/plan-sessions.ts';
import { jobHandlers } from '../../src/server/features/jobs/handlers.ts';

export type Backend = 'pglite' | 'postgres';

export const demoPassword = 'dundian-demo';

/** The backends the integration suite runs on here: PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  backend: Backend;
  /** Signs in and returns the cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

// Seeding the same small province for every test file is the slowest part of the suite, so each
// (code version, seed, demo plan) is prepared once as a template — a PostgreSQL template database, a
// PGlite data-folder tarball — and every test file starts from a copy of it.

/** A hash of everything that shapes a prepared database: the server code, migrations and data files. */
export function codeHash(): string {
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (!entry.endsWith('.test.ts')) hash.update(path).update(readFileSync(path));
    }
  };
  const root = resolve(import.meta.dirname, '../..');
  walk(join(root, 'src/server'));
  walk(join(root, 'resources'));
  return hash.digest('hex').slice(0, 12);
}

let cachedHash: string | undefined;
function templateKey(seed: SeedSize, withDemoPlan: boolean): string {
  cachedHash ??= codeHash();
  return `${cachedHash}_${seed}_${withDemoPlan ? 'plan' : 'noplan'}`;
}

async function adminQuery<T extends pg.QueryResultRow>(sqlText: string): Promise<T[]> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL! });
  await admin.connect();
  try {
    return (await admin.query<T>(sqlText)).rows;
  } finally {
    await admin.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The name of a prepared PostgreSQL template database, building it first when missing. */
async function postgresTemplate(seed: SeedSize, withDemoPlan: boolean): Promise<string> {
  const name = `dundian_tpl_${templateKey(seed, withDemoPlan)}`;
  if ((await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0) return name;
  const building = `dundian_build_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${building}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(building) });
  await prepareDatabase(database, { seed, withDemoPlan });
  await database.close();
  // Closed connections linger a moment on the server side: wait until none is left.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await adminQuery(`SELECT 1 FROM pg_stat_activity WHERE datname = '${building}'`)).length === 0) break;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  try {
    await adminQuery(`ALTER DATABASE ${building} RENAME TO ${name}`);
  } catch (error) {
    // Another test file built it meanwhile.
    await adminQuery(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    if ((await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length === 0) throw error;
  }
  // Templates of older code are of no further use.
  for (const row of await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'dundian\\_tpl\\_%' AND datname <> '${name}' AND datname NOT LIKE '%${cachedHash}%'`)) {
    await adminQuery(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => undefined);
  }
  return name;
}

async function createPostgresDatabase(seed: SeedSize, withDemoPlan: boolean): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = await postgresTemplate(seed, withDemoPlan);
  const name = `dundian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // Copies of one template may not start at the same instant: retry while it is busy.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((wait) => setTimeout(wait, 250 + Math.random() * 500));
    }
  }
  return {
    url: databaseUrl(name),
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A prepared PGlite data folder as a tarball, building it first when missing. */
async function pgliteTemplate(seed: SeedSize, withDemoPlan: boolean): Promise<Blob> {
  const dir = join(tmpdir(), 'dundian-test-templates');
  const file = join(dir, `${templateKey(seed, withDemoPlan)}.tar.gz`);
  if (!existsSync(file)) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(database, { seed, withDemoPlan });
    const dump = await database.dumpDataDir!();
    await database.close();
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

/** A ready app on a new database of the given backend, seeded with `seed` (default: small = 沧州市). */
export async function createTestApp(backend: Backend, options: { seed?: SeedSize; withDemoPlan?: boolean } = {}): Promise<TestApp> {
  const seed = options.seed ?? 'small';
  const withDemoPlan = options.withDemoPlan ?? false;
  const postgres = backend === 'postgres' ? await createPostgresDatabase(seed, withDemoPlan) : undefined;
  const database = await openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir: 'memory://', loadDataDir: await pgliteTemplate(seed, withDemoPlan) });
  // A no-op on a copy of a template; kept so that a copy of older code would still be brought up to date.
  await prepareDatabase(database, { seed, withDemoPlan });
  const config = { ...readConfig({}), databaseUrl: postgres?.url };
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  // Background jobs run in tests too (polling slowly; tests call app.jobs.idle() to wait for them).
  app.jobs = await startJobRunner({ database, handlers: jobHandlers, pollMs: 60_000 });
  return {
    app,
    database,
    backend,
    async login(username, password = demoPassword) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((item) => item.name === 'dundian_session');
      return `dundian_session=${cookie!.value}`;
    },
    async close() {
      await app.jobs?.stop();
      await closePlanSessions();
      await app.close();
      await database.close();
      await postgres?.drop();
    },
  };
}
