/** @jsxImportSource preact */
// The shell of the phone app: sign-in when nobody is signed in (or the session has ended), else the
// screen of the current path. Screens past the sign-in form are separate chunks, loaded on first use
// (and precached by the service worker), so the first screen costs only this entry.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage, t } from './i18n.ts';
import { checkSession, session$, type Profile } from './session.ts';
import { location$, navigate, useStore } from './state.ts';
import { startSync, stopSync } from './sync.ts';
import { SignIn } from './sign-in.tsx';
import { update$ } from './updates.ts';

/** What every screen gets: the path's parameters, the query, and who is signed in. */
export interface ScreenProps {
  params: string[];
  query: URLSearchParams;
  profile: Profile;
}

type ScreenModule = { default: ComponentType<ScreenProps> };
type Loader = () => Promise<ScreenModule>;

const routes: [RegExp, Loader][] = [
  [/^\/m\/?$/, () => import('./screens/home.tsx')],
  [/^\/m\/points\/(\d+)$/, () => import('./screens/point.tsx')],
  [/^\/m\/points\/(\d+)\/visit\/([0-9a-f-]+)$/, () => import('./screens/visit-form.tsx')],
  [/^\/m\/points\/(\d+)\/appeal$/, () => import('./screens/appeal-form.tsx')],
  [/^\/m\/points\/(\d+)\/meeting$/, () => import('./screens/meeting-form.tsx')],
  [/^\/m\/points\/(\d+)\/activity$/, () => import('./screens/activity-form.tsx')],
  [/^\/m\/points\/(\d+)\/meetings$/, () => import('./screens/meetings.tsx')],
  [/^\/m\/meetings\/(\d+)$/, () => import('./screens/meeting.tsx')],
  [/^\/m\/points\/(\d+)\/forms$/, () => import('./screens/forms.tsx')],
  [/^\/m\/points\/(\d+)\/forms\/(\d+)$/, () => import('./screens/form-fill.tsx')],
  [/^\/m\/points\/(\d+)\/household\/(new|[0-9a-f-]+)$/, () => import('./screens/household-form.tsx')],
  [/^\/m\/diary$/, () => import('./screens/diary-form.tsx')],
  [/^\/m\/sync$/, () => import('./screens/sync-screen.tsx')],
];

const loaded = new Map<Loader, ComponentType<ScreenProps>>();

function Screen({ loader, props }: { loader: Loader; props: ScreenProps }) {
  const [component, setComponent] = useState<{ screen?: ComponentType<ScreenProps>; error?: unknown }>({ screen: loaded.get(loader) });
  useEffect(() => {
    if (loaded.has(loader)) return setComponent({ screen: loaded.get(loader) });
    let isCurrent = true;
    setComponent({});
    loader().then(
      (module) => {
        loaded.set(loader, module.default);
        if (isCurrent) setComponent({ screen: module.default });
      },
      (error: unknown) => isCurrent && setComponent({ error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [loader]);
  const Component = component.screen;
  if (Component) return <Component {...props} />;
  return (
    <main>
      <p class="muted">{component.error ? t('noConnection') : t('loading')}</p>
    </main>
  );
}

function UpdateBanner() {
  const waiting = useStore(update$);
  if (!waiting) return null;
  return (
    <button type="button" class="primary" style={{ width: '100%', borderRadius: 0 }} onClick={() => waiting.postMessage('skip-waiting')}>
      {t('updateAvailable')}
    </button>
  );
}

export function App() {
  const session = useStore(session$);
  const location = useStore(location$);
  const [, setLanguageShown] = useState(currentLanguage());
  const accountId = session.profile?.accountId;
  const isSignedIn = accountId !== undefined && !session.isExpired;

  useEffect(() => {
    if (!isSignedIn) return;
    startSync(accountId);
    return stopSync;
  }, [accountId, isSignedIn]);
  useEffect(() => {
    if (session$.get().profile) void checkSession();
  }, []);
  // Every screen reads the language when it renders: re-render the whole app on a switch.
  useEffect(() => {
    const onLanguage = () => setLanguageShown(currentLanguage());
    window.addEventListener('dundian-language', onLanguage);
    return () => window.removeEventListener('dundian-language', onLanguage);
  }, []);

  if (!session.profile || session.isExpired) return <SignIn expired={session.isExpired ? session.profile : undefined} />;
  const query = new URLSearchParams(location.search);
  for (const [pattern, loader] of routes) {
    const match = pattern.exec(location.path);
    if (match) {
      return (
        <>
          <UpdateBanner />
          <Screen key={location.path + location.search} loader={loader} props={{ params: match.slice(1), query, profile: session.profile }} />
        </>
      );
    }
  }
  queueMicrotask(() => navigate('/m/', { replace: true }));
  return null;
}
