/** @jsxImportSource preact */
// Today's diary entry (民情日记): whether the day was spent on site (self-reported), at which point,
// and what was done and heard. One entry per day: writing again edits the same entry (its client id
// and the version it was read at), so two phones writing the same day meet as a conflict, not a loss.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type DiaryList, type MyPoint } from '../field-api.ts';
import { isClean, newClientId, saveRecord, textProblem } from '../forms.ts';
import { t } from '../i18n.ts';
import { today } from '../state.ts';
import type { OutboxRecord } from '../store.ts';
import type { DiaryPayload } from '../sync-contract.ts';
import { isInFlight } from '../sync.ts';
import { cacheKey, Field, LoadedView, TopBar, useOutbox, useRead, type Loaded } from '../ui.tsx';

interface DiaryStart {
  clientId: string;
  baseVersion?: number;
  payload?: DiaryPayload;
  /** Today's record still on the phone (pending, refused or in conflict): saving changes it instead of adding one. */
  pending?: OutboxRecord;
}

/** Where today's entry starts from: the phone's newest record of today, or the server's entry. */
function startOf(day: string, outbox: OutboxRecord[], server: DiaryList | undefined): DiaryStart {
  const local = outbox.filter((entry) => entry.kind === 'diary' && entry.payload.entryOn === day && entry.state !== 'superseded').at(-1);
  const stored = server?.items.find((item) => item.entryOn === day);
  if (local && local.state !== 'synced' && !isInFlight(local.localId)) {
    // A refused or conflicting entry is corrected in place; from a conflict it goes from the server's version.
    const serverVersion = local.state === 'conflict' ? (local.result?.server as { version?: number } | undefined)?.version : undefined;
    return { clientId: local.clientId, baseVersion: serverVersion ?? local.baseVersion, payload: local.payload as unknown as DiaryPayload, pending: local };
  }
  if (stored) return { clientId: stored.clientId, baseVersion: stored.version, payload: { entryOn: day, isOnSite: stored.isOnSite, pointId: stored.pointId ?? undefined, text: stored.text } };
  if (local) {
    const version = (local.result as { version?: number } | undefined)?.version;
    return { clientId: local.clientId, baseVersion: local.state === 'synced' ? (version ?? 1) : local.baseVersion, payload: local.payload as unknown as DiaryPayload };
  }
  return { clientId: newClientId() };
}

function DiaryForm({ day, start, points }: { day: string; start: DiaryStart; points: MyPoint[] }) {
  const [isOnSite, setOnSite] = useState(start.payload?.isOnSite ?? true);
  const [pointId, setPointId] = useState<number | undefined>(start.payload?.pointId ?? points[0]?.id);
  const [text, setText] = useState(start.payload?.text ?? '');
  const [isChecked, setChecked] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const problems = { text: textProblem(text, { isRequired: true }) };

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (!isClean(problems) || isSaving) return;
    setSaving(true);
    const payload: DiaryPayload = { entryOn: day, isOnSite, pointId: isOnSite ? pointId : undefined, text: text.trim() };
    await saveRecord(start.pending, { clientId: start.clientId, kind: 'diary', baseVersion: start.baseVersion, payload, pointId: payload.pointId, summary: `${day} · ${text.trim().slice(0, 24)}` }, '/m/');
  };

  return (
    <form class="card" onSubmit={submit} data-testid="diary-form" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div class="muted">
        {t('entryOn')} {day}
      </div>
      <label class="check">
        <input type="checkbox" checked={isOnSite} onChange={(event) => setOnSite(event.currentTarget.checked)} data-testid="diary-on-site" />
        {t('isOnSite')}
      </label>
      {isOnSite && points.length > 0 && (
        <Field label={t('point')}>
          <select value={String(pointId ?? '')} onChange={(event) => setPointId(Number(event.currentTarget.value) || undefined)}>
            {points.map((point) => (
              <option key={point.id} value={point.id}>
                {point.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('diaryText')} error={isChecked ? problems.text : undefined}>
        <textarea value={text} maxLength={2000} onInput={(event) => setText(event.currentTarget.value)} data-testid="diary-text" style={{ minHeight: 160 }} />
      </Field>
      <button type="submit" class="primary" disabled={isSaving} data-testid="diary-save">
        {t('save')}
      </button>
    </form>
  );
}

export default function DiaryScreen({ profile }: ScreenProps) {
  const day = today();
  const diaryPath = fieldPaths.diary(day, day);
  const server = useRead<DiaryList>(cacheKey(profile.accountId, diaryPath), diaryPath);
  const points = useRead<MyPoint[]>(cacheKey(profile.accountId, fieldPaths.myPoints), fieldPaths.myPoints);
  const outbox = useOutbox(profile.accountId);
  // Offline with no copy of today's entry, the phone's own records decide.
  const settled: Loaded<DiaryList | null> = server.data === undefined && server.error !== undefined ? { ...server, data: null } : server;
  return (
    <>
      <TopBar title={t('diaryTitle')} backTo="/m/" />
      <main>
        {outbox === undefined || points.isLoading ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <LoadedView loaded={settled}>{(list) => <DiaryForm day={day} start={startOf(day, outbox, list ?? undefined)} points={points.data ?? []} />}</LoadedView>
        )}
      </main>
    </>
  );
}
