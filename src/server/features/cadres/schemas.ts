// Request and response shapes of the cadre roster.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';
import { categories, leadingBodies, programmes } from '../../lib/roster-vocabulary.ts';

const regionCode = z.string().regex(/^\d{2,12}$/, 'a division code');
const booleanString = z.enum(['true', 'false']).transform((value) => value === 'true');

export const cadreFilterQuery = z.strictObject({
  regionCode: regionCode.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  category: z.enum(categories).optional(),
  isLeader: booleanString.optional(),
  programme: z.enum([...programmes, 'any', 'none']).optional(),
  assigned: booleanString.optional(),
  q: z.string().trim().max(40).optional(),
});

export const listCadresQuery = cadreFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'birthYear', 'unit']).default('name'),
});

export const cadreRow = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthYear: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  post: z.string(),
  rank: z.string(),
  isLeader: z.boolean(),
  leadingBody: z.enum(leadingBodies).nullable(),
  category: z.enum(categories),
  isCategoryOverridden: z.boolean(),
  skills: z.array(z.string()),
  phone: z.string().nullable(),
  homeRegionCode: z.string().nullable(),
  programme: z.enum(programmes).nullable(),
  version: z.number().int(),
});

export const listCadresResponse = z.object({ total: z.number().int(), items: z.array(cadreRow) });

export const historyEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  /** Names of what values refer to by id or code (units, regions, a prior posting's point), per field and side. */
  names: z.record(z.string(), z.object({ before: z.string().optional(), after: z.string().optional() })),
});

export const cadreDetail = cadreRow.extend({
  homeRegionPath: z.string().nullable(),
  priorPostings: z.array(
    z.object({ id: z.number().int(), programme: z.enum(programmes), pointId: z.number().int(), pointName: z.string(), regionCode: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable() }),
  ),
  history: z.array(historyEntry),
  canEdit: z.boolean(),
  canRevealPhone: z.boolean(),
});

export const cadreIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const updateCadreBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(32).optional(),
  gender: z.enum(['male', 'female']).optional(),
  birthYear: z.number().int().min(1940).max(2010).optional(),
  unitId: z.number().int().positive().optional(),
  post: z.string().trim().min(1).max(64).optional(),
  rank: z.string().trim().max(64).optional(),
  isLeader: z.boolean().optional(),
  leadingBody: z.enum(leadingBodies).nullable().optional(),
  category: z.enum(categories).optional(),
  skills: z.array(z.string().trim().min(1).max(16)).max(12).optional(),
  phone: z.string().trim().regex(/^1\d{10}$/, bilingual('手机号应为 1 开头的 11 位数字', 'a mobile number is 11 digits starting with 1')).nullable().optional(),
  homeRegionCode: z.string().regex(/^\d{12}$/, 'a village code of 12 digits').nullable().optional(),
});

export const revealBody = z.strictObject({ reason: z.string().trim().min(4).max(200) });
export const revealPhoneResponse = z.object({ phone: z.string().nullable() });
