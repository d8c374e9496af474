// China's working-day calendar: weekends off, public holidays off, make-up working days
// (调休上班) on, configurable per year. Deadlines count working days or clock hours from a start.

export interface YearCalendar {
  year: number;
  /** Public holidays (YYYY-MM-DD) that fall off work. */
  holidays: string[];
  /** Weekend days that are working days (调休). */
  workingWeekends: string[];
}

/** The State Council's published arrangements (国务院办公厅关于部分节假日安排的通知). */
export const defaultCalendars: YearCalendar[] = [
  {
    year: 2025,
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** Every date from `from` to `to` inclusive, as YYYY-MM-DD. */
function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

/** Builds a calendar from year arrangements; years without one use plain weekends. */
export function createWorkingCalendar(years: YearCalendar[] = defaultCalendars): WorkingCalendar {
  const holidays = new Set(years.flatMap((year) => year.holidays));
  const workingWeekends = new Set(years.flatMap((year) => year.workingWeekends));
  return {
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workingWeekends.has(date)) return true;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

// Deadlines are reckoned in China Standard Time (UTC+8, no daylight saving).
const offsetMs = 8 * 3_600_000;

/** The local (UTC+8) calendar date of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** The instant of local midnight at the start of a local date. */
function startOfLocalDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - offsetMs);
}

function nextDate(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}

export type TimeLimit = { unit: 'hours'; amount: number } | { unit: 'working_days'; amount: number };

/**
 * The deadline of a time limit started at `start`: hours run on the clock; N working days end at
 * the close (local midnight) of the N-th working day after the start day (the start day itself
 * does not count, as 12345 rules reckon it).
 */
export function addTimeLimit(calendar: WorkingCalendar, start: Date, limit: TimeLimit): Date {
  if (limit.unit === 'hours') return new Date(start.getTime() + limit.amount * 3_600_000);
  let date = localDate(start);
  let counted = 0;
  while (counted < limit.amount) {
    date = nextDate(date);
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  return startOfLocalDay(nextDate(date));
}

/** Extends a deadline by more working days (an approved extension) or hours. */
export function extendDeadline(calendar: WorkingCalendar, deadline: Date, extra: TimeLimit): Date {
  if (extra.unit === 'hours') return new Date(deadline.getTime() + extra.amount * 3_600_000);
  // A working-day deadline ends at a local midnight: count on from the day it closes.
  return addTimeLimit(calendar, new Date(deadline.getTime() - 1), extra);
}

export type DeadlineColour = 'green' | 'yellow' | 'red';

/** Green while under 75% of the time is used, yellow from 75%, red once overdue. */
export function deadlineColour(start: Date, deadline: Date, now: Date): DeadlineColour {
  if (now.getTime() > deadline.getTime()) return 'red';
  const used = (now.getTime() - start.getTime()) / Math.max(1, deadline.getTime() - start.getTime());
  return used >= 0.75 ? 'yellow' : 'green';
}
