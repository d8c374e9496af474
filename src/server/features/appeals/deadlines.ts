// Deadlines of appeals: time limits per urgency (and category), on the working-day calendar.
// Pure except loadDeadlineSettings, which reads the settings (cached briefly; saving clears it).
import type { Executor } from '../../db/database.ts';
import type { AppealUrgency } from '../../db/schema.ts';
import { listTimeLimits, listWorkingCalendars } from './queries.ts';
import { addTimeLimit, createWorkingCalendar, defaultCalendars, extendDeadline, type TimeLimit, type WorkingCalendar, type YearCalendar } from './working-calendar.ts';

export type LimitKind = AppealUrgency | 'acceptance' | 'rectification';

export interface DeadlineSettings {
  calendar: WorkingCalendar;
  limitFor(kind: LimitKind, categoryCode: string): TimeLimit;
}

const builtInLimits: Record<LimitKind, TimeLimit> = {
  emergency: { unit: 'hours', amount: 2 },
  urgent: { unit: 'hours', amount: 24 },
  general: { unit: 'working_days', amount: 7 },
  complex: { unit: 'working_days', amount: 15 },
  acceptance: { unit: 'working_days', amount: 1 },
  rectification: { unit: 'working_days', amount: 15 },
};

/** Settings from stored rows: a category's own limit beats the general one; a stored year replaces the built-in year. */
export function buildDeadlineSettings(
  limits: { category_code: string | null; urgency: LimitKind; unit: 'hours' | 'working_days'; amount: number }[],
  years: YearCalendar[],
): DeadlineSettings {
  const byKey = new Map(limits.map((row) => [`${row.category_code ?? ''}:${row.urgency}`, { unit: row.unit, amount: row.amount } as TimeLimit]));
  const storedYears = new Set(years.map((year) => year.year));
  const calendar = createWorkingCalendar([...defaultCalendars.filter((year) => !storedYears.has(year.year)), ...years]);
  return {
    calendar,
    limitFor: (kind, categoryCode) => byKey.get(`${categoryCode}:${kind}`) ?? byKey.get(`:${kind}`) ?? builtInLimits[kind],
  };
}

export interface Clock {
  clock_kind: 'acceptance' | 'handling' | 'rectification';
  clock_started_at: Date;
  warn_at: Date;
  due_at: Date;
}

/** A clock running from `start` to `due`, turning yellow when 75% of the time is used. */
export function clockUntil(kind: Clock['clock_kind'], start: Date, due: Date): Clock {
  return { clock_kind: kind, clock_started_at: start, warn_at: new Date(start.getTime() + 0.75 * (due.getTime() - start.getTime())), due_at: due };
}

/** The deadline of a limit started now. */
export function deadlineFrom(settings: DeadlineSettings, start: Date, kind: LimitKind, categoryCode: string): Date {
  return addTimeLimit(settings.calendar, start, settings.limitFor(kind, categoryCode));
}

/** A deadline pushed back by an approved extension of some working days. */
export function extendedDeadline(settings: DeadlineSettings, deadline: Date, days: number): Date {
  return extendDeadline(settings.calendar, deadline, { unit: 'working_days', amount: days });
}

let cached: { at: number; settings: DeadlineSettings } | null = null;

/** The current settings (re-read at most every 30 s, or after `forgetDeadlineSettings`). */
export async function loadDeadlineSettings(db: Executor): Promise<DeadlineSettings> {
  if (cached && Date.now() - cached.at < 30_000) return cached.settings;
  const [limits, years] = await Promise.all([listTimeLimits(db), listWorkingCalendars(db)]);
  const settings = buildDeadlineSettings(
    limits,
    years.map((row) => ({ year: row.year, holidays: row.holidays, workingWeekends: row.working_weekends })),
  );
  cached = { at: Date.now(), settings };
  return settings;
}

/** Drops the cached settings after an edit. */
export function forgetDeadlineSettings(): void {
  cached = null;
}
