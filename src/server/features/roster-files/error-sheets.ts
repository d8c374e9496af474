// Error sheets: the rejected rows of an import with their original values and a 错误说明
// column, written to a temp file and kept for an hour for the account that imported.
import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

interface StoredSheet {
  accountId: number;
  path: string;
  fileName: string;
  createdAt: number;
}

const sheets = new Map<string, StoredSheet>();
const keepMs = 60 * 60 * 1000;
const keepAtMost = 50;

function forgetOld(): void {
  const now = Date.now();
  const ordered = [...sheets.entries()].sort((a, b) => a[1].createdAt - b[1].createdAt);
  ordered.forEach(([id, sheet], index) => {
    if (now - sheet.createdAt > keepMs || ordered.length - index > keepAtMost) {
      sheets.delete(id);
      void rm(sheet.path, { force: true });
    }
  });
}

export interface RejectedRow {
  row: number;
  cells: string[];
  explanation: string;
}

/** Writes the rejected rows (streamed) and returns the sheet's id. */
export async function saveErrorSheet(options: { accountId: number; sourceName: string; header: string[]; rows: RejectedRow[] }): Promise<string> {
  forgetOld();
  const id = randomUUID();
  const path = join(tmpdir(), `dundian-errors-${id}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('错误行');
  sheet.columns = [{ width: 8 }, ...options.header.map(() => ({ width: 16 })), { width: 60 }];
  const head = sheet.addRow(['原行号', ...options.header, '错误说明']);
  head.font = { bold: true };
  head.commit();
  for (const rejected of options.rows) sheet.addRow([rejected.row, ...options.header.map((_, index) => rejected.cells[index] ?? ''), rejected.explanation]).commit();
  sheet.commit();
  await workbook.commit();
  const base = options.sourceName.replace(/\.(xlsx|csv)$/i, '');
  sheets.set(id, { accountId: options.accountId, path, fileName: `${base}-错误行.xlsx`, createdAt: Date.now() });
  return id;
}

/** Opens an error sheet of this account, or undefined when unknown, expired or someone else's. */
export function openErrorSheet(id: string, accountId: number): { stream: ReadStream; fileName: string } | undefined {
  forgetOld();
  const sheet = sheets.get(id);
  if (!sheet || sheet.accountId !== accountId) return undefined;
  return { stream: createReadStream(sheet.path), fileName: sheet.fileName };
}
