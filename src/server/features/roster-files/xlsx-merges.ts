// Reads the merged ranges of one worksheet of an .xlsx file. exceljs's streaming reader skips
// <mergeCells>, which Excel writes after all the rows, so this scans the sheet's XML once
// (inflating it as a stream from the zip) before the rows are read.
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

// The central directory of a zip: name → where its data lies.
async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0) throw new Error('not a zip file');
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries = new Map<string, ZipEntry>();
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      entries.set(name, { method: directory.readUInt16LE(at + 10), compressedSize: directory.readUInt32LE(at + 20), localHeaderOffset: directory.readUInt32LE(at + 42) });
      at += 46 + nameLength + extraLength + commentLength;
    }
    // Data starts after the local header, whose name/extra lengths may differ from the directory's.
    for (const entry of entries.values()) {
      const local = Buffer.alloc(30);
      await file.read(local, 0, 30, entry.localHeaderOffset);
      entry.localHeaderOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** Decodes an A1 reference (B12) into a 1-based row and column. */
export function decodeCellRef(ref: string): { row: number; col: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.toUpperCase());
  if (!match) return { row: 0, col: 0 };
  let col = 0;
  for (const letter of match[1]) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), col };
}

/** The merged ranges of `xl/worksheets/sheet{sheetNo}.xml`; empty when the sheet has none or cannot be read. */
export async function readMergedRanges(path: string, sheetNo: number | string): Promise<MergedRange[]> {
  const entries = await readZipDirectory(path);
  const entry = entries.get(`xl/worksheets/sheet${sheetNo}.xml`);
  if (!entry || entry.compressedSize === 0) return [];
  const raw = createReadStream(path, { start: entry.localHeaderOffset, end: entry.localHeaderOffset + entry.compressedSize - 1 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const ranges: MergedRange[] = [];
  const pattern = /<mergeCell\s+ref="([A-Z$]+\d+):([A-Z$]+\d+)"/g;
  let carry = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    // Merges sit at the end of the sheet: skip the regex on chunks that cannot contain one.
    if (text.includes('<mergeCell')) {
      for (const match of text.matchAll(pattern)) {
        const from = decodeCellRef(match[1]);
        const to = decodeCellRef(match[2]);
        ranges.push({ top: from.row, left: from.col, bottom: to.row, right: to.col });
      }
      const last = text.lastIndexOf('<mergeCell');
      carry = last >= 0 && !text.slice(last).includes('/>') ? text.slice(last) : '';
    } else carry = text.slice(-40);
  }
  return ranges;
}
