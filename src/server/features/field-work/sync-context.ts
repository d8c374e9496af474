// What every sync handler shares: the batch's context, the record as the envelope delivers it,
// payload checks that name the field and the reason in both languages, and the error → result
// mapping (an AppError becomes 'rejected'; anything else too, as INTERNAL, which the phone retries).
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { describeZodIssue } from '../../lib/error-handler.ts';
import { AppError, splitBilingual, type FieldProblem } from '../../lib/errors.ts';
import type { FieldAccess } from './policy.ts';
import type { FieldPoint } from './point-access.ts';
import type { SyncResult } from './sync-schemas.ts';

export interface SyncContext {
  db: Db;
  actor: Actor;
  now: Date;
  /** The local (Asia/Shanghai) date of `now`. */
  today: string;
  /** Points looked up in this batch, with the caller's access. */
  points: Map<number, { point: FieldPoint; access: FieldAccess } | null>;
}

/** One record of a batch after the envelope check; the payload is still unchecked. */
export interface SyncRecord {
  clientId: string;
  kind: string;
  baseVersion?: number;
  payload: unknown;
}

/** Applies one record (in its own transaction or transactions) and says what became of it; throws AppError to reject it. */
export type SyncHandler = (context: SyncContext, record: SyncRecord) => Promise<SyncResult>;

interface IssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
}

function describeIssue(issue: IssueLike, location: string): FieldProblem[] {
  if (issue.code !== 'custom') return describeZodIssue(issue as never, location);
  // Our own checks (refine, superRefine) carry a bilingual message.
  const field = (issue.path ?? []).map(String).join('.') || location;
  const { messageZh, messageEn } = splitBilingual(issue.message ?? 'invalid value');
  return [{ field, message: messageZh ?? messageEn, messageEn }];
}

/** The checked value, or a VALIDATION error naming each field relative to the payload (`outcome`, `needs.0.categoryCode`). */
export function parsePayload<Schema extends z.ZodType>(schema: Schema, value: unknown, location = 'payload'): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap((issue) => describeIssue(issue as IssueLike, location));
  throw new AppError('VALIDATION', details.map((item) => `${item.field}：${item.message}`).join('；'), details.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details });
}

/** The result of a record that could not be applied. */
export function rejectedResult(clientId: string, error: unknown, log?: (error: unknown) => void): SyncResult {
  if (error instanceof AppError) {
    return { clientId, status: 'rejected', error: { code: error.code, message: error.messageZh, messageEn: error.messageEn, ...(error.details ? { details: error.details } : {}) } };
  }
  log?.(error);
  return { clientId, status: 'rejected', error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', messageEn: 'Internal server error; keep the record and try again later' } };
}

/** An error saying a record lost a race twice in a row; the phone simply sends it again. */
export function busyRecord(): AppError {
  return new AppError('CONFLICT', '记录正被同时修改，请稍后重试', 'The record is being changed at the same moment; send it again');
}
