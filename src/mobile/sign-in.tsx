/** @jsxImportSource preact */
// The first screen: username and password (POST /api/auth/login sets the session cookie). Shown
// also when the session has ended; the outbox waits on the phone meanwhile.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, toggleLanguage } from './i18n.ts';
import { signIn, type Profile } from './session.ts';
import { errorText } from './ui.tsx';

declare global {
  interface Window {
    /** performance.now() when the sign-in form became usable (read by the phone-budget test). */
    dundianReadyAt?: number;
  }
}

export function SignIn({ expired }: { expired?: Profile }) {
  const [username, setUsername] = useState(expired?.username ?? '');
  const [password, setPassword] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.setAttribute('data-ready', 'true');
    window.dundianReadyAt ??= performance.now();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form class="signin" ref={form} onSubmit={submit} data-testid="sign-in">
      <div class="row">
        <h1 class="grow">{t('appName')}</h1>
        <button type="button" class="link" onClick={toggleLanguage}>
          {t('language')}
        </button>
      </div>
      <div class="muted">{t('appSubtitle')}</div>
      {expired && <div class="notice">{t('sessionExpired')}</div>}
      <label class="field">
        {t('username')}
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" required value={username} onInput={(event) => setUsername(event.currentTarget.value)} />
      </label>
      <label class="field">
        {t('password')}
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
      </label>
      {failure !== undefined && (
        <div class="error" role="alert">
          {errorText(failure)} {(failure as { status?: number }).status === 0 ? t('offlineSignIn') : ''}
        </div>
      )}
      <button type="submit" class="primary" disabled={isBusy}>
        {isBusy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
