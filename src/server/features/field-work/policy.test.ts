import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../lib/actor.ts';
import { fieldAccessAt, mayRecordFieldWork, maySeeHouseholdPhones, mayViewUnitDiary } from './policy.ts';

const actor = (role: Actor['role'], regionCode = '130924', cadreId: number | null = null): Actor => ({ accountId: 1, username: 'x', displayName: 'x', role, regionCode, unitId: 7, cadreId });
const village = '130924100201';

describe('field-work policy', () => {
  it('makes a posted cadre the team, an office over the point an overseer, and everyone else nobody', () => {
    assert.equal(fieldAccessAt(actor('cadre', '130924', 5), { pointRegionCode: village, isActorPostedAt: true }), 'team');
    assert.equal(fieldAccessAt(actor('cadre', '130924', 5), { pointRegionCode: village, isActorPostedAt: false }), 'none');
    assert.equal(fieldAccessAt(actor('office'), { pointRegionCode: village, isActorPostedAt: false }), 'overseer');
    assert.equal(fieldAccessAt(actor('office', '130925'), { pointRegionCode: village, isActorPostedAt: false }), 'none');
    assert.equal(fieldAccessAt(actor('leader', '1309', 9), { pointRegionCode: village, isActorPostedAt: true }), 'overseer');
    assert.equal(fieldAccessAt(actor('handler'), { pointRegionCode: village, isActorPostedAt: false }), 'none');
  });

  it('lets only cadres record, and only the team see phones in full', () => {
    assert.equal(mayRecordFieldWork(actor('cadre', '130924', 5)), true);
    assert.equal(mayRecordFieldWork(actor('cadre')), false, 'a cadre login without a cadre');
    assert.equal(mayRecordFieldWork(actor('office')), false);
    assert.equal(maySeeHouseholdPhones('team'), true);
    assert.equal(maySeeHouseholdPhones('overseer'), false);
  });

  it('shows a unit\'s days on site to its head and to offices over it only', () => {
    assert.equal(mayViewUnitDiary(actor('cadre', '130924', 5), { unitRegionCode: '130924', isActorHeadOfUnit: true }), true);
    assert.equal(mayViewUnitDiary(actor('cadre', '130924', 5), { unitRegionCode: '130924', isActorHeadOfUnit: false }), false);
    assert.equal(mayViewUnitDiary(actor('office'), { unitRegionCode: '130924', isActorHeadOfUnit: false }), true);
    assert.equal(mayViewUnitDiary(actor('office', '130925'), { unitRegionCode: '130924', isActorHeadOfUnit: false }), false);
  });
});
