// Reads a roster sheet and hands its lines on while it reads. A large file is read on a worker
// thread (sheet-reader-worker.ts), so that parsing the next rows and validating the last ones run
// on two cores; a small one is read on the calling thread, where a worker's start would cost more
// than it saves. Both use the same SheetAssembler, so they hand on the same lines.
import { stat } from 'node:fs/promises';
import { AppError, type ErrorCode } from '../../lib/errors.ts';
import { moduleBeside, startWorker } from '../../lib/worker-thread.ts';
import { looksLikeHeader, type RosterKind } from './columns.ts';
import { completeSheet, readInto, SheetAssembler, type SheetEnd, type SheetFormat, type SheetHeader, type SheetLine } from './read-sheet.ts';
import type { MergedRange } from './xlsx-reader.ts';

/** What the reading worker posts. */
export type SheetReaderMessage =
  | { type: 'rows'; count: number }
  | { type: 'header'; header: SheetHeader }
  | { type: 'lines'; lines: SheetLine[] }
  | { type: 'end'; merges: MergedRange[] }
  | { type: 'error'; error: { code: ErrorCode; messageZh: string; messageEn: string; details?: AppError['details'] } | { message: string } };

/** Files from this size on are read on a worker thread. */
export const workerFromBytes = 1 << 20;

export interface StreamSheetOptions {
  path: string;
  format: SheetFormat;
  fileName: string;
  kind: RosterKind;
  /** Rows read so far (progress). */
  onRows?: (count: number) => void;
  /** Read on a worker thread: by default when the file has at least `workerFromBytes`. */
  useWorker?: boolean;
}

/**
 * Reads the sheet; `onHeader` runs once the header is found and `onLines` for each batch of data
 * lines, one call at a time and in order (each may be async; the next waits for it). Resolves,
 * after the last call has finished, with the whole content and whether the lines handed on were final.
 */
export async function streamSheet(
  options: StreamSheetOptions,
  listener: { onHeader: (header: SheetHeader) => Promise<void> | void; onLines: (lines: SheetLine[]) => Promise<void> | void },
): Promise<SheetEnd> {
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;
  const enqueue = (work: () => Promise<void> | void) => {
    queue = queue.then(async () => {
      if (failure === undefined) await work();
    });
    queue.catch((error: unknown) => {
      failure ??= error;
      stopReading();
    });
  };
  // A listener that fails (no header, say) ends the reading: the rest of the file is not needed.
  let stopReading = () => undefined as void;
  let found: SheetHeader | undefined;
  const handedOn: SheetLine[] = [];
  const relay = {
    onHeader: (header: SheetHeader) => {
      found = header;
      enqueue(() => listener.onHeader(header));
    },
    onLines: (lines: SheetLine[]) => {
      for (const line of lines) handedOn.push(line);
      enqueue(() => listener.onLines(lines));
    },
  };
  const isHeader = (cells: string[]) => looksLikeHeader(options.kind, cells);
  const useWorker = options.useWorker ?? (await stat(options.path)).size >= workerFromBytes;
  let merges: MergedRange[];
  try {
    merges = useWorker ? await readOnWorker(options, relay, (stop) => (stopReading = stop)) : await readInto(options, new SheetAssembler(isHeader, relay, options.onRows));
  } catch (error) {
    await queue.catch(() => undefined);
    throw failure ?? error;
  }
  await queue.catch(() => undefined);
  if (failure !== undefined) throw failure;
  // After the listener has seen every line: merges may change lines it was handed.
  return completeSheet(found, handedOn, merges, isHeader);
}

const workerUrl = moduleBeside(import.meta.url, 'sheet-reader-worker');

function readOnWorker(
  options: StreamSheetOptions,
  relay: { onHeader: (header: SheetHeader) => void; onLines: (lines: SheetLine[]) => void },
  onStart: (stop: () => void) => void,
): Promise<MergedRange[]> {
  const workerData = { path: options.path, format: options.format, fileName: options.fileName, kind: options.kind };
  const worker = startWorker(workerUrl, { workerData });
  return new Promise<MergedRange[]>((resolve, reject) => {
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      void worker.terminate();
      outcome();
    };
    onStart(() => settle(() => reject(new Error('reading stopped'))));
    worker.on('message', (message: SheetReaderMessage) => {
      if (message.type === 'rows') options.onRows?.(message.count);
      else if (message.type === 'header') relay.onHeader(message.header);
      else if (message.type === 'lines') relay.onLines(message.lines);
      else if (message.type === 'end') settle(() => resolve(message.merges));
      else {
        const { error } = message;
        settle(() => reject('code' in error ? new AppError(error.code, error.messageZh, error.messageEn, { details: error.details }) : new Error(error.message)));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the sheet reader stopped (exit code ${code})`))));
  });
}
