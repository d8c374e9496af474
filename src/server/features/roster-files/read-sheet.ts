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

export interface SheetHeader {
  headerRow: number;
  header: string[];
  /** The non-blank lines up to and including the header's (a title, notes, the header itself). */
  head: SheetLine[];
}

/** What a sheet's reading hands on while it reads: the header once found, then its data lines in order. */
export interface SheetListener {
  onHeader(header: SheetHeader): void;
  onLines(lines: SheetLine[]): void;
}

/** The end of a streamed reading: the whole content, and whether the lines handed on already were final. */
export interface SheetEnd {
  content: SheetContent;
  /** False when merged ranges (known only at the end of an .xlsx) changed the header or a data line. */
  isFinal: boolean;
}

const batchLines = 2_000;

/**
 * Assembles a sheet from its rows as they are read: skips blank rows, refuses an oversized file,
 * finds the header among the first non-blank rows and hands the data lines on in batches. It
 * keeps no line it has handed on: the listener holds them, and `completeSheet` applies the
 * merged ranges and cuts the lines to the header's width at the end.
 */
export class SheetAssembler {
  private pending: SheetLine[] = [];
  private read = 0;
  private isHeaderFound = false;

  constructor(
    private readonly looksLikeHeader: (cells: string[]) => boolean,
    private readonly listener: SheetListener,
    private readonly onRows: (count: number) => void = () => undefined,
  ) {}

  accept(line: { row: number; cells: string[] }): void {
    if (isBlank(line.cells)) return;
    // The header may sit a few rows down: allow for it before refusing an oversized file.
    if (this.read >= maxRows + headerSearchDepth) throw tooManyRows();
    this.read += 1;
    this.pending.push({ row: line.row, packed: pack(line.cells) });
    if (this.read % 10_000 === 0) this.onRows(this.read);
    if (!this.isHeaderFound) {
      if (this.pending.length >= headerSearchDepth) this.findHeader();
    } else if (this.pending.length >= batchLines) this.handOn();
  }

  /** Hands on what is left once the whole sheet is read. */
  end(): void {
    if (!this.isHeaderFound && this.pending.length > 0) this.findHeader();
    else this.handOn();
  }

  private findHeader(): void {
    const index = headerIndexOf(this.pending, this.looksLikeHeader);
    const header = headerCells(this.pending[index]);
    this.isHeaderFound = true;
    const head = this.pending.slice(0, index + 1);
    this.pending = this.pending.slice(index + 1);
    this.listener.onHeader({ headerRow: head[index].row, header, head });
    this.handOn();
  }

  private handOn(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.listener.onLines(batch);
  }
}

/** Reads the first sheet of a file into an assembler (on whichever thread calls it); returns its merged ranges. */
export async function readInto(options: { path: string; format: SheetFormat; fileName: string }, assembler: SheetAssembler): Promise<MergedRange[]> {
  try {
    const merges = options.format === 'xlsx' ? await readXlsxRows(options.path, (line) => assembler.accept(line)) : (await readCsv(options.path, (line) => assembler.accept(line)), []);
    assembler.end();
    return merges;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(options.fileName);
  }
}

/**
 * The whole sheet from what was handed on (the header found while reading, and the data lines),
 * with the merged ranges applied and the header found again; not final when that changed the
 * header or a data line handed on.
 */
export function completeSheet(found: SheetHeader | undefined, lines: SheetLine[], merges: MergedRange[], looksLikeHeader: (cells: string[]) => boolean): SheetEnd {
  if (!found) return { content: { headerRow: 0, header: [], rows: [] }, isFinal: true };
  const all = [...found.head, ...lines];
  const changedRows = applyMerges(all, merges);
  const index = headerIndexOf(all, looksLikeHeader);
  const header = headerCells(all[index]);
  const rows = index === found.head.length - 1 ? lines : all.slice(index + 1);
  if (rows.length > maxRows) throw tooManyRows();
  for (const line of rows) cutToWidth(line, header.length);
  const isFinal = index === found.head.length - 1 && header.join(separator) === found.header.join(separator) && !rows.some((line) => changedRows.has(line.row));
  return { content: { headerRow: all[index].row, header, rows }, isFinal };
}

function tooManyRows(): AppError {
  return new AppError('BAD_REQUEST', `文件超过 ${maxRows} 行，请分批导入`, `The file has more than ${maxRows} rows; import it in parts`);
}

function headerIndexOf(lines: SheetLine[], looksLikeHeader: (cells: string[]) => boolean): number {
  return Math.max(0, lines.slice(0, headerSearchDepth).findIndex((line) => looksLikeHeader(cellsOf(line))));
}

const headerCells = (line: SheetLine) => cellsOf(line).map((cell) => cell.trim());

// Cells beyond the header's width name nothing and go.
function cutToWidth(line: SheetLine, width: number): void {
  const cells = cellsOf(line);
  if (cells.length > width) line.packed = cells.slice(0, width).join(separator);
}

function pack(cells: string[]): string {
  return cells.map((cell) => (cell.includes(separator) ? cell.replaceAll(separator, ' ') : cell)).join(separator);
}

/** Copies each merged range's top-left value into the range's other (empty) cells; returns the rows it changed. */
export function applyMerges(lines: SheetLine[], merges: MergedRange[]): Set<number> {
  const changed = new Set<number>();
  const spanning = merges.filter((range) => range.bottom > range.top || range.right > range.left);
  if (spanning.length === 0) return changed;
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
      const packed = cells.join(separator);
      if (packed !== line.packed) changed.add(line.row);
      line.packed = packed;
    }
  }
  return changed;
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
