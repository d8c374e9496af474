// SQL of roster imports and exports. Imports stage the valid rows with COPY into a temporary
// table, match them to stored records set-based, and write with INSERT … SELECT / UPDATE … FROM
// inside one bulk transaction; exports page through the list filters of the roster features.
import { sql } from 'kysely';
import { copyValue, type BulkSession, type Executor } from '../../db/database.ts';
import { inRegionSubtree } from '../../db/scope.ts';
import { cadreFilterConditions, type CadreFilter } from '../cadres/queries.ts';
import { pointFilterConditions, type PointFilter } from '../points/queries.ts';
import { unitFilterConditions, type UnitFilter } from '../units/queries.ts';
import { importSpecs, type ImportSpec, type StagedRow } from './import-specs.ts';
import type { RosterKind } from './columns.ts';

/** Divisions of a province (the look-up of region names), ≤ 57k rows. */
export function listRegionsOfProvince(db: Executor, provinceCode: string) {
  return db.selectFrom('regions').select(['code', 'parent_code', 'name', 'short_name']).where(inRegionSubtree('code', provinceCode)).execute();
}

/** Org units of a province (units are looked up by code and qualified name). */
export function listUnitsOfProvince(db: Executor, provinceCode: string) {
  return db.selectFrom('org_units').select(['id', 'code', 'name', 'region_code', 'category']).where(inRegionSubtree('region_code', provinceCode)).execute();
}

/** Points of a region subtree (for 原项目联系点). */
export function listPointsInScope(db: Executor, scope: string) {
  return db.selectFrom('points').select(['id', 'external_id', 'name', 'region_code']).where(inRegionSubtree('region_code', scope)).execute();
}

/** Counts the rows of a roster table (tests and benches). */
export async function countRosterRows(db: Executor, table: 'cadres' | 'points' | 'org_units' | 'prior_postings' | 'audit_log') {
  const row = await db.selectFrom(table).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return row.count;
}

export interface StagingResult {
  /** Rows that are the same record as an earlier row (row, earlier row). */
  duplicates: { row: number; firstRow: number }[];
  /** Rows whose stored record lies outside the importer's scope. */
  outOfScope: number[];
  newRows: number[];
  updatedRows: number[];
  counts: { new: number; updated: number; unchanged: number };
}

const rowListLimit = 1000;
const needsEscape = /[\\\t\n\r]/;
// copyValue with a fast path for the plain text and numbers that make up nearly every cell.
const copyField = (value: unknown): string => (typeof value === 'number' ? String(value) : typeof value === 'string' && !needsEscape.test(value) ? value : copyValue(value));
// Key of the advisory lock that serialises roster imports.
const importLockKey = 4_211_007;
// From this many new rows on, an insert defers the table's foreign keys (and maybe its indexes).
const bulkInsertRows = 10_000;
// Ids per block of import_created.
const createdBlockIds = 500;

/**
 * Stages the valid rows (COPY into a temporary table), matches them to stored records and
 * classifies them new / updated / unchanged, set-based. Tables are built with CREATE TABLE AS
 * rather than updated in place: rewriting 150,000 staged rows costs seconds. Writes nothing lasting.
 */
export async function stageImport(
  session: BulkSession,
  kind: RosterKind,
  staged: { chunks: { text: string; rows: number }[]; rows: number },
  provided: Set<string>,
  scope: string,
  onStep: (rowsCopied: number) => void = () => undefined,
): Promise<StagingResult> {
  const spec = importSpecs[kind];
  // One import at a time (two could claim the same natural key); no JIT for these one-off
  // statements (compiling them costs seconds); room to hash and sort 200,000 rows in memory.
  await session.query(`SELECT pg_advisory_xact_lock(${importLockKey})`);
  await session.query('SET LOCAL jit = off');
  await session.query("SET LOCAL work_mem = '64MB'");
  await session.query(`CREATE TEMP TABLE import_staged (${spec.staging.map(([name, type]) => `${name} ${type}`).join(', ')}) ON COMMIT DROP`);
  const names = spec.staging.map(([name]) => name);
  let copied = 0;
  for (const chunk of staged.chunks) {
    await session.copyRows('import_staged', names, chunk.text);
    copied += chunk.rows;
    onStep(copied);
  }
  for (const statement of spec.prepare ?? []) await session.query(statement);
  // Each way of matching, as a join the planner can hash; the first that finds a record wins.
  const matches = spec.match.map(
    (condition, index) =>
      `LEFT JOIN (SELECT DISTINCT ON (s.row_number) s.row_number, t.id FROM import_staged s JOIN ${spec.table} t ON ${condition} ORDER BY s.row_number, t.id) m${index} ON m${index}.row_number = s.row_number`,
  );
  const matchId = `coalesce(${spec.match.map((_, index) => `m${index}.id`).join(', ')})`;
  const changed = spec.fields.filter((field) => field.always || provided.has(field.key)).map((field) => `(${field.differs})`);
  await session.query(
    `CREATE TEMP TABLE import_rows ON COMMIT DROP AS
     SELECT s.*, t.id AS match_id, t.region_code AS match_region, coalesce(t.id IS NOT NULL AND (${changed.join(' OR ')}), false) AS is_changed
     FROM import_staged s ${matches.join(' ')} LEFT JOIN ${spec.table} t ON t.id = ${matchId}`,
  );
  await session.query('ALTER TABLE import_rows ADD PRIMARY KEY (row_number)');
  const duplicates = await session.query<{ row: number; first_row: number }>(
    `SELECT row_number AS row, first_row FROM (SELECT row_number, min(row_number) OVER (PARTITION BY match_id) AS first_row FROM import_rows WHERE match_id IS NOT NULL) d WHERE row_number > first_row ORDER BY row_number`,
  );
  const outOfScope = await session.query<{ row: number }>(`SELECT row_number AS row FROM import_rows WHERE match_id IS NOT NULL AND match_region NOT LIKE $1 ORDER BY row_number`, [`${scope}%`]);
  const rejected = [...duplicates.map((item) => item.row), ...outOfScope.map((item) => item.row)];
  if (rejected.length) await session.query('DELETE FROM import_rows WHERE row_number = ANY($1::int[])', [rejected]);
  const [counts] = await session.query<{ new: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE match_id IS NULL)::int AS new, count(*) FILTER (WHERE is_changed)::int AS updated, count(*) FILTER (WHERE match_id IS NOT NULL AND NOT is_changed)::int AS unchanged FROM import_rows`,
  );
  const listed = async (where: string) => (await session.query<{ row: number }>(`SELECT row_number AS row FROM import_rows WHERE ${where} ORDER BY row_number LIMIT ${rowListLimit}`)).map((item) => item.row);
  return {
    duplicates: duplicates.map((item) => ({ row: item.row, firstRow: item.first_row })),
    outOfScope: outOfScope.map((item) => item.row),
    newRows: await listed('match_id IS NULL'),
    updatedRows: await listed('is_changed'),
    counts,
  };
}

/** A staged row as one line of COPY text, its columns in the staging table's order. */
export function toCopyLine(kind: RosterKind, row: StagedRow): string {
  const names = importSpecs[kind].staging;
  let line = '';
  for (let column = 0; column < names.length; column++) line += (column ? '\t' : '') + copyField(row[names[column][0]]);
  return line + '\n';
}

export interface ImportActor {
  accountId: number;
  username: string;
  scope: string;
}

/**
 * Writes the staged rows: inserts, updates and the kind's follow-ups, then ONE audit row for the
 * import (with its counts) and, for every created or updated record, its fields in import_changes.
 */
export async function writeImport(
  session: BulkSession,
  kind: RosterKind,
  provided: Set<string>,
  actor: ImportActor,
  counts: StagingResult['counts'],
  details: Record<string, unknown>,
): Promise<void> {
  const spec: ImportSpec = importSpecs[kind];
  const fields = spec.fields.filter((field) => field.always || provided.has(field.key));
  const [audit] = await session.query<{ id: number }>(
    `INSERT INTO audit_log (actor_account_id, actor_name, action, entity_type, entity_id, region_code, details) VALUES ($1, $2, $3, $4, NULL, $5, $6) RETURNING id`,
    [actor.accountId, actor.username, `import.${kind}`, spec.entityType, actor.scope, JSON.stringify({ ...details, ...counts })],
  );
  const diff = (side: 'before' | 'after') =>
    fields.map((field) => `CASE WHEN ${field.differs} THEN jsonb_build_object(${field.history.map(([key, before, after]) => `'${key}', ${side === 'before' ? before : after}`).join(', ')}) ELSE '{}'::jsonb END`).join(' || ');
  if (counts.updated > 0) {
    // Before the update, while t still holds the stored values.
    await session.query(
      `INSERT INTO import_changes (audit_id, entity_type, entity_id, region_code, row_number, before, after)
       SELECT $1, $2, t.id::text, s.region_code, s.row_number, ${diff('before')}, ${diff('after')}
       FROM import_rows s JOIN ${spec.table} t ON t.id = s.match_id WHERE s.is_changed`,
      [audit.id, spec.entityType],
    );
  }
  await withBulkInsertDeferrals(session, spec.table, counts.new, async (isLocked) => {
    await session.query(`CREATE TEMP TABLE import_ids ON COMMIT DROP AS ${importIdsQuery(spec.table, isLocked ? await reserveIds(session, spec.table, counts.new) : undefined)}`);
    if (counts.new === 0) return;
    await session.query(
      `INSERT INTO ${spec.table} (id, ${spec.insert.map(([column]) => column).join(', ')})
       SELECT i.id, ${spec.insert.map(([, value]) => value).join(', ')} FROM import_rows s JOIN import_ids i ON i.row_number = s.row_number WHERE i.is_new ORDER BY i.id`,
    );
  });
  if (counts.new > 0) {
    // The records the import created: their history starts with the values they were created
    // with, kept a block of ids at a time (migration 0013).
    // Each record's values as row_to_json of its fields, the block as their text joined: several
    // times faster than json(b)_build_object and json(b)_object_agg over 150,000 rows.
    const created = fields.flatMap((field) => field.history.map(([key, , after]) => `${after} AS "${key}"`));
    await session.query(
      `INSERT INTO import_created (audit_id, entity_type, first_id, last_id, records)
       SELECT $1, $2, min(i.id), max(i.id),
              ('{' || string_agg('"' || i.id || '":{"row":' || s.row_number || ',"after":' || (SELECT row_to_json(r) FROM (SELECT ${created.join(', ')}) r)::text || '}', ',' ORDER BY i.id) || '}')::json
       FROM import_rows s JOIN import_ids i ON i.row_number = s.row_number WHERE i.is_new GROUP BY i.id / ${createdBlockIds}`,
      [audit.id, spec.entityType],
    );
  }
  if (counts.updated > 0) {
    const sets = fields.flatMap((field) => field.set);
    await session.query(`UPDATE ${spec.table} t SET ${sets.join(', ')}, version = t.version + 1, updated_at = now() FROM import_rows s WHERE t.id = s.match_id AND s.is_changed`);
  }
  for (const statement of spec.after(provided)) await session.query(statement);
}

// Every written row's stored id: its match, or a new id. New ids come one nextval() at a time,
// or, when the table is locked against other writers, as one reserved block (`firstId` on).
function importIdsQuery(table: string, firstId?: number): string {
  const newId =
    firstId === undefined
      ? `nextval(pg_get_serial_sequence('${table}', 'id'))`
      : `${firstId - 1} + count(*) FILTER (WHERE match_id IS NULL) OVER (ORDER BY row_number)`;
  return `SELECT row_number, CASE WHEN match_id IS NULL THEN ${newId} ELSE match_id END::integer AS id, match_id IS NULL AS is_new FROM import_rows`;
}

// Takes `count` ids from the table's identity sequence at once; returns the first. Only while
// the table is locked: nobody else can insert rows, so nobody else draws from the sequence.
async function reserveIds(session: BulkSession, table: string, count: number): Promise<number> {
  const [{ first }] = await session.query<{ first: number }>(
    `SELECT first, setval(pg_get_serial_sequence('${table}', 'id'), first + $1 - 1) FROM (SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS first) n`,
    [count],
  );
  return first;
}

/**
 * Runs a large insert the way PostgreSQL's guide to populating a database advises: the table is
 * locked against other writers, its foreign keys are dropped and added back after (one
 * set-based check instead of a trigger call per row per key), and when the insert at least
 * doubles the table its secondary indexes are rebuilt instead of updated row by row. Inside the
 * import's transaction, so a failure restores everything; readers wait until the commit.
 * `work` learns whether the table is locked.
 */
async function withBulkInsertDeferrals(session: BulkSession, table: string, newRows: number, work: (isLocked: boolean) => Promise<unknown>): Promise<void> {
  if (newRows < bulkInsertRows) {
    await work(false);
    return;
  }
  await session.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  const [{ count: existing }] = await session.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
  const keys = await session.query<{ name: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  const indexes =
    newRows >= existing
      ? await session.query<{ name: string; definition: string }>(
          `SELECT quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY ic.relname`,
          [table],
        )
      : [];
  if (keys.length) await session.query(`ALTER TABLE ${table} ${keys.map((key) => `DROP CONSTRAINT ${key.name}`).join(', ')}`);
  for (const index of indexes) await session.query(`DROP INDEX ${index.name}`);
  await work(true);
  for (const index of indexes) await session.query(index.definition);
  if (keys.length) await session.query(`ALTER TABLE ${table} ${keys.map((key) => `ADD CONSTRAINT ${key.name} ${key.definition}`).join(', ')}`);
}

/** The import that created one record, if one did: who, when, from which row and with which values. */
export async function findImportCreation(db: Executor, entityType: string, entityId: number) {
  const { rows } = await sql<{ audit_id: number; at: Date | string; actor_name: string; details: unknown; record: { row: number; after: unknown } }>`
    SELECT c.audit_id, a.at, a.actor_name, a.details, c.records -> ${String(entityId)} AS record
    FROM (SELECT * FROM import_created WHERE entity_type = ${entityType} AND first_id <= ${entityId} ORDER BY first_id DESC LIMIT 1) c
    JOIN audit_log a ON a.id = c.audit_id
    WHERE c.last_id >= ${entityId} AND c.records -> ${String(entityId)} IS NOT NULL`.execute(db);
  return rows[0];
}

/** Changes made by imports to one record, newest first, with who imported them and when. */
export function listImportChanges(db: Executor, entityType: string, entityId: number | string, limit = 100) {
  return db
    .selectFrom('import_changes')
    .innerJoin('audit_log', 'audit_log.id', 'import_changes.audit_id')
    .select(['import_changes.id', 'audit_log.at', 'audit_log.actor_name', 'audit_log.action', 'import_changes.before', 'import_changes.after', 'import_changes.row_number', 'audit_log.details'])
    .where('import_changes.entity_type', '=', entityType)
    .where('import_changes.entity_id', '=', String(entityId))
    .orderBy('import_changes.id', 'desc')
    .limit(limit)
    .execute();
}

/** Cadres of an export filter, a batch at a time, with unit code and first prior posting. */
export async function* iterateCadresForExport(db: Executor, filter: CadreFilter, batchSize = 5000) {
  for (let afterId = 0; ; ) {
    const rows = await db
      .selectFrom('cadres')
      .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
      .leftJoinLateral(
        (eb) => eb.selectFrom('prior_postings').select(['prior_postings.programme', 'prior_postings.point_id', 'prior_postings.starts_on', 'prior_postings.ends_on']).whereRef('prior_postings.cadre_id', '=', 'cadres.id').orderBy('prior_postings.id').limit(1).as('posting'),
        (join) => join.onTrue(),
      )
      .leftJoin('points', 'points.id', 'posting.point_id')
      .select(['cadres.id', 'cadres.external_id', 'cadres.name', 'cadres.gender', 'cadres.birth_year', 'org_units.code as unit_code', 'cadres.post', 'cadres.rank', 'cadres.is_leader', 'cadres.leading_body', 'cadres.category', 'cadres.skills', 'cadres.phone', 'cadres.home_region_code', 'cadres.region_code'])
      .select(['posting.programme', 'posting.starts_on', 'posting.ends_on', 'points.external_id as point_external_id', 'points.name as point_name', 'points.region_code as point_region_code'])
      .where(cadreFilterConditions(filter))
      .where('cadres.id', '>', afterId)
      .orderBy('cadres.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** Points of an export filter, a batch at a time. */
export async function* iteratePointsForExport(db: Executor, filter: PointFilter, batchSize = 5000) {
  for (let afterId = 0; ; ) {
    const rows = await db
      .selectFrom('points')
      .select(['id', 'external_id', 'name', 'type', 'region_code', 'disorder_severity', 'difficulty_severity', 'poverty_severity', 'need_notes', 'households', 'population', 'min_cadres', 'max_cadres', 'profile'])
      .where(pointFilterConditions(filter))
      .where('points.id', '>', afterId)
      .orderBy('points.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** Units of an export filter with their parent's code, parents before children where ids allow. */
export async function* iterateUnitsForExport(db: Executor, filter: UnitFilter, batchSize = 5000) {
  for (let afterId = 0; ; ) {
    const rows = await db
      .selectFrom('org_units')
      .leftJoin('org_units as parent', 'parent.id', 'org_units.parent_id')
      .select(['org_units.id', 'org_units.code', 'org_units.name', 'parent.code as parent_code', 'org_units.region_code', 'org_units.level', 'org_units.category', 'org_units.leading_body'])
      .where(unitFilterConditions(filter))
      .where('org_units.id', '>', afterId)
      .orderBy('org_units.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}
