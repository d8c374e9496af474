// Streams the rows of an uploaded .xlsx (first worksheet, xlsx-reader.ts) or .csv (csv-parse;
// UTF-8 with or without BOM, else GB18030 as Chinese Excel writes it) as arrays of text cells.
// Blank rows are skipped; a value in a merged range applies to every cell of the range; the
// header is the first non-blank row that looks like one (merges applied, so a header cell
// merged over two rows counts).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../lib/errors.ts';
import { readXlsxRows, type MergedRange } from './xlsx-reader.ts';

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

// Rows above the header that may be a title, notes or a merged group header.
const headerSearchDepth = 10;

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

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** Reads the whole first sheet; `looksLikeHeader` picks the header among the first non-blank rows. */
export async function readSheet(options: {
  path: string;
  format: SheetFormat;
  fileName: string;
  looksLikeHeader: (cells: string[]) => boolean;
  onRows?: (count: number) => void;
}): Promise<SheetContent> {
  const lines: SheetLine[] = [];
  const accept = (line: { row: number; cells: string[] }) => {
    if (isBlank(line.cells)) return;
    // The header may sit a few rows down: allow for it before refusing an oversized file.
    if (lines.length >= maxRows + headerSearchDepth) {
      throw new AppError('BAD_REQUEST', `文件超过 ${maxRows} 行，请分批导入`, `The file has more than ${maxRows} rows; import it in parts`);
    }
    lines.push({ row: line.row, packed: pack(line.cells) });
    if (lines.length % 10_000 === 0) options.onRows?.(lines.length);
  };
  try {
    if (options.format === 'xlsx') applyMerges(lines, await readXlsxRows(options.path, accept));
    else await readCsv(options.path, accept);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(options.fileName);
  }
  const candidates = lines.slice(0, headerSearchDepth);
  const headerIndex = Math.max(0, candidates.findIndex((line) => options.looksLikeHeader(cellsOf(line))));
  if (lines.length === 0) return { headerRow: 0, header: [], rows: [] };
  const header = cellsOf(lines[headerIndex]).map((cell) => cell.trim());
  const rows = lines.slice(headerIndex + 1);
  if (rows.length > maxRows) throw new AppError('BAD_REQUEST', `文件超过 ${maxRows} 行，请分批导入`, `The file has more than ${maxRows} rows; import it in parts`);
  // Cells beyond the header's width name nothing and go.
  for (const line of rows) {
    const cells = cellsOf(line);
    if (cells.length > header.length) line.packed = cells.slice(0, header.length).join(separator);
  }
  return { headerRow: lines[headerIndex].row, header, rows };
}

function pack(cells: string[]): string {
  return cells.map((cell) => (cell.includes(separator) ? cell.replaceAll(separator, ' ') : cell)).join(separator);
}

/** Copies each merged range's top-left value into the range's other (empty) cells. */
export function applyMerges(lines: SheetLine[], merges: MergedRange[]): void {
  const spanning = merges.filter((range) => range.bottom > range.top || range.right > range.left);
  if (spanning.length === 0) return;
  const byRow = new Map(lines.map((line) => [line.row, line]));
  for (const range of spanning) {
    const top = byRow.get(range.top);
    const value = top ? (cellsOf(top)[range.left - 1] ?? '') : '';
    if (value === '') continue;
    for (let row = range.top; row <= range.bottom; row++) {
      const line = byRow.get(row);
      if (!line) continue;
      const cells = cellsOf(line);
      for (let col = range.left; col <= range.right; col++) {
        while (cells.length < col) cells.push('');
        if (cells[col - 1] === '') cells[col - 1] = value;
      }
      line.packed = cells.join(separator);
    }
  }
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
