// Opens the one database the app uses: embedded PGlite in a data folder by default,
// PostgreSQL when DATABASE_URL is set. Only query files and the migration/seed code touch it.
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { PreparingClient, useForGenericPlans } from './prepared.ts';
import type { Schema } from './schema.ts';

// `count(*)` and bigint come back as strings from `pg`; parse int8 so both backends agree.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));
// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the time zone.
pg.types.setTypeParser(1082, (value) => value);

export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
/** Anything a query function can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  /**
   * Runs bulk work (COPY and plain SQL) in one transaction on one connection: all of it
   * commits or none of it does. Keep it short on PGlite: it blocks every other request.
   */
  bulkTransaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  /** PGlite only: the whole data folder as a gzipped tarball (for `loadDataDir`). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface BulkSession {
  /** Runs one SQL statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Bulk-loads tab-separated text (COPY … FROM STDIN, text format) into a table. */
  copyRows(table: string, columns: string[], tsv: string): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from this dumped data folder (a tarball from `dumpDataDir`), e.g. a seeded test template. */
  loadDataDir?: Blob;
}

/** Opens PostgreSQL when a URL is given, else PGlite in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? './data/pglite', options.loadDataDir);
}

async function openPostgres(url: string): Promise<Database> {
  // PreparingClient runs the statements query files mark with executePrepared as named ones.
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparingClient });
  // An idle connection the server closes (a restart, a dropped database) is replaced on next use;
  // without a listener its error would end the process.
  pool.on('error', (error) => console.warn(`database connection closed: ${error.message}`));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  // Connections whose prepared statements always run on their generic plan (planned once per
  // connection), for the statements written for it (`executePrepared(…, { plan: 'generic' })`);
  // opened on first use. Every other statement keeps PostgreSQL's own choice on `pool`.
  const genericPool = new pg.Pool({ connectionString: url, max: Math.max(1, Math.ceil(poolSize / 2)), Client: PreparingClient, options: '-c plan_cache_mode=force_generic_plan' });
  genericPool.on('error', (error) => console.warn(`database connection closed: ${error.message}`));
  const genericDb = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: genericPool }) });
  useForGenericPlans(db, genericDb);
  return {
    kind: 'postgres',
    db,
    async execScript(sql) {
      await pool.query(sql);
    },
    async bulkTransaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          async query(sql, params) {
            return (await client.query(sql, params)).rows;
          },
          async copyRows(table, columns, tsv) {
            const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
            await pipeline(Readable.from([tsv]), stream);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([db.destroy(), genericDb.destroy()]);
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // PGlite creates only the last folder of the path itself.
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir });
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
    async dumpDataDir() {
      return pglite.dumpDataDir('gzip');
    },
    async execScript(sql) {
      await pglite.exec(sql);
    },
    async bulkTransaction(work) {
      // PGlite is a single session: statements issued directly on it run inside this transaction.
      return pglite.transaction(async (tx) =>
        work({
          async query(sql, params) {
            return (await tx.query(sql, params)).rows as never[];
          },
          async copyRows(table, columns, tsv) {
            await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
              blob: new Blob([tsv]),
            });
          },
        }),
      );
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Escapes one value for COPY text format. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return copyValue(`{${value.map((item) => JSON.stringify(String(item))).join(',')}}`);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
