/** @jsxImportSource preact */
// Home: my points (GET /api/field/my-points) with this week's due visits, and the way to the diary
// and the sync list. While online it keeps on the phone what the other screens need offline.
import { useEffect } from 'preact/hooks';
import { callApi } from '../api.ts';
import type { ScreenProps } from '../app.tsx';
import { answerableForms, fieldPaths, type MyPoint, type QuestionnaireSummary } from '../field-api.ts';
import { t, toggleLanguage } from '../i18n.ts';
import { signOut } from '../session.ts';
import { navigate, useStore } from '../state.ts';
import { writeCached } from '../store.ts';
import { sync$ } from '../sync.ts';
import { cacheKey, LoadedView, TopBar, useRead } from '../ui.tsx';

/**
 * Keeps on the phone, while there is a connection, what the forms need offline: the appeal
 * categories, every point's households and meetings, and the questionnaires to fill — a cadre
 * signs in with signal and works in a village without.
 */
async function keepForOffline(accountId: number, points: MyPoint[]): Promise<void> {
  const kept = points.slice(0, 12);
  const paths = [fieldPaths.categories, ...kept.flatMap((point) => [fieldPaths.households(point.id), fieldPaths.meetings(point.id)]), fieldPaths.questionnaires];
  for (const path of paths) {
    try {
      const answer = await callApi('GET', path);
      if (answer.isOffline) return;
      await writeCached(cacheKey(accountId, path), answer.data);
      // Every form the cadre may fill, so it can be filled without a connection.
      if (path === fieldPaths.questionnaires) paths.push(...answerableForms(answer.data as QuestionnaireSummary[]).map((form) => fieldPaths.questionnaire(form.id)));
    } catch {
      return;
    }
  }
}

export default function Home({ profile }: ScreenProps) {
  const points = useRead<MyPoint[]>(cacheKey(profile.accountId, fieldPaths.myPoints), fieldPaths.myPoints);
  useEffect(() => {
    if (points.data && points.offlineSince === undefined) void keepForOffline(profile.accountId, points.data);
  }, [points.data, points.offlineSince, profile.accountId]);
  const status = useStore(sync$);
  const leave = () => {
    const waiting = status.pending + status.rejected + status.conflicts;
    if (waiting === 0 || confirm(t('signOutPending', { n: waiting }))) void signOut();
  };
  return (
    <>
      <TopBar title={t('appName')}>
        <button type="button" onClick={toggleLanguage}>
          {t('language')}
        </button>
      </TopBar>
      <main>
        <div class="row">
          <div class="grow">
            <b>{profile.displayName}</b>
            <div class="muted">{profile.unitName ?? profile.regionName}</div>
          </div>
          <button type="button" class="link" onClick={leave}>
            {t('signOut')}
          </button>
        </div>
        <div class="actions">
          <button type="button" onClick={() => navigate('/m/diary')} data-testid="open-diary">
            {t('diaryToday')}
          </button>
          <button type="button" onClick={() => navigate('/m/sync')}>
            {status.pending + status.rejected + status.conflicts > 0 ? t('pendingBadge', { n: status.pending + status.rejected + status.conflicts }) : t('allSynced')}
          </button>
        </div>
        <h2>{t('myPoints')}</h2>
        <LoadedView loaded={points}>
          {(items) =>
            items.length === 0 ? (
              <p class="muted">{t('noPoints')}</p>
            ) : (
              items.map((point) => (
                <a key={point.id} class="card" href={`/m/points/${point.id}`} data-testid="point-card" data-point-id={point.id} onClick={(event) => (event.preventDefault(), navigate(`/m/points/${point.id}`))}>
                  <b>{point.name}</b>
                  <div class="muted">{point.regionPath}</div>
                  <div class="row">
                    <span class="tag">
                      {point.households} {t('households')}
                    </span>
                    {point.dueThisWeek > 0 && <span class="tag due">{t('dueThisWeek', { n: point.dueThisWeek })}</span>}
                    <span class="tag">{t('visitedThisMonth', { n: point.visitedThisMonth })}</span>
                  </div>
                </a>
              ))
            )
          }
        </LoadedView>
      </main>
    </>
  );
}
