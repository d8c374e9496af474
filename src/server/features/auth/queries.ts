// SQL for accounts as seen by sign-in, and for sessions.
import type { Executor } from '../../db/database.ts';
import { executePrepared } from '../../db/prepared.ts';

/** The account with this username (case-insensitive), with its hash. */
export function findAccountForLogin(db: Executor, username: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'password_hash', 'display_name', 'role', 'region_code', 'unit_id', 'cadre_id', 'is_active', 'must_change_password'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** Stores a new session by the hash of its token. */
export async function insertSession(db: Executor, tokenHash: string, accountId: number, expiresAt: Date) {
  await db.insertInto('sessions').values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt }).execute();
}

/** Removes one session (logout, or rotation on login). */
export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Removes every session of an account (password change, deactivation). */
export async function deleteSessionsOfAccount(db: Executor, accountId: number, exceptTokenHash?: string) {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}

/** The active account behind a live session token hash, with the session's end (a prepared statement: every request runs it). */
export async function findSessionAccount(db: Executor, tokenHash: string) {
  const query = db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.region_code',
      'accounts.unit_id',
      'accounts.cadre_id',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', new Date())
    .where('accounts.is_active', '=', true);
  const { rows } = await executePrepared(db, query.compile());
  return rows[0];
}

/** Records the time of a successful login. */
export async function touchLastLogin(db: Executor, accountId: number) {
  await db.updateTable('accounts').set({ last_login_at: new Date() }).where('id', '=', accountId).execute();
}

/** Replaces an account's password hash. */
export async function updatePasswordHash(db: Executor, accountId: number, passwordHash: string) {
  await db
    .updateTable('accounts')
    .set((eb) => ({ password_hash: passwordHash, must_change_password: false, version: eb('version', '+', 1) }))
    .where('id', '=', accountId)
    .execute();
}

/** The stored hash of one account. */
export function findPasswordHash(db: Executor, accountId: number) {
  return db.selectFrom('accounts').select(['password_hash']).where('id', '=', accountId).executeTakeFirst();
}

/** Names shown on the profile: the scope region and the unit. */
export async function findProfileNames(db: Executor, regionCode: string, unitId: number | null) {
  const region = await db.selectFrom('regions').select(['name']).where('code', '=', regionCode).executeTakeFirst();
  const unit = unitId ? await db.selectFrom('org_units').select(['name']).where('id', '=', unitId).executeTakeFirst() : undefined;
  const account = { regionName: region?.name ?? regionCode, unitName: unit?.name ?? null };
  return account;
}

/** Whether the account must change its password. */
export async function findMustChangePassword(db: Executor, accountId: number): Promise<boolean> {
  const row = await db.selectFrom('accounts').select(['must_change_password']).where('id', '=', accountId).executeTakeFirst();
  return row?.must_change_password ?? false;
}
