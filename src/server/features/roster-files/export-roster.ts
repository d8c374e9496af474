// Use case: export a roster (the list's filters, inside the caller's scope) as a workbook in the
// template format, streamed. Phones are masked unless an office reveals them with a reason,
// which is logged once per export as a personal-data reveal and in the audit log.
import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, invalidField } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { categoryLabels, leadingBodyLabels, pointTypeLabels, programmeLabels, unitLevelLabels } from '../../lib/roster-vocabulary.ts';
import { recordAudit, recordReveal } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { toCadreFilter } from '../cadres/browse-cadres.ts';
import { toPointFilter } from '../points/manage-points.ts';
import { toUnitFilter } from '../units/manage-units.ts';
import { formatNeedNotes, formatNeeds, formatProfile } from './parse-point-row.ts';
import { iterateCadresForExport, iteratePointsForExport, iterateUnitsForExport, listRegionsOfProvince } from './queries.ts';
import { cachedRegionIndex, type RegionIndex } from './region-index.ts';
import { sheetTitles, streamRosterWorkbook, type CellValue } from './workbook-writer.ts';
import type { z } from 'zod';
import type { cadreExportQuery, pointExportQuery, unitExportQuery } from './schemas.ts';

export type ExportQuery =
  | { kind: 'cadres'; query: z.infer<typeof cadreExportQuery> }
  | { kind: 'points'; query: z.infer<typeof pointExportQuery> }
  | { kind: 'units'; query: z.infer<typeof unitExportQuery> };

/** Checks the request, logs a phone reveal if asked, and returns the workbook stream. */
export async function exportRoster(options: { database: Database; actor: Actor } & ExportQuery): Promise<{ fileName: string; stream: Readable }> {
  const { database, actor } = options;
  if (!can(actor, 'rosters.view')) throw forbidden();
  const db = database.db;
  const fileName = `${sheetTitles[options.kind]}名册-${new Date().toISOString().slice(0, 10)}.xlsx`;
  const none = (async function* (): AsyncIterable<CellValue[][]> {})();
  if (options.kind === 'units') {
    const filter = toUnitFilter(actor, options.query);
    return { fileName, stream: streamRosterWorkbook('units', filter ? mapBatches(iterateUnitsForExport(db, filter), unitCells) : none) };
  }
  const province = actor.regionCode.slice(0, 2);
  const regions = await cachedRegionIndex(database, province, () => listRegionsOfProvince(db, province));
  if (options.kind === 'points') {
    const filter = toPointFilter(actor, options.query);
    return { fileName, stream: streamRosterWorkbook('points', filter ? mapBatches(iteratePointsForExport(db, filter), pointCells) : none) };
  }
  const { revealPhones, reason, ...query } = options.query;
  if (revealPhones) {
    if (!can(actor, 'personal_data.reveal')) throw forbidden();
    if (!reason || reason.trim().length < 4) throw invalidField('reason', '显示完整手机号须填写理由（至少 4 个字）', 'a reason of at least 4 characters is required to reveal phones');
    await db.transaction().execute(async (tx) => {
      await recordReveal(tx, { actorAccountId: actor.accountId, actorName: actor.username, entityType: 'cadre', entityId: 'export', field: 'phone', reason: reason.trim(), regionCode: query.regionCode ?? actor.regionCode });
      await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.username, action: 'cadre.phones_revealed', entityType: 'cadre', entityId: 'export', regionCode: actor.regionCode, details: { reason: reason.trim(), filter: query } });
    });
  }
  const filter = toCadreFilter(actor, query);
  return { fileName, stream: streamRosterWorkbook('cadres', filter ? mapBatches(iterateCadresForExport(db, filter), (row) => cadreCells(row, regions, revealPhones === true)) : none) };
}

async function* mapBatches<T>(batches: AsyncIterable<T[]>, toCells: (row: T) => CellValue[]): AsyncIterable<CellValue[][]> {
  for await (const batch of batches) yield batch.map(toCells);
}

type RowOf<T> = T extends AsyncGenerator<(infer Row)[]> ? Row : never;

const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value ? String(value).slice(0, 10) : '');

type CadreExportRow = RowOf<ReturnType<typeof iterateCadresForExport>>;

function cadreCells(row: CadreExportRow, regions: RegionIndex, revealPhones: boolean): CellValue[] {
  const point = row.point_region_code
    ? (row.point_external_id ?? `${regions.shortPathOf(row.point_region_code)}${regions.shortPathOf(row.point_region_code).endsWith(row.point_name ?? '') ? '' : row.point_name}`)
    : '';
  return [
    row.name, row.gender === 'male' ? '男' : '女', row.birth_year, row.unit_code, row.post, row.rank, row.is_leader ? '是' : '否',
    row.leading_body ? leadingBodyLabels[row.leading_body] : '', categoryLabels[row.category], row.skills.join('、'),
    revealPhones ? row.phone : maskPhone(row.phone), row.home_region_code, row.programme ? programmeLabels[row.programme] : '', point,
    dateText(row.starts_on), dateText(row.ends_on), row.external_id,
  ];
}

type PointExportRow = RowOf<ReturnType<typeof iteratePointsForExport>>;

function pointCells(row: PointExportRow): CellValue[] {
  const severities = { disorder: row.disorder_severity, difficulty: row.difficulty_severity, poverty: row.poverty_severity };
  return [
    row.name, pointTypeLabels[row.type], row.region_code, formatNeeds(severities), '', formatNeedNotes((row.need_notes ?? {}) as Record<string, string>),
    row.households, row.population, row.min_cadres, row.max_cadres, formatProfile((row.profile ?? {}) as Record<string, unknown>), row.external_id,
  ];
}

type UnitExportRow = RowOf<ReturnType<typeof iterateUnitsForExport>>;

function unitCells(row: UnitExportRow): CellValue[] {
  return [row.name, row.code, row.parent_code, row.region_code, unitLevelLabels[row.level], categoryLabels[row.category], row.leading_body ? leadingBodyLabels[row.leading_body] : ''];
}
