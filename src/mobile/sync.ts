// The sync loop: sends the outbox to POST /api/field/sync in creation order, at most 200 records a
// request, and files each answer. It runs at start, right after a record is saved, on the browser's
// `online` event, when the app comes back to the foreground, and every 20 s; after a failure it
// backs off (2, 4, 8, 16 s, then 20 s). A request that fails mid-flight — the server killed, the
// connection cut — changes nothing on the phone, so the whole batch is sent again: every record
// keeps the clientId it got when it was recorded, and the server answers 'duplicate' for what it
// already has. Nothing leaves the outbox without an answer: 'rejected' waits to be fixed, 'conflict'
// waits for the cadre's choice.
import { ApiError, callApi } from './api.ts';
import { markSessionExpired } from './session.ts';
import { createStore } from './state.ts';
import { addToOutbox, listOutbox, saveOutbox, type OutboxRecord } from './store.ts';
import { fileResult, toSyncRecord } from './outbox-rules.ts';
import { maxBatch, type SyncResult } from './sync-contract.ts';
import { pick } from './i18n.ts';

export interface SyncStatus {
  isSyncing: boolean;
  pending: number;
  rejected: number;
  conflicts: number;
  lastSyncedAt?: string;
  lastError?: string;
  /** When the server last answered a batch: screens showing server data read it again. */
  lastAnsweredAt?: string;
  /** Bumped on every change of the outbox, so screens showing it re-read. */
  revision: number;
}

export const sync$ = createStore<SyncStatus>({ isSyncing: false, pending: 0, rejected: 0, conflicts: 0, revision: 0 });

const idleDelayMs = 20_000;
let accountId: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let running: Promise<void> | undefined;
let isRunRequested = false;
/** Local ids of the records in the request on the wire: they are not edited meanwhile. */
const inFlight = new Set<number>();

/** True while `localId` is being sent (an edit then goes into a new record instead). */
export function isInFlight(localId: number | undefined): boolean {
  return localId !== undefined && inFlight.has(localId);
}

function update(changes: Partial<SyncStatus>): void {
  sync$.set({ ...sync$.get(), ...changes });
}

function schedule(delayMs: number): void {
  clearTimeout(timer);
  if (accountId !== undefined) timer = setTimeout(() => void syncNow(), delayMs);
}

const onOnline = () => schedule(0);
const onVisible = () => {
  if (document.visibilityState === 'visible') schedule(0);
};

/** Starts the loop for the signed-in account (again after a new sign-in). */
export function startSync(forAccountId: number): void {
  accountId = forAccountId;
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  void refreshCounts();
  schedule(0);
}

/** Stops the loop (signed out, or the session expired); the outbox stays as it is. */
export function stopSync(): void {
  accountId = undefined;
  clearTimeout(timer);
  window.removeEventListener('online', onOnline);
  document.removeEventListener('visibilitychange', onVisible);
}

async function refreshCounts(): Promise<void> {
  if (accountId === undefined) return;
  const records = await listOutbox(accountId);
  update({
    pending: records.filter((record) => record.state === 'pending').length,
    rejected: records.filter((record) => record.state === 'rejected').length,
    conflicts: records.filter((record) => record.state === 'conflict').length,
    revision: sync$.get().revision + 1,
  });
}

/** Saves a new record in the outbox (resolves once it is on the phone) and starts sending it. */
export async function record(entry: Omit<OutboxRecord, 'localId' | 'state' | 'attempts' | 'createdAt' | 'accountId'>): Promise<OutboxRecord> {
  if (accountId === undefined) throw new Error('not signed in');
  const saved = await addToOutbox({ ...entry, accountId });
  await refreshCounts();
  schedule(0);
  return saved;
}

/** Writes back changed records (a fix, a conflict choice), then syncs. */
export async function changeRecords(records: OutboxRecord[]): Promise<void> {
  await saveOutbox(records);
  await refreshCounts();
  schedule(0);
}

export { refreshCounts };

async function sendPending(): Promise<void> {
  if (accountId === undefined) return;
  const pending = (await listOutbox(accountId)).filter((entry) => entry.state === 'pending');
  for (let start = 0; start < pending.length; start += maxBatch) {
    const batch = pending.slice(start, start + maxBatch).map((entry) => ({ ...entry, attempts: entry.attempts + 1 }));
    for (const entry of batch) inFlight.add(entry.localId!);
    try {
      // The attempt count is written first: a record that keeps failing is visible as such.
      await saveOutbox(batch);
      const { data } = await callApi<{ results: SyncResult[] }>('POST', '/api/field/sync', { records: batch.map(toSyncRecord) });
      const at = new Date().toISOString();
      // Answers come in the order of the records; match by clientId all the same.
      const answers = new Map(data.results.map((result) => [result.clientId, result]));
      await saveOutbox(batch.map((entry, index) => fileResult(entry, data.results[index]?.clientId === entry.clientId ? data.results[index] : answers.get(entry.clientId), at)));
      update({ lastAnsweredAt: at });
    } finally {
      inFlight.clear();
    }
    await refreshCounts();
  }
}

/** Sends what is pending now; a call while a run is going makes one more run after it. */
export function syncNow(): Promise<void> {
  if (running) {
    isRunRequested = true;
    return running;
  }
  running = (async () => {
    clearTimeout(timer);
    update({ isSyncing: true });
    try {
      await sendPending();
      failures = 0;
      update({ isSyncing: false, lastSyncedAt: new Date().toISOString(), lastError: undefined });
      schedule(idleDelayMs);
    } catch (error) {
      failures += 1;
      const problem = error instanceof ApiError ? error.problem : undefined;
      update({ isSyncing: false, lastError: problem ? pick(problem.message, problem.messageEn) : String(error) });
      if (error instanceof ApiError && error.status === 401) {
        markSessionExpired();
        stopSync();
      } else {
        schedule(Math.min(idleDelayMs, 1000 * 2 ** failures));
      }
    } finally {
      running = undefined;
      if (isRunRequested) {
        isRunRequested = false;
        schedule(0);
      }
    }
  })();
  return running;
}
