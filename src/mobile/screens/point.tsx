/** @jsxImportSource preact */
// A point: its households (GET /api/field/points/:pointId/households, kept for offline use) with
// who is due this week, merged with what this phone has recorded and not yet synced (new
// households, edits, visits); and the ways to record an appeal, a meeting or an activity here.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type HouseholdList, type MyPoint } from '../field-api.ts';
import { t, type TextKey } from '../i18n.ts';
import { navigate } from '../state.ts';
import { mergeHouseholds } from '../outbox-rules.ts';
import { cacheKey, Choices, LoadedView, TopBar, useKept, useOutbox, useRead, useReloadAfterSync } from '../ui.tsx';

/** The list last chosen (due this week, or all), kept for the session: back from a form, the cadre finds the same list. */
const filterKey = 'dundian.m.householdFilter';

export default function PointScreen({ params, profile }: ScreenProps) {
  const pointId = Number(params[0]);
  const path = fieldPaths.households(pointId);
  const households = useRead<HouseholdList>(cacheKey(profile.accountId, path), path);
  const points = useKept<MyPoint[]>(cacheKey(profile.accountId, fieldPaths.myPoints));
  const point = points?.find((item) => item.id === pointId);
  const outbox = useOutbox(profile.accountId);
  const [filter, setFilter] = useState<'due' | 'all'>(() => (sessionStorage.getItem(filterKey) === 'all' ? 'all' : 'due'));
  const showFilter = (next: 'due' | 'all') => {
    sessionStorage.setItem(filterKey, next);
    setFilter(next);
  };
  // After a sync the server's view (last visits, who is due) has moved on: read it again.
  useReloadAfterSync(households);
  const go = (to: string) => navigate(`/m/points/${pointId}/${to}`);

  return (
    <>
      <TopBar title={point?.name ?? ''} backTo="/m/" />
      <main>
        {point && <div class="muted">{point.regionPath}</div>}
        <div class="actions">
          <button type="button" class="primary" onClick={() => go('appeal')} data-testid="record-appeal">
            {t('recordAppeal')}
          </button>
          <button type="button" onClick={() => go('meeting')} data-testid="record-meeting">
            {t('recordMeeting')}
          </button>
          <button type="button" onClick={() => go('activity')} data-testid="record-activity">
            {t('recordActivity')}
          </button>
          <button type="button" onClick={() => go('household/new')} data-testid="add-household">
            {t('addHousehold')}
          </button>
          <button type="button" onClick={() => go('meetings')} data-testid="open-meetings">
            {t('openMeetings')}
          </button>
          <button type="button" onClick={() => go('forms')} data-testid="open-forms">
            {t('fillForm')}
          </button>
        </div>
        <Choices<'due' | 'all'>
          name="household-filter"
          value={filter}
          onChange={showFilter}
          options={[
            { value: 'due', label: t('dueOnly') },
            { value: 'all', label: t('allHouseholds') },
          ]}
        />
        <LoadedView loaded={households}>
          {(list) => {
            const rows = mergeHouseholds(pointId, list.items, outbox ?? []).filter((row) => filter === 'all' || row.isDue || row.isLocal);
            if (rows.length === 0) return <p class="muted">{t('noHouseholds')}</p>;
            return rows.map((row) => (
              <div key={row.clientId} class="card" data-testid="household" data-client-id={row.clientId}>
                <div class="row">
                  <div class="grow">
                    <b>{row.headName}</b> <span class="muted">{t('members', { n: row.members })}</span>
                    <div class="muted">{row.address}</div>
                  </div>
                  <button type="button" class="link" onClick={() => go(`household/${row.clientId}`)} data-testid="edit-household">
                    {t('editHousehold')}
                  </button>
                </div>
                <div class="row">
                  {row.isDue && <span class="tag due">{t('due')}</span>}
                  {(row.isLocal || row.hasPendingEdit) && <span class="tag pending">{t('pending')}</span>}
                  {row.pendingVisits > 0 && <span class="tag pending">{t('visitPending')}</span>}
                  {row.flags.map((flag) => (
                    <span class="tag" key={flag}>
                      {t(`flag_${flag}` as TextKey)}
                    </span>
                  ))}
                  <span class="muted grow">
                    {row.lastVisit ? t('lastVisit', { date: row.lastVisit.visitedOn.slice(5), outcome: t(`outcome_${row.lastVisit.outcome}` as TextKey) }) : t('neverVisited')}
                  </span>
                  <button type="button" class="primary" onClick={() => go(`visit/${row.clientId}`)} data-testid="visit-household">
                    {t('recordVisit')}
                  </button>
                </div>
              </div>
            ));
          }}
        </LoadedView>
      </main>
    </>
  );
}
