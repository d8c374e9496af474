import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addCounts,
  canViewMeasures,
  childRegionCodeLength,
  emptyCounts,
  measureKeys,
  measuresFrom,
  periodRange,
  rateOf,
  resolvePeriod,
  shanghaiDate,
  type MeasureCounts,
} from './measures.ts';

const counts: MeasureCounts = {
  cases: 100,
  callbacks: 80,
  contacted: 72,
  solved: 60,
  partlySolved: 8,
  rated: 70,
  satisfied: 63,
  closed: 85,
  closedOnTime: 77,
  closedOrReopened: 88,
  reopened: 4,
  dispatched: 70,
  returned: 7,
  answeredDirectly: 15,
  badRated: 10,
  badRatedRectified: 6,
};

describe('appeal measures', () => {
  it('builds each measure from its numerator and denominator count', () => {
    const byKey = Object.fromEntries(measuresFrom(counts).map((measure) => [measure.key, [measure.numerator, measure.denominator]]));
    assert.deepEqual(byKey, {
      response: [72, 80],
      resolution: [60, 80],
      partly_solved: [8, 80],
      satisfaction: [63, 70],
      on_time_closure: [77, 85],
      reopen: [4, 88],
      return: [7, 70],
      direct_answer: [15, 100],
      bad_rating_rectification: [6, 10],
    });
  });

  it('lists the measures in the documented order', () => {
    assert.deepEqual(
      measuresFrom(counts).map((measure) => measure.key),
      [...measureKeys],
    );
  });

  it('gives the rate as a fraction, and null rather than 0 when nothing was counted', () => {
    assert.equal(measuresFrom(counts).find((measure) => measure.key === 'satisfaction')!.rate, 0.9);
    assert.equal(rateOf(0, 0), null);
    assert.equal(rateOf(0, 5), 0);
    assert.ok(measuresFrom(emptyCounts()).every((measure) => measure.rate === null && measure.numerator === 0 && measure.denominator === 0));
  });

  it('adds the counts of disjoint groups into the total', () => {
    const total = addCounts([counts, { ...emptyCounts(), cases: 3, callbacks: 2, contacted: 1 }]);
    assert.equal(total.cases, 103);
    assert.equal(total.callbacks, 82);
    assert.equal(total.contacted, 73);
    assert.equal(total.badRatedRectified, 6);
  });

  it('groups a region by its children: province → cities → counties → townships → villages', () => {
    assert.equal(childRegionCodeLength('13'), 4);
    assert.equal(childRegionCodeLength('1309'), 6);
    assert.equal(childRegionCodeLength('130924'), 9);
    assert.equal(childRegionCodeLength('130924100'), 12);
    assert.equal(childRegionCodeLength('130924100201'), 12);
    assert.equal(childRegionCodeLength('13092'), undefined);
  });

  it('reads a period as whole days in Shanghai time, both ends included', () => {
    const { start, end } = periodRange('2020-01-01', '2020-01-31');
    assert.equal(start.toISOString(), '2019-12-31T16:00:00.000Z');
    assert.equal(end.toISOString(), '2020-01-31T16:00:00.000Z');
    const oneDay = periodRange('2020-02-29', '2020-02-29');
    assert.equal(oneDay.end.getTime() - oneDay.start.getTime(), 86400_000);
  });

  it('fills a missing period end with today and a missing start with 1 January of the end year', () => {
    const now = new Date('2021-12-31T17:30:00Z'); // already 1 January 2022 in Shanghai
    assert.equal(shanghaiDate(now), '2022-01-01');
    assert.deepEqual(resolvePeriod({}, now), { from: '2022-01-01', to: '2022-01-01' });
    assert.deepEqual(resolvePeriod({ to: '2020-06-30' }, now), { from: '2020-01-01', to: '2020-06-30' });
    assert.deepEqual(resolvePeriod({ from: '2021-03-01' }, now), { from: '2021-03-01', to: '2022-01-01' });
  });

  it('lets admin, office and leader roles read the measures, nobody else', () => {
    for (const role of ['admin', 'office', 'leader'] as const) assert.equal(canViewMeasures({ role }), true, role);
    for (const role of ['cadre', 'handler', 'agent'] as const) assert.equal(canViewMeasures({ role }), false, role);
  });
});
