// Request and response shapes of issues: groups of alike cases owned by one level.
import { z } from 'zod';

const regionPrefix = z.string().regex(/^\d{2,12}$/);

export const issueSuggestionsQuery = z.strictObject({
  regionCode: regionPrefix.optional(),
  days: z.coerce.number().int().min(1).max(365).default(30),
  threshold: z.coerce.number().min(0.1).max(1).default(0.5),
  minCases: z.coerce.number().int().min(2).max(100).default(3),
});

export const issueSuggestionsResponse = z.object({
  items: z.array(
    z.object({
      categoryCode: z.string(),
      title: z.string(),
      appealIds: z.array(z.number().int()),
      points: z.number().int(),
      regionCode: z.string(),
      regionPath: z.string(),
      level: z.number().int(),
      unitId: z.number().int().nullable(),
      unitName: z.string().nullable(),
    }),
  ),
});

export const createIssueBody = z.strictObject({
  title: z.string().trim().min(2).max(80),
  appealIds: z.array(z.number().int().positive()).min(2).max(500),
  level: z.number().int().min(0).max(3).optional(),
  unitId: z.number().int().positive().optional(),
});

export const createIssueResponse = z.object({ id: z.number().int(), level: z.number().int(), regionCode: z.string(), unitId: z.number().int().nullable() });

export const listIssuesQuery = z.strictObject({ regionCode: regionPrefix.optional() });
export const listIssuesResponse = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      categoryCode: z.string(),
      level: z.number().int(),
      regionCode: z.string(),
      regionName: z.string(),
      unitName: z.string().nullable(),
      createdAt: z.string(),
      cases: z.number().int(),
      openCases: z.number().int(),
      points: z.number().int(),
    }),
  ),
});
