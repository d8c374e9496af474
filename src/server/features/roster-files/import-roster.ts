// Use case: import a roster sheet (units, cadres or points). Reads the file, validates every row
// against in-memory look-ups, stages the valid rows and classifies them set-based; a dry run
// stops there, a commit writes everything in the same transaction or nothing at all.
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import { columnsOf, matchHeader, type RosterKind } from './columns.ts';
import { saveErrorSheet } from './error-sheets.ts';
import { buildPointLookup, buildUnitLookup } from './lookups.ts';
import { cadreNaturalKey, parseCadreRow, type CadreRecord } from './parse-cadre-row.ts';
import { parsePointRow, pointNaturalKey, type PointRecord } from './parse-point-row.ts';
import { parseUnitRow, sheetUnitKeys, type UnitRecord } from './parse-unit-row.ts';
import type { ImportProgress } from './progress.ts';
import { listPointsInScope, listRegionsOfProvince, listUnitsOfProvince, stageImport, toCopyLine, writeImport, type StagingResult } from './queries.ts';
import { cellsOf, readSheet, type SheetFormat } from './read-sheet.ts';
import { cachedRegionIndex } from './region-index.ts';
import type { StagedRow } from './import-specs.ts';
import { cellsByKey, type CellProblem, type ParseContext, type RowResult, type SheetRow } from './row-types.ts';

export interface ImportError {
  row: number;
  column: string;
  value: string;
  message: string;
  messageEn: string;
}

export interface ImportReport {
  kind: RosterKind;
  fileName: string;
  dryRun: boolean;
  total: number;
  valid: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  newRows: number[];
  updatedRows: number[];
  errorSheetId?: string;
  isWritten: boolean;
}

type AnyRecord = UnitRecord | CadreRecord | PointRecord;

class RollbackImport extends Error {}

const maxErrorsListed = 5000;
const stagedChunkRows = 10_000;

/** Imports one sheet; the report's `isWritten` tells whether the commit happened. */
export async function importRoster(options: {
  database: Database;
  actor: Actor;
  kind: RosterKind;
  path: string;
  format: SheetFormat;
  fileName: string;
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportReport> {
  const { database, actor, kind, dryRun } = options;
  if (!can(actor, 'rosters.import')) throw forbidden();
  const report = (progress: ImportProgress) => options.onProgress?.(progress);
  report({ phase: 'reading', processed: 0 });

  const sheet = await readSheet({
    path: options.path,
    format: options.format,
    fileName: options.fileName,
    looksLikeHeader: (cells) => matchHeader(kind, cells).indexOf.size >= 2,
    onRows: (count) => report({ phase: 'reading', processed: count }),
  });
  const header = matchHeader(kind, sheet.header);
  // Not one known column in the first rows: not a roster sheet (or not in a readable encoding).
  if (header.indexOf.size === 0) throw noHeader(kind, options.fileName);
  const total = sheet.rows.length;
  const errors: ImportError[] = [];
  const columnName = (key: string) => header.headerOf.get(key) ?? columnsOf(kind).find((column) => column.key === key)?.header ?? key;

  if (header.missing.length > 0) {
    for (const column of header.missing) {
      errors.push({ row: sheet.headerRow || 1, column: column.header, value: '', message: `缺少必需的列“${column.header}”`, messageEn: `the required column "${column.header}" is missing` });
    }
    return finish({ ...options, sheet, errors, rejectedRows: new Set(sheet.rows.map((line) => line.row)), staging: undefined, isWritten: false });
  }

  report({ phase: 'validating', processed: 0, total });
  const context = await loadContext(options.database, actor, kind, header.indexOf.has('programmePoint'));
  const toRow = (line: (typeof sheet.rows)[number]): SheetRow => {
    return { row: line.row, cells: cellsByKey(cellsOf(line), header.indexOf) };
  };
  context.provided = new Set(header.indexOf.keys());
  if (kind === 'units') context.sheetUnits = sheetUnitKeys(sheet.rows.map(toRow));

  const rejectedRows = new Set<number>();
  // Valid rows as COPY text, joined into a chunk every few thousand rows: a few large strings
  // keep the garbage collector far calmer than 200,000 objects or lines.
  const staged = { chunks: [] as { text: string; rows: number }[], rows: 0 };
  let pending: string[] = [];
  const stage = (line: string) => {
    pending.push(line);
    staged.rows += 1;
    if (pending.length === stagedChunkRows) {
      staged.chunks.push({ text: pending.join(''), rows: pending.length });
      pending = [];
    }
  };
  const seenExternal = new Map<string, number>();
  const seenNatural = new Map<string, number>();
  for (let index = 0; index < sheet.rows.length; index++) {
    const row = toRow(sheet.rows[index]);
    const result = parseRow(kind, row, context);
    if ('problems' in result) {
      rejectedRows.add(row.row);
      for (const problem of result.problems) errors.push(toError(row.row, problem, columnName));
    } else {
      const duplicateOf = firstSeen(kind, result.record, row.row, seenExternal, seenNatural);
      if (duplicateOf) {
        rejectedRows.add(row.row);
        errors.push(duplicateError(kind, row, duplicateOf, columnName));
      } else stage(toCopyLine(kind, toStaged(kind, row.row, result.record)));
    }
    if (index % 10_000 === 9_999) {
      report({ phase: 'validating', processed: index + 1, total });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  // Staging and writing: processed counts the rows copied into the staging table.
  if (pending.length) staged.chunks.push({ text: pending.join(''), rows: pending.length });
  report({ phase: 'writing', processed: 0, total: staged.rows });
  let staging: StagingResult | undefined;
  let isWritten = false;
  try {
    await database.bulkTransaction(async (session) => {
      staging = await stageImport(session, kind, staged, context.provided, actor.regionCode, (done) => report({ phase: 'writing', processed: done, total: staged.rows }));
      for (const item of staging.duplicates) {
        rejectedRows.add(item.row);
        errors.push({ row: item.row, column: columnName(identityKey(kind)), value: '', message: `与第 ${item.firstRow} 行是同一条记录`, messageEn: `the same record as row ${item.firstRow}` });
      }
      for (const row of staging.outOfScope) {
        rejectedRows.add(row);
        errors.push({ row, column: columnName(identityKey(kind)), value: '', message: '已有的这条记录不在您的管辖范围内', messageEn: 'the stored record is outside your area' });
      }
      if (dryRun) return;
      if (errors.length > 0) throw new RollbackImport();
      // One audit row per committed import, even one that changes nothing: the import happened.
      await writeImport(session, kind, context.provided, { accountId: actor.accountId, username: actor.username, scope: actor.regionCode }, staging.counts, {
        fileName: options.fileName,
        total,
        rejected: 0,
      });
      isWritten = true;
    });
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
    isWritten = false;
  }
  return finish({ ...options, sheet, errors, rejectedRows, staging, isWritten });
}

function noHeader(kind: RosterKind, fileName: string): AppError {
  const required = columnsOf(kind).filter((column) => column.isRequired);
  const names = required.map((column) => column.header).join('、');
  return new AppError('BAD_REQUEST', `“${fileName}”中找不到表头：前几行应有 ${names} 等列`, `No header row in "${fileName}": the first rows should hold columns such as ${required.map((column) => `${column.header} (${column.aliases[0]})`).join(', ')}`, {
    details: [{ field: 'file', message: '找不到表头', messageEn: 'no header row' }],
  });
}

async function loadContext(database: Database, actor: Actor, kind: RosterKind, needsPoints: boolean): Promise<ParseContext> {
  const province = actor.regionCode.slice(0, 2);
  const regions = await cachedRegionIndex(database, province, () => listRegionsOfProvince(database.db, province));
  const context: ParseContext = { scope: actor.regionCode, provided: new Set(), regions };
  if (kind !== 'points') context.units = buildUnitLookup(await listUnitsOfProvince(database.db, province));
  if (kind === 'cadres' && needsPoints) context.points = buildPointLookup(await listPointsInScope(database.db, actor.regionCode), regions);
  else if (kind === 'cadres') context.points = buildPointLookup([], regions);
  return context;
}

function parseRow(kind: RosterKind, row: SheetRow, context: ParseContext): RowResult<AnyRecord> {
  if (kind === 'units') return parseUnitRow(row, context);
  if (kind === 'cadres') return parseCadreRow(row, context);
  return parsePointRow(row, context);
}

const identityKey = (kind: RosterKind) => (kind === 'units' ? 'name' : 'externalId');

// The earlier row of the same sheet that is the same record, if any.
function firstSeen(kind: RosterKind, record: AnyRecord, row: number, seenExternal: Map<string, number>, seenNatural: Map<string, number>): number | undefined {
  const external = kind === 'units' ? (record as UnitRecord).code : (record as CadreRecord | PointRecord).externalId;
  const natural = kind === 'units' ? (record as UnitRecord).searchName : kind === 'cadres' ? cadreNaturalKey(record as CadreRecord) : pointNaturalKey(record as PointRecord);
  const earlier = (external ? seenExternal.get(external.toUpperCase()) : undefined) ?? (kind === 'units' || !external ? seenNatural.get(natural) : undefined);
  if (earlier) return earlier;
  if (external) seenExternal.set(external.toUpperCase(), row);
  if (kind === 'units' || !external) seenNatural.set(natural, row);
  return undefined;
}

function duplicateError(kind: RosterKind, row: SheetRow, firstRow: number, columnName: (key: string) => string): ImportError {
  const key = (kind === 'units' ? row.cells.get('code') : row.cells.get('externalId'))?.trim() ? (kind === 'units' ? 'code' : 'externalId') : 'name';
  return { row: row.row, column: columnName(key), value: (row.cells.get(key) ?? '').trim(), message: `与第 ${firstRow} 行是同一条记录`, messageEn: `the same record as row ${firstRow}` };
}

function toError(row: number, problem: CellProblem, columnName: (key: string) => string): ImportError {
  return { row, column: columnName(problem.key), value: problem.value, message: problem.message, messageEn: problem.messageEn };
}

function toStaged(kind: RosterKind, row: number, record: AnyRecord): StagedRow {
  if (kind === 'units') {
    const unit = record as UnitRecord;
    return { row_number: row, code: unit.code, name: unit.name, search_name: unit.searchName, pinyin: unit.pinyin, initials: unit.initials, level: unit.level, region_code: unit.regionCode, category: unit.category, leading_body: unit.leadingBody, parent_id: unit.parentId, parent_name: unit.parentName };
  }
  if (kind === 'cadres') {
    const cadre = record as CadreRecord;
    return {
      row_number: row, external_id: cadre.externalId, name: cadre.name, search_name: cadre.searchName, pinyin: cadre.pinyin, initials: cadre.initials, gender: cadre.gender,
      birth_year: cadre.birthYear, unit_id: cadre.unitId, region_code: cadre.regionCode, post: cadre.post, rank: cadre.rank, is_leader: cadre.isLeader, leading_body: cadre.leadingBody,
      category: cadre.category, is_category_overridden: cadre.isCategoryOverridden, skills: cadre.skills, phone: cadre.phone, is_phone_kept: cadre.isPhoneKept,
      home_region_code: cadre.homeRegionCode, programme: cadre.programme, point_id: cadre.pointId, starts_on: cadre.startsOn, ends_on: cadre.endsOn,
    };
  }
  const point = record as PointRecord;
  return {
    row_number: row, external_id: point.externalId, name: point.name, search_name: point.searchName, pinyin: point.pinyin, initials: point.initials, type: point.type, region_code: point.regionCode,
    disorder_severity: point.severities.disorder, difficulty_severity: point.severities.difficulty, poverty_severity: point.severities.poverty, need_notes: point.needNotes,
    households: point.households, population: point.population, min_cadres: point.minCadres, max_cadres: point.maxCadres, profile: point.profile,
  };
}

async function finish(options: {
  kind: RosterKind;
  fileName: string;
  dryRun: boolean;
  actor: Actor;
  sheet: Awaited<ReturnType<typeof readSheet>>;
  errors: ImportError[];
  rejectedRows: Set<number>;
  staging: StagingResult | undefined;
  isWritten: boolean;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportReport> {
  const { sheet, errors, rejectedRows, staging } = options;
  errors.sort((a, b) => a.row - b.row);
  const counts = staging?.counts ?? { new: 0, updated: 0, unchanged: 0 };
  let errorSheetId: string | undefined;
  if (errors.length > 0) {
    const byRow = new Map<number, string[]>();
    for (const error of errors) byRow.set(error.row, [...(byRow.get(error.row) ?? []), `${error.column}：${error.message}`]);
    const lines = [{ row: sheet.headerRow || 1, cells: sheet.header }, ...sheet.rows.filter((line) => byRow.has(line.row)).map((line) => ({ row: line.row, cells: cellsOf(line) }))].filter((line) => byRow.has(line.row));
    errorSheetId = await saveErrorSheet({ accountId: options.actor.accountId, sourceName: options.fileName, header: sheet.header, rows: lines.map((line) => ({ row: line.row, cells: line.cells, explanation: byRow.get(line.row)!.join('；') })) });
  }
  options.onProgress?.({ phase: 'done', processed: sheet.rows.length, total: sheet.rows.length });
  return {
    kind: options.kind,
    fileName: options.fileName,
    dryRun: options.dryRun,
    total: sheet.rows.length,
    valid: counts.new + counts.updated + counts.unchanged,
    ...counts,
    rejected: rejectedRows.size,
    errors: errors.slice(0, maxErrorsListed),
    newRows: staging?.newRows ?? [],
    updatedRows: staging?.updatedRows ?? [],
    ...(errorSheetId ? { errorSheetId } : {}),
    isWritten: options.isWritten,
  };
}
