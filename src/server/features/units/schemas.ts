// Request and response shapes of the org-unit roster.
import { z } from 'zod';
import { categories, leadingBodies, unitLevels } from '../../lib/roster-vocabulary.ts';
import { historyEntry } from '../cadres/schemas.ts';

export const unitFilterQuery = z.strictObject({
  regionCode: z.string().regex(/^\d{2,12}$/, 'a division code').optional(),
  level: z.enum(unitLevels).optional(),
  category: z.enum(categories).optional(),
  q: z.string().trim().max(40).optional(),
});

export const listUnitsQuery = unitFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const unitRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.enum(unitLevels),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.enum(categories),
  leadingBody: z.enum(leadingBodies).nullable(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  cadres: z.number().int(),
  version: z.number().int(),
});

export const listUnitsResponse = z.object({ total: z.number().int(), items: z.array(unitRow) });

export const unitDetail = unitRow.extend({
  leaders: z.number().int(),
  history: z.array(historyEntry),
  canEdit: z.boolean(),
});

export const unitIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const updateUnitBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(2).max(64).optional(),
  category: z.enum(categories).optional(),
  leadingBody: z.enum(leadingBodies).nullable().optional(),
  parentId: z.number().int().positive().nullable().optional(),
});
