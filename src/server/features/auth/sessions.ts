// Session tokens: random, sent once as a cookie, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { findSessionAccount } from './queries.ts';
import type { SessionCache } from './session-cache.ts';

export const sessionCookieName = 'dundian_session';
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

/** A fresh random session token. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The actor behind a session token, or null when the session is missing, expired or the account
 * inactive; served from the process's session cache while its entry is fresh.
 */
export async function resolveActor(db: Executor, cache: SessionCache, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashSessionToken(token);
  return cache.resolve(tokenHash, async () => {
    const row = await findSessionAccount(db, tokenHash);
    if (!row) return null;
    return {
      sessionExpiresAt: new Date(row.expires_at),
      actor: {
        accountId: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        regionCode: row.region_code,
        unitId: row.unit_id,
        cadreId: row.cadre_id,
      },
    };
  });
}
