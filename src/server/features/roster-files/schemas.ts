// Request and response shapes of roster imports and exports.
import { z } from 'zod';
import { cadreFilterQuery } from '../cadres/schemas.ts';
import { pointFilterQuery } from '../points/schemas.ts';
import { unitFilterQuery } from '../units/schemas.ts';

export const rosterKind = z.enum(['units', 'cadres', 'points']);

export const importParams = z.strictObject({ kind: rosterKind });

export const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  progressId: z.string().uuid().optional(),
});

export const importError = z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string(), messageEn: z.string() });

export const importReport = z.object({
  kind: rosterKind,
  fileName: z.string(),
  dryRun: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importError),
  newRows: z.array(z.number().int()),
  updatedRows: z.array(z.number().int()),
  errorSheetId: z.string().optional(),
});

export const progressParams = z.strictObject({ progressId: z.string().uuid() });
export const progressResponse = z.object({ phase: z.enum(['reading', 'validating', 'writing', 'done']), processed: z.number().int(), total: z.number().int().optional() });

export const errorSheetParams = z.strictObject({ file: z.string().regex(/^[0-9a-f-]{36}\.xlsx$/, 'an error sheet id followed by .xlsx') });

const revealQuery = {
  revealPhones: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
  reason: z.string().trim().max(200).optional(),
};

export const cadreExportQuery = cadreFilterQuery.extend(revealQuery);
export const pointExportQuery = pointFilterQuery;
export const unitExportQuery = unitFilterQuery;
