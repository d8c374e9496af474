/** @jsxImportSource preact */
// Home: my points (GET /api/field/my-points) with this week's due visits, and the way to the diary
// and the sync list.
import { useEffect } from 'preact/hooks';
import { callApi } from '../api.ts';
import type { ScreenProps } from '../app.tsx';
import { fieldPaths, type MyPoint } from '../field-api.ts';
import { t, toggleLanguage } from '../i18n.ts';
import { signOut } from '../session.ts';
import { navigate, useStore } from '../state.ts';
import { writeCached } from '../store.ts';
import { sync$ } from '../sync.ts';
import { cacheKey, LoadedView, TopBar, useRead } from '../ui.tsx';

/**
 * Keeps on the phone, while there is a connection, what the forms need offline: the appeal
 * categories and every point's households — a cadre signs in with signal and works in a village without.
 */
async function keepForOffline(accountId: number, points: MyPoint[]): Promise<void> {
  const paths = [fieldPaths.categories, ...points.slice(0, 12).map((point) => fieldPaths.households(point.id))];
  for (const path of paths) {
    try {
      const answer = await callApi('GET', path);
      if (!answer.isOffline) await writeCached(cacheKey(accountId, path), answer.data);
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
