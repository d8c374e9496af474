// What the record forms share: ids made once at record time, saving into the outbox (or back onto a
// record being fixed), the "saved" note, and the checks the server would make anyway, made early.
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { flash, navigate } from './state.ts';
import { listOutbox, type OutboxRecord } from './store.ts';
import { changeRecords, record } from './sync.ts';
import { idNumberPattern, phonePattern, type SyncKind } from './sync-contract.ts';

/** A new client id (a UUID v4). crypto.randomUUID needs a secure context; getRandomValues does not. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The record named by ?fix=<localId> (a rejected record the cadre corrects), once read. */
export function useFixTarget(accountId: number, query: URLSearchParams): { target?: OutboxRecord; isReady: boolean } {
  const fix = Number(query.get('fix'));
  const [state, setState] = useState<{ target?: OutboxRecord; isReady: boolean }>({ isReady: !fix });
  useEffect(() => {
    if (!fix) return;
    void listOutbox(accountId).then((records) => setState({ target: records.find((entry) => entry.localId === fix), isReady: true }));
  }, [accountId, fix]);
  return state;
}

export interface RecordEntry {
  clientId: string;
  kind: SyncKind;
  payload: object;
  pointId?: number;
  baseVersion?: number;
  summary: string;
}

/** Saves a new record, or puts a fixed one back in line (same clientId), then goes to `then`. */
export async function saveRecord(target: OutboxRecord | undefined, entry: RecordEntry, then: string): Promise<void> {
  const payload = entry.payload as Record<string, unknown>;
  if (target) await changeRecords([{ ...target, ...entry, payload, state: 'pending', result: undefined }]);
  else await record({ ...entry, payload });
  flash(t('saved'));
  navigate(then, { replace: true });
}

/** Trimmed text, or undefined when empty (optional payload fields are left out, not sent empty). */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** The problem with a free-text value, if any. */
export function textProblem(value: string, options: { isRequired?: boolean; min?: number } = {}): string | undefined {
  const trimmed = value.trim();
  if (options.isRequired && !trimmed) return t('required');
  if (options.min && trimmed.length < options.min) return t('descriptionTooShort');
  if (idNumberPattern.test(trimmed)) return t('noIdNumbers');
  return undefined;
}

export function phoneProblem(value: string): string | undefined {
  return value.trim() && !phonePattern.test(value.trim()) ? t('phoneInvalid') : undefined;
}

/** True when no value of `problems` is set. */
export function isClean(problems: Record<string, string | undefined>): boolean {
  return Object.values(problems).every((problem) => !problem);
}
