// HTTP: roster spreadsheets — import (dry run or commit), progress, error sheets, templates, exports.
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { downloadTemplate } from './download-template.ts';
import { openErrorSheet } from './error-sheets.ts';
import { exportRoster } from './export-roster.ts';
import { importUploadedRoster } from './import-upload.ts';
import { readProgress } from './progress.ts';
import { cadreExportQuery, errorSheetParams, importParams, importQuery, importReport, pointExportQuery, progressParams, progressResponse, unitExportQuery } from './schemas.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendWorkbook(reply: FastifyReply, file: { fileName: string; stream: Readable }) {
  return reply
    .type(xlsxType)
    .header('content-disposition', `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.stream);
}

export const rosterFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const database = app.database;
  const tags = ['roster files'];
  app.post(
    '/api/imports/:kind',
    {
      schema: {
        tags,
        summary: 'Import a roster sheet: dry run or commit',
        description:
          'Multipart upload, field `file` (.xlsx or .csv). Answers when done: 200 with the report (dry run, or a commit that wrote every row), ' +
          '422 with the report when a commit finds any bad row (nothing is written), 400 when the file is not a readable .xlsx or .csv. ' +
          'Pass a client-chosen UUID as `progressId` to poll GET /api/imports/progress/{progressId} meanwhile.',
        params: importParams,
        querystring: importQuery,
        response: { 200: importReport, 422: importReport },
      },
    },
    async (request, reply) => {
      const report = await importUploadedRoster({ database, actor: requireActor(request), kind: request.params.kind, ...request.query, upload: () => request.file() });
      return reply.status(report.dryRun || report.errors.length === 0 ? 200 : 422).send(report);
    },
  );
  const progressSchema = { tags, summary: 'Progress of a running import, by the progressId its upload gave (404 until the upload starts)', params: progressParams, response: { 200: progressResponse } };
  app.get('/api/imports/progress/:progressId', { schema: progressSchema }, async (request) => {
    const progress = readProgress(request.params.progressId, requireActor(request).accountId);
    if (!progress) throw notFound('导入进度', 'Import progress');
    return progress;
  });
  app.get('/api/imports/errors/:file', { schema: { tags, params: errorSheetParams } }, async (request, reply) => {
    const sheet = openErrorSheet(request.params.file.replace(/\.xlsx$/, ''), requireActor(request).accountId);
    if (!sheet) throw notFound('错误行表', 'Error sheet');
    return sendWorkbook(reply, sheet);
  });
  app.get('/api/imports/:kind/template.xlsx', { schema: { tags, params: importParams } }, async (request, reply) =>
    sendWorkbook(reply, downloadTemplate({ actor: requireActor(request), kind: request.params.kind })),
  );
  app.get('/api/exports/cadres.xlsx', { schema: { tags, querystring: cadreExportQuery } }, async (request, reply) =>
    sendWorkbook(reply, await exportRoster({ database, actor: requireActor(request), kind: 'cadres', query: request.query })),
  );
  app.get('/api/exports/points.xlsx', { schema: { tags, querystring: pointExportQuery } }, async (request, reply) =>
    sendWorkbook(reply, await exportRoster({ database, actor: requireActor(request), kind: 'points', query: request.query })),
  );
  app.get('/api/exports/units.xlsx', { schema: { tags, querystring: unitExportQuery } }, async (request, reply) =>
    sendWorkbook(reply, await exportRoster({ database, actor: requireActor(request), kind: 'units', query: request.query })),
  );
};
