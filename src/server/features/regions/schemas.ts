// Request and response shapes of the regions API.
import { z } from 'zod';

export const regionCodeParams = z.strictObject({
  code: z.string().regex(/^\d{1,12}$/, 'a division code of digits'),
});

export const regionSummary = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  level: z.number().int(),
});

export const childRegion = regionSummary.extend({
  regionCode: z.string(),
  cadres: z.number().int(),
  points: z.number().int(),
  hasChildren: z.boolean(),
});

export const regionDetail = regionSummary.extend({
  regionCode: z.string(),
  parentCode: z.string().nullable(),
  cadres: z.number().int(),
  points: z.number().int(),
  ancestors: z.array(regionSummary),
});

export const regionSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(40),
  maxLevel: z.coerce.number().int().min(1).max(5).default(5),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const regionSearchResult = regionSummary.extend({
  regionCode: z.string(),
  path: z.string(),
});
