// Reading the diary: a cadre's own entries, and for the head of a unit (or an office) the days on
// site of the unit's cadres as plain counts in name order — no ranking, no GPS, no photos.
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { countUnitDiaryDays, findCadre, findUnit, listDiaryEntries } from './diary-queries.ts';
import { mayViewUnitDiary } from './policy.ts';
import { presentDiaryEntry } from './present-field-records.ts';
import { addDays, daysBetween, localDate } from './visit-plan.ts';

/** A period of at most a year; by default the 30 days up to today. */
function periodOf(query: { from?: string; to?: string }, now: Date) {
  const to = query.to ?? localDate(now);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw invalidField('from', '开始日期不能晚于结束日期', 'must not be after to');
  if (daysBetween(from, to) > 366) throw invalidField('from', '时间段不能超过一年', 'the period may not exceed a year');
  return { from, to };
}

/** The caller's own entries, oldest first (empty for an account that keeps no diary). */
export async function listMyDiary(options: { db: Executor; actor: Actor; from?: string; to?: string; now?: Date }) {
  const { from, to } = periodOf(options, options.now ?? new Date());
  const rows = await listDiaryEntries(options.db, options.actor.accountId, from, to);
  return { from, to, items: rows.map(presentDiaryEntry) };
}

/** Days on site per cadre of a unit (default: the caller's own unit), for its head or an office over it. */
export async function getUnitDiary(options: { db: Executor; actor: Actor; unitId?: number; from?: string; to?: string; now?: Date }) {
  const { db, actor } = options;
  const unitId = options.unitId ?? actor.unitId;
  if (!unitId) throw invalidField('unitId', '请选择单位', 'choose a unit');
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound('单位', 'Unit');
  const cadre = actor.cadreId ? await findCadre(db, actor.cadreId) : undefined;
  const isActorHeadOfUnit = Boolean(cadre?.is_leader && cadre.unit_id === unit.id);
  if (!mayViewUnitDiary(actor, { unitRegionCode: unit.region_code, isActorHeadOfUnit })) {
    if (actor.role === 'admin' || actor.role === 'office') throw notFound('单位', 'Unit');
    throw new AppError('FORBIDDEN', '只有单位负责人和蹲点办可以查看本单位干部的在岗天数', 'Only the head of the unit and the campaign office see its cadres\' days on site');
  }
  const { from, to } = periodOf(options, options.now ?? new Date());
  const rows = await countUnitDiaryDays(db, unit.id, from, to);
  return {
    unitId: unit.id,
    unitName: unit.name,
    from,
    to,
    days: daysBetween(from, to),
    cadres: rows.map((row) => ({ cadreId: row.cadre_id, name: row.name, daysOnSite: row.days_on_site, daysRecorded: row.days_recorded })),
  };
}
