// HTTP: the org-unit roster — find, read, edit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { browseUnits, getUnit, updateUnit } from './manage-units.ts';
import { listUnitsQuery, listUnitsResponse, unitDetail, unitIdParams, updateUnitBody } from './schemas.ts';

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/units', { schema: { tags: ['units'], querystring: listUnitsQuery, response: { 200: listUnitsResponse } } }, async (request) =>
    browseUnits({ db, actor: requireActor(request), query: request.query }),
  );
  app.get('/api/units/:id', { schema: { tags: ['units'], params: unitIdParams, response: { 200: unitDetail } } }, async (request) =>
    getUnit({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.patch('/api/units/:id', { schema: { tags: ['units'], params: unitIdParams, body: updateUnitBody, response: { 200: unitDetail } } }, async (request) =>
    updateUnit({ db, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
};
