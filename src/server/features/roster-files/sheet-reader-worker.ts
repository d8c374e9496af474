// Worker thread that reads a large roster sheet (unzip, XML or CSV parsing) while the importing
// thread validates the lines it has already handed on: the two halves of an import's first
// phase run on two cores. Messages: header → lines (batches, in order) → end, or error.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../lib/errors.ts';
import { looksLikeHeader, type RosterKind } from './columns.ts';
import { readInto, SheetAssembler, type SheetFormat } from './read-sheet.ts';
import type { SheetReaderMessage } from './sheet-stream.ts';

const { path, format, fileName, kind } = workerData as { path: string; format: SheetFormat; fileName: string; kind: RosterKind };
const post = (message: SheetReaderMessage) => parentPort!.postMessage(message);

const assembler = new SheetAssembler(
  (cells) => looksLikeHeader(kind, cells),
  { onHeader: (header) => post({ type: 'header', header }), onLines: (lines) => post({ type: 'lines', lines }) },
  (count) => post({ type: 'rows', count }),
);
try {
  post({ type: 'end', merges: await readInto({ path, format, fileName }, assembler) });
} catch (error) {
  post(
    error instanceof AppError
      ? { type: 'error', error: { code: error.code, messageZh: error.messageZh, messageEn: error.messageEn, details: error.details } }
      : { type: 'error', error: { message: error instanceof Error ? error.message : String(error) } },
  );
}
