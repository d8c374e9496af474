// The pure rules of the outbox, kept apart from IndexedDB and the screens so they can be tested in
// Node: what a sync answer does to a record, what a record looks like on the wire, and how the
// server's households look with this phone's unsent work laid over them.
import type { Household } from './field-api.ts';
import type { OutboxRecord } from './store.ts';
import type { HouseholdPayload, SyncRecord, SyncResult, VisitPayload } from './sync-contract.ts';

/** Refusals that say "not now" rather than "not this": the record stays pending and is sent again. */
export const retryableCodes = new Set(['INTERNAL', 'CONFLICT', 'NOT_READY', 'RATE_LIMITED']);

/**
 * Files one answer on its record: created, duplicate (the server already had it) and updated are
 * synced; a conflict waits for the cadre's choice; a refusal waits to be fixed, unless it only says
 * "try again later". No answer (a batch that failed) leaves the record as it was.
 */
export function fileResult(entry: OutboxRecord, result: SyncResult | undefined, at: string): OutboxRecord {
  if (!result) return entry;
  if (result.status === 'rejected' && retryableCodes.has(result.error?.code ?? '')) return { ...entry, result };
  const state = result.status === 'conflict' ? 'conflict' : result.status === 'rejected' ? 'rejected' : 'synced';
  return { ...entry, state, result, syncedAt: state === 'synced' ? at : entry.syncedAt };
}

/** The record as POST /api/field/sync takes it: the same clientId every time it is sent. */
export function toSyncRecord(entry: OutboxRecord): SyncRecord {
  return entry.baseVersion === undefined
    ? { clientId: entry.clientId, kind: entry.kind, payload: entry.payload }
    : { clientId: entry.clientId, kind: entry.kind, baseVersion: entry.baseVersion, payload: entry.payload };
}

export interface HouseholdRow {
  clientId: string;
  headName: string;
  address: string | null;
  members: number;
  flags: string[];
  isDue: boolean;
  lastVisit: { visitedOn: string; outcome: string } | null;
  isLocal: boolean;
  hasPendingEdit: boolean;
  pendingVisits: number;
}

/** The server's households with this phone's unsent work laid over them. */
export function mergeHouseholds(pointId: number, server: Household[], outbox: OutboxRecord[]): HouseholdRow[] {
  const rows = new Map<string, HouseholdRow>();
  for (const item of server) {
    rows.set(item.clientId, { clientId: item.clientId, headName: item.headName, address: item.address, members: item.members, flags: item.flags, isDue: item.isDue, lastVisit: item.lastVisit, isLocal: false, hasPendingEdit: false, pendingVisits: 0 });
  }
  for (const entry of outbox) {
    if (entry.state === 'synced' || entry.state === 'superseded') continue;
    if (entry.kind === 'household' && entry.pointId === pointId) {
      const payload = entry.payload as unknown as HouseholdPayload;
      const known = rows.get(entry.clientId);
      rows.set(entry.clientId, {
        clientId: entry.clientId,
        headName: payload.headName,
        address: payload.address ?? null,
        members: payload.members,
        flags: payload.flags,
        isDue: known?.isDue ?? true,
        lastVisit: known?.lastVisit ?? null,
        isLocal: !known,
        hasPendingEdit: Boolean(known),
        pendingVisits: known?.pendingVisits ?? 0,
      });
    }
    if (entry.kind === 'visit' && entry.pointId === pointId) {
      const payload = entry.payload as unknown as VisitPayload;
      const row = rows.get(payload.householdClientId);
      if (row) {
        row.pendingVisits += 1;
        if (!row.lastVisit || row.lastVisit.visitedOn <= payload.visitedOn) row.lastVisit = { visitedOn: payload.visitedOn, outcome: payload.outcome };
      }
    }
  }
  return [...rows.values()];
}

export interface ProgressStart {
  /** The progress to show: this phone's latest unsent value, else the server's. */
  progress: number;
  /** True when that value is not on the server yet. */
  isPending: boolean;
  /** The version the next edit is made from. */
  baseVersion: number;
  /** The queued record a new edit replaces (unsent and not on the wire), when there is one. */
  replaces?: OutboxRecord;
}

/**
 * Where a task's progress stands on this phone: the server's copy (progress, version) with the
 * phone's progress records for the same decision laid over it. A synced edit the server copy does
 * not show yet moves the version on; an unsent one is edited in place instead of queueing another.
 */
export function progressStart(decision: { clientId: string; progress: number; version: number }, outbox: OutboxRecord[], isInFlight: (localId: number | undefined) => boolean): ProgressStart {
  let start: ProgressStart = { progress: decision.progress, isPending: false, baseVersion: decision.version };
  for (const entry of outbox) {
    if (entry.kind !== 'decision' || entry.clientId !== decision.clientId || entry.state === 'superseded') continue;
    const progress = Number((entry.payload as { progress?: number }).progress);
    if (entry.state === 'synced') {
      const version = entry.result?.version;
      if (version !== undefined && version > start.baseVersion) start = { progress, isPending: false, baseVersion: version };
      continue;
    }
    const serverVersion = entry.state === 'conflict' ? (entry.result?.server as { version?: number } | undefined)?.version : undefined;
    start = {
      progress,
      isPending: true,
      baseVersion: serverVersion ?? entry.baseVersion ?? start.baseVersion,
      replaces: isInFlight(entry.localId) ? undefined : entry,
    };
  }
  return start;
}
