// Streams the rows of an uploaded .xlsx (exceljs WorkbookReader, first worksheet) or .csv
// (csv-parse; UTF-8 with or without BOM, else GB18030 as Chinese Excel writes it) as arrays of
// text cells. The header is the first non-blank row that looks like one; blank rows are skipped;
// a value in a merged range applies to every cell of the range.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { AppError } from '../../lib/errors.ts';
import { cellText } from './cell-values.ts';
import { readWholeCharacters } from './utf8-chunks.ts';
import { readMergedRanges, type MergedRange } from './xlsx-merges.ts';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetLine {
  /** Row number as the spreadsheet shows it (first row of the sheet is 1). */
  row: number;
  /** The cells joined by a unit separator: one string per row keeps 200k rows small in memory. */
  packed: string;
}

const separator = '\u001f';

/** The cells of a row read by readSheet. */
export function cellsOf(line: SheetLine): string[] {
  return line.packed.split(separator);
}

export interface SheetContent {
  headerRow: number;
  header: string[];
  rows: SheetLine[];
}

export const maxRows = 200_000;

/** Tells the format from the first bytes: a zip is .xlsx, readable text is .csv, anything else is refused (400). */
export async function detectFormat(path: string, fileName: string): Promise<SheetFormat> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(4096);
  const { bytesRead } = await file.read(head, 0, 4096, 0);
  await file.close();
  const bytes = head.subarray(0, bytesRead);
  const lower = fileName.toLowerCase();
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50 && !lower.endsWith('.csv')) return 'xlsx';
  const isText = bytes.length > 0 && !bytes.includes(0) && !lower.endsWith('.xlsx') && !lower.endsWith('.xls');
  if (isText) return 'csv';
  throw unreadable(fileName);
}

function unreadable(fileName: string): AppError {
  return new AppError('BAD_REQUEST', `无法读取文件“${fileName}”：请上传 .xlsx 或 .csv 文件`, `Cannot read "${fileName}": upload an .xlsx or .csv file`, {
    details: [{ field: 'file', message: '应为 .xlsx 或 .csv 文件', messageEn: 'must be an .xlsx or .csv file' }],
  });
}

/** Reads the whole first sheet; `looksLikeHeader` picks the header among the first non-blank rows. */
export async function readSheet(options: {
  path: string;
  format: SheetFormat;
  fileName: string;
  looksLikeHeader: (cells: string[]) => boolean;
  onRows?: (count: number) => void;
}): Promise<SheetContent> {
  const content: SheetContent = { headerRow: 0, header: [], rows: [] };
  const candidates: { row: number; cells: string[] }[] = [];
  const accept = (line: { row: number; cells: string[] }) => {
    if (line.cells.every((cell) => cell.trim() === '')) return;
    if (content.headerRow === 0) {
      candidates.push(line);
      if (options.looksLikeHeader(line.cells) || candidates.length >= 10) {
        const header = options.looksLikeHeader(line.cells) ? line : candidates[0];
        content.headerRow = header.row;
        content.header = header.cells.map((cell) => cell.trim());
        for (const later of candidates.filter((candidate) => candidate.row > header.row)) content.rows.push(pack(later.row, later.cells, content.header.length));
      }
      return;
    }
    if (content.rows.length >= maxRows) {
      throw new AppError('BAD_REQUEST', `文件超过 ${maxRows} 行，请分批导入`, `The file has more than ${maxRows} rows; import it in parts`);
    }
    content.rows.push(pack(line.row, line.cells, content.header.length));
    if (content.rows.length % 10_000 === 0) options.onRows?.(content.rows.length);
  };
  try {
    if (options.format === 'xlsx') await readXlsx(options.path, accept);
    else await readCsv(options.path, accept);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(options.fileName);
  }
  if (content.headerRow === 0 && candidates.length > 0) {
    content.headerRow = candidates[0].row;
    content.header = candidates[0].cells.map((cell) => cell.trim());
    content.rows.push(...candidates.slice(1).map((line) => pack(line.row, line.cells, content.header.length)));
  }
  return content;
}

// Cells beyond the header's width name nothing and go.
function pack(row: number, cells: string[], width: number): SheetLine {
  return { row, packed: (cells.length > width ? cells.slice(0, width) : cells).map((cell) => cell.replaceAll(separator, ' ')).join(separator) };
}

async function readXlsx(path: string, accept: (line: { row: number; cells: string[] }) => void): Promise<void> {
  const reader = readWholeCharacters(new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }));
  let isFirst = true;
  for await (const worksheet of reader) {
    if (!isFirst) continue;
    isFirst = false;
    const merges = await readMergedRanges(path, (worksheet as unknown as { id: number }).id);
    const fill = createMergeFiller(merges);
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let col = 1; col < values.length; col++) cells.push(cellText(values[col]));
      accept({ row: row.number, cells: fill(row.number, cells) });
    }
  }
  if (isFirst) throw new Error('no worksheet');
}

/** Returns a function that copies each merged range's top-left value into the range's other cells. */
export function createMergeFiller(merges: MergedRange[]): (row: number, cells: string[]) => string[] {
  const spanning = merges.filter((range) => range.bottom > range.top || range.right > range.left).sort((a, b) => a.top - b.top);
  if (spanning.length === 0) return (_row, cells) => cells;
  const values = new Map<MergedRange, string>();
  let next = 0;
  let active: MergedRange[] = [];
  return (row, cells) => {
    active = active.filter((range) => range.bottom >= row);
    while (next < spanning.length && spanning[next].top <= row) {
      const range = spanning[next++];
      if (range.bottom < row) continue;
      active.push(range);
      values.set(range, range.top === row ? (cells[range.left - 1] ?? '') : '');
    }
    for (const range of active) {
      const value = values.get(range) ?? '';
      for (let col = range.left; col <= range.right; col++) {
        if (row === range.top && col === range.left) continue;
        while (cells.length < col) cells.push('');
        if (cells[col - 1] === '') cells[col - 1] = value;
      }
    }
    return cells;
  };
}

async function readCsv(path: string, accept: (line: { row: number; cells: string[] }) => void): Promise<void> {
  const encoding = await detectTextEncoding(path);
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
  const parser = createReadStream(path).pipe(decode).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    accept({ row, cells: record });
  }
}

/** 'utf-8' when the file is valid UTF-8 (BOM or not), else 'gb18030' (GBK/GB2312 files from Chinese Excel). */
export async function detectTextEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) strict.decode(chunk as Buffer, { stream: true });
    strict.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}
