// HTTP: the appeal measures (考核指标) by region, unit or point, and the overdue list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { browseOverdueAppeals, computeAppealMeasures } from './measures.ts';
import { measuresQuery, measuresResponse, overdueQuery, overdueResponse } from './measures-schemas.ts';

export const appealMeasureRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/appeals/measures', { schema: { tags: ['appeals'], querystring: measuresQuery, response: { 200: measuresResponse } } }, async (request) =>
    computeAppealMeasures({ db, actor: requireActor(request), query: request.query }),
  );
  app.get('/api/appeals/overdue', { schema: { tags: ['appeals'], querystring: overdueQuery, response: { 200: overdueResponse } } }, async (request) =>
    browseOverdueAppeals({ db, actor: requireActor(request), query: request.query }),
  );
};
