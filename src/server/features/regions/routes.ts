// HTTP: the region tree (children with counts, ancestors, one region, search).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { findRegions, getRegion, listRegionAncestors, listRegionChildren } from './browse-regions.ts';
import { childRegion, regionCodeParams, regionDetail, regionSearchQuery, regionSearchResult, regionSummary } from './schemas.ts';

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/regions/search', { schema: { tags: ['regions'], querystring: regionSearchQuery, response: { 200: z.array(regionSearchResult) } } }, async (request) =>
    findRegions({ db, actor: requireActor(request), ...request.query }),
  );
  app.get('/api/regions/:code', { schema: { tags: ['regions'], params: regionCodeParams, response: { 200: regionDetail } } }, async (request) =>
    getRegion({ db, actor: requireActor(request), code: request.params.code }),
  );
  app.get('/api/regions/:code/children', { schema: { tags: ['regions'], params: regionCodeParams, response: { 200: z.array(childRegion) } } }, async (request) =>
    listRegionChildren({ db, actor: requireActor(request), code: request.params.code }),
  );
  app.get('/api/regions/:code/ancestors', { schema: { tags: ['regions'], params: regionCodeParams, response: { 200: z.array(regionSummary) } } }, async (request) =>
    listRegionAncestors({ db, actor: requireActor(request), code: request.params.code }),
  );
};
