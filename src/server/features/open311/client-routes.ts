// HTTP: the admin's Open311 client keys (session required; the key is shown once, at creation).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { deactivateOpen311Client, issueOpen311Client, listOpen311Clients } from './manage-clients.ts';
import { clientIdParams, clientRow, createClientBody, createdClient, listClientsResponse } from './schemas.ts';

export const open311ClientRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const tags = ['open311'];
  app.get('/api/open311-clients', { schema: { tags, response: { 200: listClientsResponse } } }, async (request) => listOpen311Clients({ db, actor: requireActor(request) }));
  app.post('/api/open311-clients', { schema: { tags, body: createClientBody, response: { 201: createdClient } } }, async (request, reply) => {
    const created = await issueOpen311Client({ db, actor: requireActor(request), input: request.body });
    return reply.status(201).send(created);
  });
  app.delete('/api/open311-clients/:id', { schema: { tags, params: clientIdParams, response: { 200: clientRow } } }, async (request) =>
    deactivateOpen311Client({ db, actor: requireActor(request), id: request.params.id }),
  );
};
