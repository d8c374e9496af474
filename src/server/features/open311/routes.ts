// HTTP: Open311 GeoReport v2 at /open311/v2 (public; a POST needs an api_key) and the admin's
// client keys at /api/open311-clients. GeoReport answers in the format the path's extension
// names, errors included: a list of {code, description} with the HTTP status.
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeZodIssue } from '../../lib/error-handler.ts';
import { AppError, statusOf } from '../../lib/errors.ts';
import { authenticateClient, type Open311Client } from './api-keys.ts';
import { getServiceDefinition, listServices } from './browse-services.ts';
import { getServiceRequest, listServiceRequests } from './browse-service-requests.ts';
import { open311ClientRoutes } from './client-routes.ts';
import { contentTypes, formatOf, formatOfPath, renderDocument, renderErrors, type Open311Format } from './georeport-documents.ts';
import { discoveryDocument, localeOf } from './georeport-mapping.ts';
import { apiKeyQuery, formatParams, listRequestsQuery, localeQuery, postRequestBody, requestParams, serviceParams } from './schemas.ts';
import { submitServiceRequest } from './submit-service-request.ts';

/** Open311 and its admin routes: register once on the app. */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(open311ClientRoutes);
  await app.register(georeportRoutes, { prefix: '/open311' });
};

/** Any error as an AppError (schema failures with one detail per field). */
function asAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.flatMap((item) =>
      describeZodIssue({ ...(item.params as object), code: item.keyword, message: item.message, path: item.instancePath.split('/').filter(Boolean) }, location),
    );
    return new AppError('VALIDATION', '请求参数有误', 'invalid parameters', { details });
  }
  if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'unsupported content type');
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', '请求体过大', 'request body too large');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('BAD_REQUEST', `请求无效：${error.message}`, `bad request: ${error.message}`);
  return new AppError('INTERNAL', '服务器内部错误', 'internal server error');
}

/** The spec's error list for an error: one entry per invalid field, texts in Chinese | English. */
function errorsOf(error: AppError) {
  const code = statusOf(error.code);
  if (error.details?.length) return error.details.map((item) => ({ code, description: `${item.field}：${item.message} | ${item.field}: ${item.messageEn}` }));
  return [{ code, description: `${error.messageZh} | ${error.messageEn}` }];
}

function send(reply: FastifyReply, format: Open311Format, data: unknown, root: string, item?: string) {
  return reply.type(contentTypes[format]).send(renderDocument(format, data, root, item));
}

// Lists and definitions are public data: any web page may read them.
const allowAnyOrigin = async (_request: FastifyRequest, reply: FastifyReply) => {
  reply.header('access-control-allow-origin', '*');
};

const georeportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const clients = new WeakMap<FastifyRequest, Open311Client>();
  await app.register(formbody);

  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    const error = asAppError(raw);
    const status = statusOf(error.code);
    if (status >= 500) request.log.error({ err: raw }, 'open311 request failed');
    const format = formatOfPath(request.url);
    reply.status(status).type(contentTypes[format]).send(renderErrors(format, errorsOf(error)));
  });
  // Unknown paths under /open311 answer in the spec's format too. A catch-all route rather than only a
  // not-found handler, because the console's static files claim every GET path of the app.
  const noSuchResource = (request: FastifyRequest) =>
    new AppError('NOT_FOUND', `没有这个资源：${request.method} ${request.url.split('?')[0]}`, `no such resource: ${request.method} ${request.url.split('?')[0]}`);
  app.setNotFoundHandler((request, reply) => reply.send(noSuchResource(request)));
  for (const url of ['/', '/*']) {
    app.all(url, { schema: { hide: true } }, async (request) => {
      throw noSuchResource(request);
    });
  }
  app.addHook('onRequest', async () => {
    if (!app.readiness.isReady) throw new AppError('NOT_READY', '系统正在启动，请稍候', 'starting up; please wait');
  });

  const tags = ['open311'];
  app.get('/v2/discovery.:format', { schema: { tags, params: formatParams }, onRequest: allowAnyOrigin }, async (request, reply) => {
    const format = formatOf(request.params.format);
    return send(reply, format, discoveryDocument(`${request.protocol}://${request.host}/open311/v2`), 'discovery');
  });
  app.get('/v2/services.:format', { schema: { tags, params: formatParams, querystring: localeQuery }, onRequest: allowAnyOrigin }, async (request, reply) => {
    const format = formatOf(request.params.format);
    return send(reply, format, await listServices({ db, locale: localeOf(request.query.locale) }), 'services', 'service');
  });
  app.get('/v2/services/:code.:format', { schema: { tags, params: serviceParams, querystring: localeQuery }, onRequest: allowAnyOrigin }, async (request, reply) => {
    const format = formatOf(request.params.format);
    return send(reply, format, await getServiceDefinition({ db, code: request.params.code, locale: localeOf(request.query.locale) }), 'service_definition');
  });
  app.get('/v2/requests.:format', { schema: { tags, params: formatParams, querystring: listRequestsQuery }, onRequest: allowAnyOrigin }, async (request, reply) => {
    const format = formatOf(request.params.format);
    return send(reply, format, await listServiceRequests({ db, query: request.query }), 'service_requests', 'request');
  });
  app.get('/v2/requests/:id.:format', { schema: { tags, params: requestParams, querystring: localeQuery }, onRequest: allowAnyOrigin }, async (request, reply) => {
    const format = formatOf(request.params.format);
    return send(reply, format, await getServiceRequest({ db, id: request.params.id, locale: request.query.locale }), 'service_requests', 'request');
  });
  app.post(
    '/v2/requests.:format',
    {
      schema: { tags, params: formatParams, querystring: apiKeyQuery, body: postRequestBody },
      // The key is checked before the body, so a caller without a valid key learns nothing else (403).
      preValidation: async (request) => {
        formatOf((request.params as { format: string }).format);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const key = typeof body.api_key === 'string' && body.api_key ? body.api_key : (request.query as { api_key?: string }).api_key;
        clients.set(request, await authenticateClient(db, key));
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      const idempotencyKey = request.headers['idempotency-key'];
      const created = await submitServiceRequest({
        database: app.database,
        client: clients.get(request)!,
        body: request.body,
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey.slice(0, 200) : undefined,
      });
      return send(reply, format, created, 'service_requests', 'request');
    },
  );
};
