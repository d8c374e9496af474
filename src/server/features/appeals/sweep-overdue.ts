// The overdue rules, run every minute: an overdue case is supervised (督办) by the system; a case
// still overdue one working day after its supervision climbs one rung of the ladder (when the
// dispatch catalogue names a unit there). Each is an ordinary step of the transition table.
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { actOnAppeal } from './act-on-appeal.ts';
import { loadDeadlineSettings } from './deadlines.ts';
import { findOverdueOpenAppeals } from './queries.ts';
import { addTimeLimit } from './working-calendar.ts';

const escalatingStates = new Set(['dispatched', 'accepted', 'in_progress', 'rectifying']);

/** Applies the overdue rules at `now`; returns how many cases were supervised and escalated. */
export async function sweepOverdueAppeals(options: { db: Db; now?: Date; limit?: number }) {
  const { db } = options;
  const now = options.now ?? new Date();
  const settings = await loadDeadlineSettings(db);
  const overdue = await findOverdueOpenAppeals(db, now, options.limit ?? 500);
  let supervised = 0;
  let escalated = 0;
  for (const row of overdue) {
    try {
      if (!row.is_supervised) {
        await actOnAppeal({ db, taker: { kind: 'system' }, id: row.id, event: 'supervise', version: row.version, input: { reason: '超期自动督办' }, now });
        supervised += 1;
      } else if (escalatingStates.has(row.state) && row.level < 3 && addTimeLimit(settings.calendar, new Date(row.due_at!), { unit: 'working_days', amount: 1 }).getTime() <= now.getTime()) {
        await actOnAppeal({ db, taker: { kind: 'system' }, id: row.id, event: 'escalate', version: row.version, input: { reason: '督办后仍超期，自动升级' }, now });
        escalated += 1;
      }
    } catch (error) {
      // Someone acted on the case meanwhile, or no unit sits on the next rung: leave it for people.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return { supervised, escalated };
}
