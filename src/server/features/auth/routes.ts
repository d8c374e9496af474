// HTTP: sign in, sign out, who am I, change my password.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { changePassword } from './change-password.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { permissionsOf } from './policy.ts';
import { findMustChangePassword, findProfileNames } from './queries.ts';
import { changePasswordBody, loginBody, meResponse, okResponse } from './schemas.ts';
import { sessionCookieName, sessionLifetimeMs } from './sessions.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
    maxAge: sessionLifetimeMs / 1000,
  };

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: loginBody, response: { 200: meResponse } } }, async (request, reply) => {
    const { token, account } = await login({
      db: app.database.db,
      sessionCache: app.sessionCache,
      throttle: app.loginThrottle,
      username: request.body.username,
      password: request.body.password,
      address: request.ip,
      previousToken: request.cookies[sessionCookieName],
    });
    reply.setCookie(sessionCookieName, token, cookieOptions);
    const names = await findProfileNames(app.database.db, account.region_code, account.unit_id);
    return {
      accountId: account.id,
      username: account.username,
      displayName: account.display_name,
      role: account.role,
      regionCode: account.region_code,
      unitId: account.unit_id,
      cadreId: account.cadre_id,
      mustChangePassword: account.must_change_password,
      permissions: permissionsOf(account),
      ...names,
    };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: okResponse } } }, async (request, reply) => {
    await logout({ db: app.database.db, sessionCache: app.sessionCache, actor: request.actor, token: request.cookies[sessionCookieName] });
    reply.clearCookie(sessionCookieName, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (request) => {
    const actor = requireActor(request);
    const names = await findProfileNames(app.database.db, actor.regionCode, actor.unitId);
    return {
      ...actor,
      ...names,
      mustChangePassword: await findMustChangePassword(app.database.db, actor.accountId),
      permissions: permissionsOf(actor),
    };
  });

  app.post('/api/auth/password', { schema: { tags: ['auth'], body: changePasswordBody, response: { 200: okResponse } } }, async (request) => {
    const actor = requireActor(request);
    await changePassword({ db: app.database.db, sessionCache: app.sessionCache, actor, token: request.cookies[sessionCookieName] ?? '', ...request.body });
    return { ok: true as const };
  });
};
