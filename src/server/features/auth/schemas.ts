// Request and response shapes of sign-in and the profile.
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'office', 'leader', 'cadre', 'handler', 'agent']);

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10).max(256),
});

export const meResponse = z.object({
  accountId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  cadreId: z.number().int().nullable(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
});

export const okResponse = z.object({ ok: z.literal(true) });
