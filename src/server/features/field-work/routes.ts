// HTTP: field work — the phone's one sync endpoint and the reads it (and the console) needs.
// The contract is written up for the phone in docs/field-work-api.md.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { getUnitDiary, listMyDiary } from './browse-diary.ts';
import { getVisitCoverage, listMyFieldPoints, listPointHouseholds } from './browse-field-points.ts';
import { getMeeting, listPointActivities, listPointMeetings } from './browse-meetings.ts';
import {
  activityRow,
  coverageResponse,
  diaryResponse,
  householdsQuery,
  householdsResponse,
  meetingDetail,
  meetingParams,
  meetingSummary,
  myPoint,
  periodQuery,
  pointParams,
  unitDiaryQuery,
  unitDiaryResponse,
} from './schemas.ts';
import { syncFieldRecords } from './sync-field-records.ts';
import { syncBody, syncResponse } from './sync-schemas.ts';

export const fieldWorkRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  // 200 records, and appeal records may carry photos (as POST /api/appeals does).
  app.post('/api/field/sync', { bodyLimit: 16 * 1024 * 1024, schema: { tags: ['field-work'], body: syncBody, response: { 200: syncResponse } } }, async (request) =>
    syncFieldRecords({ db, actor: requireActor(request), records: request.body.records, log: (error) => request.log.error({ err: error }, 'sync record failed') }),
  );
  app.get('/api/field/my-points', { schema: { tags: ['field-work'], response: { 200: z.array(myPoint) } } }, async (request) => listMyFieldPoints({ db, actor: requireActor(request) }));
  app.get('/api/field/points/:pointId/households', { schema: { tags: ['field-work'], params: pointParams, querystring: householdsQuery, response: { 200: householdsResponse } } }, async (request) =>
    listPointHouseholds({ db, actor: requireActor(request), pointId: request.params.pointId, due: request.query.due }),
  );
  app.get('/api/field/points/:pointId/coverage', { schema: { tags: ['field-work'], params: pointParams, querystring: periodQuery, response: { 200: coverageResponse } } }, async (request) =>
    getVisitCoverage({ db, actor: requireActor(request), pointId: request.params.pointId, ...request.query }),
  );
  app.get('/api/field/points/:pointId/meetings', { schema: { tags: ['field-work'], params: pointParams, response: { 200: z.array(meetingSummary) } } }, async (request) =>
    listPointMeetings({ db, actor: requireActor(request), pointId: request.params.pointId }),
  );
  app.get('/api/field/meetings/:id', { schema: { tags: ['field-work'], params: meetingParams, response: { 200: meetingDetail } } }, async (request) =>
    getMeeting({ db, actor: requireActor(request), id: request.params.id }),
  );
  app.get('/api/field/points/:pointId/activities', { schema: { tags: ['field-work'], params: pointParams, response: { 200: z.array(activityRow) } } }, async (request) =>
    listPointActivities({ db, actor: requireActor(request), pointId: request.params.pointId }),
  );
  app.get('/api/field/diary', { schema: { tags: ['field-work'], querystring: periodQuery, response: { 200: diaryResponse } } }, async (request) =>
    listMyDiary({ db, actor: requireActor(request), ...request.query }),
  );
  app.get('/api/field/diary/unit', { schema: { tags: ['field-work'], querystring: unitDiaryQuery, response: { 200: unitDiaryResponse } } }, async (request) =>
    getUnitDiary({ db, actor: requireActor(request), ...request.query }),
  );
};
