// exceljs's streaming reader decodes every zip chunk to text on its own, so a Chinese character
// split across two chunks turns into U+FFFD (穷 → ���). These helpers re-cut byte chunks on
// UTF-8 character boundaries, and patch a WorkbookReader to read through them.
import { Readable } from 'node:stream';

const sequenceLength = (lead: number) => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/** Length of the prefix of `bytes` that ends on a whole UTF-8 character. */
export function completeUtf8Length(bytes: Uint8Array): number {
  let start = bytes.length - 1;
  let continuation = 0;
  while (start >= 0 && continuation < 3 && (bytes[start] & 0xc0) === 0x80) {
    start -= 1;
    continuation += 1;
  }
  if (start < 0) return bytes.length;
  return bytes.length - start >= sequenceLength(bytes[start]) ? bytes.length : start;
}

/** Yields the same bytes, cut only between characters (big chunks are never copied). */
export async function* wholeUtf8Chunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    let data = chunk;
    if (carry.length) {
      const missing = sequenceLength(carry[0]) - carry.length;
      if (data.length < missing) {
        carry = Buffer.concat([carry, data]);
        continue;
      }
      yield Buffer.concat([carry, data.subarray(0, missing)]);
      data = data.subarray(missing);
    }
    const cut = completeUtf8Length(data);
    carry = Buffer.from(data.subarray(cut));
    if (cut > 0) yield data.subarray(0, cut);
  }
  if (carry.length) yield carry;
}

interface PatchableReader {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

/** Makes one exceljs WorkbookReader decode worksheets and shared strings on character boundaries. */
export function readWholeCharacters<T>(reader: T): T {
  const patchable = reader as unknown as PatchableReader;
  const parseWorksheet = patchable._parseWorksheet.bind(patchable);
  const parseSharedStrings = patchable._parseSharedStrings.bind(patchable);
  patchable._parseWorksheet = (iterator, sheetNo) => parseWorksheet(wholeUtf8Chunks(iterator), sheetNo);
  patchable._parseSharedStrings = (entry) => parseSharedStrings(Readable.from(wholeUtf8Chunks(entry as AsyncIterable<Buffer>)));
  return reader;
}
