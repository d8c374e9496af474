// A short-lived cache, in this process, of who is behind a session token: a burst of requests on
// one session costs one database look-up every few seconds instead of one each. Correctness first:
// whatever ends a session or changes an account (logout, sign-in over an old session, password
// change or reset, deactivation, any account edit) forgets the cached entries right after its
// transaction commits, and a look-up that was under way while that happened is not kept, so this
// process refuses an ended session at once. Another server process over the same database learns of
// it when its own entry lapses (`lifetimeMs`, a few seconds), or at once if the session has expired.
import type { Actor } from '../../lib/actor.ts';

/** What a database look-up of a session gives: the actor and when the session ends. */
export interface SessionLookup {
  actor: Actor;
  sessionExpiresAt: Date;
}

export interface SessionCache {
  /** How long an entry is trusted, in ms (0: no caching). */
  readonly lifetimeMs: number;
  /** The actor behind a token hash: from the cache while fresh, else from `lookUp` (kept unless invalidated meanwhile). */
  resolve(tokenHash: string, lookUp: () => Promise<SessionLookup | null>): Promise<Actor | null>;
  /** Forgets one session (logout, rotation at sign-in). Call after the commit. */
  forgetSession(tokenHash: string): void;
  /** Forgets every session of an account (password change or reset, deactivation, role or name change). Call after the commit. */
  forgetAccount(accountId: number): void;
  /** Number of entries held (tests, diagnostics). */
  readonly size: number;
}

export interface SessionCacheOptions {
  lifetimeMs: number;
  /** The most entries held; the oldest go first. */
  maxEntries?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Creates an empty cache (one per app instance, so one per server process). */
export function createSessionCache({ lifetimeMs, maxEntries = 10_000, now = Date.now }: SessionCacheOptions): SessionCache {
  const entries = new Map<string, { actor: Actor; freshUntil: number }>();
  // Counts invalidations: a look-up that started before one may have read the old rows.
  let invalidations = 0;
  return {
    lifetimeMs,
    get size() {
      return entries.size;
    },
    async resolve(tokenHash, lookUp) {
      const startedAt = now();
      const entry = entries.get(tokenHash);
      if (entry) {
        if (entry.freshUntil > startedAt) return entry.actor;
        entries.delete(tokenHash);
      }
      const invalidationsBefore = invalidations;
      const found = await lookUp();
      if (!found) return null;
      // Shared by every request on the session until it lapses: nobody may change it.
      const actor = Object.freeze({ ...found.actor });
      if (lifetimeMs > 0 && invalidations === invalidationsBefore) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(tokenHash, { actor, freshUntil: Math.min(startedAt + lifetimeMs, found.sessionExpiresAt.getTime()) });
      }
      return actor;
    },
    forgetSession(tokenHash) {
      invalidations += 1;
      entries.delete(tokenHash);
    },
    forgetAccount(accountId) {
      invalidations += 1;
      for (const [tokenHash, entry] of entries) if (entry.actor.accountId === accountId) entries.delete(tokenHash);
    },
  };
}
