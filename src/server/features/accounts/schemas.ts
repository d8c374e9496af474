// Request and response shapes of account management.
import { z } from 'zod';
import { roleSchema } from '../auth/schemas.ts';

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore');

export const accountRow = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  cadreId: z.number().int().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number().int(),
  lastLoginAt: z.string().nullable(),
});

export const listAccountsQuery = z.strictObject({
  regionCode: z.string().regex(/^\d{1,12}$/).optional(),
  role: roleSchema.optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const listAccountsResponse = z.object({ total: z.number().int(), items: z.array(accountRow) });

export const createAccountBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(64),
  role: roleSchema,
  regionCode: z.string().regex(/^\d{2,12}$/),
  unitId: z.number().int().positive().nullable().default(null),
  cadreId: z.number().int().positive().nullable().default(null),
  password: z.string().min(10).max(256),
});

export const updateAccountBody = z.strictObject({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1).max(64).optional(),
  isActive: z.boolean().optional(),
  newPassword: z.string().min(10).max(256).optional(),
});

export const accountIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const issueCadreLoginsBody = z.strictObject({
  regionCode: z.string().regex(/^\d{2,12}$/),
  unitId: z.number().int().positive().optional(),
  cadreIds: z.array(z.number().int().positive()).max(5000).optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const issueCadreLoginsResponse = z.object({
  issued: z.number().int(),
  skipped: z.number().int(),
  logins: z.array(z.object({ cadreId: z.number().int(), name: z.string(), unitName: z.string(), username: z.string(), initialPassword: z.string() })),
});
