/** @jsxImportSource preact */
// One meeting (GET /api/field/meetings/:id, kept for offline use): agenda, who came (organisations
// and a head count, never residents' details), minutes, and what became of each decision — a task
// with its owner, due date and progress, which the team updates here (offline too: a 'decision'
// record from the version seen), or an appeal with its tracking code and where the case stands.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type MeetingDetail } from '../field-api.ts';
import { t, type TextKey } from '../i18n.ts';
import { progressStart } from '../outbox-rules.ts';
import { flash } from '../state.ts';
import type { OutboxRecord } from '../store.ts';
import { changeRecords, isInFlight, record } from '../sync.ts';
import { cacheKey, LoadedView, TopBar, useOutbox, useRead, useReloadAfterSync } from '../ui.tsx';

type Decision = MeetingDetail['decisions'][number];

function TaskProgress({ decision, pointId, outbox }: { decision: Decision; pointId: number; outbox: OutboxRecord[] }) {
  const start = progressStart(decision, outbox, isInFlight);
  const [value, setValue] = useState(String(start.progress));
  const [isSaving, setSaving] = useState(false);
  const number = Number(value);
  const isValid = value.trim() !== '' && Number.isInteger(number) && number >= 0 && number <= 100;

  const save = async () => {
    if (!isValid || isSaving || number === start.progress) return;
    setSaving(true);
    const entry = { payload: { progress: number }, summary: `${decision.text} → ${number}%` };
    if (start.replaces) await changeRecords([{ ...start.replaces, ...entry, baseVersion: start.baseVersion, state: 'pending', result: undefined }]);
    else await record({ clientId: decision.clientId, kind: 'decision', pointId, baseVersion: start.baseVersion, ...entry });
    setSaving(false);
    flash(t('saved'));
  };

  return (
    <>
      <div class="row">
        <div class="progress grow" role="progressbar" aria-valuenow={start.progress} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${start.progress}%` }} />
        </div>
        <b data-testid="decision-progress">{start.progress}%</b>
        {start.isPending && <span class="tag pending">{t('pending')}</span>}
      </div>
      <div class="row">
        <input type="range" min={0} max={100} step={5} value={isValid ? number : start.progress} onInput={(event) => setValue(event.currentTarget.value)} class="grow" aria-label={t('progress')} />
        <input type="number" inputMode="numeric" min={0} max={100} value={value} onInput={(event) => setValue(event.currentTarget.value)} style={{ width: 72 }} data-testid="progress-input" />
        <button type="button" disabled={!isValid || isSaving || number === start.progress} onClick={() => void save()} data-testid="progress-save">
          {t('updateProgress')}
        </button>
      </div>
      {!isValid && <span class="error">0–100</span>}
    </>
  );
}

export default function MeetingScreen({ params, profile }: ScreenProps) {
  const id = Number(params[0]);
  const path = fieldPaths.meeting(id);
  const meeting = useRead<MeetingDetail>(cacheKey(profile.accountId, path), path);
  const outbox = useOutbox(profile.accountId) ?? [];
  // After a sync the server's copy (versions, appeal states) has moved on: read it again.
  useReloadAfterSync(meeting);

  return (
    <>
      <TopBar title={meeting.data?.title ?? t('meetingsTitle')} backTo={meeting.data ? `/m/points/${meeting.data.pointId}/meetings` : '/m/'} />
      <main data-testid="meeting-page">
        <LoadedView loaded={meeting}>
          {(item) => (
            <>
              <div class="card">
                <b>{item.title}</b>
                <div class="muted">
                  {t(`kind_${item.kind}` as TextKey)} · {item.heldOn} · {item.pointName}
                </div>
                <div>{t('attendees', { n: item.attendeeCount })}</div>
                {item.organisations.length > 0 && <div class="muted">{item.organisations.join('、')}</div>}
                {item.agenda && (
                  <p>
                    <b>{t('agenda')}</b> {item.agenda}
                  </p>
                )}
                {item.minutes && (
                  <p style={{ whiteSpace: 'pre-wrap' }}>
                    <b>{t('minutes')}</b> {item.minutes}
                  </p>
                )}
                {item.recordedBy && (
                  <div class="muted">
                    {t('recordedBy')} {item.recordedBy}
                  </div>
                )}
              </div>
              <h2>{t('decisions')}</h2>
              {item.decisions.length === 0 && <p class="muted">{t('nothingHere')}</p>}
              {item.decisions.map((decision) => (
                <div key={decision.id} class="card" data-testid="decision" data-client-id={decision.clientId} data-kind={decision.kind}>
                  <div class="row">
                    <b class="grow">{decision.text}</b>
                    <span class="tag">{t(`decision_${decision.kind}` as TextKey)}</span>
                    {decision.isOverdue && <span class="tag due">{t('overdue')}</span>}
                  </div>
                  {decision.kind === 'task' ? (
                    <>
                      <div class="muted">
                        {t('owner')} {decision.ownerName ?? '—'} · {t('dueOn')} {decision.dueOn ?? '—'}
                      </div>
                      <TaskProgress decision={decision} pointId={item.pointId} outbox={outbox} />
                    </>
                  ) : decision.appeal ? (
                    <div data-testid="decision-appeal">
                      {t('becameAppeal')} · {t('trackingCode')} {decision.appeal.trackingCode} · <b>{t(`state_${decision.appeal.state}` as TextKey)}</b>
                    </div>
                  ) : null}
                </div>
              ))}
            </>
          )}
        </LoadedView>
      </main>
    </>
  );
}
