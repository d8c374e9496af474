// Use case: apply a batch of records queued on a phone, in order, each on its own (its own
// transaction or transactions), and say what became of each — created, duplicate, updated,
// conflict or rejected — in the same order. Every record carries the phone's own id, so a batch
// sent twice (a retry, a reload, a server killed mid-sync) changes nothing the second time.
// A new kind of record is one entry in `syncHandlers`.
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalidField } from '../../lib/errors.ts';
import { syncActivity } from './sync-activity.ts';
import { syncAppeal } from './sync-appeal.ts';
import { parsePayload, rejectedResult, type SyncContext, type SyncHandler } from './sync-context.ts';
import { syncDiary } from './sync-diary.ts';
import { syncHousehold } from './sync-household.ts';
import { syncDecisionProgress, syncMeeting } from './sync-meeting.ts';
import { syncRecordEnvelope, type SyncResult } from './sync-schemas.ts';
import { syncVisit } from './sync-visit.ts';
import { syncResponse } from './sync-response.ts';
import { localDate } from './visit-plan.ts';

/** Each record kind and the handler that applies it. */
export const syncHandlers: Record<string, SyncHandler> = {
  household: syncHousehold,
  visit: syncVisit,
  meeting: syncMeeting,
  decision: syncDecisionProgress,
  activity: syncActivity,
  diary: syncDiary,
  appeal: syncAppeal,
  response: syncResponse,
};

/** The client id a result names, even for a record whose envelope is malformed. */
function clientIdOf(raw: unknown): string {
  const value = raw && typeof raw === 'object' ? (raw as { clientId?: unknown }).clientId : undefined;
  return typeof value === 'string' ? value.slice(0, 64) : '';
}

/** Applies the records in order; one record's failure never stops the others. */
export async function syncFieldRecords(options: { db: Db; actor: Actor; records: unknown[]; now?: Date; log?: (error: unknown) => void }): Promise<{ results: SyncResult[] }> {
  const now = options.now ?? new Date();
  const context: SyncContext = { db: options.db, actor: options.actor, now, today: localDate(now), points: new Map() };
  const results: SyncResult[] = [];
  for (const raw of options.records) {
    try {
      const record = parsePayload(syncRecordEnvelope, raw, 'record');
      const handler = Object.hasOwn(syncHandlers, record.kind) ? syncHandlers[record.kind] : undefined;
      if (!handler) throw invalidField('kind', `未知的记录类型，应为 ${Object.keys(syncHandlers).join(' / ')}`, `unknown kind; must be one of ${Object.keys(syncHandlers).join(', ')}`);
      results.push(await handler(context, record));
    } catch (error) {
      results.push(rejectedResult(clientIdOf(raw), error, options.log));
    }
  }
  return { results };
}
