// Runs one roster import (dry run or commit) and follows its progress: the bytes uploaded (XHR),
// then the server's phases read from GET /api/imports/progress/:progressId, with an id the
// client chooses and passes as ?progressId=.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, uploadRoster, type ImportOutcome, type RunningUpload } from '../../api/client.ts';
import type { ImportPhase, RosterKind } from '../../api/types.ts';

export interface RunProgress {
  phase: ImportPhase;
  /** Rows (or, while uploading, bytes) done so far. */
  processed: number;
  total?: number;
  /** 0–100 for the whole run. */
  percent: number;
}

const pollMs = 400;

/** A random UUID, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function newProgressId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Share of the bar each phase fills: uploading 0–10, reading 10–30, validating 30–80, writing 80–99.
function percentOf(phase: ImportPhase, processed: number, total: number | undefined): number {
  const fraction = total && total > 0 ? Math.min(1, processed / total) : 0;
  switch (phase) {
    case 'uploading':
      return Math.round(10 * fraction);
    case 'reading':
      return 10 + Math.round(20 * Math.min(1, processed / (processed + 5000)));
    case 'validating':
      return 30 + Math.round(50 * fraction);
    case 'writing':
      return 85;
    case 'done':
      return 100;
  }
}

/** Starts imports and reports their progress; only one runs at a time. */
export function useImportRun() {
  const [progress, setProgress] = useState<RunProgress | undefined>(undefined);
  const [isRunning, setRunning] = useState(false);
  const running = useRef<RunningUpload | undefined>(undefined);
  const poller = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stopPolling = () => {
    clearInterval(poller.current);
    poller.current = undefined;
  };

  useEffect(
    () => () => {
      stopPolling();
      running.current?.abort();
    },
    [],
  );

  const run = useCallback(async (options: { kind: RosterKind; file: File; dryRun: boolean }): Promise<ImportOutcome> => {
    const progressId = newProgressId();
    let serverPhase: ImportPhase | undefined;
    setRunning(true);
    setProgress({ phase: 'uploading', processed: 0, total: options.file.size, percent: 0 });
    const upload = uploadRoster({
      ...options,
      progressId,
      onUploadProgress: (sent, total) => {
        if (!serverPhase) setProgress({ phase: 'uploading', processed: sent, total, percent: percentOf('uploading', sent, total) });
      },
    });
    running.current = upload;
    let isPolling = false;
    poller.current = setInterval(() => {
      if (isPolling) return;
      isPolling = true;
      api.importProgress(progressId).then(
        (answer) => {
          isPolling = false;
          // The bytes sent are known better here than on the server; 'done' comes with the answer.
          if (!poller.current || answer.phase === 'done' || answer.phase === 'uploading') return;
          serverPhase = answer.phase;
          setProgress({ phase: answer.phase, processed: answer.processed, total: answer.total, percent: percentOf(answer.phase, answer.processed, answer.total) });
        },
        // 404 until the server has started reading the upload: keep polling.
        () => {
          isPolling = false;
        },
      );
    }, pollMs);
    try {
      const outcome = await upload.outcome;
      setProgress({ phase: 'done', processed: outcome.report.total, total: outcome.report.total, percent: 100 });
      return outcome;
    } catch (caught) {
      setProgress(undefined);
      throw caught;
    } finally {
      stopPolling();
      running.current = undefined;
      setRunning(false);
    }
  }, []);

  const cancel = useCallback(() => running.current?.abort(), []);
  const clear = useCallback(() => setProgress(undefined), []);
  return { run, cancel, clear, progress, isRunning };
}
