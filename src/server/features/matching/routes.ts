// HTTP: matched stationing — plans (run, review, explain, adjust, publish) and "my points".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { explainPosting } from './explain-posting.ts';
import { addMatchingRule, browsePlanPostings, browsePlans, createPlan, getPlan, publishPlan, removeMatchingRule } from './manage-plans.ts';
import { listMyPoints } from './my-points.ts';
import { comparePlanWithPublished, describePlanBreaks, readCampaignWeights, summarisePlanByCounty } from './plan-review.ts';
import {
  createPlanBody,
  explainQuery,
  explanation,
  matchingWeights,
  myPointsResponse,
  planBreaksResponse,
  planCountiesResponse,
  planDetail,
  planDifferenceResponse,
  planIdParams,
  planPostingsQuery,
  planPostingsResponse,
  planSummary,
  ruleBody,
  ruleIdParams,
} from './schemas.ts';

export const matchingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/plans', { schema: { tags: ['matching'], response: { 200: z.array(planSummary) } } }, async (request) => browsePlans({ db, actor: requireActor(request) }));
  app.post('/api/plans', { schema: { tags: ['matching'], body: createPlanBody, response: { 201: planSummary } } }, async (request, reply) => {
    const plan = await createPlan({ db, actor: requireActor(request), input: request.body, onQueued: () => app.jobs?.poke() });
    return reply.status(201).send(plan);
  });
  app.get('/api/plans/:id', { schema: { tags: ['matching'], params: planIdParams, response: { 200: planDetail } } }, async (request) =>
    getPlan({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.get('/api/plans/:id/postings', { schema: { tags: ['matching'], params: planIdParams, querystring: planPostingsQuery, response: { 200: planPostingsResponse } } }, async (request) =>
    browsePlanPostings({ db, actor: requireActor(request), id: request.params.id, query: request.query }),
  );
  app.get('/api/plans/:id/explain', { schema: { tags: ['matching'], params: planIdParams, querystring: explainQuery, response: { 200: explanation } } }, async (request) =>
    explainPosting({ db, actor: requireActor(request), planId: request.params.id, ...request.query }),
  );
  app.post('/api/plans/:id/rules', { schema: { tags: ['matching'], params: planIdParams, body: ruleBody, response: { 200: planDetail } } }, async (request) =>
    addMatchingRule({ db, actor: requireActor(request), planId: request.params.id, ...request.body }),
  );
  app.delete('/api/plans/:id/rules/:ruleId', { schema: { tags: ['matching'], params: ruleIdParams, response: { 200: planDetail } } }, async (request) =>
    removeMatchingRule({ db, actor: requireActor(request), planId: request.params.id, ruleId: request.params.ruleId }),
  );
  app.post('/api/plans/:id/publish', { schema: { tags: ['matching'], params: planIdParams, response: { 200: planDetail } } }, async (request) =>
    publishPlan({ db, actor: requireActor(request), id: request.params.id, onQueued: () => app.jobs?.poke() }),
  );
  app.get('/api/plans/:id/counties', { schema: { tags: ['matching'], params: planIdParams, response: { 200: planCountiesResponse } } }, async (request) =>
    summarisePlanByCounty({ db, actor: requireActor(request), planId: request.params.id }),
  );
  app.get('/api/plans/:id/difference', { schema: { tags: ['matching'], params: planIdParams, response: { 200: planDifferenceResponse } } }, async (request) =>
    comparePlanWithPublished({ db, actor: requireActor(request), planId: request.params.id }),
  );
  app.get('/api/plans/:id/breaks', { schema: { tags: ['matching'], params: planIdParams, response: { 200: planBreaksResponse } } }, async (request) =>
    describePlanBreaks({ db, actor: requireActor(request), planId: request.params.id }),
  );
  app.get('/api/matching/weights', { schema: { tags: ['matching'], response: { 200: matchingWeights } } }, async (request) => readCampaignWeights({ db, actor: requireActor(request) }));
  app.get('/api/me/points', { schema: { tags: ['matching'], response: { 200: myPointsResponse } } }, async (request) => listMyPoints({ db, actor: requireActor(request) }));
};
