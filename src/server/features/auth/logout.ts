// Signing out ends the session on the server, not only in the browser.
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/queries.ts';
import { deleteSession } from './queries.ts';
import type { SessionCache } from './session-cache.ts';
import { hashSessionToken } from './sessions.ts';

/** Deletes the session behind the token and records the logout; the session cache forgets it at once. */
export async function logout({ db, sessionCache, actor, token }: { db: Db; sessionCache: SessionCache; actor: Actor | null; token: string | undefined }) {
  if (!token) return;
  const tokenHash = hashSessionToken(token);
  await db.transaction().execute(async (tx) => {
    await deleteSession(tx, tokenHash);
    if (actor) {
      await recordAudit(tx, {
        actorAccountId: actor.accountId,
        actorName: actor.username,
        action: 'auth.logout',
        entityType: 'account',
        entityId: actor.accountId,
        regionCode: actor.regionCode,
      });
    }
  });
  sessionCache.forgetSession(tokenHash);
}
