// Use cases: a filtered page of cadres, and one cadre with its postings and history.
import type { Executor } from '../../db/database.ts';
import { isInScope, scopedRegion, type Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { parseSearchText } from '../../lib/search-text.ts';
import { loadHistory } from '../audit/history.ts';
import { can } from '../auth/policy.ts';
import { listRegionsByCode } from '../regions/queries.ts';
import { ancestorCodes } from '../regions/region-codes.ts';
import { findCadre, listCadres, listPriorPostingsOfCadre, type CadreFilter } from './queries.ts';
import type { z } from 'zod';
import type { cadreFilterQuery } from './schemas.ts';

type CadreRecord = NonNullable<Awaited<ReturnType<typeof findCadre>>>;

/** The API form of a cadre; the phone is always masked here. */
export function presentCadre(row: CadreRecord) {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    gender: row.gender,
    birthYear: row.birth_year,
    unitId: row.unit_id,
    unitName: row.unit_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    post: row.post,
    rank: row.rank,
    isLeader: row.is_leader,
    leadingBody: row.leading_body,
    category: row.category,
    isCategoryOverridden: row.is_category_overridden,
    skills: row.skills,
    phone: maskPhone(row.phone),
    homeRegionCode: row.home_region_code,
    programme: row.programme,
    version: row.version,
  };
}

/** Turns the query string of a list or export into a filter inside the actor's scope (null: nothing in scope). */
export function toCadreFilter(actor: Actor, query: z.infer<typeof cadreFilterQuery>): CadreFilter | null {
  const regionCode = scopedRegion(actor, query.regionCode);
  if (!regionCode) return null;
  return { ...query, regionCode, search: parseSearchText(query.q) };
}

/** A page of cadres in the actor's scope matching the filters, with the total. */
export async function browseCadres(options: {
  db: Executor;
  actor: Actor;
  query: z.infer<typeof cadreFilterQuery> & { page: number; pageSize: number; sort: 'name' | 'birthYear' | 'unit' };
}) {
  const { db, actor, query } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const filter = toCadreFilter(actor, query);
  if (!filter) return { total: 0, items: [] };
  const { items, total } = await listCadres(db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize, sort: query.sort });
  return { total, items: items.map(presentCadre) };
}

/** Finds a cadre inside the actor's scope, or answers 404. */
export async function findCadreInScope(db: Executor, actor: Actor, id: number) {
  const row = await findCadre(db, id);
  if (!row || !isInScope(actor, row.region_code)) throw notFound('干部', 'Cadre');
  return row;
}

/** One cadre with prior postings, home village path, change history and what the caller may do. */
export async function getCadre(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const row = await findCadreInScope(db, actor, id);
  const [postings, history, homePath] = await Promise.all([
    listPriorPostingsOfCadre(db, id),
    loadHistory(db, 'cadre', id, row.region_code),
    row.home_region_code ? listRegionsByCode(db, [...ancestorCodes(row.home_region_code), row.home_region_code]) : Promise.resolve([]),
  ]);
  return {
    ...presentCadre(row),
    homeRegionPath: homePath.length ? homePath.map((region) => region.name).join(' / ') : null,
    priorPostings: postings.map((posting) => ({
      id: posting.id,
      programme: posting.programme,
      pointId: posting.point_id,
      pointName: posting.point_name,
      regionCode: posting.region_code,
      startsOn: posting.starts_on ? String(posting.starts_on).slice(0, 10) : null,
      endsOn: posting.ends_on ? String(posting.ends_on).slice(0, 10) : null,
    })),
    history,
    canEdit: can(actor, 'rosters.edit'),
    canRevealPhone: can(actor, 'personal_data.reveal'),
  };
}
