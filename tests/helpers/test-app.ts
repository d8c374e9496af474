// Builds a fresh app on a fresh database for one test file: PGlite in memory always, and a
// throwaway PostgreSQL database too when DATABASE_URL is set. No database is shared between files.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import type { SeedSize } from '../../src/server/seed/seed-demo-province.ts';
import { prepareDatabase } from '../../src/server/startup.ts';
import { startJobRunner } from '../../src/server/features/jobs/job-runner.ts';
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

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `dundian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A ready app on a new database of the given backend, seeded with `seed` (default: small = 沧州市). */
export async function createTestApp(backend: Backend, options: { seed?: SeedSize; withDemoPlan?: boolean } = {}): Promise<TestApp> {
  const postgres = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  const database = await openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir: 'memory://' });
  await prepareDatabase(database, { seed: options.seed ?? 'small', withDemoPlan: options.withDemoPlan ?? false });
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
      await app.close();
      await database.close();
      await postgres?.drop();
    },
  };
}
