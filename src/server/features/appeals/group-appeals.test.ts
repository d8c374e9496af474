// The pure parts of grouping alike cases: the common region, its rung, and clusters of a similarity graph.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clusterPairs, commonRegion, levelForRegion } from './group-appeals.ts';

describe('grouping alike cases', () => {
  it('cuts the common region of some villages to a whole level', () => {
    assert.equal(commonRegion(['130924100201', '130924100202']), '130924100');
    assert.equal(commonRegion(['130924100201', '130924101201']), '130924');
    assert.equal(commonRegion(['130924100201', '130925100201']), '1309');
    assert.equal(commonRegion(['130924100201', '131102100201']), '13');
    assert.equal(commonRegion(['130924100201']), '130924100201');
  });

  it('gives one township to the township, a county to its departments, and wider to the city', () => {
    assert.equal(levelForRegion('130924100201'), 1);
    assert.equal(levelForRegion('130924100'), 1);
    assert.equal(levelForRegion('130924'), 2);
    assert.equal(levelForRegion('1309'), 3);
  });

  it('joins chains of alike pairs into one group, largest group first', () => {
    assert.deepEqual(clusterPairs([{ a_id: 5, b_id: 9 }, { a_id: 1, b_id: 2 }, { a_id: 2, b_id: 7 }, { a_id: 7, b_id: 3 }]), [[1, 2, 3, 7], [5, 9]]);
    assert.deepEqual(clusterPairs([]), []);
  });
});
