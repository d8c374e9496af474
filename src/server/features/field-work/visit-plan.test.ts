import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, daysBetween, endOfWeek, isTooFarAhead, localDate, nextVisitDue, startOfMonth } from './visit-plan.ts';

describe('visit plan', () => {
  it('makes a household without a cycle never due, a new one due at once, a visited one due a cycle later', () => {
    assert.equal(nextVisitDue({ lastVisitedOn: '2024-05-01', cycleDays: null, today: '2024-05-10' }), null);
    assert.equal(nextVisitDue({ lastVisitedOn: null, cycleDays: 30, today: '2024-05-10' }), '2024-05-10');
    assert.equal(nextVisitDue({ lastVisitedOn: '2024-05-01', cycleDays: 14, today: '2024-05-10' }), '2024-05-15');
  });

  it('closes the week on Sunday and starts the month on the 1st', () => {
    assert.equal(endOfWeek('2024-05-13'), '2024-05-19'); // Monday
    assert.equal(endOfWeek('2024-05-19'), '2024-05-19'); // Sunday
    assert.equal(endOfWeek('2024-12-31'), '2025-01-05');
    assert.equal(startOfMonth('2024-02-29'), '2024-02-01');
  });

  it('lets a phone clock run one day ahead, not two', () => {
    assert.equal(isTooFarAhead('2024-05-11', '2024-05-10'), false);
    assert.equal(isTooFarAhead('2024-05-12', '2024-05-10'), true);
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(daysBetween('2024-05-01', '2024-05-31'), 31);
  });

  it('reckons local dates in China Standard Time', () => {
    assert.equal(localDate(new Date('2024-05-10T16:30:00Z')), '2024-05-11');
    assert.equal(localDate(new Date('2024-05-10T15:59:00Z')), '2024-05-10');
  });
});
