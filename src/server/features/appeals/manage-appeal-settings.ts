// The dispatch catalogue (派单目录) and the working-day calendar, edited by campaign offices in scope.
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, scopedRegion, type Actor } from '../../lib/actor.ts';
import { forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { forgetDeadlineSettings } from './deadlines.ts';
import { deleteCatalogueRow, findCatalogueRow, findCategory, findUnit, listCatalogue, listWorkingCalendars, upsertCatalogueRow, upsertWorkingCalendar } from './queries.ts';
import type { calendarBody, catalogueBody, catalogueQuery } from './schemas.ts';
import { defaultCalendars } from './working-calendar.ts';

export async function browseCatalogue(options: { db: Executor; actor: Actor; query: z.infer<typeof catalogueQuery> }) {
  const { db, actor, query } = options;
  if (!can(actor, 'appeals.dispatch')) throw forbidden();
  const regionCode = scopedRegion(actor, query.regionCode);
  if (!regionCode) return [];
  const rows = await listCatalogue(db, { regionCode, categoryCode: query.categoryCode });
  return rows.map((row) => ({ id: row.id, categoryCode: row.category_code, level: row.level, regionCode: row.region_code, regionName: row.region_name, unitId: row.unit_id, unitName: row.unit_name }));
}

const unitLevelOfRung: Record<number, string> = { 1: 'township', 2: 'county', 3: 'city' };

/** Adds or replaces the unit for (category, rung, region). */
export async function saveCatalogueRow(options: { db: Db; actor: Actor; body: z.infer<typeof catalogueBody> }) {
  const { db, actor, body } = options;
  if (!can(actor, 'appeals.configure')) throw forbidden();
  if (!isInScope(actor, body.regionCode)) throw invalidField('regionCode', '不在您的管辖范围内', 'outside your scope');
  if (!(await findCategory(db, body.categoryCode))) throw invalidField('categoryCode', '没有这个诉求类别', 'no such category');
  const unit = await findUnit(db, body.unitId);
  if (!unit) throw invalidField('unitId', '没有这个单位', 'no such unit');
  if (unit.level !== unitLevelOfRung[body.level]) throw invalidField('unitId', `第 ${body.level} 级须为${{ 1: '乡镇', 2: '县级', 3: '市级' }[body.level]}单位`, `rung ${body.level} needs a ${unitLevelOfRung[body.level]} unit`);
  return db.transaction().execute(async (tx) => {
    const { id } = await upsertCatalogueRow(tx, body);
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'dispatch_catalogue.saved', entityType: 'dispatch_catalogue', entityId: id, regionCode: body.regionCode, after: body });
    return { id };
  });
}

export async function removeCatalogueRow(options: { db: Db; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  if (!can(actor, 'appeals.configure')) throw forbidden();
  const row = await findCatalogueRow(db, id);
  if (!row || !isInScope(actor, row.region_code)) throw notFound('派单目录条目', 'Catalogue entry');
  await db.transaction().execute(async (tx) => {
    await deleteCatalogueRow(tx, id);
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'dispatch_catalogue.deleted', entityType: 'dispatch_catalogue', entityId: id, regionCode: row.region_code, before: row });
  });
}

export async function getWorkingCalendar(options: { db: Executor; actor: Actor; year: number }) {
  if (!can(options.actor, 'appeals.view')) throw forbidden();
  const stored = (await listWorkingCalendars(options.db)).find((row) => row.year === options.year);
  if (stored) return { year: stored.year, holidays: stored.holidays, workingWeekends: stored.working_weekends, isDefault: false };
  const builtIn = defaultCalendars.find((row) => row.year === options.year);
  return { year: options.year, holidays: builtIn?.holidays ?? [], workingWeekends: builtIn?.workingWeekends ?? [], isDefault: true };
}

/** Saves a year's holidays and make-up working days (province-wide: the provincial office only). */
export async function saveWorkingCalendar(options: { db: Db; actor: Actor; year: number; body: z.infer<typeof calendarBody> }) {
  const { db, actor, year, body } = options;
  if (!can(actor, 'appeals.configure') || actor.regionCode.length > 2) throw forbidden();
  for (const [field, dates] of [['holidays', body.holidays], ['workingWeekends', body.workingWeekends]] as const) {
    dates.forEach((date, index) => {
      if (!date.startsWith(`${year}-`)) throw invalidField(`${field}.${index}`, `日期须在 ${year} 年内`, `the date must be in ${year}`);
    });
  }
  for (const [index, date] of body.workingWeekends.entries()) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) throw invalidField(`workingWeekends.${index}`, '调休上班日须为周末', 'a make-up working day must fall on a weekend');
  }
  await db.transaction().execute(async (tx) => {
    await upsertWorkingCalendar(tx, year, [...new Set(body.holidays)].sort(), [...new Set(body.workingWeekends)].sort());
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'working_calendar.saved', entityType: 'working_calendar', entityId: year, regionCode: actor.regionCode, after: body });
  });
  forgetDeadlineSettings();
  return getWorkingCalendar({ db, actor, year });
}
