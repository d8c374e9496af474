// HTTP: a questionnaire's public link for self-completion, answered without a session (listed in
// app.ts's public routes). Throttled per address, like the suggestion box.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acceptPublicResponse } from './accept-response.ts';
import { getPublicForm } from './manage-questionnaires.ts';
import { publicFormResponse, publicResponseBody, publicResponseResult, publicTokenParams } from './schemas.ts';

/** The public routes, as "METHOD /path" (app.ts lets them through without a session). */
export const publicQuestionnaireRoutes = ['GET /api/public/forms/:token', 'POST /api/public/forms/:token/responses'];

const readLimit = { rateLimit: { max: Number(process.env.PUBLIC_READ_LIMIT ?? 120), timeWindow: '1 minute' } };
const writeLimit = { rateLimit: { max: Number(process.env.PUBLIC_WRITE_LIMIT ?? 30), timeWindow: '1 minute' } };

export const questionnairePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await app.register(rateLimit, { global: false });
  app.get('/api/public/forms/:token', { config: readLimit, schema: { tags: ['public'], params: publicTokenParams, response: { 200: publicFormResponse } } }, async (request) =>
    getPublicForm({ db, token: request.params.token }),
  );
  app.post(
    '/api/public/forms/:token/responses',
    { config: writeLimit, schema: { tags: ['public'], params: publicTokenParams, body: publicResponseBody, response: { 200: publicResponseResult, 201: publicResponseResult } } },
    async (request, reply) => {
      const result = await acceptPublicResponse({ db, token: request.params.token, input: request.body });
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
};
