// The deadline calendar: holidays, make-up working days, extensions, hour limits, colours.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addTimeLimit, createWorkingCalendar, deadlineColour, extendDeadline, localDate } from './working-calendar.ts';

const calendar = createWorkingCalendar();
const at = (local: string) => new Date(`${local}+08:00`);

describe('working calendar', () => {
  it('treats weekends as off and weekdays as working days', () => {
    assert.equal(calendar.isWorkingDay('2026-11-28'), false); // Saturday
    assert.equal(calendar.isWorkingDay('2026-11-30'), true); // Monday
  });

  it('takes public holidays off and counts make-up Saturdays and Sundays as working days', () => {
    assert.equal(calendar.isWorkingDay('2026-10-01'), false);
    assert.equal(calendar.isWorkingDay('2026-10-07'), false);
    assert.equal(calendar.isWorkingDay('2026-10-10'), true); // Saturday worked for National Day
    assert.equal(calendar.isWorkingDay('2026-02-14'), true); // Saturday before Spring Festival
    assert.equal(calendar.isWorkingDay('2026-02-18'), false);
  });

  it('ends 7 working days at the close of the 7th working day after the start day', () => {
    // Monday 30 Nov 2026 10:00 → Tue 1 … Wed 9 Dec is the 7th working day → deadline Thu 10 Dec 00:00.
    const deadline = addTimeLimit(calendar, at('2026-11-30T10:00:00'), { unit: 'working_days', amount: 7 });
    assert.equal(deadline.toISOString(), at('2026-12-10T00:00:00').toISOString());
  });

  it('skips the National Day week and counts its make-up Saturday', () => {
    // Tue 29 Sep 2026: 30 Sep (1), 1–7 Oct off, 8 Oct Thu (2), 9 Fri (3), 10 Sat make-up (4), 12 Mon (5).
    const deadline = addTimeLimit(calendar, at('2026-09-29T15:00:00'), { unit: 'working_days', amount: 5 });
    assert.equal(localDate(new Date(deadline.getTime() - 1)), '2026-10-12');
  });

  it('runs hour limits on the clock through nights, weekends and holidays', () => {
    const deadline = addTimeLimit(calendar, at('2026-10-01T23:00:00'), { unit: 'hours', amount: 2 });
    assert.equal(deadline.toISOString(), at('2026-10-02T01:00:00').toISOString());
    const day = addTimeLimit(calendar, at('2026-11-28T09:00:00'), { unit: 'hours', amount: 24 });
    assert.equal(day.toISOString(), at('2026-11-29T09:00:00').toISOString());
  });

  it('extends a deadline by further working days counted from the day it closed', () => {
    const deadline = addTimeLimit(calendar, at('2026-11-30T10:00:00'), { unit: 'working_days', amount: 7 });
    const extended = extendDeadline(calendar, deadline, { unit: 'working_days', amount: 3 });
    // 9 Dec closes; Thu 10, Fri 11, Mon 14 → deadline Tue 15 Dec 00:00.
    assert.equal(extended.toISOString(), at('2026-12-15T00:00:00').toISOString());
  });

  it('turns yellow at 75% of the time and red once overdue', () => {
    const start = at('2026-12-01T00:00:00');
    const deadline = at('2026-12-05T00:00:00');
    assert.equal(deadlineColour(start, deadline, at('2026-12-03T23:00:00')), 'green');
    assert.equal(deadlineColour(start, deadline, at('2026-12-04T00:00:00')), 'yellow');
    assert.equal(deadlineColour(start, deadline, at('2026-12-05T00:00:01')), 'red');
  });

  it('uses plain weekends for a year without a published arrangement', () => {
    const other = createWorkingCalendar([]);
    assert.equal(other.isWorkingDay('2026-10-01'), true);
    assert.equal(other.isWorkingDay('2026-10-03'), false);
  });
});
