// Request and response shapes of the contact-point roster.
import { z } from 'zod';
import { needTags, pointTypes } from '../../lib/roster-vocabulary.ts';
import { historyEntry, revealBody } from '../cadres/schemas.ts';

export { revealBody };

export const pointFilterQuery = z.strictObject({
  regionCode: z.string().regex(/^\d{2,12}$/, 'a division code').optional(),
  type: z.enum(pointTypes).optional(),
  need: z.enum(needTags).optional(),
  minSeverity: z.coerce.number().int().min(1).max(3).optional(),
  assigned: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  q: z.string().trim().max(40).optional(),
});

export const listPointsQuery = pointFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'severity', 'population']).default('name'),
});

const severity = z.number().int().min(0).max(3);

export const pointRow = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  name: z.string(),
  type: z.enum(pointTypes),
  regionCode: z.string(),
  regionPath: z.string(),
  needs: z.object({ disorder: severity, difficulty: severity, poverty: severity }),
  households: z.number().int(),
  population: z.number().int(),
  minCadres: z.number().int(),
  maxCadres: z.number().int(),
  version: z.number().int(),
});

export const listPointsResponse = z.object({ total: z.number().int(), items: z.array(pointRow) });

export const pointDetail = pointRow.extend({
  needNotes: z.record(z.string(), z.string()),
  profile: z.record(z.string(), z.unknown()),
  priorPostings: z.array(z.object({ id: z.number().int(), programme: z.string(), cadreId: z.number().int(), cadreName: z.string(), unitName: z.string() })),
  history: z.array(historyEntry),
  canEdit: z.boolean(),
});

export const pointIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const updatePointBody = z
  .strictObject({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(64).optional(),
    type: z.enum(pointTypes).optional(),
    needs: z.strictObject({ disorder: severity, difficulty: severity, poverty: severity }).optional(),
    needNotes: z.record(z.enum(needTags), z.string().max(200)).optional(),
    households: z.number().int().min(0).max(1_000_000).optional(),
    population: z.number().int().min(0).max(10_000_000).optional(),
    profile: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).optional(),
    minCadres: z.number().int().min(0).max(20).optional(),
    maxCadres: z.number().int().min(0).max(20).optional(),
  });
