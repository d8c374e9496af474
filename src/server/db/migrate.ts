// Applies the numbered, forward-only SQL migrations in migrations/ that are not yet applied.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Lists migration files in the order they must run. */
export function listMigrations(): { version: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: file.replace(/\.sql$/, ''), sql: readFileSync(migrationsDir + file, 'utf8') }));
}

/** Applies every pending migration, each in its own transaction; returns the versions applied. */
export async function migrateDatabase(database: Database): Promise<string[]> {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied = new Set(
    (await database.bulkTransaction((session) => session.query<{ version: string }>('SELECT version FROM schema_migrations'))).map(
      (row) => row.version,
    ),
  );
  const done: string[] = [];
  for (const migration of listMigrations()) {
    if (applied.has(migration.version)) continue;
    // The script and its bookkeeping row commit together, so a crash never leaves half a migration.
    await database.execScript(
      `BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (version) VALUES ('${migration.version}');\nCOMMIT;`,
    );
    done.push(migration.version);
  }
  return done;
}
