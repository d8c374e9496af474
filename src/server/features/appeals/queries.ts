// SQL of appeals: intake, the locked read and versioned write of a transition, lists with the
// caller's visibility, the case page, the catalogue and calendar settings.
import { CompiledQuery, sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { AppealsTable, AppealStateName } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AuditEntry } from '../audit/queries.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { openStates } from './workflow.ts';

export type AppealRecord = Selectable<AppealsTable>;
export type AppealChanges = Updateable<AppealsTable>;

/**
 * Which cases a caller sees. Offices and leaders: everything in their region subtree. A handling
 * unit: what it handles, handled or co-handles. A cadre: what they took in, and the cases of the
 * points they are posted to (the team at the point). An agent: what they took in. A unit or a
 * cadre a complaint is about never sees that complaint (offices see it without the complainant).
 */
export function visibleTo(actor: Actor): Expression<SqlBool> {
  const inScope = sql<SqlBool>`a.region_code LIKE ${`${actor.regionCode}%`}`;
  switch (actor.role) {
    case 'admin':
    case 'office':
    case 'leader':
      return inScope;
    case 'handler':
      return sql<SqlBool>`${inScope} AND (a.handling_unit_id = ${actor.unitId ?? -1} OR a.first_unit_id = ${actor.unitId ?? -1}
        OR ${actor.unitId ?? -1} = ANY (a.co_unit_ids) OR a.created_by = ${actor.accountId})
        AND a.subject_unit_id IS DISTINCT FROM ${actor.unitId ?? -1}`;
    case 'cadre':
      return sql<SqlBool>`${inScope} AND (a.created_by = ${actor.accountId} OR a.point_id IN (${pointsOfCadre(actor.cadreId ?? -1)}))
        AND a.subject_cadre_id IS DISTINCT FROM ${actor.cadreId ?? -1} AND a.subject_unit_id IS DISTINCT FROM ${actor.unitId ?? -1}`;
    case 'agent':
      return sql<SqlBool>`${inScope} AND a.created_by = ${actor.accountId}`;
  }
}

/** The points a cadre is posted to: the campaign's published postings and earlier programmes. */
function pointsOfCadre(cadreId: number) {
  return sql`SELECT point_id FROM postings WHERE cadre_id = ${cadreId} UNION SELECT point_id FROM prior_postings WHERE cadre_id = ${cadreId}`;
}

/** True when the cadre is posted to the point (so is one of its team). */
export async function isCadrePostedAt(db: Executor, cadreId: number, pointId: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM postings WHERE cadre_id = ${cadreId} AND point_id = ${pointId})
      OR EXISTS (SELECT 1 FROM prior_postings WHERE cadre_id = ${cadreId} AND point_id = ${pointId}) AS found`.execute(db);
  return rows[0]?.found ?? false;
}

export async function findAppealIdByClientId(db: Executor, clientId: string) {
  return db.selectFrom('appeals').select(['id', 'tracking_code']).where('client_id', '=', clientId).executeTakeFirst();
}

/** What an intake checks before it writes; a column is null when its row does not exist. */
export interface IntakeFacts {
  existing_id: number | null;
  existing_tracking_code: string | null;
  category_code: string | null;
  default_urgency: AppealsTable['urgency'] | null;
  default_level: number | null;
  point_id: number | null;
  point_region_code: string | null;
  /** The level of the point's region, else of the given region code. */
  region_level: number | null;
  category_name: string | null;
  /** The point's name, else the region's: the place a case's public title names. */
  place_name: string | null;
}

/** In one round trip: the case already made under this client id, the category, the point and the village (prepared: every intake runs it). */
export async function findIntakeFacts(db: Executor, keys: { clientId: string; categoryCode: string; pointId: number | null; regionCode: string | null }): Promise<IntakeFacts> {
  const query = sql<IntakeFacts>`
    SELECT e.id AS existing_id, e.tracking_code AS existing_tracking_code,
      c.code AS category_code, c.default_urgency, c.default_level, c.name_zh AS category_name,
      p.id AS point_id, p.region_code AS point_region_code, r.level AS region_level, coalesce(p.name, r.name) AS place_name
    FROM (SELECT) AS keys
      LEFT JOIN appeals e ON e.client_id = ${keys.clientId}
      LEFT JOIN appeal_categories c ON c.code = ${keys.categoryCode}
      LEFT JOIN points p ON p.id = ${keys.pointId}
      LEFT JOIN regions r ON r.code = coalesce(p.region_code, ${keys.regionCode})`;
  const { rows } = await executePrepared(db, query.compile(db));
  return rows[0];
}

/** The columns an intake writes; the rest take their defaults (state registered, version 1, …). */
const intakeColumns = [
  'client_id', 'tracking_code', 'channel', 'source_kind', 'source_id', 'category_code', 'urgency', 'region_code', 'point_id', 'title',
  'description', 'search_text', 'address', 'contact_name', 'contact_phone', 'is_anonymous', 'is_confidential', 'subject_unit_id',
  'subject_cadre_id', 'level', 'created_by', 'created_at', 'updated_at',
] as const satisfies readonly (keyof AppealsTable)[];

export type IntakeAppeal = Required<Pick<Insertable<AppealsTable>, (typeof intakeColumns)[number]>>;

// One statement, spelled out once: the case, its photos, its first history entry and its audit row.
// Its text never changes (the photos are array parameters), so it runs prepared; building it with
// the query builder on every intake cost more server CPU than anything else in the use case.
const intakeWrite = (() => {
  let count = 0;
  const next = (cast = '') => `$${(count += 1)}${cast}`;
  const appealValues = intakeColumns.map(() => next()).join(', ');
  const [photoTypes, photoContents] = [next('::text[]'), next('::bytea[]')];
  const event = [next('::text'), next('::text'), next('::text'), next('::integer'), next('::text'), next('::text'), next('::jsonb'), next('::timestamptz')];
  const audit = [next('::integer'), next('::text'), next('::text'), next('::text'), next('::text'), next('::jsonb')];
  return `WITH a AS (
  INSERT INTO appeals (${intakeColumns.join(', ')}) VALUES (${appealValues})
  ON CONFLICT (client_id) DO NOTHING RETURNING id
), photos AS (
  INSERT INTO appeal_photos (appeal_id, content_type, content)
  SELECT a.id, photo.content_type, photo.content FROM a, unnest(${photoTypes}, ${photoContents}) AS photo (content_type, content)
), event AS (
  INSERT INTO appeal_events (appeal_id, event, from_state, to_state, actor_account_id, actor_kind, actor_name, details, at)
  SELECT a.id, ${event.slice(0, 7).join(', ')}, coalesce(${event[7]}, now()) FROM a
), audit AS (
  INSERT INTO audit_log (actor_account_id, actor_name, action, entity_type, entity_id, region_code, details)
  SELECT ${audit.slice(0, 4).join(', ')}, a.id::text, ${audit.slice(4).join(', ')} FROM a
)
SELECT a.id FROM a`;
})();

/**
 * Writes a new case with its photos, its first history entry and its audit row as one statement
 * (so all of it or none of it, in one round trip); returns the new id, or null when the client id
 * exists already (then nothing is written). The audit row is the one `recordAudit` would write.
 */
export async function insertAppealWithHistory(
  db: Executor,
  intake: {
    appeal: IntakeAppeal;
    photos: { contentType: 'image/jpeg' | 'image/png' | 'image/webp'; content: Buffer }[];
    event: Omit<AppealEventEntry, 'appealId' | 'unitId' | 'reason'>;
    audit: Omit<AuditEntry, 'entityId' | 'before' | 'after'>;
  },
): Promise<number | null> {
  const { appeal, event, audit } = intake;
  const parameters = [
    ...intakeColumns.map((column) => appeal[column]),
    intake.photos.map((photo) => photo.contentType),
    intake.photos.map((photo) => photo.content),
    event.event,
    event.fromState,
    event.toState,
    event.actorAccountId,
    event.actorKind,
    event.actorName,
    event.details ? JSON.stringify(event.details) : null,
    event.at ?? null,
    audit.actorAccountId,
    audit.actorName,
    audit.action,
    audit.entityType,
    audit.regionCode,
    audit.details === undefined ? null : JSON.stringify(audit.details),
  ];
  const { rows } = await executePrepared(db, CompiledQuery.raw(intakeWrite, parameters) as CompiledQuery<{ id: number }>);
  return rows[0]?.id ?? null;
}

export interface AppealEventEntry {
  appealId: number;
  event: string;
  fromState: string | null;
  toState: string;
  actorAccountId: number | null;
  actorKind: 'staff' | 'resident' | 'system' | 'client';
  actorName: string;
  unitId?: number | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  at?: Date;
}

export async function insertAppealEvent(db: Executor, entry: AppealEventEntry): Promise<void> {
  await db
    .insertInto('appeal_events')
    .values({
      appeal_id: entry.appealId,
      event: entry.event,
      from_state: entry.fromState,
      to_state: entry.toState,
      actor_account_id: entry.actorAccountId,
      actor_kind: entry.actorKind,
      actor_name: entry.actorName,
      unit_id: entry.unitId ?? null,
      reason: entry.reason ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ...(entry.at ? { at: entry.at } : {}),
    })
    .execute();
}

/** Reads a case and locks its row until the transaction ends: two steps on one case run one after the other. */
export async function lockAppeal(db: Executor, id: number): Promise<AppealRecord | undefined> {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findAppeal(db: Executor, id: number): Promise<AppealRecord | undefined> {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAppealByTrackingCode(db: Executor, code: string): Promise<AppealRecord | undefined> {
  return db.selectFrom('appeals').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

/** Writes a step's changes if the case is still at `version` and in `state`; returns whether it did. */
export async function updateAppealIfCurrent(db: Executor, id: number, expected: { version: number; state: AppealStateName }, changes: AppealChanges): Promise<boolean> {
  const result = await db
    .updateTable('appeals')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('state', '=', expected.state)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function isVisibleTo(db: Executor, actor: Actor, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('appeals as a')
    .select('a.id')
    .where('a.id', '=', id)
    .where(() => visibleTo(actor))
    .executeTakeFirst();
  return Boolean(row);
}

export interface AppealFilter {
  regionCode: string;
  pointId?: number;
  states?: AppealStateName[];
  categoryCode?: string;
  channel?: string;
  colour?: 'green' | 'yellow' | 'red';
  unitId?: number;
  issueId?: number;
  /** Only what waits on the caller (their unit's open cases, their points' team cases). */
  mine?: boolean;
  text?: string;
  from?: string;
  to?: string;
}

const colourSql = sql<'green' | 'yellow' | 'red' | null>`CASE WHEN a.due_at IS NULL THEN NULL WHEN a.due_at < now() THEN 'red' WHEN a.warn_at <= now() THEN 'yellow' ELSE 'green' END`;

export function filteredAppeals(db: Executor, actor: Actor, filter: AppealFilter) {
  let query = db
    .selectFrom('appeals as a')
    .where(() => visibleTo(actor))
    .where('a.region_code', 'like', `${filter.regionCode}%`);
  if (filter.pointId) query = query.where('a.point_id', '=', filter.pointId);
  if (filter.states?.length) query = query.where('a.state', 'in', filter.states);
  if (filter.categoryCode) query = query.where('a.category_code', '=', filter.categoryCode);
  if (filter.channel) query = query.where('a.channel', '=', filter.channel as never);
  if (filter.unitId) query = query.where('a.handling_unit_id', '=', filter.unitId);
  if (filter.issueId) query = query.where('a.issue_id', '=', filter.issueId);
  if (filter.colour) query = query.where(sql<SqlBool>`${colourSql} = ${filter.colour}`);
  if (filter.from) query = query.where(sql<SqlBool>`a.created_at >= ${filter.from}::date - interval '8 hours'`);
  if (filter.to) query = query.where(sql<SqlBool>`a.created_at < ${filter.to}::date + interval '16 hours'`);
  if (filter.text) {
    const text = filter.text;
    query = query.where((eb) => eb.or([eb('a.tracking_code', '=', text.toUpperCase()), eb('a.search_text', 'like', `%${text.replace(/[%_\\]/g, '\\$&')}%`)]));
  }
  if (filter.mine) {
    query = query.where('a.state', 'in', openStates);
    if (actor.role === 'handler') query = query.where((eb) => eb.or([eb('a.handling_unit_id', '=', actor.unitId ?? -1), sql<SqlBool>`${actor.unitId ?? -1} = ANY (a.co_unit_ids)`]));
    else if (actor.role === 'cadre') query = query.where(sql<SqlBool>`a.level = 0 AND a.point_id IN (${pointsOfCadre(actor.cadreId ?? -1)})`);
  }
  return query;
}

/** A page of cases the caller sees, with the total and each case's deadline colour. */
export async function listAppeals(db: Executor, actor: Actor, filter: AppealFilter, page: { offset: number; limit: number; sort: 'created' | 'due' }) {
  const base = filteredAppeals(db, actor, filter);
  const [items, total] = await Promise.all([
    base
      .leftJoin('appeal_categories as c', 'c.code', 'a.category_code')
      .leftJoin('points as p', 'p.id', 'a.point_id')
      .leftJoin('org_units as u', 'u.id', 'a.handling_unit_id')
      .select([
        'a.id',
        'a.tracking_code',
        'a.channel',
        'a.category_code',
        'c.name_zh as category_name',
        'a.urgency',
        'a.region_code',
        'a.point_id',
        'p.name as point_name',
        'a.title',
        'a.state',
        'a.level',
        'a.is_supervised',
        'a.is_confidential',
        'a.handling_unit_id',
        'u.name as handling_unit_name',
        'a.due_at',
        colourSql.as('colour'),
        'a.me_too_count',
        'a.issue_id',
        'a.created_at',
        'a.version',
      ])
      .$call((query) => (page.sort === 'due' ? query.orderBy(sql`a.due_at ASC NULLS LAST`).orderBy('a.id') : query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc')))
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.total) };
}

export async function listAppealEvents(db: Executor, appealId: number) {
  return db
    .selectFrom('appeal_events as e')
    .leftJoin('org_units as u', 'u.id', 'e.unit_id')
    .select(['e.id', 'e.at', 'e.event', 'e.from_state', 'e.to_state', 'e.actor_kind', 'e.actor_name', 'u.name as unit_name', 'e.reason', 'e.details'])
    .where('e.appeal_id', '=', appealId)
    .orderBy('e.id')
    .execute();
}

export async function listAppealPhotoIds(db: Executor, appealId: number): Promise<number[]> {
  const rows = await db.selectFrom('appeal_photos').select('id').where('appeal_id', '=', appealId).orderBy('id').execute();
  return rows.map((row) => row.id);
}

export async function findAppealPhoto(db: Executor, appealId: number, photoId: number) {
  return db.selectFrom('appeal_photos').select(['content_type', 'content']).where('appeal_id', '=', appealId).where('id', '=', photoId).executeTakeFirst();
}

export async function findUnitNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findUnit(db: Executor, id: number) {
  return db.selectFrom('org_units').select(['id', 'name', 'level', 'region_code']).where('id', '=', id).executeTakeFirst();
}

export async function findPointForIntake(db: Executor, id: number) {
  return db.selectFrom('points').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
}

export async function listCategories(db: Executor) {
  return db.selectFrom('appeal_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function findCategory(db: Executor, code: string) {
  return db.selectFrom('appeal_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listTimeLimits(db: Executor) {
  return db.selectFrom('appeal_time_limits').selectAll().execute();
}

export async function listWorkingCalendars(db: Executor) {
  const { rows } = await sql<{ year: number; holidays: string[]; working_weekends: string[] }>`
    SELECT year, holidays::text[] AS holidays, working_weekends::text[] AS working_weekends FROM working_calendars ORDER BY year`.execute(db);
  return rows;
}

export async function upsertWorkingCalendar(db: Executor, year: number, holidays: string[], workingWeekends: string[]) {
  await sql`INSERT INTO working_calendars (year, holidays, working_weekends) VALUES (${year}, ${holidays}::date[], ${workingWeekends}::date[])
    ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, working_weekends = EXCLUDED.working_weekends, updated_at = now()`.execute(db);
}

/** Catalogue rows for a category whose region is the case's region or one of its ancestors, longest prefix first. */
export async function findCatalogueUnits(db: Executor, categoryCode: string, regionCode: string) {
  return db
    .selectFrom('dispatch_catalogue as d')
    .innerJoin('org_units as u', 'u.id', 'd.unit_id')
    .select(['d.level', 'd.unit_id', 'u.name as unit_name', 'd.region_code'])
    .where('d.category_code', '=', categoryCode)
    .where(sql<SqlBool>`${regionCode} LIKE d.region_code || '%'`)
    .orderBy('d.level')
    .orderBy(sql`length(d.region_code)`, 'desc')
    .execute();
}

/** How similar past cases of the county were dispatched: the units that took the most of them. */
export async function findLearnedDispatch(db: Executor, options: { categoryCode: string; countyCode: string; searchText: string; excludeId: number }) {
  const { rows } = await sql<{ unit_id: number; unit_name: string; level: number; cases: number }>`
    SELECT a.first_unit_id AS unit_id, u.name AS unit_name, max(a.level) AS level, count(*)::int AS cases
    FROM appeals a JOIN org_units u ON u.id = a.first_unit_id
    WHERE a.region_code LIKE ${`${options.countyCode}%`} AND a.category_code = ${options.categoryCode}
      AND a.id <> ${options.excludeId} AND a.first_unit_id IS NOT NULL AND a.return_count = 0
      AND a.created_at > now() - interval '1 year'
      AND similarity(a.search_text, ${options.searchText}) > 0.15
    GROUP BY a.first_unit_id, u.name ORDER BY cases DESC LIMIT 3`.execute(db);
  return rows;
}

/** Open cases like this one: same category, similar text, within the time window, visible to the caller. */
export async function findSimilarAppeals(db: Executor, actor: Actor, options: { id: number; categoryCode: string; searchText: string; regionCode: string; days: number }) {
  const { rows } = await sql<{ id: number; tracking_code: string; title: string; region_code: string; state: AppealStateName; similarity: number; created_at: Date }>`
    SELECT a.id, a.tracking_code, a.title, a.region_code, a.state, similarity(a.search_text, ${options.searchText})::float8 AS similarity, a.created_at
    FROM appeals a
    WHERE ${visibleTo(actor)} AND a.id <> ${options.id} AND a.category_code = ${options.categoryCode}
      AND a.state <> 'merged' AND a.region_code LIKE ${`${options.regionCode}%`}
      AND a.created_at > now() - make_interval(days => ${options.days})
      AND a.search_text % ${options.searchText}
    ORDER BY similarity DESC, a.id LIMIT 20`.execute(db);
  return rows;
}

export async function listCatalogue(db: Executor, filter: { regionCode: string; categoryCode?: string }) {
  let query = db
    .selectFrom('dispatch_catalogue as d')
    .innerJoin('org_units as u', 'u.id', 'd.unit_id')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .select(['d.id', 'd.category_code', 'd.level', 'd.region_code', 'r.name as region_name', 'd.unit_id', 'u.name as unit_name'])
    .where('d.region_code', 'like', `${filter.regionCode}%`);
  if (filter.categoryCode) query = query.where('d.category_code', '=', filter.categoryCode);
  return query.orderBy('d.region_code').orderBy('d.category_code').orderBy('d.level').limit(2000).execute();
}

export async function upsertCatalogueRow(db: Executor, row: { categoryCode: string; level: number; regionCode: string; unitId: number }) {
  return db
    .insertInto('dispatch_catalogue')
    .values({ category_code: row.categoryCode, level: row.level, region_code: row.regionCode, unit_id: row.unitId })
    .onConflict((conflict) => conflict.columns(['category_code', 'level', 'region_code']).doUpdateSet({ unit_id: row.unitId }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findCatalogueRow(db: Executor, id: number) {
  return db.selectFrom('dispatch_catalogue').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteCatalogueRow(db: Executor, id: number) {
  await db.deleteFrom('dispatch_catalogue').where('id', '=', id).execute();
}

/** Open cases at a point that others may join with "me too" (never confidential or anonymous ones' details). */
export async function listOpenCasesAtPoint(db: Executor, pointId: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('appeal_categories as c', 'c.code', 'a.category_code')
    .select(['a.tracking_code', 'c.name_zh as category_name', 'a.title', 'a.me_too_count'])
    .where('a.point_id', '=', pointId)
    .where('a.state', 'in', openStates)
    .where('a.is_confidential', '=', false)
    .orderBy('a.me_too_count', 'desc')
    .orderBy('a.id', 'desc')
    .limit(10)
    .execute();
}

export async function insertMeToo(db: Executor, row: { clientId: string; appealId: number; pointId: number | null; regionCode: string; note: string | null }): Promise<boolean> {
  const inserted = await db
    .insertInto('appeal_me_too')
    .values({ client_id: row.clientId, appeal_id: row.appealId, point_id: row.pointId, region_code: row.regionCode, note: row.note })
    .onConflict((conflict) => conflict.column('client_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(inserted);
}

/** Open cases whose deadline has passed, for the overdue sweep (supervise, then escalate). */
export async function findOverdueOpenAppeals(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('appeals')
    .select(['id', 'state', 'is_supervised', 'due_at', 'level', 'version'])
    .where('due_at', '<', now)
    .where('state', 'in', openStates)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

export async function insertIssue(db: Executor, row: { title: string; categoryCode: string; level: number; regionCode: string; handlingUnitId: number | null; createdBy: number | null }) {
  return db
    .insertInto('appeal_issues')
    .values({ title: row.title, category_code: row.categoryCode, level: row.level, region_code: row.regionCode, handling_unit_id: row.handlingUnitId, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Pairs of open, ungrouped cases of one category in one county whose descriptions are alike (pg_trgm), within a time window. */
export async function findSimilarOpenPairs(db: Executor, actor: Actor, options: { regionCode: string; days: number; threshold: number }) {
  const { rows } = await sql<{ a_id: number; b_id: number }>`
    WITH open_cases AS (
      SELECT a.id, a.category_code, a.region_code, a.search_text, a.created_at FROM appeals a
      WHERE ${visibleTo(actor)} AND a.region_code LIKE ${`${options.regionCode}%`} AND a.issue_id IS NULL
        AND a.state IN ('registered', 'dispatched', 'returned', 'accepted', 'in_progress', 'rectifying')
        AND a.created_at > now() - make_interval(days => ${options.days}))
    SELECT x.id AS a_id, y.id AS b_id FROM open_cases x JOIN open_cases y
      ON y.id > x.id AND y.category_code = x.category_code AND left(y.region_code, 6) = left(x.region_code, 6)
      AND similarity(x.search_text, y.search_text) >= ${options.threshold}
    LIMIT 20000`.execute(db);
  return rows;
}

export async function findAppealsByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('appeals')
    .select(['id', 'title', 'category_code', 'region_code', 'point_id', 'state', 'issue_id', 'version', 'level', 'handling_unit_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

export async function listIssues(db: Executor, regionCode: string) {
  const { rows } = await sql<{ id: number; title: string; category_code: string; level: number; region_code: string; region_name: string; unit_name: string | null; created_at: Date; cases: number; open_cases: number; points: number }>`
    SELECT i.id, i.title, i.category_code, i.level, i.region_code, r.name AS region_name, u.name AS unit_name, i.created_at,
      count(a.id)::int AS cases, count(a.id) FILTER (WHERE a.state NOT IN ('closed', 'merged'))::int AS open_cases, count(DISTINCT a.point_id)::int AS points
    FROM appeal_issues i JOIN regions r ON r.code = i.region_code LEFT JOIN org_units u ON u.id = i.handling_unit_id
    LEFT JOIN appeals a ON a.issue_id = i.id
    WHERE i.region_code LIKE ${`${regionCode}%`}
    GROUP BY i.id, r.name, u.name ORDER BY i.created_at DESC LIMIT 200`.execute(db);
  return rows;
}
