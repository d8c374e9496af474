/** @jsxImportSource preact */
// What this phone holds and where each record stands: not synced yet, needs fixing (the server's
// reason shown; fix, send again, or discard on an explicit tap), conflicts (both versions side by
// side; keep mine — sent again from the server's version — or take theirs), and synced (with the
// server's answer, ids and tracking codes of appeals made).
import type { JSX } from 'preact';
import type { ScreenProps } from '../app.tsx';
import { pick, t, type TextKey } from '../i18n.ts';
import { navigate, shortTime, useStore } from '../state.ts';
import { removeFromOutbox, type OutboxRecord } from '../store.ts';
import { changeRecords, refreshCounts, sync$, syncNow } from '../sync.ts';
import { TopBar, useOutbox } from '../ui.tsx';

/** Where to correct a refused record: its form, with ?fix=<localId>. */
function fixPath(entry: OutboxRecord): string | undefined {
  const fix = `?fix=${entry.localId}`;
  const point = `/m/points/${entry.pointId}`;
  switch (entry.kind) {
    case 'visit':
      return `${point}/visit/${String(entry.payload.householdClientId)}${fix}`;
    case 'appeal':
    case 'meeting':
    case 'activity':
      return `${point}/${entry.kind}${fix}`;
    case 'household':
      return `${point}/household/${entry.clientId}`;
    case 'diary':
      return '/m/diary';
    case 'response':
      return `${point}/forms/${String(entry.payload.questionnaireId)}${fix}`;
    default:
      return undefined;
  }
}

const hiddenFields = new Set(['id', 'clientId', 'version', 'updatedAt', 'isDue', 'lastVisit', 'visitCount', 'nextVisitOn', 'isPhoneMasked', 'pointName']);

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return Array.isArray(value) ? value.join('、') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function Conflict({ entry }: { entry: OutboxRecord }) {
  const server = (entry.result?.server ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(entry.payload), ...Object.keys(server)])].filter((field) => !hiddenFields.has(field));
  const keepMine = () => void changeRecords([{ ...entry, baseVersion: typeof server.version === 'number' ? server.version : entry.baseVersion, state: 'pending', result: undefined }]);
  const takeTheirs = () => void changeRecords([{ ...entry, state: 'superseded' }]);
  return (
    <div class="card" data-testid="conflict" data-client-id={entry.clientId}>
      <b>
        {t(`kind_${entry.kind}` as TextKey)} · {entry.summary}
      </b>
      <p class="muted">{t('conflictHint')}</p>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('mine')}</th>
            <th>{t('theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const differs = show(entry.payload[field]) !== show(server[field]);
            return (
              <tr key={field}>
                <th>{field}</th>
                <td class={differs ? 'differs' : ''}>{show(entry.payload[field])}</td>
                <td class={differs ? 'differs' : ''}>{show(server[field])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions" style={{ marginTop: 8 }}>
        <button type="button" class="primary" onClick={keepMine} data-testid="keep-mine">
          {t('keepMine')}
        </button>
        <button type="button" onClick={takeTheirs} data-testid="take-theirs">
          {t('takeTheirs')}
        </button>
      </div>
    </div>
  );
}

function Rejected({ entry }: { entry: OutboxRecord }) {
  const error = entry.result?.error;
  const path = fixPath(entry);
  const discard = async () => {
    if (!confirm(t('discardConfirm'))) return;
    await removeFromOutbox(entry.localId!);
    await refreshCounts();
  };
  return (
    <div class="card" data-testid="rejected" data-client-id={entry.clientId}>
      <b>
        {t(`kind_${entry.kind}` as TextKey)} · {entry.summary}
      </b>
      <div class="error">{error ? pick(error.message, error.messageEn) : ''}</div>
      {error?.details?.map((detail) => (
        <div class="error" key={detail.field}>
          {detail.field}: {pick(detail.message, detail.messageEn)}
        </div>
      ))}
      <div class="row" style={{ marginTop: 8 }}>
        {path && (
          <button type="button" onClick={() => navigate(path)}>
            {t('edit')}
          </button>
        )}
        <button type="button" onClick={() => void changeRecords([{ ...entry, state: 'pending' }])}>
          {t('resend')}
        </button>
        <button type="button" class="link" onClick={() => void discard()}>
          {t('discard')}
        </button>
      </div>
    </div>
  );
}

function Line({ entry }: { entry: OutboxRecord }) {
  const result = entry.result;
  const appeals = result?.appeals ?? [];
  return (
    <div class="card" data-testid={entry.state === 'pending' ? 'pending-record' : 'synced-record'} data-client-id={entry.clientId} data-status={result?.status ?? ''}>
      <div class="row">
        <span class="grow">
          {t(`kind_${entry.kind}` as TextKey)} · {entry.summary}
        </span>
        {entry.state === 'pending' && <span class="tag pending">{t('pending')}</span>}
        {entry.state === 'synced' && result && <span class="tag ok">{t(`status_${result.status}` as TextKey)}</span>}
        {entry.state === 'superseded' && <span class="tag">{t('takeTheirs')}</span>}
      </div>
      <div class="muted">
        {t('recordedAt', { at: shortTime(entry.createdAt) })}
        {result?.id !== undefined && ` · #${result.id}`}
        {appeals.map((appeal) => ` · ${t('trackingCode')} ${appeal.trackingCode}`).join('')}
      </div>
      {entry.state === 'pending' && result?.error && <div class="error">{pick(result.error.message, result.error.messageEn)}</div>}
    </div>
  );
}

function Section({ title, items, render }: { title: string; items: OutboxRecord[]; render: (entry: OutboxRecord) => JSX.Element }) {
  return (
    <>
      <h2>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? <p class="muted">{t('nothingHere')}</p> : items.map(render)}
    </>
  );
}

export default function SyncScreen({ profile }: ScreenProps) {
  const outbox = useOutbox(profile.accountId) ?? [];
  const status = useStore(sync$);
  const by = (state: OutboxRecord['state']) => outbox.filter((entry) => entry.state === state);
  const done = outbox
    .filter((entry) => entry.state === 'synced' || entry.state === 'superseded')
    .reverse()
    .slice(0, 50);
  return (
    <>
      <TopBar title={t('syncTitle')} backTo="/m/" />
      <main data-testid="sync-screen">
        <button type="button" class="primary" disabled={status.isSyncing} onClick={() => void syncNow()} data-testid="sync-now">
          {status.isSyncing ? t('syncing') : t('syncNow')}
        </button>
        {status.lastError && <div class="notice">{t('syncFailed', { message: status.lastError })}</div>}
        {status.lastSyncedAt && <div class="muted">{t('lastSynced', { at: shortTime(status.lastSyncedAt) })}</div>}
        <Section title={t('conflicts')} items={by('conflict')} render={(entry) => <Conflict key={entry.localId} entry={entry} />} />
        <Section title={t('needsFixing')} items={by('rejected')} render={(entry) => <Rejected key={entry.localId} entry={entry} />} />
        <Section title={t('pending')} items={by('pending')} render={(entry) => <Line key={entry.localId} entry={entry} />} />
        <Section title={t('synced')} items={done} render={(entry) => <Line key={entry.localId} entry={entry} />} />
      </main>
    </>
  );
}
