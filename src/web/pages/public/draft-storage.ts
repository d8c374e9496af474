// What a phone keeps between attempts: the client id of an unsent draft (so a retry after a lost
// answer finds the case the first attempt made instead of creating a second one), the draft's
// fields, the tracking codes filed from this browser, and the "me too" ids per case.
import { useCallback, useState } from 'react';

/** A random UUID v4; crypto.randomUUID needs a secure context, getRandomValues does not (plain-HTTP LAN use). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // fall through to getRandomValues
    }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readJson<T>(storage: Storage | undefined, key: string): T | undefined {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the draft lasts for this page only
  }
}

const session = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
const local = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

export interface Draft<T> {
  /** The id every attempt of this draft sends; a new one only after a success. */
  clientId: string;
  fields: T;
}

/**
 * A draft kept in sessionStorage under `key`: its fields survive a reload, and its client id stays
 * the same across retries until `finish()` (after a success) starts a fresh draft.
 */
export function useDraft<T extends object>(key: string, empty: T): { draft: Draft<T>; update(fields: Partial<T>): void; finish(keep?: Partial<T>): void } {
  const storageKey = `dundian.draft.${key}`;
  const [draft, setDraft] = useState<Draft<T>>(() => {
    const stored = readJson<Draft<T>>(session(), storageKey);
    const fresh = stored && typeof stored.clientId === 'string' ? { clientId: stored.clientId, fields: { ...empty, ...stored.fields } } : { clientId: newClientId(), fields: empty };
    writeJson(session(), storageKey, fresh);
    return fresh;
  });
  const update = useCallback(
    (fields: Partial<T>) =>
      setDraft((previous) => {
        const next = { ...previous, fields: { ...previous.fields, ...fields } };
        writeJson(session(), storageKey, next);
        return next;
      }),
    [storageKey],
  );
  const finish = useCallback(
    (keep: Partial<T> = {}) => {
      const next = { clientId: newClientId(), fields: { ...empty, ...keep } };
      writeJson(session(), storageKey, next);
      setDraft(next);
    },
    // `empty` is a constant of the caller
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [storageKey],
  );
  return { draft, update, finish };
}

const codesKey = 'dundian.trackingCodes';

/** Remembers a tracking code filed from this browser (newest first, at most ten). */
export function rememberTrackingCode(code: string): void {
  const codes = readJson<string[]>(local(), codesKey) ?? [];
  writeJson(local(), codesKey, [code, ...codes.filter((known) => known !== code)].slice(0, 10));
}

/** The tracking codes filed from this browser, newest first. */
export function rememberedTrackingCodes(): string[] {
  const codes = readJson<unknown>(local(), codesKey);
  return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === 'string') : [];
}

const meTooKey = 'dundian.meToo';

/** The client id of this browser's "me too" on a case: the same one on every retry, so it counts once. */
export function meTooClientId(trackingCode: string): { clientId: string; isSent: boolean } {
  const known = readJson<Record<string, { clientId: string; isSent: boolean }>>(local(), meTooKey) ?? {};
  const entry = known[trackingCode];
  if (entry && typeof entry.clientId === 'string') return entry;
  const created = { clientId: newClientId(), isSent: false };
  writeJson(local(), meTooKey, { ...known, [trackingCode]: created });
  return created;
}

/** Marks this browser's "me too" on a case as counted. */
export function markMeTooSent(trackingCode: string): void {
  const known = readJson<Record<string, { clientId: string; isSent: boolean }>>(local(), meTooKey) ?? {};
  const entry = known[trackingCode] ?? { clientId: newClientId(), isSent: true };
  writeJson(local(), meTooKey, { ...known, [trackingCode]: { ...entry, isSent: true } });
}

/** Has this browser already said "me too" on the case? */
export function hasSentMeToo(trackingCode: string): boolean {
  const known = readJson<Record<string, { clientId: string; isSent: boolean }>>(local(), meTooKey) ?? {};
  return known[trackingCode]?.isSent === true;
}
