// Progress of running imports, in memory: the client picks an id (a UUID), passes it as
// `progressId` with the upload and polls GET /api/imports/progress/:id while the POST runs; only
// the account that started an import may read it. Entries go ten minutes after the import ends.
// Phases: uploading (the file arrives) → reading (rows parsed; processed = rows so far) →
// validating (processed of total rows) → writing (rows staged of total valid rows; the commit,
// or the dry run's matching, follows) → done.
export type ImportPhase = 'uploading' | 'reading' | 'validating' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  processed: number;
  total?: number;
}

interface Entry extends ImportProgress {
  accountId: number;
  endedAt?: number;
}

const entries = new Map<string, Entry>();
const keepMs = 10 * 60 * 1000;

/** Starts (or restarts) tracking an import; returns a function that reports progress. */
export function trackProgress(progressId: string | undefined, accountId: number): (progress: ImportProgress) => void {
  if (!progressId) return () => undefined;
  const now = Date.now();
  for (const [id, entry] of entries) if (entry.endedAt && now - entry.endedAt > keepMs) entries.delete(id);
  entries.set(progressId, { accountId, phase: 'uploading', processed: 0 });
  let hasEnded = false;
  // After 'done' the entry keeps its final counts, whatever cleanup reports later.
  return (progress) => {
    if (hasEnded) return;
    hasEnded = progress.phase === 'done';
    entries.set(progressId, { accountId, ...progress, endedAt: hasEnded ? Date.now() : undefined });
  };
}

/** The progress of an import started by this account, or undefined. */
export function readProgress(progressId: string, accountId: number): ImportProgress | undefined {
  const entry = entries.get(progressId);
  if (!entry || entry.accountId !== accountId) return undefined;
  return { phase: entry.phase, processed: entry.processed, ...(entry.total !== undefined ? { total: entry.total } : {}) };
}
