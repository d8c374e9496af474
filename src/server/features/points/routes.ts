// HTTP: the contact-point roster — find, read, edit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { browsePoints, getPoint, updatePoint } from './manage-points.ts';
import { listPointsQuery, listPointsResponse, pointDetail, pointIdParams, updatePointBody } from './schemas.ts';

export const pointRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/points', { schema: { tags: ['points'], querystring: listPointsQuery, response: { 200: listPointsResponse } } }, async (request) =>
    browsePoints({ db, actor: requireActor(request), query: request.query }),
  );
  app.get('/api/points/:id', { schema: { tags: ['points'], params: pointIdParams, response: { 200: pointDetail } } }, async (request) =>
    getPoint({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.patch('/api/points/:id', { schema: { tags: ['points'], params: pointIdParams, body: updatePointBody, response: { 200: pointDetail } } }, async (request) =>
    updatePoint({ db, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
};
