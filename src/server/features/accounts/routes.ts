// HTTP: account management for the campaign office and the system admin.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { issueCadreLogins } from './issue-cadre-logins.ts';
import { createAccount, listAccountsInScope, updateAccount } from './manage-accounts.ts';
import {
  accountIdParams,
  accountRow,
  createAccountBody,
  issueCadreLoginsBody,
  issueCadreLoginsResponse,
  listAccountsQuery,
  listAccountsResponse,
  updateAccountBody,
} from './schemas.ts';

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/accounts', { schema: { tags: ['accounts'], querystring: listAccountsQuery, response: { 200: listAccountsResponse } } }, async (request) =>
    listAccountsInScope({ db, actor: requireActor(request), ...request.query }),
  );
  app.post('/api/accounts', { schema: { tags: ['accounts'], body: createAccountBody, response: { 201: accountRow } } }, async (request, reply) => {
    const account = await createAccount({ db, actor: requireActor(request), input: request.body });
    return reply.status(201).send(account);
  });
  app.patch(
    '/api/accounts/:id',
    { schema: { tags: ['accounts'], params: accountIdParams, body: updateAccountBody, response: { 200: accountRow } } },
    async (request) => updateAccount({ db, sessionCache: app.sessionCache, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/api/accounts/cadre-logins',
    { schema: { tags: ['accounts'], body: issueCadreLoginsBody, response: { 200: issueCadreLoginsResponse } } },
    async (request) => issueCadreLogins({ db, actor: requireActor(request), ...request.body }),
  );
};
