// HTTP: questionnaires for staff — build or import a form, list and read forms, open and close
// them, make a public link, take in answers, results per question and the .xlsx export.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { acceptQuestionnaireResponse } from './accept-response.ts';
import { createQuestionnaire } from './create-questionnaire.ts';
import { importXlsForm } from './import-xlsform.ts';
import { browseQuestionnaires, createPublicLink, getQuestionnaire, setQuestionnaireOpenState } from './manage-questionnaires.ts';
import { exportQuestionnaireResponses, getQuestionnaireResults } from './read-results.ts';
import {
  createdQuestionnaire,
  createQuestionnaireBody,
  publicLinkResponse,
  questionnaireDetail,
  questionnaireIdParams,
  questionnaireSummary,
  responseBody,
  responseResult,
  resultsQuery,
  resultsResponse,
  setOpenBody,
} from './schemas.ts';

const tags = ['questionnaires'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// An XLSForm is a few sheets of text: a few MB is already a very large one.
const xlsFormSizeLimit = 5 * 1024 * 1024;

export const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.post(
    '/api/questionnaires',
    { schema: { tags, summary: 'Save a form built in the console (400 with every problem of the form)', body: createQuestionnaireBody, response: { 201: createdQuestionnaire } } },
    async (request, reply) => reply.status(201).send(await createQuestionnaire({ db, actor: requireActor(request), definition: request.body.definition })),
  );
  app.post(
    '/api/questionnaires/import',
    {
      schema: {
        tags,
        summary: 'Import an XLSForm (.xlsx with survey, choices and settings sheets)',
        description: 'Multipart upload, field `file`. 201 with the new form; 400 with `error.problems`: every problem as { sheet, row, column, message, messageEn }.',
        response: { 201: createdQuestionnaire },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await importXlsForm({ db, actor, upload: () => request.file({ limits: { fileSize: xlsFormSizeLimit } }) });
      return reply.status(201).send(created);
    },
  );
  app.get('/api/questionnaires', { schema: { tags, summary: 'The forms that apply to the caller', response: { 200: z.array(questionnaireSummary) } } }, async (request) =>
    browseQuestionnaires({ db, actor: requireActor(request) }),
  );
  app.get('/api/questionnaires/:id', { schema: { tags, params: questionnaireIdParams, response: { 200: questionnaireDetail } } }, async (request) =>
    getQuestionnaire({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.patch('/api/questionnaires/:id', { schema: { tags, summary: 'Open or close a form for answers', params: questionnaireIdParams, body: setOpenBody, response: { 200: questionnaireDetail } } }, async (request) =>
    setQuestionnaireOpenState({ db, actor: requireActor(request), id: request.params.id, isOpen: request.body.isOpen }),
  );
  app.post('/api/questionnaires/:id/public-link', { schema: { tags, summary: 'The public link for self-completion (made once)', params: questionnaireIdParams, response: { 200: publicLinkResponse } } }, async (request) =>
    createPublicLink({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.post(
    '/api/questionnaires/:id/responses',
    { schema: { tags, summary: 'Take in one response at a point (idempotent on clientId); may raise an appeal', params: questionnaireIdParams, body: responseBody, response: { 200: responseResult, 201: responseResult } } },
    async (request, reply) => {
      const result = await acceptQuestionnaireResponse({ db, actor: requireActor(request), questionnaireId: request.params.id, input: request.body });
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  app.get('/api/questionnaires/:id/results', { schema: { tags, params: questionnaireIdParams, querystring: resultsQuery, response: { 200: resultsResponse } } }, async (request) =>
    getQuestionnaireResults({ db, actor: requireActor(request), id: request.params.id, filter: request.query }),
  );
  app.get('/api/questionnaires/:id/export.xlsx', { schema: { tags, summary: 'The responses as .xlsx: one row per response, one column per question', params: questionnaireIdParams, querystring: resultsQuery } }, async (request, reply) => {
    const file = await exportQuestionnaireResponses({ db, actor: requireActor(request), id: request.params.id, filter: request.query });
    return reply.type(xlsxType).header('content-disposition', `attachment; filename="responses.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.stream);
  });
};
