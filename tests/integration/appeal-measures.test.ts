// The appeal measures and the overdue list against a set of cases whose every figure is worked out
// by hand below. The cases are created in 2020 (the demo's appeals are recent), in two townships of
// 海兴县 — 苏基镇 (T1) and 辛集镇 (T2) — plus two in another county of 沧州 to check the scope.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { AppealRating, AppealSolved, AppealStateName } from '../../src/server/db/schema.ts';
import { shanghaiDate } from '../../src/server/features/appeals/measures.ts';
import { countAppealMeasures, foldAppealMeasureDeltas, rollupMonths, type MeasureCohort, type MeasureGrouping } from '../../src/server/features/appeals/measures-queries.ts';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';

interface CaseSpec {
  /** Number in the tables of the comments below. */
  n: number;
  village: 'V1' | 'V2' | 'V3' | 'X';
  point: 'P1' | 'P2' | 'P3' | 'PX' | null;
  first: 'U1' | 'U2' | null;
  handling: 'U1' | 'U2' | null;
  state: AppealStateName;
  /** Local time (+08:00); default 2020-06-15 12:00. */
  created?: string;
  direct?: boolean;
  returned?: boolean;
  reopened?: boolean;
  onTime?: boolean;
  callback?: { contacted: boolean; solved?: AppealSolved; rating?: AppealRating };
  followup?: { solved: AppealSolved; rating: AppealRating };
  rectified?: boolean;
  due?: string;
}

// V1, V2: villages of T1 with points P1, P2; V3: village of T2 with point P3; X: a village of another
// county of 沧州 (point PX). U1 = 海兴县农业农村局, U2 = 苏基镇人民政府.
const cases: CaseSpec[] = [
  // T1, V1, P1
  { n: 1, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'very_satisfied' } },
  { n: 2, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'satisfied' } },
  { n: 3, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', onTime: false, callback: { contacted: true, solved: 'partly', rating: 'basically_satisfied' } },
  { n: 4, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'no', rating: 'dissatisfied' }, rectified: true, followup: { solved: 'yes', rating: 'satisfied' } },
  { n: 5, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: false } },
  { n: 6, village: 'V1', point: 'P1', first: null, handling: null, state: 'closed', direct: true, onTime: true, callback: { contacted: true, solved: 'yes', rating: 'very_satisfied' } },
  { n: 7, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'in_progress', due: '2020-06-20T17:00:00+08:00' },
  { n: 8, village: 'V1', point: 'P1', first: null, handling: null, state: 'merged' },
  // T1, V2, P2
  { n: 9, village: 'V2', point: 'P2', first: 'U1', handling: 'U2', state: 'closed', returned: true, onTime: true, callback: { contacted: true, solved: 'yes', rating: 'satisfied' } },
  { n: 10, village: 'V2', point: 'P2', first: 'U2', handling: 'U2', state: 'closed', reopened: true, onTime: true, callback: { contacted: true, solved: 'yes', rating: 'very_satisfied' } },
  { n: 11, village: 'V2', point: 'P2', first: 'U2', handling: 'U2', state: 'rectifying', callback: { contacted: true, solved: 'yes', rating: 'very_dissatisfied' }, due: '2099-01-01T17:00:00+08:00' },
  { n: 12, village: 'V2', point: 'P2', first: 'U2', handling: 'U2', state: 'dispatched', due: '2020-07-01T17:00:00+08:00' },
  { n: 13, village: 'V2', point: 'P2', first: null, handling: null, state: 'registered' },
  { n: 14, village: 'V2', point: 'P2', first: 'U2', handling: 'U2', state: 'closed', onTime: true, callback: { contacted: true, solved: 'partly', rating: 'dissatisfied' }, rectified: true, followup: { solved: 'partly', rating: 'very_dissatisfied' } },
  { n: 15, village: 'V2', point: 'P2', first: 'U2', handling: 'U2', state: 'in_progress', reopened: true, due: '2020-08-01T17:00:00+08:00' },
  // T2, V3, P3
  { n: 16, village: 'V3', point: 'P3', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'satisfied' } },
  { n: 17, village: 'V3', point: 'P3', first: null, handling: null, state: 'closed', direct: true, onTime: true },
  // A bad call-back whose rectification has no follow-up yet: bad-rated, not (yet) rectified.
  { n: 18, village: 'V3', point: 'P3', first: 'U1', handling: 'U1', state: 'rectifying', callback: { contacted: true, solved: 'no', rating: 'basically_satisfied' }, rectified: true, due: '2020-09-01T17:00:00+08:00' },
  { n: 19, village: 'V3', point: null, first: 'U1', handling: 'U1', state: 'replied' },
  { n: 20, village: 'V3', point: 'P3', first: 'U2', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'very_satisfied' } },
  // The period's edges in Shanghai time: 21 is the last evening of 2019, 22 the first minutes of 2021
  // (still 2020 in UTC), 23 the first minutes of 2020 (still 2019 in UTC).
  { n: 21, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', created: '2019-12-31T23:30:00+08:00', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'satisfied' } },
  { n: 22, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', created: '2021-01-01T00:10:00+08:00', onTime: true },
  { n: 23, village: 'V1', point: 'P1', first: 'U1', handling: 'U1', state: 'closed', created: '2020-01-01T00:05:00+08:00', onTime: true },
  // Outside 海兴县
  { n: 24, village: 'X', point: 'PX', first: 'U1', handling: 'U1', state: 'closed', onTime: true, callback: { contacted: true, solved: 'yes', rating: 'very_satisfied' } },
  { n: 25, village: 'X', point: 'PX', first: 'U1', handling: 'U1', state: 'in_progress', due: '2020-05-01T17:00:00+08:00' },
];

interface Measure {
  key: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface MeasuresAnswer {
  period: { from: string; to: string };
  regionCode: string;
  cases: number;
  total: Measure[];
  groups: { key: string | null; name: string | null; cases: number; measures: Measure[] }[];
}

/** Measures as { key: [numerator, denominator] }, for one literal comparison. */
const fractions = (measures: Measure[]) => Object.fromEntries(measures.map((measure) => [measure.key, [measure.numerator, measure.denominator]]));

for (const backend of testBackends()) {
  describe(`appeal measures on ${backend}`, () => {
    let t: TestApp;
    const cookies = new Map<string, string>();
    const places = { T1: '130924100', T2: '130924101' } as Record<string, string>;
    const ids = new Map<string, number>();
    const trackingCodes = new Map<number, string>();
    let unitNames: Record<'U1' | 'U2', string>;
    let overdueBefore: number;

    const get = (username: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username)! } });
    const measures = async (username: string, query: string): Promise<MeasuresAnswer> => {
      const response = await get(username, `/api/appeals/measures?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      for (const username of ['office', 'office-130924', 'leader-1309', 'handler-130924', 'cadre-130924']) cookies.set(username, await t.login(username));
      const db = t.database.db;
      overdueBefore = (await get('office-130924', '/api/appeals/overdue')).json().total;

      await db
        .insertInto('appeal_categories')
        .values({ code: 'test_measures', name_zh: '测试类别', name_en: 'Test category', default_urgency: 'general', default_level: 1 })
        .onConflict((conflict) => conflict.column('code').doNothing())
        .execute();
      // Real places of the small demo: two points in two villages of 苏基镇, one in 辛集镇, one in another county.
      const pointIn = async (prefix: string, notVillage?: string) => {
        const row = await db
          .selectFrom('points')
          .select(['id', 'region_code'])
          .where('region_code', 'like', `${prefix}%`)
          .where(sql<boolean>`length(region_code) = 12`)
          .$if(Boolean(notVillage), (query) => query.where('region_code', '<>', notVillage!))
          .orderBy('region_code')
          .orderBy('id')
          .executeTakeFirstOrThrow();
        return { pointId: row.id, village: row.region_code };
      };
      const p1 = await pointIn(places.T1);
      const p2 = await pointIn(places.T1, p1.village);
      const p3 = await pointIn(places.T2);
      const px = await db
        .selectFrom('points')
        .select(['id', 'region_code'])
        .where('region_code', 'like', '1309%')
        .where('region_code', 'not like', '130924%')
        .where(sql<boolean>`length(region_code) = 12`)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const villages = { V1: p1.village, V2: p2.village, V3: p3.village, X: px.region_code };
      Object.assign(places, villages);
      ids.set('P1', p1.pointId).set('P2', p2.pointId).set('P3', p3.pointId).set('PX', px.id);
      const units = await db.selectFrom('org_units').select(['id', 'name']).where('name', 'in', ['海兴县农业农村局', '苏基镇人民政府']).execute();
      const unit = (name: string) => units.find((row) => row.name === name)!;
      ids.set('U1', unit('海兴县农业农村局').id).set('U2', unit('苏基镇人民政府').id);
      unitNames = { U1: '海兴县农业农村局', U2: '苏基镇人民政府' };

      let firstId: number | null = null;
      for (const spec of cases) {
        const created = new Date(spec.created ?? '2020-06-15T12:00:00+08:00');
        const closedAt = spec.state === 'closed' ? new Date(created.getTime() + 5 * 86400_000) : null;
        const trackingCode = `TM${String(spec.n).padStart(4, '0')}`;
        trackingCodes.set(spec.n, trackingCode);
        const row = await db
          .insertInto('appeals')
          .values({
            client_id: randomUUID(),
            tracking_code: trackingCode,
            channel: 'household_visit',
            category_code: 'test_measures',
            urgency: 'general',
            region_code: places[spec.village],
            point_id: spec.point ? ids.get(spec.point)! : null,
            title: `测试诉求 ${spec.n}`,
            description: `测试诉求 ${spec.n} 的描述`,
            search_text: `测试诉求 ${spec.n} 的描述`,
            state: spec.state,
            first_unit_id: spec.first ? ids.get(spec.first)! : null,
            handling_unit_id: spec.handling ? ids.get(spec.handling)! : null,
            merged_into_id: spec.state === 'merged' ? firstId : null,
            due_at: spec.due ? new Date(spec.due) : null,
            closed_at: closedAt,
            closed_on_time: spec.state === 'closed' ? (spec.onTime ?? null) : null,
            answered_directly: spec.direct ?? false,
            return_count: spec.returned ? 1 : 0,
            reopen_count: spec.reopened ? 1 : 0,
            was_rectified: spec.rectified ?? false,
            callback_at: spec.callback ? new Date(created.getTime() + 4 * 86400_000) : null,
            callback_contacted: spec.callback?.contacted ?? null,
            callback_solved: spec.callback?.solved ?? null,
            callback_rating: spec.callback?.rating ?? null,
            followup_at: spec.followup ? new Date(created.getTime() + 5 * 86400_000) : null,
            followup_solved: spec.followup?.solved ?? null,
            followup_rating: spec.followup?.rating ?? null,
            created_at: created,
            updated_at: created,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        firstId ??= row.id;
      }
    });
    after(async () => t.close());

    it('counts every measure of a county over a year, worked out by hand', async () => {
      const answer = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-12-31');
      assert.deepEqual(answer.period, { from: '2020-01-01', to: '2020-12-31' });
      assert.equal(answer.regionCode, '130924');
      // In 海兴县 and in 2020 (Shanghai time): cases 1–20 and 23, less the merged case 8 → 20 cases.
      assert.equal(answer.cases, 20);
      assert.deepEqual(fractions(answer.total), {
        // Call-backs recorded: 1 2 3 4 5 6 9 10 11 14 16 18 20 = 13; all but 5 reached the resident = 12.
        response: [12, 13],
        // Solved at the call-back: 1 2 6 9 10 11 16 20 = 8 of the 13 call-backs.
        resolution: [8, 13],
        // Partly solved: 3 14.
        partly_solved: [2, 13],
        // Final ratings (the follow-up's for 4 and 14): 12 cases rated (5 has none); not satisfied: 11 and 14 (very dissatisfied) → 10.
        satisfaction: [10, 12],
        // Closed: 1 2 3 4 5 6 9 10 14 16 17 20 23 = 13; late: 3 → 12 on time.
        on_time_closure: [12, 13],
        // Closed at some time: the 13 closed plus 15 (reopened, open again) = 14; reopened: 10 15.
        reopen: [2, 14],
        // Dispatched: all 20 but 6 13 17 = 17; returned: 9.
        return: [1, 17],
        // Answered at intake: 6 17, of all 20.
        direct_answer: [2, 20],
        // Bad first call-back: 4 (not solved, dissatisfied), 11 (very dissatisfied), 14 (dissatisfied), 18 (not solved) = 4;
        // rectified and followed up: 4 14 (18's rectification has no follow-up yet, 11 none started).
        bad_rating_rectification: [2, 4],
      });
      const satisfaction = answer.total.find((measure) => measure.key === 'satisfaction')!;
      assert.equal(satisfaction.rate, 10 / 12);
    });

    it('groups a county by its townships, naming each and listing those without cases', async () => {
      const answer = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-12-31&groupBy=region');
      const townships = await t.database.db.selectFrom('regions').select(['code', 'short_name']).where('parent_code', '=', '130924').orderBy('code').execute();
      assert.deepEqual(
        answer.groups.map((group) => [group.key, group.name]),
        townships.map((row) => [row.code, row.short_name]),
      );
      const t1 = answer.groups.find((group) => group.key === '130924100')!;
      const t2 = answer.groups.find((group) => group.key === '130924101')!;
      assert.equal(t1.name, '苏基镇');
      // T1: cases 1–7 9–15 23 (8 merged) = 15.
      assert.equal(t1.cases, 15);
      assert.deepEqual(fractions(t1.measures), {
        response: [9, 10], // call-backs 1 2 3 4 5 6 9 10 11 14; 5 not reached
        resolution: [6, 10], // 1 2 6 9 10 11
        partly_solved: [2, 10], // 3 14
        satisfaction: [7, 9], // rated 1 2 3 4 6 9 10 11 14; not satisfied 11 14
        on_time_closure: [9, 10], // closed 1 2 3 4 5 6 9 10 14 23; 3 late
        reopen: [2, 11], // the 10 closed + 15; reopened 10 15
        return: [1, 13], // dispatched: all 15 but 6 13; returned 9
        direct_answer: [1, 15], // 6
        bad_rating_rectification: [2, 3], // bad 4 11 14; rectified 4 14
      });
      // T2: cases 16–20 = 5.
      assert.equal(t2.cases, 5);
      assert.deepEqual(fractions(t2.measures), {
        response: [3, 3], // 16 18 20
        resolution: [2, 3], // 16 20
        partly_solved: [0, 3],
        satisfaction: [3, 3], // satisfied, basically satisfied, very satisfied
        on_time_closure: [3, 3], // 16 17 20
        reopen: [0, 3],
        return: [0, 4], // dispatched 16 18 19 20
        direct_answer: [1, 5], // 17
        bad_rating_rectification: [0, 1], // 18, no follow-up yet
      });
      const others = answer.groups.filter((group) => group !== t1 && group !== t2);
      assert.ok(others.every((group) => group.cases === 0 && group.measures.every((measure) => measure.rate === null)));
    });

    it('groups by the current handling unit, by the first unit and by point', async () => {
      const byUnit = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-12-31&groupBy=unit');
      const unitGroup = (key: string | null) => byUnit.groups.find((group) => group.key === key)!;
      const u1 = unitGroup(String(ids.get('U1'))),
        u2 = unitGroup(String(ids.get('U2'))),
        none = unitGroup(null);
      assert.equal(byUnit.groups.length, 3);
      assert.equal(u1.name, unitNames.U1);
      assert.equal(u2.name, unitNames.U2);
      assert.equal(none.name, null);
      // Handled by U1: 1 2 3 4 5 7 16 18 19 20 23 = 11; by U2: 9 10 11 12 14 15 = 6; by none: 6 13 17 = 3.
      assert.deepEqual([u1.cases, u2.cases, none.cases], [11, 6, 3]);
      assert.deepEqual(fractions(u1.measures), {
        response: [7, 8], // call-backs 1 2 3 4 5 16 18 20; 5 not reached
        resolution: [4, 8], // 1 2 16 20
        partly_solved: [1, 8], // 3
        satisfaction: [7, 7], // 1 2 3 4(follow-up: satisfied) 16 18 20
        on_time_closure: [7, 8], // closed 1 2 3 4 5 16 20 23; 3 late
        reopen: [0, 8],
        return: [0, 11],
        direct_answer: [0, 11],
        bad_rating_rectification: [1, 2], // bad 4 18; rectified 4
      });
      assert.deepEqual(fractions(u2.measures), {
        response: [4, 4], // 9 10 11 14
        resolution: [3, 4], // 9 10 11
        partly_solved: [1, 4], // 14
        satisfaction: [2, 4], // 9 10; not 11 14
        on_time_closure: [3, 3], // 9 10 14
        reopen: [2, 4], // closed 9 10 14 + reopened 15; reopened 10 15
        return: [1, 6], // 9 (returned by U1, now with U2)
        direct_answer: [0, 6],
        bad_rating_rectification: [1, 2], // bad 11 14; rectified 14
      });
      assert.deepEqual(fractions(none.measures).direct_answer, [2, 3]); // 6 17 of 6 13 17

      // First units: U1 first got 1 2 3 4 5 7 9 16 18 19 23 = 11 and returned 9; U2 first got 10 11 12 14 15 20 = 6.
      const byFirstUnit = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-12-31&groupBy=first_unit');
      const first = (key: string | null) => byFirstUnit.groups.find((group) => group.key === key)!;
      assert.deepEqual(fractions(first(String(ids.get('U1'))).measures).return, [1, 11]);
      assert.deepEqual(fractions(first(String(ids.get('U2'))).measures).return, [0, 6]);
      assert.equal(first(null).cases, 3);

      // Points: P1 1–7 23 = 8; P2 9–15 = 7; P3 16 17 18 20 = 4; no point: 19.
      const byPoint = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-12-31&groupBy=point');
      const pointCases = Object.fromEntries(byPoint.groups.map((group) => [group.key ?? 'none', group.cases]));
      assert.deepEqual(pointCases, { [String(ids.get('P1'))]: 8, [String(ids.get('P2'))]: 7, [String(ids.get('P3'))]: 4, none: 1 });
      const p1Name = await t.database.db.selectFrom('points').select('name').where('id', '=', ids.get('P1')!).executeTakeFirstOrThrow();
      assert.equal(byPoint.groups.find((group) => group.key === String(ids.get('P1')))!.name, p1Name.name);
    });

    it('counts the cases created in the period by Shanghai days, both ends included', async () => {
      // 23 was created at 00:05 on 1 January 2020 in Shanghai (still 2019 in UTC).
      const firstDay = await measures('office', 'regionCode=130924&from=2020-01-01&to=2020-01-01');
      assert.equal(firstDay.cases, 1);
      assert.deepEqual(fractions(firstDay.total).on_time_closure, [1, 1]);
      // 21 on the last evening of 2019; 22 in the first minutes of 2021 (still 2020 in UTC).
      assert.equal((await measures('office', 'regionCode=130924&from=2019-12-31&to=2019-12-31')).cases, 1);
      assert.equal((await measures('office', 'regionCode=130924&from=2021-01-01&to=2021-01-01')).cases, 1);
      // June 2020 holds the 19 cases created on 15 June (1–20 less the merged 8).
      assert.equal((await measures('office', 'regionCode=130924&from=2020-06-01&to=2020-06-30')).cases, 19);
      // Nothing was created in 2018.
      const empty = await measures('office', 'regionCode=130924&from=2018-01-01&to=2018-12-31');
      assert.equal(empty.cases, 0);
      assert.ok(empty.total.every((measure) => measure.rate === null && measure.denominator === 0));
    });

    it('keeps each reader inside their scope', async () => {
      // The province office sees 24 and 25 too (another county of 沧州), grouped under 沧州市.
      const province = await measures('office', 'from=2020-01-01&to=2020-12-31');
      assert.equal(province.regionCode, '13');
      assert.equal(province.cases, 22);
      assert.equal(province.groups.length, 11);
      assert.equal(province.groups.find((group) => group.key === '1309')!.cases, 22);
      // 海兴县's office: its own county only, also when it asks for the whole city (narrowed to the county).
      const own = await measures('office-130924', 'from=2020-01-01&to=2020-12-31');
      assert.equal(own.regionCode, '130924');
      assert.equal(own.cases, 20);
      const city = await measures('office-130924', 'regionCode=1309&from=2020-01-01&to=2020-12-31');
      assert.equal(city.regionCode, '130924');
      assert.equal(city.cases, 20);
      // A sibling county is outside its scope: nothing.
      const sibling = await measures('office-130924', 'regionCode=130925&from=2020-01-01&to=2020-12-31');
      assert.equal(sibling.cases, 0);
      assert.deepEqual(sibling.groups, []);
      // A township: its villages, V1 with 1–7 23 (8 merged) and V2 with 9–15.
      const township = await measures('office-130924', 'regionCode=130924100&from=2020-01-01&to=2020-12-31');
      assert.equal(township.cases, 15);
      assert.equal(township.groups.find((group) => group.key === places.V1)!.cases, 8);
      assert.equal(township.groups.find((group) => group.key === places.V2)!.cases, 7);
      // The 沧州 leader: the city by county.
      const leader = await measures('leader-1309', 'from=2020-01-01&to=2020-12-31');
      assert.equal(leader.regionCode, '1309');
      assert.equal(leader.cases, 22);
      assert.equal(leader.groups.find((group) => group.key === '130924')!.cases, 20);
      assert.equal(leader.groups.find((group) => group.key === places.X.slice(0, 6))!.cases, 2);
    });

    it('refuses roles without the measures and requests that make no sense', async () => {
      for (const username of ['handler-130924', 'cadre-130924']) {
        const response = await get(username, '/api/appeals/measures');
        assert.equal(response.statusCode, 403, username);
        assert.equal(response.json().error.code, 'FORBIDDEN');
        assert.equal((await get(username, '/api/appeals/overdue')).statusCode, 403);
      }
      for (const query of ['from=2020-02-01&to=2020-01-31', 'regionCode=13092', 'from=2020-13-01', 'groupBy=village', 'extra=1']) {
        const response = await get('office', `/api/appeals/measures?${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json().error.code, 'VALIDATION');
      }
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/appeals/measures' })).statusCode, 401);
    });

    it('lists the open cases past their deadline, the longest overdue first', async () => {
      // Overdue in 海兴县: 7 (20 June), 12 (1 July), 15 (1 August), 18 (1 September); 11 is due in 2099;
      // 13 and 19 have no running deadline; closed and merged cases never count. Any demo cases are due later than 2020.
      const response = await get('office-130924', '/api/appeals/overdue?pageSize=4');
      assert.equal(response.statusCode, 200, response.body);
      const page = response.json();
      assert.equal(page.total, overdueBefore + 4);
      assert.deepEqual(
        page.items.map((item: { trackingCode: string }) => item.trackingCode),
        [7, 12, 15, 18].map((n) => trackingCodes.get(n)),
      );
      const first = page.items[0];
      assert.equal(first.categoryName, '测试类别');
      assert.equal(first.handlingUnitName, unitNames.U1);
      assert.equal(first.regionCode, places.V1);
      assert.equal(first.state, 'in_progress');
      assert.equal(first.dueAt, new Date('2020-06-20T17:00:00+08:00').toISOString());
      assert.equal(first.overdueHours, Math.floor((Date.now() - new Date(first.dueAt).getTime()) / 3600_000));
      // The province office also sees 25 in the other county, due earliest of all.
      const province = (await get('office', '/api/appeals/overdue?pageSize=1')).json();
      assert.equal(province.items[0].trackingCode, trackingCodes.get(25));
      // Filters: U2 handles 12 and 15; P3 holds 18; a sibling county is outside the scope.
      const byUnit = (await get('office-130924', `/api/appeals/overdue?unitId=${ids.get('U2')}&pageSize=200`)).json();
      const mine = byUnit.items.filter((item: { trackingCode: string }) => item.trackingCode.startsWith('TM'));
      assert.deepEqual(
        mine.map((item: { trackingCode: string }) => item.trackingCode),
        [12, 15].map((n) => trackingCodes.get(n)),
      );
      const byPoint = (await get('office-130924', `/api/appeals/overdue?pointId=${ids.get('P3')}&pageSize=1`)).json();
      assert.equal(byPoint.items[0].trackingCode, trackingCodes.get(18));
      assert.deepEqual((await get('office-130924', '/api/appeals/overdue?regionCode=130925')).json(), { total: 0, items: [] });
    });

    it('answers whole months from the monthly rollup exactly as from the cases, with deltas not yet folded and after a fold', async () => {
      const day = (text: string) => new Date(`${text}T00:00:00+08:00`);
      const today = shanghaiDate(new Date());
      const cohorts: MeasureCohort[] = [
        { regionCode: '13', start: day('2019-11-20'), end: day('2021-02-10') },
        { regionCode: '1309', start: day('2020-01-01'), end: day('2021-01-01') },
        { regionCode: '130924', start: day('2020-05-01'), end: day('2020-07-16') },
        // The demo's own cases in 沧州, over the last 400 days.
        { regionCode: '1309', start: new Date(day(today).getTime() - 400 * 86400_000), end: new Date(day(today).getTime() + 86400_000) },
      ];
      const groupings: MeasureGrouping[] = [
        { kind: 'region', codeLength: 2 },
        { kind: 'region', codeLength: 4 },
        { kind: 'region', codeLength: 6 },
      ];
      assert.ok(rollupMonths(cohorts[0]!, groupings[1]!), 'the rollup serves a province by city');
      assert.equal(rollupMonths(cohorts[2]!, { kind: 'region', codeLength: 9 }), null, 'townships are counted from the cases');
      const rollback = new Error('rolled back');
      await assert.rejects(
        t.database.db.transaction().execute(async (tx) => {
          const compare = async (when: string) => {
            for (const cohort of cohorts) {
              for (const grouping of groupings) {
                if (grouping.kind === 'region' && grouping.codeLength < cohort.regionCode.length) continue;
                const fromRollup = await countAppealMeasures(tx, cohort, grouping);
                const fromCases = await countAppealMeasures(tx, cohort, grouping, { useRollup: false });
                assert.deepEqual(fromRollup, fromCases, `${when}: ${cohort.regionCode} ${shanghaiDate(cohort.start)}–${shanghaiDate(cohort.end)} by ${JSON.stringify(grouping)}`);
              }
            }
          };
          const deltas = async () => Number((await sql<{ count: string }>`SELECT count(*) AS count FROM appeal_measure_deltas`.execute(tx)).rows[0]!.count);
          await foldAppealMeasureDeltas(tx);
          await compare('folded');
          // Measure facts change on old and new cases: a call-back on case 12, a move of case 13 to
          // another county, a case merged; the triggers log deltas, the answers stay the same.
          await tx.updateTable('appeals').set({ callback_at: new Date('2020-06-20T10:00:00+08:00'), callback_contacted: true, callback_solved: 'yes', callback_rating: 'satisfied' }).where('tracking_code', '=', trackingCodes.get(12)!).execute();
          await tx.updateTable('appeals').set({ region_code: places.X }).where('tracking_code', '=', trackingCodes.get(13)!).execute();
          await tx.updateTable('appeals').set({ state: 'merged' }).where('tracking_code', '=', trackingCodes.get(16)!).execute();
          // An update that changes no measure fact logs nothing.
          const logged = await deltas();
          await tx.updateTable('appeals').set({ title: '改了标题' }).where('tracking_code', '=', trackingCodes.get(1)!).execute();
          assert.equal(await deltas(), logged);
          assert.ok(logged >= 6, `deltas logged: ${logged}`);
          await compare('unfolded');
          assert.equal(await foldAppealMeasureDeltas(tx), logged);
          assert.equal(await deltas(), 0);
          await compare('folded again');
          throw rollback;
        }),
        (error) => error === rollback,
      );
    });
  });
}

