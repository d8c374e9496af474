/** @jsxImportSource preact */
// A point's meetings (GET /api/field/points/:pointId/meetings, kept for offline use): what each
// decided and what became of it (tasks done, appeals raised), with the meetings recorded on this
// phone and not yet synced on top. A tap opens the meeting with each decision's outcome.
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type MeetingSummary, type MyPoint } from '../field-api.ts';
import { t, type TextKey } from '../i18n.ts';
import { navigate } from '../state.ts';
import type { MeetingPayload } from '../sync-contract.ts';
import { cacheKey, LoadedView, TopBar, useKept, useOutbox, useRead, useReloadAfterSync } from '../ui.tsx';

export default function MeetingsScreen({ params, profile }: ScreenProps) {
  const pointId = Number(params[0]);
  const path = fieldPaths.meetings(pointId);
  const meetings = useRead<MeetingSummary[]>(cacheKey(profile.accountId, path), path);
  const point = useKept<MyPoint[]>(cacheKey(profile.accountId, fieldPaths.myPoints))?.find((item) => item.id === pointId);
  const outbox = useOutbox(profile.accountId) ?? [];
  useReloadAfterSync(meetings);
  const unsent = outbox.filter((entry) => entry.kind === 'meeting' && entry.pointId === pointId && entry.state !== 'synced' && entry.state !== 'superseded');

  return (
    <>
      <TopBar title={t('meetingsTitle')} backTo={`/m/points/${pointId}`} />
      <main>
        {point && <div class="muted">{point.name}</div>}
        <button type="button" class="primary" onClick={() => navigate(`/m/points/${pointId}/meeting`)}>
          {t('recordMeeting')}
        </button>
        {unsent.map((entry) => {
          const payload = entry.payload as unknown as MeetingPayload;
          return (
            <div key={entry.localId} class="card" data-testid="meeting-unsent" data-client-id={entry.clientId}>
              <div class="row">
                <b class="grow">{payload.title}</b>
                <span class="tag pending">{t('pending')}</span>
              </div>
              <div class="muted">
                {t(`kind_${payload.kind}` as TextKey)} · {payload.heldOn} · {t('attendees', { n: payload.attendeeCount })}
              </div>
              {payload.decisions.map((decision) => (
                <div key={decision.clientId}>
                  · {decision.text} <span class="muted">{t(`decision_${decision.kind}` as TextKey)}</span>
                </div>
              ))}
            </div>
          );
        })}
        <LoadedView loaded={meetings}>
          {(items) =>
            items.length === 0 && unsent.length === 0 ? (
              <p class="muted">{t('noMeetings')}</p>
            ) : (
              items.map((meeting) => (
                <a
                  key={meeting.id}
                  class="card"
                  href={`/m/meetings/${meeting.id}`}
                  data-testid="meeting-card"
                  data-meeting-id={meeting.id}
                  onClick={(event) => (event.preventDefault(), navigate(`/m/meetings/${meeting.id}`))}
                >
                  <b>{meeting.title}</b>
                  <div class="muted">
                    {t(`kind_${meeting.kind}` as TextKey)} · {meeting.heldOn} · {t('attendees', { n: meeting.attendeeCount })}
                  </div>
                  {meeting.decisions.total > 0 && (
                    <div class="row">
                      <span class="tag">{t('decisionSummary', { done: meeting.decisions.tasksDone, tasks: meeting.decisions.tasks, appeals: meeting.decisions.appeals })}</span>
                    </div>
                  )}
                </a>
              ))
            )
          }
        </LoadedView>
      </main>
    </>
  );
}
