/** @jsxImportSource preact */
// The few building blocks the phone screens share (the look is the CSS in index.html): the top
// bar, labelled fields, choice buttons, and a read-through loader of cached server data.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, callApi } from './api.ts';
import { currentLanguage, pick, t } from './i18n.ts';
import type { AppealCategory } from './field-api.ts';
import { flash$, navigate, shortTime, useStore } from './state.ts';
import { listOutbox, readCached, writeCached, type OutboxRecord } from './store.ts';
import { sync$ } from './sync.ts';

export function TopBar({ title, backTo, children }: { title: string; backTo?: string; children?: ComponentChildren }) {
  return (
    <>
    <header class="bar">
      {backTo && (
        <button type="button" onClick={() => (history.length > 1 ? history.back() : navigate(backTo))} aria-label={t('back')}>
          ‹
        </button>
      )}
      <h1>{title}</h1>
      {children}
      <SyncBadge />
    </header>
    <Flash />
    </>
  );
}

/** The note after a save ("saved on this phone…"), under the top bar. */
export function Flash() {
  const text = useStore(flash$);
  return text ? (
    <div class="notice ok" role="status" data-testid="flash" style={{ margin: '12px 12px 0' }}>
      {text}
    </div>
  ) : null;
}

/** The count of records not on the server yet; a tap opens the sync screen. */
export function SyncBadge() {
  const status = useStore(sync$);
  const waiting = status.pending + status.rejected + status.conflicts;
  return (
    <a href="/m/sync" onClick={(event) => (event.preventDefault(), navigate('/m/sync'))} data-testid="sync-badge" data-pending={status.pending}>
      {t('outbox')} <span class="badge">{status.isSyncing ? '…' : waiting}</span>
    </a>
  );
}

export function Field({ label, error, children }: { label: string; error?: string; children: ComponentChildren }) {
  return (
    <label class="field">
      {label}
      {children}
      {error && <span class="error">{error}</span>}
    </label>
  );
}

/** A row of buttons, one chosen (radio buttons that are easy to hit with a thumb). */
export function Choices<T extends string>({ value, options, onChange, name }: { value: T; options: { value: T; label: string }[]; onChange(next: T): void; name: string }) {
  return (
    <div class="choices" role="radiogroup" data-testid={name}>
      {options.map((option) => (
        <button type="button" key={option.value} role="radio" aria-checked={option.value === value} class={option.value === value ? 'chosen' : ''} data-value={option.value} onClick={() => onChange(option.value)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** The message of an error, in the current language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? t('noConnection') : pick(error.problem.message, error.problem.messageEn);
  return error instanceof Error ? error.message : String(error);
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  /** When shown from the phone's copy: when that copy was made. */
  offlineSince?: string;
  isLoading: boolean;
  reload(): void;
}

/**
 * Reads `path` from the server and keeps the answer on the phone under `key`; with no connection
 * (or a server that is down) the kept copy is shown instead, marked as such.
 */
export function useRead<T>(key: string, path: string): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ isLoading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    void (async () => {
      try {
        const answer = await callApi<T>('GET', path);
        if (!answer.isOffline) {
          await writeCached(key, answer.data);
          if (isCurrent) setState({ data: answer.data, isLoading: false });
          return;
        }
        const kept = await readCached<T>(key);
        if (isCurrent) setState(kept ? { data: kept.value, offlineSince: kept.savedAt, isLoading: false } : { data: answer.data, offlineSince: '', isLoading: false });
      } catch (error) {
        const kept = error instanceof ApiError && error.isTransient ? await readCached<T>(key) : undefined;
        if (isCurrent) setState(kept ? { data: kept.value, offlineSince: kept.savedAt, isLoading: false } : { error, isLoading: false });
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [key, path, attempt]);
  return { ...state, reload: () => setAttempt((count) => count + 1) };
}

/** Loading, error with retry, or the offline note above `children`. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.data === undefined) {
    if (loaded.isLoading) return <p class="muted">{t('loading')}</p>;
    return (
      <div class="notice">
        {errorText(loaded.error)}{' '}
        <button type="button" class="link" onClick={loaded.reload}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return (
    <>
      {loaded.offlineSince !== undefined && (
        <div class="notice" data-testid="offline-note">
          {t('offlineData', { at: loaded.offlineSince ? shortTime(loaded.offlineSince) : '—' })}
        </div>
      )}
      {children(loaded.data)}
    </>
  );
}

/** Reads `loaded` again whenever the server has answered a sync batch since: its view has moved on. */
export function useReloadAfterSync(loaded: Loaded<unknown>): void {
  const { lastAnsweredAt } = useStore(sync$);
  const seenAnswer = useRef(lastAnsweredAt);
  const reload = loaded.reload;
  useEffect(() => {
    if (lastAnsweredAt === seenAnswer.current) return;
    seenAnswer.current = lastAnsweredAt;
    reload();
  }, [lastAnsweredAt, reload]);
}

/** The key under which an account's copy of a read is kept. */
export function cacheKey(accountId: number, path: string): string {
  return `${accountId}:${path}`;
}

/** The account's outbox, re-read whenever it changes. */
export function useOutbox(accountId: number): OutboxRecord[] | undefined {
  const { revision } = useStore(sync$);
  const [records, setRecords] = useState<OutboxRecord[] | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    void listOutbox(accountId).then((items) => isCurrent && setRecords(items));
    return () => {
      isCurrent = false;
    };
  }, [accountId, revision]);
  return records;
}

/** A value kept on the phone by an earlier read (no network): e.g. a point's name. */
export function useKept<T>(key: string): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    void readCached<T>(key).then((kept) => isCurrent && setValue(kept?.value));
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return value;
}

/** The appeal categories (GET /api/appeal-categories), named in the current language. */
export function CategorySelect({ value, onChange, categories, testId }: { value: string; onChange(next: string): void; categories: AppealCategory[]; testId: string }) {
  return (
    <select value={value} onChange={(event) => onChange(event.currentTarget.value)} data-testid={testId}>
      <option value="">{t('chooseCategory')}</option>
      {categories.map((category) => (
        <option key={category.code} value={category.code}>
          {currentLanguage() === 'zh' ? category.nameZh : category.nameEn}
        </option>
      ))}
    </select>
  );
}
