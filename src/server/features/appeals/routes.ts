// HTTP: appeals for staff — intake, lists, the case page, workflow steps, reveals, photos,
// similar cases, the dispatch catalogue and the working-day calendar.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { actOnAppeal } from './act-on-appeal.ts';
import { browseAppeals, findVisibleAppeal, getAppealDetail, getAppealPhoto, listAppealCategories, listSimilarAppeals, revealAppealContact } from './browse-appeals.ts';
import { browseCatalogue, getWorkingCalendar, removeCatalogueRow, saveCatalogueRow, saveWorkingCalendar } from './manage-appeal-settings.ts';
import { addMeToo } from './public-appeals.ts';
import { browseAppealIssues, createAppealIssue, suggestAppealGroups } from './group-appeals.ts';
import { createIssueBody, createIssueResponse, issueSuggestionsQuery, issueSuggestionsResponse, listIssuesQuery, listIssuesResponse } from './issue-schemas.ts';
import {
  actOnAppealBody,
  appealDetail,
  appealIdParams,
  calendarBody,
  calendarParams,
  calendarResponse,
  catalogueBody,
  catalogueIdParams,
  catalogueQuery,
  catalogueRow,
  categoryRow,
  listAppealsQuery,
  listAppealsResponse,
  meTooBody,
  revealContactBody,
  revealContactResponse,
  similarAppealsResponse,
  submitAppealBody,
  submitResponse,
} from './schemas.ts';
import { submitAppeal } from './submit-appeal.ts';
import { exportAppeals } from './export-appeals.ts';

const photoParams = appealIdParams.extend({ photoId: z.coerce.number().int().positive() });

export const appealRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get('/api/appeal-categories', { schema: { tags: ['appeals'], response: { 200: z.array(categoryRow) } } }, async (request) => {
    requireActor(request);
    return listAppealCategories(db);
  });
  // Photos travel inside the JSON (an offline phone queues one self-contained request).
  app.post('/api/appeals', { bodyLimit: 12 * 1024 * 1024, schema: { tags: ['appeals'], body: submitAppealBody, response: { 200: submitResponse, 201: submitResponse } } }, async (request, reply) => {
    const result = await submitAppeal({ db, submitter: { kind: 'staff', actor: requireActor(request) }, parsedInput: request.body });
    return reply.status(result.isNew ? 201 : 200).send(result);
  });
  app.get('/api/appeals', { schema: { tags: ['appeals'], querystring: listAppealsQuery, response: { 200: listAppealsResponse } } }, async (request) =>
    browseAppeals({ db, actor: requireActor(request), query: request.query }),
  );
  app.get('/api/exports/appeals.xlsx', { schema: { tags: ['appeals'], querystring: listAppealsQuery } }, async (request, reply) => {
    const file = await exportAppeals({ db, actor: requireActor(request), query: request.query });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="appeals.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.stream);
  });
  app.get('/api/appeals/:id', { schema: { tags: ['appeals'], params: appealIdParams, response: { 200: appealDetail } } }, async (request) =>
    getAppealDetail({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.post('/api/appeals/:id/events', { schema: { tags: ['appeals'], params: appealIdParams, body: actOnAppealBody, response: { 200: appealDetail } } }, async (request) => {
    const actor = requireActor(request);
    const { event, version, ...input } = request.body;
    await actOnAppeal({ db, taker: { kind: 'staff', actor }, id: request.params.id, event, version, input });
    return getAppealDetail({ db, actor, id: request.params.id });
  });
  app.post('/api/appeals/:id/me-too', { schema: { tags: ['appeals'], params: appealIdParams, body: meTooBody, response: { 200: appealDetail } } }, async (request) => {
    const actor = requireActor(request);
    const appeal = await findVisibleAppeal(db, actor, request.params.id);
    await addMeToo({ db, taker: { kind: 'staff', actor }, appealId: appeal.id, version: appeal.version, clientId: request.body.clientId, note: request.body.note ?? null, pointId: request.body.pointId ?? appeal.point_id, regionCode: appeal.region_code });
    return getAppealDetail({ db, actor, id: appeal.id });
  });
  app.post(
    '/api/appeals/:id/reveal-contact',
    { schema: { tags: ['appeals'], params: appealIdParams, body: revealContactBody, response: { 200: revealContactResponse } } },
    async (request) => revealAppealContact({ db, actor: requireActor(request), id: request.params.id, reason: request.body.reason }),
  );
  app.get('/api/appeals/:id/similar', { schema: { tags: ['appeals'], params: appealIdParams, response: { 200: similarAppealsResponse } } }, async (request) =>
    listSimilarAppeals({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.get('/api/appeals/:id/photos/:photoId', { schema: { tags: ['appeals'], params: photoParams } }, async (request, reply) => {
    const photo = await getAppealPhoto({ db, actor: requireActor(request), id: request.params.id, photoId: request.params.photoId });
    return reply.type(photo.content_type).header('cache-control', 'private, max-age=3600').send(Buffer.from(photo.content));
  });

  app.get('/api/appeal-issues', { schema: { tags: ['appeals'], querystring: listIssuesQuery, response: { 200: listIssuesResponse } } }, async (request) =>
    browseAppealIssues({ db, actor: requireActor(request), regionCode: request.query.regionCode }),
  );
  app.get('/api/appeal-issues/suggestions', { schema: { tags: ['appeals'], querystring: issueSuggestionsQuery, response: { 200: issueSuggestionsResponse } } }, async (request) =>
    suggestAppealGroups({ db, actor: requireActor(request), query: request.query }),
  );
  app.post('/api/appeal-issues', { schema: { tags: ['appeals'], body: createIssueBody, response: { 201: createIssueResponse } } }, async (request, reply) =>
    reply.status(201).send(await createAppealIssue({ db, actor: requireActor(request), body: request.body })),
  );

  app.get('/api/dispatch-catalogue', { schema: { tags: ['appeals'], querystring: catalogueQuery, response: { 200: z.array(catalogueRow) } } }, async (request) =>
    browseCatalogue({ db, actor: requireActor(request), query: request.query }),
  );
  app.post('/api/dispatch-catalogue', { schema: { tags: ['appeals'], body: catalogueBody, response: { 200: z.object({ id: z.number().int() }) } } }, async (request) =>
    saveCatalogueRow({ db, actor: requireActor(request), body: request.body }),
  );
  app.delete('/api/dispatch-catalogue/:id', { schema: { tags: ['appeals'], params: catalogueIdParams } }, async (request, reply) => {
    await removeCatalogueRow({ db, actor: requireActor(request), id: request.params.id });
    return reply.status(204).send();
  });
  app.get('/api/working-calendars/:year', { schema: { tags: ['appeals'], params: calendarParams, response: { 200: calendarResponse } } }, async (request) =>
    getWorkingCalendar({ db, actor: requireActor(request), year: request.params.year }),
  );
  app.put('/api/working-calendars/:year', { schema: { tags: ['appeals'], params: calendarParams, body: calendarBody, response: { 200: calendarResponse } } }, async (request) =>
    saveWorkingCalendar({ db, actor: requireActor(request), year: request.params.year, body: request.body }),
  );
};
