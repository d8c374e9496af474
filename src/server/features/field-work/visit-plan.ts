// Pure calendar rules of field work, on local (Asia/Shanghai) dates written 'YYYY-MM-DD': when a
// household is next due, which week and month "this week" and "this month" are, and how far a
// phone's clock may run ahead.
import { localDate } from '../appeals/working-calendar.ts';

export { localDate };

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Sunday that closes the week (Monday to Sunday) of `date`. */
export function endOfWeek(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, weekday === 0 ? 0 : 7 - weekday);
}

/** The first day of the month of `date`. */
export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/**
 * When a household is next due: never, without a visit cycle; at once (`today`), before its first
 * visit; otherwise one cycle after the latest visit, whatever its outcome (a refusal is a visit too).
 */
export function nextVisitDue(options: { lastVisitedOn: string | null; cycleDays: number | null; today: string }): string | null {
  if (!options.cycleDays) return null;
  if (!options.lastVisitedOn) return options.today;
  return addDays(options.lastVisitedOn, options.cycleDays);
}

/** True when a recorded date lies more than a day after today (a phone clock may run a day ahead, not more). */
export function isTooFarAhead(date: string, today: string): boolean {
  return date > addDays(today, 1);
}

/** Number of calendar days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000) + 1;
}
