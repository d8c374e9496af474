// HTTP: reading the audit log of the actor's region subtree.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import { listAuditEntries } from './queries.ts';

const auditQuery = z.strictObject({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: z.array(auditEntry) } } }, async (request) => {
    const actor = requireActor(request);
    if (!can(actor, 'audit.view')) throw forbidden();
    const rows = await listAuditEntries(app.database.db, { scopeRegionCode: actor.regionCode, ...request.query });
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      regionCode: row.region_code,
      before: row.before,
      after: row.after,
      details: row.details,
    }));
  });
};
