// Request and response shapes of roster imports and exports.
import { z } from 'zod';
import { cadreFilterQuery } from '../cadres/schemas.ts';
import { pointFilterQuery } from '../points/schemas.ts';
import { unitFilterQuery } from '../units/schemas.ts';

export const rosterKind = z.enum(['units', 'cadres', 'points']);

export const importParams = z.strictObject({ kind: rosterKind });

export const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: validate and classify only, write nothing (answers 200); false: commit all rows or none (422 when any row is bad)'),
  progressId: z
    .string()
    .uuid()
    .optional()
    .describe('A UUID chosen by the client: poll GET /api/imports/progress/{progressId} while this request runs'),
});

export const importError = z
  .object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string(), messageEn: z.string() })
  .describe('A bad cell: row as numbered in the spreadsheet, column header as written, the value as written, the reason in Chinese (message) and English (messageEn)');

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
  errors: z.array(importError).describe('every bad cell, by row (the first 5,000; the error sheet holds them all)'),
  newRows: z.array(z.number().int()).describe('sheet rows that are new records (first 1,000)'),
  updatedRows: z.array(z.number().int()).describe('sheet rows that update a stored record (first 1,000)'),
  errorSheetId: z.string().optional().describe('download the rejected rows with GET /api/imports/errors/{errorSheetId}.xlsx'),
  progressId: z.string().optional(),
});

export const progressParams = z.strictObject({ progressId: z.string().uuid() });
export const progressResponse = z.object({
  phase: z.enum(['uploading', 'reading', 'validating', 'writing', 'done']),
  processed: z.number().int(),
  total: z.number().int().optional(),
});

export const errorSheetParams = z.strictObject({ file: z.string().regex(/^[0-9a-f-]{36}\.xlsx$/, 'an error sheet id followed by .xlsx') });

const revealQuery = {
  revealPhones: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
  reason: z.string().trim().max(200).optional(),
};

export const cadreExportQuery = cadreFilterQuery.extend(revealQuery);
export const pointExportQuery = pointFilterQuery;
export const unitExportQuery = unitFilterQuery;
