// HTTP: the cadre roster — find, read, edit, reveal a phone.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { browseCadres, getCadre } from './browse-cadres.ts';
import { revealCadrePhone } from './reveal-cadre-phone.ts';
import { cadreDetail, cadreIdParams, listCadresQuery, listCadresResponse, revealBody, revealPhoneResponse, updateCadreBody } from './schemas.ts';
import { updateCadre } from './update-cadre.ts';

export const cadreRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/cadres', { schema: { tags: ['cadres'], querystring: listCadresQuery, response: { 200: listCadresResponse } } }, async (request) =>
    browseCadres({ db, actor: requireActor(request), query: request.query }),
  );
  app.get('/api/cadres/:id', { schema: { tags: ['cadres'], params: cadreIdParams, response: { 200: cadreDetail } } }, async (request) =>
    getCadre({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.patch('/api/cadres/:id', { schema: { tags: ['cadres'], params: cadreIdParams, body: updateCadreBody, response: { 200: cadreDetail } } }, async (request) =>
    updateCadre({ db, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/api/cadres/:id/reveal-phone',
    { schema: { tags: ['cadres'], params: cadreIdParams, body: revealBody, response: { 200: revealPhoneResponse } } },
    async (request) => revealCadrePhone({ db, actor: requireActor(request), id: request.params.id, reason: request.body.reason }),
  );
};
