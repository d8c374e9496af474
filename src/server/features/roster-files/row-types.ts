// Shapes shared by the pure row parsers and the import use case.
import type { Problem } from './cell-values.ts';
import type { PointLookup, UnitLookup } from './lookups.ts';
import type { RegionIndex } from './region-index.ts';

/** Cells of a row by field key: undefined when the sheet has no such column. A Map will do. */
export interface CellsByKey {
  get(key: string): string | undefined;
}

/** One data row of a sheet: its number as the spreadsheet shows it and its cells by field key. */
export interface SheetRow {
  row: number;
  cells: CellsByKey;
}

/** A view of a row's cells by field key, given each key's column index (no copy per row). */
export function cellsByKey(values: string[], columns: Map<string, number>): CellsByKey {
  return {
    get(key) {
      const index = columns.get(key);
      return index === undefined ? undefined : (values[index] ?? '');
    },
  };
}

/** A problem with one cell of a row (key: the field; value: the cell as written). */
export interface CellProblem extends Problem {
  key: string;
  value: string;
}

export type RowResult<T> = { record: T } | { problems: CellProblem[] };

export interface ParseContext {
  /** The importer's region subtree. */
  scope: string;
  /** Field keys whose column is in the sheet; absent columns leave stored values alone. */
  provided: Set<string>;
  regions: RegionIndex;
  units?: UnitLookup;
  points?: PointLookup;
  /** Units defined by the sheet itself (code or name → qualified name), for 上级单位. */
  sheetUnits?: Map<string, string>;
}

/** Collects problems of one row and reads cells. */
export class RowReader {
  readonly problems: CellProblem[] = [];
  constructor(private readonly row: SheetRow) {}

  /** The cell as written, trimmed ('' when blank or absent). */
  raw(key: string): string {
    return (this.row.cells.get(key) ?? '').trim();
  }

  /** Records a problem with a cell. */
  report(key: string, problem: Problem): void {
    this.problems.push({ key, value: this.raw(key), ...problem });
  }

  /** Returns the value of a parse, or records its problem and returns undefined. */
  take<T>(key: string, parsed: { value: T } | { problem: Problem }): T | undefined {
    if ('problem' in parsed) {
      this.report(key, parsed.problem);
      return undefined;
    }
    return parsed.value;
  }

  /** The trimmed cell, or a 'required' problem when it is blank. */
  required(key: string): string | undefined {
    const value = this.raw(key);
    if (value === '') this.report(key, { message: '必填，不能为空', messageEn: 'required, must not be blank' });
    return value === '' ? undefined : value;
  }
}
