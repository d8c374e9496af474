// Seeds the demo province on first start: all of Hebei (`full`, ~144k cadres and ~63.5k points),
// only 沧州市 (`small`, for tests) or just the admin account (`none`). One transaction, so a crash
// leaves nothing half-written; the `seed` row in app_state marks completion, so it runs once.
import type { BulkSession, Database } from '../db/database.ts';
import { hashPassword } from '../features/auth/passwords.ts';
import { readHebeiDivisions } from '../features/regions/division-data.ts';
import { adminAccount } from './accounts.ts';
import type { DemoProvince } from './demo-rows.ts';
import { generateDemoProvince } from './generate-province.ts';
import { loadDemoProvince, resetIdentitySequences, seededTables, withIndexesDeferred, withReferencesCheckedAfter } from './load-demo-province.ts';

export type SeedSize = 'full' | 'small' | 'none';

export const demoPassword = 'dundian-demo';

export interface SeedResult {
  seeded: boolean;
  /** Rows written per table (empty when nothing was seeded). */
  counts: Record<string, number>;
  /** Why nothing was seeded, when it was not. */
  skipped?: string;
}

/** Seeds once: does nothing when a seed has already completed. */
export async function seedDemoProvince(database: Database, options: { size: SeedSize; onProgress?: (phase: string) => void }): Promise<SeedResult> {
  const onProgress = options.onProgress ?? (() => undefined);
  const started = Date.now();
  return database.bulkTransaction(async (session) => {
    const done = await session.query("SELECT value FROM app_state WHERE key = 'seed'");
    if (done.length > 0) return { seeded: false, counts: {}, skipped: 'already seeded' };
    // Data loaded by hand (an import before any seed ran) is never mixed with demo rows.
    const [{ has_rows: hasRows }] = await session.query<{ has_rows: boolean }>(
      `SELECT ${seededTables.map((table) => `EXISTS (SELECT 1 FROM ${table})`).join(' OR ')} AS has_rows`,
    );
    if (hasRows) {
      await recordSeed(session, { size: options.size, skipped: 'data present' });
      return { seeded: false, counts: {}, skipped: 'data present' };
    }
    const province: DemoProvince =
      options.size === 'none'
        ? { units: [], cadres: [], points: [], priorPostings: [], accounts: [{ id: 1, ...adminAccount }] }
        : generateDemoProvince(await readHebeiDivisions(), options.size, onProgress);
    // One hash for every demo login: argon2 is deliberately slow, and the password is public anyway.
    const passwordHash = await hashPassword(demoPassword);
    const load = () => loadDemoProvince(session, province, passwordHash, onProgress);
    // PGlite loads with every trigger off, so what triggers derive is derived here once (a cadre's programmes, migration 0011).
    const loadChecked =
      database.kind === 'pglite'
        ? async () => {
            await withReferencesCheckedAfter(session, load);
            await session.query('SELECT refresh_cadre_programmes(ARRAY(SELECT DISTINCT cadre_id FROM prior_postings))');
          }
        : load;
    await withIndexesDeferred(session, loadChecked, () => onProgress('indexes'));
    await resetIdentitySequences(session);
    await session.query(`ANALYZE ${seededTables.join(', ')}`);
    const counts = { org_units: province.units.length, cadres: province.cadres.length, points: province.points.length, prior_postings: province.priorPostings.length, accounts: province.accounts.length };
    await recordSeed(session, { size: options.size, counts, seconds: (Date.now() - started) / 1000 });
    return { seeded: true, counts };
  });
}

/**
 * Vacuums the freshly seeded roster tables (outside the seed's transaction: VACUUM cannot run inside
 * one). Until a table's pages are marked all-visible, an index-only scan still reads every row from
 * the table, so the roster's exact totals would cost a table read; autovacuum marks them in time on a
 * PostgreSQL that has it on, PGlite has no autovacuum.
 */
export async function vacuumSeededTables(database: Database): Promise<void> {
  await database.execScript(`VACUUM (ANALYZE) ${seededTables.join(', ')}`);
}

// The audit row and the app_state marker that makes the seed run once; same transaction as the rows.
async function recordSeed(session: BulkSession, details: Record<string, unknown>): Promise<void> {
  await session.query(
    "INSERT INTO audit_log (actor_name, action, entity_type, region_code, details) VALUES ('system', 'seed.generated', 'campaign', '13', $1)",
    [JSON.stringify(details)],
  );
  await session.query("INSERT INTO app_state (key, value) VALUES ('seed', $1)", [JSON.stringify({ ...details, at: new Date().toISOString() })]);
}
