// Use cases of the point roster: a filtered page, one point, an edit with optimistic locking.
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, scopedRegion, type Actor } from '../../lib/actor.ts';
import { searchKeys } from '../../lib/chinese-text.ts';
import { forbidden, invalidField, notFound, staleVersion } from '../../lib/errors.ts';
import { parseSearchText } from '../../lib/search-text.ts';
import { diffFields, loadHistory } from '../audit/history.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { findPoint, listPoints, listPriorPostingsAtPoint, updatePointIfVersion, type PointChanges, type PointFilter } from './queries.ts';
import type { z } from 'zod';
import type { listPointsQuery, pointFilterQuery, updatePointBody } from './schemas.ts';

type PointRecord = NonNullable<Awaited<ReturnType<typeof findPoint>>>;

/** The API form of a point. */
export function presentPoint(row: Omit<PointRecord, 'need_notes' | 'profile'>, regionPath: string) {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    type: row.type,
    regionCode: row.region_code,
    regionPath,
    needs: { disorder: row.disorder_severity, difficulty: row.difficulty_severity, poverty: row.poverty_severity },
    households: row.households,
    population: row.population,
    minCadres: row.min_cadres,
    maxCadres: row.max_cadres,
    version: row.version,
  };
}

/** Turns a list/export query into a filter inside the actor's scope (null: nothing in scope). */
export function toPointFilter(actor: Actor, query: z.infer<typeof pointFilterQuery>): PointFilter | null {
  const regionCode = scopedRegion(actor, query.regionCode);
  return regionCode ? { ...query, regionCode, search: parseSearchText(query.q) } : null;
}

/** A page of points in the actor's scope matching the filters, with the total. */
export async function browsePoints(options: { db: Executor; actor: Actor; query: z.infer<typeof listPointsQuery> }) {
  const { db, actor, query } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const filter = toPointFilter(actor, query);
  if (!filter) return { total: 0, items: [] };
  const { items, total } = await listPoints(db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize, sort: query.sort });
  return { total, items: items.map((row) => presentPoint(row, row.region_path)) };
}

async function findPointInScope(db: Executor, actor: Actor, id: number) {
  const row = await findPoint(db, id);
  if (!row || !isInScope(actor, row.region_code)) throw notFound('联系点', 'Contact point');
  return row;
}

/** One point with its needs, profile, prior-programme cadres and change history. */
export async function getPoint(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const row = await findPointInScope(db, actor, id);
  const [paths, postings, history] = await Promise.all([
    describeRegionPaths(db, [row.region_code], { fromLevel: 2 }),
    listPriorPostingsAtPoint(db, id),
    loadHistory(db, 'point', id, row.region_code),
  ]);
  return {
    ...presentPoint(row, paths.get(row.region_code)!),
    needNotes: (row.need_notes ?? {}) as Record<string, string>,
    profile: (row.profile ?? {}) as Record<string, unknown>,
    priorPostings: postings.map((posting) => ({ id: posting.id, programme: posting.programme, cadreId: posting.cadre_id, cadreName: posting.cadre_name, unitName: posting.unit_name })),
    history,
    canEdit: can(actor, 'rosters.edit'),
  };
}

/** Applies an edit if the caller's version is current; a stale version is a conflict. */
export async function updatePoint(options: { db: Db; actor: Actor; id: number; input: z.infer<typeof updatePointBody> }) {
  const { db, actor, id, input } = options;
  if (!can(actor, 'rosters.edit')) throw forbidden();
  const existing = await findPointInScope(db, actor, id);
  const minCadres = input.minCadres ?? existing.min_cadres;
  const maxCadres = input.maxCadres ?? existing.max_cadres;
  if (minCadres > maxCadres) throw invalidField('maxCadres', '最多干部数不能小于最少干部数', 'must not be less than minCadres');
  const changes: PointChanges = {};
  if (input.name !== undefined) {
    const keys = searchKeys(input.name, 'place');
    Object.assign(changes, { name: input.name, search_name: keys.normalized, pinyin: keys.pinyin, initials: keys.initials });
  }
  if (input.type !== undefined) changes.type = input.type;
  if (input.needs) {
    changes.disorder_severity = input.needs.disorder;
    changes.difficulty_severity = input.needs.difficulty;
    changes.poverty_severity = input.needs.poverty;
  }
  if (input.needNotes !== undefined) changes.need_notes = JSON.stringify(input.needNotes);
  if (input.households !== undefined) changes.households = input.households;
  if (input.population !== undefined) changes.population = input.population;
  if (input.profile !== undefined) changes.profile = JSON.stringify(input.profile);
  if (input.minCadres !== undefined) changes.min_cadres = input.minCadres;
  if (input.maxCadres !== undefined) changes.max_cadres = input.maxCadres;
  const before = {
    name: existing.name,
    type: existing.type,
    needs: { disorder: existing.disorder_severity, difficulty: existing.difficulty_severity, poverty: existing.poverty_severity },
    needNotes: existing.need_notes,
    households: existing.households,
    population: existing.population,
    profile: existing.profile,
    minCadres: existing.min_cadres,
    maxCadres: existing.max_cadres,
  };
  const diff = diffFields(before, { ...before, ...Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'version')) });
  await db.transaction().execute(async (tx) => {
    if ((await updatePointIfVersion(tx, id, input.version, changes)) === 0) throw staleVersion();
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'point.updated',
      entityType: 'point',
      entityId: id,
      regionCode: existing.region_code,
      before: diff.before,
      after: diff.after,
    });
  });
  return getPoint({ db, actor, id });
}
