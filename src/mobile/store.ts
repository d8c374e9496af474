// IndexedDB, hand-written (no wrapper library): the outbox of records made on the phone, in the
// order they were made (an auto-increment key), and the last good answer of every read the app
// needs offline. An outbox write resolves only when its transaction has committed, so "saved"
// on screen means saved on the phone.
import type { SyncKind, SyncResult } from './sync-contract.ts';

/** Where a record stands: waiting to be sent, on the server, refused, in conflict, or given up for the server's version. */
export type OutboxState = 'pending' | 'synced' | 'rejected' | 'conflict' | 'superseded';

export interface OutboxRecord {
  /** Creation order on this phone (IndexedDB key). */
  localId?: number;
  /** Made once, at record time (crypto.randomUUID()), and never regenerated: the idempotency key. */
  clientId: string;
  kind: SyncKind;
  baseVersion?: number;
  payload: Record<string, unknown>;
  /** Who recorded it: another account signing in on the same phone neither sees nor sends it. */
  accountId: number;
  pointId?: number;
  /** One line for lists (e.g. "走访 张三 · 未见到人"). */
  summary: string;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  result?: SyncResult;
  syncedAt?: string;
}

const databaseName = 'dundian-m';
const outboxStore = 'outbox';
const cacheStore = 'reads';
let opening: Promise<IDBDatabase> | undefined;

function whenDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => {
      const database = request.result;
      const outbox = database.createObjectStore(outboxStore, { keyPath: 'localId', autoIncrement: true });
      outbox.createIndex('clientId', 'clientId');
      database.createObjectStore(cacheStore, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

/** Runs `work` in one transaction and resolves with its value once the transaction has committed. */
async function inTransaction<T>(store: string, mode: IDBTransactionMode, work: (objects: IDBObjectStore) => Promise<T> | T): Promise<T> {
  const database = await openDatabase();
  const transaction = database.transaction(store, mode, { durability: 'strict' });
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });
  const value = await work(transaction.objectStore(store));
  await committed;
  return value;
}

/** Every outbox record of the account, oldest first. */
export function listOutbox(accountId: number): Promise<OutboxRecord[]> {
  return inTransaction(outboxStore, 'readonly', async (objects) => ((await whenDone(objects.getAll())) as OutboxRecord[]).filter((record) => record.accountId === accountId));
}

/** Adds a new record (pending) and returns it with its local id. */
export function addToOutbox(record: Omit<OutboxRecord, 'localId' | 'state' | 'attempts' | 'createdAt'>): Promise<OutboxRecord> {
  const full: OutboxRecord = { ...record, state: 'pending', attempts: 0, createdAt: new Date().toISOString() };
  return inTransaction(outboxStore, 'readwrite', async (objects) => ({ ...full, localId: (await whenDone(objects.add(full))) as number }));
}

/** Writes back records that changed (sync results, a resolved conflict, a fixed payload). */
export function saveOutbox(records: OutboxRecord[]): Promise<void> {
  return inTransaction(outboxStore, 'readwrite', (objects) => {
    for (const record of records) objects.put(record);
  });
}

/** Removes a record the cadre chose to discard (only ever on an explicit tap). */
export function removeFromOutbox(localId: number): Promise<void> {
  return inTransaction(outboxStore, 'readwrite', (objects) => {
    objects.delete(localId);
  });
}

/** The last good answer stored under `key`, with when it was stored. */
export async function readCached<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
  return inTransaction(cacheStore, 'readonly', async (objects) => (await whenDone(objects.get(key))) as { value: T; savedAt: string } | undefined);
}

export function writeCached(key: string, value: unknown): Promise<void> {
  return inTransaction(cacheStore, 'readwrite', (objects) => {
    objects.put({ key, value, savedAt: new Date().toISOString() });
  });
}

/** Forgets every cached read (sign-out); the outbox stays, since it holds unsent work. */
export function clearCachedReads(): Promise<void> {
  return inTransaction(cacheStore, 'readwrite', (objects) => {
    objects.clear();
  });
}
