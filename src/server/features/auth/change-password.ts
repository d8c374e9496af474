// A signed-in person changes their own password; other sessions of the account end (at once,
// also in this process's session cache).
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { deleteSessionsOfAccount, findPasswordHash, updatePasswordHash } from './queries.ts';
import type { SessionCache } from './session-cache.ts';
import { hashSessionToken } from './sessions.ts';

/** Verifies the current password and stores the new one. */
export async function changePassword(options: { db: Db; sessionCache: SessionCache; actor: Actor; token: string; currentPassword: string; newPassword: string }) {
  const { db, actor } = options;
  const stored = await findPasswordHash(db, actor.accountId);
  if (!stored || !(await verifyPassword(stored.password_hash, options.currentPassword))) {
    throw new AppError('VALIDATION', 'currentPassword：当前密码不正确', 'currentPassword: the current password is wrong', {
      details: [{ field: 'currentPassword', message: '当前密码不正确', messageEn: 'the current password is wrong' }],
    });
  }
  const newHash = await hashPassword(options.newPassword);
  await db.transaction().execute(async (tx) => {
    await updatePasswordHash(tx, actor.accountId, newHash);
    await deleteSessionsOfAccount(tx, actor.accountId, hashSessionToken(options.token));
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'account.password_changed',
      entityType: 'account',
      entityId: actor.accountId,
      regionCode: actor.regionCode,
    });
  });
  options.sessionCache.forgetAccount(actor.accountId);
}
