// Use case: import a roster sheet (units, cadres or points). Reads the file, validates every row
// against in-memory look-ups, stages the valid rows and classifies them set-based; a dry run
// stops there, a commit writes everything in the same transaction or nothing at all.
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import { columnsOf, matchHeader, type HeaderMatch, type RosterKind } from './columns.ts';
import { saveErrorSheet } from './error-sheets.ts';
import { buildPointLookup, buildUnitLookup } from './lookups.ts';
import { cadreNaturalKey, parseCadreRow, type CadreRecord } from './parse-cadre-row.ts';
import { parsePointRow, pointNaturalKey, type PointRecord } from './parse-point-row.ts';
import { parseUnitRow, sheetUnitKeys, type UnitRecord } from './parse-unit-row.ts';
import type { ImportProgress } from './progress.ts';
import { listPointsInScope, listRegionsOfProvince, listUnitsOfProvince, stageImport, toCopyLine, writeImport, type StagingResult } from './queries.ts';
import { cellsOf, type SheetContent, type SheetFormat, type SheetLine } from './read-sheet.ts';
import { streamSheet } from './sheet-stream.ts';
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

  // Rows are validated as they are read (a large file is read on another thread), unless the
  // kind needs the whole sheet first (units refer to units further down the sheet) or the
  // header lacks a required column. Merged ranges, known only at the end of an .xlsx, may
  // change lines already validated: then every row is validated again.
  let streamed: Validation | undefined;
  const end = await streamSheet(
    { path: options.path, format: options.format, fileName: options.fileName, kind, onRows: (count) => report({ phase: 'reading', processed: count }) },
    {
      onHeader: async ({ header: cells }) => {
        const found = matchHeader(kind, cells);
        if (found.indexOf.size === 0) throw noHeader(kind, options.fileName);
        if (kind !== 'units' && found.missing.length === 0) streamed = new Validation(kind, found, await loadContext(database, actor, kind, found));
      },
      onLines: async (lines) => streamed?.add(lines),
    },
  );
  const sheet = end.content;
  const header = matchHeader(kind, sheet.header);
  // Not one known column in the first rows: not a roster sheet (or not in a readable encoding).
  if (header.indexOf.size === 0) throw noHeader(kind, options.fileName);
  const total = sheet.rows.length;

  if (header.missing.length > 0) {
    const errors: ImportError[] = header.missing.map((column) => ({
      row: sheet.headerRow || 1,
      column: column.header,
      value: '',
      message: `缺少必需的列“${column.header}”`,
      messageEn: `the required column "${column.header}" is missing`,
    }));
    return finish({ ...options, sheet, errors, rejectedRows: new Set(sheet.rows.map((line) => line.row)), staging: undefined, isWritten: false });
  }

  let validation = end.isFinal ? streamed : undefined;
  if (!validation) {
    report({ phase: 'validating', processed: 0, total });
    validation = new Validation(kind, header, await loadContext(database, actor, kind, header));
    if (kind === 'units') validation.context.sheetUnits = sheetUnitKeys(sheet.rows.map((line) => validation!.toRow(line)));
    for (let from = 0; from < total; from += 10_000) {
      await validation.add(sheet.rows.slice(from, from + 10_000));
      report({ phase: 'validating', processed: Math.min(total, from + 10_000), total });
    }
  }
  const { errors, rejectedRows, staged, columnName, context } = validation;
  validation.close();

  // Staging and writing: processed counts the rows copied into the staging table.
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

async function loadContext(database: Database, actor: Actor, kind: RosterKind, header: HeaderMatch): Promise<ParseContext> {
  const province = actor.regionCode.slice(0, 2);
  const regions = await cachedRegionIndex(database, province, () => listRegionsOfProvince(database.db, province));
  const context: ParseContext = { scope: actor.regionCode, provided: new Set(header.indexOf.keys()), regions };
  if (kind !== 'points') context.units = buildUnitLookup(await listUnitsOfProvince(database.db, province));
  if (kind === 'cadres' && header.indexOf.has('programmePoint')) context.points = buildPointLookup(await listPointsInScope(database.db, actor.regionCode), regions);
  else if (kind === 'cadres') context.points = buildPointLookup([], regions);
  return context;
}

/**
 * Validation of a sheet's data lines, a batch at a time and in order: every row is parsed
 * against the look-ups, bad rows collect their errors, and valid rows become COPY text, joined
 * into a chunk every few thousand rows (a few large strings keep the garbage collector far
 * calmer than 200,000 objects or lines). A row that repeats an earlier one is an error.
 */
class Validation {
  readonly errors: ImportError[] = [];
  readonly rejectedRows = new Set<number>();
  readonly staged = { chunks: [] as { text: string; rows: number }[], rows: 0 };
  private pending: string[] = [];
  private readonly seenExternal = new Map<string, number>();
  private readonly seenNatural = new Map<string, number>();

  constructor(
    private readonly kind: RosterKind,
    private readonly header: HeaderMatch,
    readonly context: ParseContext,
  ) {}

  readonly columnName = (key: string) => this.header.headerOf.get(key) ?? columnsOf(this.kind).find((column) => column.key === key)?.header ?? key;

  toRow(line: SheetLine): SheetRow {
    return { row: line.row, cells: cellsByKey(cellsOf(line), this.header.indexOf) };
  }

  async add(lines: SheetLine[]): Promise<void> {
    const { kind } = this;
    for (let index = 0; index < lines.length; index++) {
      const row = this.toRow(lines[index]);
      const result = parseRow(kind, row, this.context);
      if ('problems' in result) {
        this.rejectedRows.add(row.row);
        for (const problem of result.problems) this.errors.push(toError(row.row, problem, this.columnName));
      } else {
        const duplicateOf = firstSeen(kind, result.record, row.row, this.seenExternal, this.seenNatural);
        if (duplicateOf) {
          this.rejectedRows.add(row.row);
          this.errors.push(duplicateError(kind, row, duplicateOf, this.columnName));
        } else this.stage(toCopyLine(kind, toStaged(kind, row.row, result.record)));
      }
      // Let polls of the progress and other requests in between.
      if (index % 5_000 === 4_999) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Joins the last staged lines into a chunk. */
  close(): void {
    if (this.pending.length) this.staged.chunks.push({ text: this.pending.join(''), rows: this.pending.length });
    this.pending = [];
  }

  private stage(line: string): void {
    this.pending.push(line);
    this.staged.rows += 1;
    if (this.pending.length === stagedChunkRows) {
      this.staged.chunks.push({ text: this.pending.join(''), rows: this.pending.length });
      this.pending = [];
    }
  }
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
  sheet: SheetContent;
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
