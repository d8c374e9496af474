// Who is signed in: the profile from /api/auth/me, kept for the whole app; a 401 anywhere ends it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthenticatedHandler } from '../api/client.ts';
import type { Permission, Profile } from '../api/types.ts';

interface AuthValue {
  /** undefined while the first /me is in flight; null when signed out. */
  profile: Profile | null | undefined;
  login(username: string, password: string): Promise<Profile>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

/** Loads the session once and offers login, logout and refresh. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setProfile(await api.me());
    } catch {
      setProfile(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthenticatedHandler(() => setProfile(null));
    return () => setUnauthenticatedHandler(undefined);
  }, [refresh]);

  const value = useMemo<AuthValue>(
    () => ({
      profile,
      refresh,
      login: async (username, password) => {
        await api.login(username, password);
        // /me carries the same profile; reading it back confirms the cookie works.
        const signedIn = await api.me();
        setProfile(signedIn);
        return signedIn;
      },
      logout: async () => {
        try {
          await api.logout();
        } finally {
          setProfile(null);
        }
      },
    }),
    [profile, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session and its actions. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** The signed-in profile; only for screens behind the sign-in guard. */
export function useProfile(): Profile {
  const { profile } = useAuth();
  if (!profile) throw new Error('useProfile needs a signed-in user');
  return profile;
}

/** Does the profile carry this permission? */
export function hasPermission(profile: Profile | null | undefined, permission: Permission): boolean {
  return Boolean(profile?.permissions.includes(permission));
}
