// Who is signed in on this phone. The profile is kept in localStorage so the app opens offline
// straight onto the cadre's points; the session itself is the server's httpOnly cookie.
import { callApi, ApiError } from './api.ts';
import { clearCachedReads } from './store.ts';
import { createStore } from './state.ts';

export interface Profile {
  accountId: number;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  regionName: string;
  unitId: number | null;
  unitName: string | null;
  cadreId: number | null;
}

const profileKey = 'dundian.m.profile';

function storedProfile(): Profile | undefined {
  try {
    const text = localStorage.getItem(profileKey);
    return text ? (JSON.parse(text) as Profile) : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in cadre (undefined: show the sign-in form) and whether the server has ended the session. */
export const session$ = createStore<{ profile?: Profile; isExpired: boolean }>({ profile: storedProfile(), isExpired: false });

function keep(profile: Profile): Profile {
  const kept: Profile = {
    accountId: profile.accountId,
    username: profile.username,
    displayName: profile.displayName,
    role: profile.role,
    regionCode: profile.regionCode,
    regionName: profile.regionName,
    unitId: profile.unitId,
    unitName: profile.unitName,
    cadreId: profile.cadreId,
  };
  localStorage.setItem(profileKey, JSON.stringify(kept));
  return kept;
}

export async function signIn(username: string, password: string): Promise<Profile> {
  const { data } = await callApi<Profile>('POST', '/api/auth/login', { username, password });
  const profile = keep(data);
  session$.set({ profile, isExpired: false });
  return profile;
}

/** Asks the server whether the session still stands; offline, the stored profile stands. */
export async function checkSession(): Promise<void> {
  try {
    const { data, isOffline } = await callApi<Profile>('GET', '/api/auth/me');
    if (!isOffline) session$.set({ profile: keep(data), isExpired: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) markSessionExpired();
  }
}

/** The server said 401: keep the profile (and the outbox) but ask for the password again. */
export function markSessionExpired(): void {
  session$.set({ ...session$.get(), isExpired: true });
}

/** Signs out: the outbox stays on the phone (unsent work is never dropped), cached reads go. */
export async function signOut(): Promise<void> {
  await callApi('POST', '/api/auth/logout').catch(() => undefined);
  localStorage.removeItem(profileKey);
  await clearCachedReads().catch(() => undefined);
  if ('caches' in window) await caches.delete('dundian-m-reads').catch(() => undefined);
  session$.set({ profile: undefined, isExpired: false });
}
