// HTTP: the resident's side, answered without a session (listed in app.ts's public routes):
// a point's suggestion box and the status page behind a tracking code. Throttled per address.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describePublicPoint, disputeTrackedAppeal, joinTrackedAppeal, rateTrackedAppeal, submitToSuggestionBox, trackAppeal } from './public-appeals.ts';
import { publicDisputeBody, publicMeTooBody, publicPoint, publicPointParams, publicRatingBody, publicTracking, submitResponse, suggestionBoxBody, trackingParams } from './schemas.ts';

/** The public routes, as "METHOD /path" (app.ts lets them through without a session). */
export const publicAppealRoutes = [
  'GET /api/public/points/:pointId',
  'POST /api/public/points/:pointId/appeals',
  'GET /api/public/track/:code',
  'POST /api/public/track/:code/rating',
  'POST /api/public/track/:code/dispute',
  'POST /api/public/track/:code/me-too',
];

const writeLimit = { rateLimit: { max: Number(process.env.PUBLIC_WRITE_LIMIT ?? 30), timeWindow: '1 minute' } };

export const appealPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await app.register(rateLimit, { global: false });
  app.get('/api/public/points/:pointId', { schema: { tags: ['public'], params: publicPointParams, response: { 200: publicPoint } } }, async (request) =>
    describePublicPoint({ db, pointId: request.params.pointId }),
  );
  app.post(
    '/api/public/points/:pointId/appeals',
    { bodyLimit: 12 * 1024 * 1024, config: writeLimit, schema: { tags: ['public'], params: publicPointParams, body: suggestionBoxBody, response: { 200: submitResponse, 201: submitResponse } } },
    async (request, reply) => {
      const result = await submitToSuggestionBox({ db, pointId: request.params.pointId, input: request.body });
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  app.get('/api/public/track/:code', { schema: { tags: ['public'], params: trackingParams, response: { 200: publicTracking } } }, async (request) =>
    trackAppeal({ db, code: request.params.code }),
  );
  app.post('/api/public/track/:code/rating', { config: writeLimit, schema: { tags: ['public'], params: trackingParams, body: publicRatingBody, response: { 200: publicTracking } } }, async (request) =>
    rateTrackedAppeal({ db, code: request.params.code, answers: request.body }),
  );
  app.post('/api/public/track/:code/dispute', { config: writeLimit, schema: { tags: ['public'], params: trackingParams, body: publicDisputeBody, response: { 200: publicTracking } } }, async (request) =>
    disputeTrackedAppeal({ db, code: request.params.code, body: request.body }),
  );
  app.post('/api/public/track/:code/me-too', { config: writeLimit, schema: { tags: ['public'], params: trackingParams, body: publicMeTooBody, response: { 200: publicTracking } } }, async (request) =>
    joinTrackedAppeal({ db, code: request.params.code, body: request.body }),
  );
};
