// Writes a generated demo province with COPY inside the caller's bulk transaction: rows go in
// as tab-separated text in chunks, search keys are computed here (cached per name), identity
// sequences are moved past the ids the generator assigned, and the planner gets fresh statistics.
import { copyValue, type BulkSession } from '../db/database.ts';
import { searchKeys, type NameKind, type SearchKeys } from '../lib/chinese-text.ts';
import type { DemoProvince } from './demo-rows.ts';

// Rows per COPY statement: big enough to amortise the statement, small enough to bound the TSV string.
const CHUNK_ROWS = 25_000;

// Names repeat (王伟, 张丽, 苏基镇党委 …): one searchKeys() per distinct name and kind.
const keyCache = new Map<string, SearchKeys>();
function keysOf(name: string, kind: NameKind): SearchKeys {
  const cacheKey = kind[0] + name;
  let keys = keyCache.get(cacheKey);
  if (!keys) keyCache.set(cacheKey, (keys = searchKeys(name, kind)));
  return keys;
}

async function copyInChunks<Row>(session: BulkSession, table: string, columns: string[], rows: Row[], values: (row: Row) => unknown[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    let tsv = '';
    for (let i = start; i < Math.min(rows.length, start + CHUNK_ROWS); i++) tsv += values(rows[i]).map(copyValue).join('\t') + '\n';
    await session.copyRows(table, columns, tsv);
  }
}

/** Tables the demo fills, in foreign-key order; their identity sequences are reset after loading. */
export const seededTables = ['org_units', 'cadres', 'points', 'prior_postings', 'accounts'] as const;

/** Loads every row of the demo province; `passwordHash` is shared by all demo accounts. */
export async function loadDemoProvince(session: BulkSession, province: DemoProvince, passwordHash: string, onPhase: (phase: string) => void = () => undefined): Promise<void> {
  onPhase('loading units');
  // Parents precede children (smaller ids), so parent_id holds row by row.
  await copyInChunks(session, 'org_units', ['id', 'code', 'name', 'level', 'region_code', 'category', 'leading_body', 'parent_id', 'search_name', 'pinyin', 'initials'], province.units, (unit) => {
    const keys = keysOf(unit.name, 'place');
    return [unit.id, unit.code, unit.name, unit.level, unit.regionCode, unit.category, unit.leadingBody, unit.parentId, keys.normalized, keys.pinyin, keys.initials];
  });
  onPhase('loading cadres');
  await copyInChunks(
    session,
    'cadres',
    ['id', 'external_id', 'name', 'gender', 'birth_year', 'unit_id', 'region_code', 'post', 'rank', 'is_leader', 'leading_body', 'category', 'is_category_overridden', 'skills', 'phone', 'home_region_code', 'search_name', 'pinyin', 'initials'],
    province.cadres,
    (cadre) => {
      const keys = keysOf(cadre.name, 'person');
      return [cadre.id, cadre.externalId, cadre.name, cadre.gender, cadre.birthYear, cadre.unitId, cadre.regionCode, cadre.post, cadre.rank, cadre.isLeader, cadre.leadingBody, cadre.category, cadre.isCategoryOverridden, cadre.skills, cadre.phone, cadre.homeRegionCode, keys.normalized, keys.pinyin, keys.initials];
    },
  );
  onPhase('loading points');
  await copyInChunks(
    session,
    'points',
    ['id', 'external_id', 'name', 'type', 'region_code', 'disorder_severity', 'difficulty_severity', 'poverty_severity', 'need_notes', 'households', 'population', 'profile', 'min_cadres', 'max_cadres', 'search_name', 'pinyin', 'initials'],
    province.points,
    (point) => {
      const keys = keysOf(point.name, 'place');
      return [point.id, point.externalId, point.name, point.type, point.regionCode, point.disorderSeverity, point.difficultySeverity, point.povertySeverity, point.needNotes, point.households, point.population, point.profile, point.minCadres, point.maxCadres, keys.normalized, keys.pinyin, keys.initials];
    },
  );
  onPhase('loading postings');
  await copyInChunks(session, 'prior_postings', ['id', 'cadre_id', 'point_id', 'region_code', 'programme', 'starts_on', 'ends_on'], province.priorPostings, (posting) => [
    posting.id, posting.cadreId, posting.pointId, posting.regionCode, posting.programme, posting.startsOn, posting.endsOn,
  ]);
  await copyInChunks(session, 'accounts', ['id', 'username', 'password_hash', 'display_name', 'role', 'region_code', 'unit_id', 'cadre_id'], province.accounts, (account) => [
    account.id, account.username, passwordHash, account.displayName, account.role, account.regionCode, account.unitId, account.cadreId,
  ]);
  keyCache.clear();
}

/**
 * Runs `work` with the secondary indexes of the seeded tables dropped and rebuilds them afterwards:
 * building a GIN index once over 144k rows is several times faster than updating it row by row.
 * Read from the catalogue, so indexes added by later migrations are covered; constraint indexes
 * (primary keys, unique) stay. Inside the seed's transaction, so a crash restores them.
 */
export async function withIndexesDeferred(session: BulkSession, work: () => Promise<void>, onRebuild: () => void = () => undefined): Promise<void> {
  const indexes = await session.query<{ name: string; definition: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1) AND n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [[...seededTables]],
  );
  for (const index of indexes) await session.query(`DROP INDEX ${index.name}`);
  await work();
  onRebuild();
  for (const index of indexes) await session.query(index.definition);
}

/**
 * Runs `work` with foreign-key triggers off (session_replication_role = replica) and then checks
 * every single-column foreign key of the seeded tables in one anti-join each. On PGlite the
 * per-row checks cost about as much as the rest of the load together; the set-based check keeps
 * the same guarantee. Needs superuser: PGlite only (PostgreSQL's native checks are fast anyway).
 */
export async function withReferencesCheckedAfter(session: BulkSession, work: () => Promise<void>): Promise<void> {
  await session.query('SET LOCAL session_replication_role = replica');
  try {
    await work();
  } finally {
    await session.query('SET LOCAL session_replication_role = origin');
  }
  const keys = await session.query<{ source: string; target: string; column: string; referenced: string; name: string }>(
    `SELECT k.conrelid::regclass::text AS source, k.confrelid::regclass::text AS target, quote_ident(a.attname) AS column, quote_ident(r.attname) AS referenced, k.conname AS name
       FROM pg_constraint k
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       JOIN pg_attribute r ON r.attrelid = k.confrelid AND r.attnum = k.confkey[1]
      WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND k.conrelid::regclass::text = ANY($1)`,
    [[...seededTables]],
  );
  for (const key of keys) {
    const [{ broken }] = await session.query<{ broken: number }>(
      `SELECT count(*)::int AS broken FROM ${key.source} s WHERE s.${key.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${key.target} t WHERE t.${key.referenced} = s.${key.column})`,
    );
    if (broken > 0) throw new Error(`seed: ${broken} rows of ${key.source} break foreign key ${key.name}`);
  }
}

/** Moves each table's identity sequence past its largest id (after rows were loaded with their ids), so later inserts do not collide. */
export async function resetIdentitySequences(session: BulkSession, tables: readonly string[] = seededTables): Promise<void> {
  for (const table of tables) {
    await session.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 1), (SELECT max(id) FROM ${table}) IS NOT NULL)`);
  }
}
