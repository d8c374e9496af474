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

/** Stages rows, matches them to stored records and classifies them new / updated / unchanged. Writes nothing lasting. */
export async function stageImport(session: BulkSession, kind: RosterKind, rows: StagedRow[], provided: Set<string>, scope: string): Promise<StagingResult> {
  const spec = importSpecs[kind];
  await session.query(`CREATE TEMP TABLE import_rows (${spec.staging.map(([name, type]) => `${name} ${type}`).join(', ')}, match_id integer, match_region text, is_changed boolean NOT NULL DEFAULT false, new_id integer) ON COMMIT DROP`);
  const names = spec.staging.map(([name]) => name);
  const chunk = 20_000;
  for (let start = 0; start < rows.length; start += chunk) {
    let tsv = '';
    for (const row of rows.slice(start, start + chunk)) tsv += names.map((name) => copyValue(row[name])).join('\t') + '\n';
    await session.copyRows('import_rows', names, tsv);
  }
  for (const statement of spec.match) await session.query(statement);
  await session.query('ANALYZE import_rows');
  const duplicates = await session.query<{ row: number; first_row: number }>(
    `SELECT row_number AS row, first_row FROM (SELECT row_number, min(row_number) OVER (PARTITION BY match_id) AS first_row FROM import_rows WHERE match_id IS NOT NULL) d WHERE row_number > first_row ORDER BY row_number`,
  );
  const outOfScope = await session.query<{ row: number }>(`SELECT row_number AS row FROM import_rows WHERE match_id IS NOT NULL AND match_region NOT LIKE $1 ORDER BY row_number`, [`${scope}%`]);
  const rejected = [...duplicates.map((item) => item.row), ...outOfScope.map((item) => item.row)];
  if (rejected.length) await session.query('DELETE FROM import_rows WHERE row_number = ANY($1::int[])', [rejected]);
  for (const statement of spec.prepare ?? []) await session.query(statement);
  const changed = spec.fields.filter((field) => field.always || provided.has(field.key)).map((field) => `(${field.differs})`);
  await session.query(`UPDATE import_rows s SET is_changed = (${changed.join(' OR ')}) FROM ${spec.table} t WHERE t.id = s.match_id`);
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

export interface ImportActor {
  accountId: number;
  username: string;
  scope: string;
}

/** Writes the staged rows: per-record history rows, inserts, updates and the kind's follow-ups; then one audit row for the import. */
export async function writeImport(session: BulkSession, kind: RosterKind, provided: Set<string>, actor: ImportActor, details: Record<string, unknown>): Promise<void> {
  const spec: ImportSpec = importSpecs[kind];
  const fields = spec.fields.filter((field) => field.always || provided.has(field.key));
  const diff = (side: 'before' | 'after') =>
    fields.map((field) => `CASE WHEN ${field.differs} THEN jsonb_build_object(${field.history.map(([key, before, after]) => `'${key}', ${side === 'before' ? before : after}`).join(', ')}) ELSE '{}'::jsonb END`).join(' || ');
  await session.query(
    `INSERT INTO audit_log (actor_account_id, actor_name, action, entity_type, entity_id, region_code, before, after, details)
     SELECT $1, $2, $3, $4, t.id::text, s.region_code, ${diff('before')}, ${diff('after')}, jsonb_build_object('row', s.row_number, 'file', $5::text)
     FROM import_rows s JOIN ${spec.table} t ON t.id = s.match_id WHERE s.is_changed`,
    [actor.accountId, actor.username, `${spec.entityType}.imported`, spec.entityType, String(details.fileName ?? '')],
  );
  await session.query(`UPDATE import_rows SET new_id = nextval(pg_get_serial_sequence('${spec.table}', 'id')) WHERE match_id IS NULL`);
  await session.query(`INSERT INTO ${spec.table} (id, ${spec.insert.map(([column]) => column).join(', ')}) SELECT s.new_id, ${spec.insert.map(([, value]) => value).join(', ')} FROM import_rows s WHERE s.match_id IS NULL`);
  const sets = fields.flatMap((field) => field.set);
  await session.query(`UPDATE ${spec.table} t SET ${sets.join(', ')}, version = t.version + 1, updated_at = now() FROM import_rows s WHERE t.id = s.match_id AND s.is_changed`);
  for (const statement of spec.after(provided)) await session.query(statement);
  await session.query(
    `INSERT INTO audit_log (actor_account_id, actor_name, action, entity_type, entity_id, region_code, details) VALUES ($1, $2, $3, $4, NULL, $5, $6)`,
    [actor.accountId, actor.username, `import.${kind}`, spec.entityType, actor.scope, JSON.stringify(details)],
  );
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
