// Builds the Fastify app (testable with inject); server.ts makes it listen.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { installErrorHandler, noRouteBody } from './lib/error-handler.ts';
import { createLoginThrottle, type LoginThrottle } from './features/auth/login-throttle.ts';
import { createSessionCache, type SessionCache } from './features/auth/session-cache.ts';
import { resolveActor, sessionCookieName } from './features/auth/sessions.ts';
import { authRoutes } from './features/auth/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { regionRoutes } from './features/regions/routes.ts';
import { accountRoutes } from './features/accounts/routes.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { cadreRoutes } from './features/cadres/routes.ts';
import { pointRoutes } from './features/points/routes.ts';
import { unitRoutes } from './features/units/routes.ts';
import { matchingRoutes } from './features/matching/routes.ts';
import { rosterFileRoutes } from './features/roster-files/routes.ts';
import { open311Routes } from './features/open311/routes.ts';
import { appealRoutes } from './features/appeals/routes.ts';
import { appealPublicRoutes, publicAppealRoutes } from './features/appeals/public-routes.ts';
import { appealMeasureRoutes } from './features/appeals/measures-routes.ts';
import { fieldWorkRoutes } from './features/field-work/routes.ts';
import { questionnaireRoutes } from './features/questionnaires/routes.ts';
import { publicQuestionnaireRoutes, questionnairePublicRoutes } from './features/questionnaires/public-routes.ts';
import type { JobRunner } from './features/jobs/job-runner.ts';
import { AppError } from './lib/errors.ts';

/** Routes that answer without a session. */
export const publicApiRoutes = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout', ...publicAppealRoutes, ...publicQuestionnaireRoutes]);

export interface Readiness {
  isReady: boolean;
  phase: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    loginThrottle: LoginThrottle;
    /** Who is behind a session token, for a few seconds (features/auth/session-cache.ts). */
    sessionCache: SessionCache;
    readiness: Readiness;
    /** The background job runner, once started (server.ts, tests that run jobs). */
    jobs: JobRunner | null;
  }
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Pino logger options, or false for silence (tests). */
  logger?: boolean | object;
  readiness?: Readiness;
}

const webRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const mobileRoot = fileURLToPath(new URL('../../dist/mobile/', import.meta.url));

/** Cache rules of the phone app's files: hashed chunks forever, the worker, manifest and shell always revalidated. */
function setMobileHeaders(reply: FastifyReply, path: string): void {
  if (/\/sw\.js(\.gz|\.br)?$/.test(path)) reply.header('service-worker-allowed', '/m/').header('cache-control', 'no-cache');
  else if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
  else reply.header('cache-control', 'no-cache');
}

/**
 * The access log: one line per request, written when it completes, with the request and the answer
 * (Fastify's default writes two, on arrival and on completion). Errors are logged as before.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || this.isLogDisabled(request)) return super.requestCompleted(error, request, reply);
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the app with every feature's routes; it does not listen. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', options.config);
  app.decorate('database', options.database);
  app.decorate('loginThrottle', createLoginThrottle());
  app.decorate('sessionCache', createSessionCache({ lifetimeMs: options.config.sessionCacheMs }));
  app.decorate('readiness', options.readiness ?? { isReady: true, phase: 'ready' });
  app.decorate('jobs', null as JobRunner | null);
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  // Roster files reach 200,000 rows; everything else stays under bodyLimit.
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'dundian 蹲点 API', version: '0.1.0', description: '蹲点服务平台接口 / Stationed-service campaign platform API' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[sessionCookieName];
    if (token && app.readiness.isReady) request.actor = await resolveActor(app.database.db, app.sessionCache, token);
  });
  app.addHook('onRequest', async (request, reply) => {
    // While seeding, only health answers: the data is not there yet.
    if (app.readiness.isReady || !request.url.startsWith('/api/') || request.url.startsWith('/api/health')) return;
    reply.status(503).send({ error: { code: 'NOT_READY', message: '系统正在启动，请稍候', messageEn: 'Starting up; please wait' } });
  });
  // Without a session only the public routes answer; the rest say 401 before looking at the request.
  app.addHook('preValidation', async (request) => {
    const path = request.routeOptions.url ?? '';
    if (!path.startsWith('/api/') || publicApiRoutes.has(`${request.method} ${path}`) || request.actor) return;
    throw new AppError('UNAUTHENTICATED', '请先登录', 'Sign in first');
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(regionRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(cadreRoutes);
  await app.register(pointRoutes);
  await app.register(unitRoutes);
  await app.register(rosterFileRoutes);
  await app.register(matchingRoutes);
  await app.register(open311Routes);
  await app.register(appealRoutes);
  await app.register(appealPublicRoutes);
  await app.register(appealMeasureRoutes);
  await app.register(fieldWorkRoutes);
  await app.register(questionnaireRoutes);
  await app.register(questionnairePublicRoutes);

  const hasWebApp = existsSync(webRoot);
  if (hasWebApp) await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  // The cadre's phone app (dist/mobile, `vite build --config vite.mobile.config.ts`) under /m/, with the
  // .gz/.br files its build writes served to browsers that accept them.
  const hasMobileApp = existsSync(mobileRoot);
  if (hasMobileApp) {
    await app.register(fastifyStatic, { root: mobileRoot, prefix: '/m/', decorateReply: !hasWebApp, wildcard: true, index: ['index.html'], preCompressed: true, setHeaders: setMobileHeaders });
  }
  app.setNotFoundHandler((request, reply) => {
    // The phone app's client-side routes fall back to its own index.html (/m itself to /m/, the
    // service worker's scope); a missing /m/assets/ file stays 404.
    if (request.method === 'GET' && /^\/m(\/|\?|$)/.test(request.url) && hasMobileApp && !request.url.startsWith('/m/assets/')) {
      if (!request.url.startsWith('/m/')) return reply.redirect(`/m/${request.url.slice(2)}`, 301);
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', mobileRoot, { cacheControl: false });
    }
    // Client-side routes of the single-page app fall back to index.html; unknown /api paths and missing
    // asset files stay 404. Files are looked up per request, so a rebuilt console is served at once.
    const isPageRoute = request.method === 'GET' && !/^\/(api|docs|assets|maps|open311)\//.test(request.url) && !/^\/m(\/|\?|$)/.test(request.url);
    if (hasWebApp && isPageRoute) return reply.type('text/html').sendFile('index.html');
    reply.status(404).send(noRouteBody(request.method, request.url));
  });
  return app;
}
