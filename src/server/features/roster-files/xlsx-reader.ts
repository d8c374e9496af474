// A streaming reader of the first worksheet of an .xlsx file: the zip's entries are inflated as
// streams and the sheet's XML is scanned row by row, so 200,000 rows never sit in memory as XML.
// Several times faster than exceljs's WorkbookReader, which parses every node with a full SAX
// parser; it reads cell values only (no styles): dates arrive as Excel serials, which the cell
// readers understand. Merged ranges (written after the rows) are returned at the end.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxRow {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** Cell texts from column A; missing cells are ''. */
  cells: string[];
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  dataOffset: number;
}

/** Thrown for anything that is not a readable .xlsx: the caller answers 400. */
export class UnreadableWorkbook extends Error {}

// The central directory of a zip: entry name → where its data lies.
async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) throw new UnreadableWorkbook('not a zip file');
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) throw new UnreadableWorkbook('truncated zip file');
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries = new Map<string, ZipEntry>();
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      entries.set(name, { method: directory.readUInt16LE(at + 10), compressedSize: directory.readUInt32LE(at + 20), dataOffset: directory.readUInt32LE(at + 42) });
      at += 46 + nameLength + extraLength + commentLength;
    }
    // Data starts after the local header, whose name and extra lengths may differ from the directory's.
    const local = Buffer.alloc(30);
    for (const entry of entries.values()) {
      await file.read(local, 0, 30, entry.dataOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new UnreadableWorkbook('broken zip entry');
      entry.dataOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
    return entries;
  } finally {
    await file.close();
  }
}

// The bytes of one entry, inflated as a stream.
async function* entryBytes(path: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.compressedSize === 0) return;
  if (entry.method !== 0 && entry.method !== 8) throw new UnreadableWorkbook(`zip method ${entry.method}`);
  const raw = createReadStream(path, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 1 << 20 })) : raw;
  raw.on('error', (error) => stream.destroy(error));
  yield* stream as AsyncIterable<Buffer>;
}

async function wholeEntry(path: string, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of entryBytes(path, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const isTagEnd = (byte: number | undefined) => byte === 0x20 || byte === 0x3e || byte === 0x2f || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * Yields every complete `<tag …>…</tag>` (or `<tag …/>`) element of a chunked XML document as
 * text. Boundaries are found on the bytes, so only the elements themselves are decoded; the
 * namespace prefix, if any, is the document's root element's. Text outside the elements goes to `onRest`.
 */
async function* elements(chunks: AsyncIterable<Buffer>, tag: string, onRest: (bytes: Buffer) => void = () => undefined): AsyncGenerator<string> {
  let open: Buffer | undefined;
  let close: Buffer | undefined;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const data: Buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (!open) {
      const root = /<(\w+:)?[A-Za-z]+[\s>]/.exec(data.toString('latin1', 0, Math.min(data.length, 4096)).replace(/<\?[^>]*\?>/g, ''));
      if (!root) {
        pending = data;
        continue;
      }
      open = Buffer.from(`<${root[1] ?? ''}${tag}`);
      close = Buffer.from(`</${root[1] ?? ''}${tag}>`);
    }
    let position = 0;
    for (;;) {
      let start = data.indexOf(open, position);
      while (start >= 0 && start + open.length < data.length && !isTagEnd(data[start + open.length])) start = data.indexOf(open, start + 1);
      if (start < 0 || start + open.length >= data.length) {
        // No (complete) opening tag left: keep a possible partial one for the next chunk.
        const keep = start >= 0 ? start : Math.max(position, data.length - open.length);
        if (keep > position) onRest(data.subarray(position, keep));
        position = keep;
        break;
      }
      if (start > position) onRest(data.subarray(position, start));
      const tagEnd = data.indexOf(0x3e, start);
      if (tagEnd < 0) {
        position = start;
        break;
      }
      if (data[tagEnd - 1] === 0x2f) {
        yield data.toString('utf8', start, tagEnd + 1);
        position = tagEnd + 1;
        continue;
      }
      const end = data.indexOf(close!, tagEnd);
      if (end < 0) {
        position = start;
        break;
      }
      yield data.toString('utf8', start, end + close!.length);
      position = end + close!.length;
    }
    pending = Buffer.from(data.subarray(position));
  }
  if (pending.length) onRest(pending);
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML entities and OOXML's `_xHHHH_` escapes (Excel writes a carriage return as _x000D_). */
export function decodeXmlText(text: string): string {
  let value = text.includes('&')
    ? text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
        if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10));
        return entities[name] ?? whole;
      })
    : text;
  if (value.includes('_x')) value = value.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return value;
}

// The text runs of a string item (<si>, <is>): every <t>, except phonetic guides (<rPh>).
function stringItemText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '') : xml;
  let text = '';
  for (const match of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += match[1];
  return decodeXmlText(text);
}

/** Decodes an A1 reference (B12) into a 1-based row and column. */
export function decodeCellRef(ref: string): { row: number; col: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.toUpperCase());
  if (!match) return { row: 0, col: 0 };
  let col = 0;
  for (const letter of match[1]) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), col };
}

function columnOf(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  return col;
}

const attribute = (attributes: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];

// Where the first worksheet and the shared strings live, from the workbook and its relationships.
async function locateParts(path: string, entries: Map<string, ZipEntry>): Promise<{ sheet: ZipEntry; sharedStrings?: ZipEntry }> {
  const workbook = await wholeEntry(path, entries.get('xl/workbook.xml'));
  const relations = await wholeEntry(path, entries.get('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, { target: string; type: string }>();
  for (const match of relations.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)) {
    const id = attribute(match[1], 'Id');
    const target = attribute(match[1], 'Target');
    if (id && target) targets.set(id, { target, type: attribute(match[1], 'Type') ?? '' });
  }
  const toEntry = (target: string) => entries.get(target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  const firstSheet = /<(?:\w+:)?sheet\s([^>]*?)\/?>/.exec(workbook);
  const sheetId = firstSheet ? /\b(?:\w+:)?id="([^"]+)"/.exec(firstSheet[1].replace(/\bsheetId="[^"]*"/, ''))?.[1] : undefined;
  const sheetTarget = sheetId ? targets.get(sheetId)?.target : undefined;
  const sheet =
    (sheetTarget ? toEntry(sheetTarget) : undefined) ??
    [...entries.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((name) => entries.get(name))[0];
  if (!sheet) throw new UnreadableWorkbook('no worksheet');
  const sharedTarget = [...targets.values()].find((relation) => relation.type.endsWith('/sharedStrings'))?.target;
  return { sheet, sharedStrings: (sharedTarget ? toEntry(sharedTarget) : undefined) ?? entries.get('xl/sharedStrings.xml') };
}

// Numbers print as JavaScript prints them (13812345678, 0.5), like exceljs did.
function numberText(value: string): string {
  const number = Number(value);
  return Number.isFinite(number) ? String(number) : value;
}

const cellPattern = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const valuePattern = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const referencePattern = /(?:^|\s)r="([A-Z]+)\d*"/;
const typePattern = /(?:^|\s)t="([^"]*)"/;
const rowNumberPattern = /(?:^|\s)r="(\d+)"/;

function parseRow(xml: string, previousRow: number, sharedStrings: string[]): XlsxRow {
  const rowNumber = Number(rowNumberPattern.exec(xml.slice(xml.indexOf(' '), xml.indexOf('>')))?.[1]) || previousRow + 1;
  const cells: string[] = [];
  let col = 0;
  for (const match of xml.matchAll(cellPattern)) {
    const attributes = match[1];
    const ref = referencePattern.exec(attributes);
    col = ref ? columnOf(ref[1]) : col + 1;
    const body = match[2];
    if (body === undefined) continue;
    const type = typePattern.exec(attributes)?.[1] ?? 'n';
    let text = '';
    if (type === 'inlineStr') text = stringItemText(body);
    else {
      const value = valuePattern.exec(body)?.[1];
      if (value === undefined) continue;
      if (type === 's') text = sharedStrings[Number(value)] ?? '';
      else if (type === 'n') text = numberText(value);
      else if (type === 'b') text = value === '1' ? '是' : '否';
      else if (type === 'd') text = value.slice(0, 10);
      else if (type === 'e') text = '';
      else text = decodeXmlText(value);
    }
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = text;
  }
  return { row: rowNumber, cells };
}

/**
 * Streams the rows of the first worksheet to `onRow`, then returns the sheet's merged ranges.
 * Throws UnreadableWorkbook when the file is not an .xlsx workbook.
 */
export async function readXlsxRows(path: string, onRow: (row: XlsxRow) => void): Promise<MergedRange[]> {
  const entries = await readZipDirectory(path);
  const { sheet, sharedStrings: sharedEntry } = await locateParts(path, entries);
  const sharedStrings: string[] = [];
  if (sharedEntry) for await (const item of elements(entryBytes(path, sharedEntry), 'si')) sharedStrings.push(stringItemText(item));
  const merges: MergedRange[] = [];
  let previousRow = 0;
  const rest: Buffer[] = [];
  for await (const xml of elements(entryBytes(path, sheet), 'row', (bytes) => rest.push(Buffer.from(bytes)))) {
    const row = parseRow(xml, previousRow, sharedStrings);
    previousRow = row.row;
    onRow(row);
  }
  // <mergeCells> follows <sheetData>: it is in what the row scan left over.
  for (const match of Buffer.concat(rest).toString('utf8').matchAll(/<(?:\w+:)?mergeCell\s+ref="([A-Za-z$]+\d+):([A-Za-z$]+\d+)"/g)) {
    const from = decodeCellRef(match[1]);
    const to = decodeCellRef(match[2]);
    merges.push({ top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) });
  }
  return merges;
}
