// Use cases of the unit roster: a filtered page, one unit, an edit with optimistic locking.
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, scopedRegion, type Actor } from '../../lib/actor.ts';
import { searchKeys } from '../../lib/chinese-text.ts';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../lib/errors.ts';
import { parseSearchText } from '../../lib/search-text.ts';
import { diffFields, loadHistory } from '../audit/history.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { countLeadersOfUnit, findUnit, isUnitNameTaken, listUnits, propagateUnitCategory, updateUnitIfVersion, type UnitChanges, type UnitFilter } from './queries.ts';
import type { z } from 'zod';
import type { listUnitsQuery, unitFilterQuery, updateUnitBody } from './schemas.ts';

type UnitRecord = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

/** The API form of a unit. */
export function presentUnit(row: UnitRecord) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    regionCode: row.region_code,
    regionName: row.region_name,
    category: row.category,
    leadingBody: row.leading_body,
    parentId: row.parent_id,
    parentName: row.parent_name,
    cadres: row.cadres,
    version: row.version,
  };
}

/** Turns a list/export query into a filter inside the actor's scope (null: nothing in scope). */
export function toUnitFilter(actor: Actor, query: z.infer<typeof unitFilterQuery>): UnitFilter | null {
  const regionCode = scopedRegion(actor, query.regionCode);
  return regionCode ? { ...query, regionCode, search: parseSearchText(query.q) } : null;
}

/** A page of units in the actor's scope matching the filters, with the total. */
export async function browseUnits(options: { db: Executor; actor: Actor; query: z.infer<typeof listUnitsQuery> }) {
  const { db, actor, query } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const filter = toUnitFilter(actor, query);
  if (!filter) return { total: 0, items: [] };
  const { items, total } = await listUnits(db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return { total, items: items.map(presentUnit) };
}

async function findUnitInScope(db: Executor, actor: Actor, id: number) {
  const row = await findUnit(db, id);
  if (!row || !isInScope(actor, row.region_code)) throw notFound('单位', 'Unit');
  return row;
}

/** One unit with its leaders count and change history. */
export async function getUnit(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const row = await findUnitInScope(db, actor, id);
  const [leaders, history] = await Promise.all([countLeadersOfUnit(db, id), loadHistory(db, 'unit', id, row.region_code)]);
  return { ...presentUnit(row), leaders, history, canEdit: can(actor, 'rosters.edit') };
}

/** Applies an edit if the caller's version is current; a category change reaches the unit's cadres. */
export async function updateUnit(options: { db: Db; actor: Actor; id: number; input: z.infer<typeof updateUnitBody> }) {
  const { db, actor, id, input } = options;
  if (!can(actor, 'rosters.edit')) throw forbidden();
  const existing = await findUnitInScope(db, actor, id);
  const changes: UnitChanges = {};
  if (input.name !== undefined && input.name !== existing.name) {
    if (await isUnitNameTaken(db, input.name, id)) {
      throw new AppError('CONFLICT', `单位名称 ${input.name} 已存在`, `A unit named ${input.name} exists`, { details: [{ field: 'name', message: '已存在', messageEn: 'already exists' }] });
    }
    const keys = searchKeys(input.name, 'place');
    Object.assign(changes, { name: input.name, search_name: keys.normalized, pinyin: keys.pinyin, initials: keys.initials });
  }
  if (input.category !== undefined) changes.category = input.category;
  if (input.leadingBody !== undefined) changes.leading_body = input.leadingBody;
  if (input.parentId !== undefined) {
    if (input.parentId === id) throw invalidField('parentId', '上级单位不能是自己', 'a unit cannot be its own parent');
    if (input.parentId !== null) {
      const parent = await findUnit(db, input.parentId);
      if (!parent || !isInScope(actor, parent.region_code)) throw invalidField('parentId', '上级单位不存在或不在您的管辖范围内', 'no such unit in your scope');
    }
    changes.parent_id = input.parentId;
  }
  const before = { name: existing.name, category: existing.category, leadingBody: existing.leading_body, parentId: existing.parent_id };
  const diff = diffFields(before, { ...before, ...Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'version')) });
  await db.transaction().execute(async (tx) => {
    if ((await updateUnitIfVersion(tx, id, input.version, changes)) === 0) throw staleVersion();
    if (input.category !== undefined && input.category !== existing.category) await propagateUnitCategory(tx, id, input.category);
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'unit.updated', entityType: 'unit', entityId: id, regionCode: existing.region_code, before: diff.before, after: diff.after });
  });
  return getUnit({ db, actor, id });
}
