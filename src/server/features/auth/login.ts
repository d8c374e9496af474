// Signing in: verify the password, rotate the session, record it.
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { deleteSession, findAccountForLogin, insertSession, touchLastLogin } from './queries.ts';
import type { SessionCache } from './session-cache.ts';
import { createSessionToken, hashSessionToken, sessionLifetimeMs } from './sessions.ts';

export interface LoginOptions {
  db: Db;
  /** Forgets the previous session once the new one is stored. */
  sessionCache: SessionCache;
  throttle: LoginThrottle;
  username: string;
  password: string;
  address: string;
  /** The session token the browser already had: it is ended, so a login always gets a new one. */
  previousToken?: string;
}

/** Checks credentials and opens a new session; throws UNAUTHENTICATED or RATE_LIMITED. */
export async function login({ db, sessionCache, throttle, username, password, address, previousToken }: LoginOptions) {
  const name = username.trim();
  if (throttle.isBlocked(name, address)) {
    throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试', 'Too many failed sign-ins; try again in 15 minutes');
  }
  const account = await findAccountForLogin(db, name);
  const isValid = account && account.is_active ? await verifyPassword(account.password_hash, password) : await verifyAgainstNothing(password);
  if (!account || !isValid) {
    throttle.recordFailure(name, address);
    await recordAudit(db, {
      actorAccountId: account?.id ?? null,
      actorName: name.slice(0, 64),
      action: 'auth.login_failed',
      entityType: 'account',
      entityId: account?.id ?? null,
      regionCode: account?.region_code ?? '13',
      details: { address },
    });
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误', 'Wrong username or password');
  }
  throttle.recordSuccess(name);
  const token = createSessionToken();
  await db.transaction().execute(async (tx) => {
    if (previousToken) await deleteSession(tx, hashSessionToken(previousToken));
    await insertSession(tx, hashSessionToken(token), account.id, new Date(Date.now() + sessionLifetimeMs));
    await touchLastLogin(tx, account.id);
    await recordAudit(tx, {
      actorAccountId: account.id,
      actorName: account.username,
      action: 'auth.login',
      entityType: 'account',
      entityId: account.id,
      regionCode: account.region_code,
      details: { address },
    });
  });
  if (previousToken) sessionCache.forgetSession(hashSessionToken(previousToken));
  return { token, account };
}
