// The demo generator's promises: deterministic, at the article's scale, with the distributions and
// the prior-posting rules the matching relies on. Pure: no database.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readHebeiDivisions, type Division } from '../features/regions/division-data.ts';
import type { DemoProvince } from './demo-rows.ts';
import { generateDemoProvince } from './generate-province.ts';
import { jurisdictionOf } from './postings.ts';

let divisions: Division[];
let full: DemoProvince;
let small: DemoProvince;

before(async () => {
  divisions = await readHebeiDivisions();
  full = generateDemoProvince(divisions, 'full');
  small = generateDemoProvince(divisions, 'small');
});

describe('generateDemoProvince', () => {
  test('the same size gives exactly the same rows', () => {
    assert.deepEqual(generateDemoProvince(divisions, 'small'), small);
  });

  test('a small seed holds only 沧州市 (1309)', () => {
    for (const row of [...small.units, ...small.cadres, ...small.points, ...small.priorPostings]) assert.ok(row.regionCode.startsWith('1309'), row.regionCode);
    assert.ok(small.units.some((unit) => unit.regionCode === '130924'), 'has 海兴县 units');
    assert.ok(small.cadres.length > 10_000 && small.cadres.length < 20_000, `${small.cadres.length} cadres`);
  });

  test('the full province is at the article scale', () => {
    const byLevel = (length: number) => full.cadres.filter((cadre) => cadre.regionCode.length === length).length;
    assert.ok(full.cadres.length > 140_000 && full.cadres.length < 148_000, `${full.cadres.length} cadres`);
    assert.ok(byLevel(2) === 3000 && byLevel(4) > 14_000 && byLevel(4) < 18_000, 'province and city cadres');
    assert.ok(byLevel(6) > 60_000 && byLevel(9) > 54_000, 'county and township cadres');
    assert.ok(full.points.length > 63_000 && full.points.length < 64_000, `${full.points.length} points`);
  });

  test('every village-level division is exactly one village or community point', () => {
    const villageCodes = divisions.filter((division) => division.level === 'village').map((division) => division.code);
    const pointCodes = full.points.filter((point) => point.type === 'village' || point.type === 'community').map((point) => point.regionCode);
    assert.deepEqual([...pointCodes].sort(), [...villageCodes].sort());
    const named = new Map(divisions.map((division) => [division.code, division.shortName]));
    for (const point of full.points.slice(0, 500)) if (point.type === 'village') assert.equal(point.name, named.get(point.regionCode));
  });

  test('ids, unit codes and external ids are unique', () => {
    for (const [label, values] of [
      ['unit code', full.units.map((unit) => unit.code)],
      ['cadre id', full.cadres.map((cadre) => cadre.id)],
      ['cadre external id', full.cadres.map((cadre) => cadre.externalId)],
      ['point external id', full.points.map((point) => point.externalId)],
      ['username', full.accounts.map((account) => account.username)],
    ] as const) {
      assert.equal(new Set<unknown>(values).size, values.length, label);
    }
  });

  test('leaders are 8–10% of cadres: the four leading bodies of each city and county and every department head', () => {
    const share = full.cadres.filter((cadre) => cadre.isLeader).length / full.cadres.length;
    assert.ok(share >= 0.08 && share <= 0.1, `leader share ${share}`);
    const units = new Map(full.units.map((unit) => [unit.id, unit]));
    const leadersPerUnit = new Map<number, number>();
    for (const cadre of full.cadres) if (cadre.isLeader) leadersPerUnit.set(cadre.unitId, (leadersPerUnit.get(cadre.unitId) ?? 0) + 1);
    for (const unit of full.units) {
      const leaders = leadersPerUnit.get(unit.id) ?? 0;
      if (unit.level === 'township') assert.equal(leaders, 0, unit.name);
      else if (unit.leadingBody) assert.ok(leaders >= 4, `${unit.name} has ${leaders} leaders`);
      else assert.equal(leaders, 1, `${unit.name} has one head`);
    }
    for (const cadre of full.cadres) if (cadre.isLeader) assert.equal(cadre.leadingBody, units.get(cadre.unitId)!.leadingBody);
  });

  test('units are named as people write them', () => {
    const names = new Set(full.units.map((unit) => unit.name));
    for (const name of ['海兴县财政局', '沧州市公安局', '河北省教育厅', '海兴县委', '海兴县人民政府', '海兴县人大常委会', '海兴县政协', '苏基镇党委', '苏基镇人民政府', '沧州市新华区委组织部']) {
      assert.ok(names.has(name), name);
    }
  });

  test('poverty concentrates in 张家口 and 承德, far above 沧州', () => {
    const share = (prefixes: string[]) => {
      const villages = full.points.filter((point) => point.type === 'village' && prefixes.some((prefix) => point.regionCode.startsWith(prefix)));
      return villages.filter((point) => point.povertySeverity > 0).length / villages.length;
    };
    const mountains = share(['1307', '1308']);
    const cangzhou = share(['1309']);
    assert.ok(mountains > 3 * cangzhou, `1307/1308 ${mountains} vs 1309 ${cangzhou}`);
    assert.ok(share(['130624', '130630']) > 0.35, 'the Taihang counties 阜平 and 涞源 are poor');
  });

  test('disorder is commoner in communities than in villages, and 40–55% of points carry a need', () => {
    const rate = (type: string) => {
      const list = full.points.filter((point) => point.type === type);
      return list.filter((point) => point.disorderSeverity > 0).length / list.length;
    };
    assert.ok(rate('community') > 2 * rate('village'));
    const tagged = full.points.filter((point) => point.povertySeverity || point.disorderSeverity || point.difficultySeverity).length / full.points.length;
    assert.ok(tagged >= 0.4 && tagged <= 0.55, `tagged ${tagged}`);
  });

  test('prior postings respect jurisdiction, home village, one per cadre and the point maximum', () => {
    const cadres = new Map(full.cadres.map((cadre) => [cadre.id, cadre]));
    const points = new Map(full.points.map((point) => [point.id, point]));
    const perPoint = new Map<number, number>();
    const seen = new Set<number>();
    for (const posting of full.priorPostings) {
      const cadre = cadres.get(posting.cadreId)!;
      const point = points.get(posting.pointId)!;
      assert.equal(cadre.isLeader, false, 'not a leader');
      assert.ok(point.regionCode.startsWith(jurisdictionOf(cadre)), `${cadre.regionCode} posted at ${point.regionCode}`);
      assert.notEqual(point.regionCode, cadre.homeRegionCode, 'not the home village');
      assert.equal(posting.regionCode, point.regionCode);
      assert.ok(!seen.has(cadre.id), 'one posting per cadre');
      seen.add(cadre.id);
      perPoint.set(point.id, (perPoint.get(point.id) ?? 0) + 1);
      if (posting.programme === 'first_secretary') assert.ok(point.type === 'village' && point.povertySeverity > 0, 'first secretaries go to poor villages');
    }
    for (const [pointId, count] of perPoint) assert.ok(count <= points.get(pointId)!.maxCadres);
    const firstSecretaries = full.priorPostings.filter((posting) => posting.programme === 'first_secretary').length;
    assert.ok(firstSecretaries > 5000 && firstSecretaries < 7000, `${firstSecretaries} first secretaries`);
  });

  test('cadres have homes in villages, mostly near their unit', () => {
    const villageCodes = new Set(divisions.filter((division) => division.level === 'village').map((division) => division.code));
    const county = full.cadres.filter((cadre) => cadre.regionCode.length === 6);
    for (const cadre of county) assert.ok(villageCodes.has(cadre.homeRegionCode));
    const local = county.filter((cadre) => cadre.homeRegionCode.startsWith(cadre.regionCode)).length / county.length;
    assert.ok(local > 0.6, `county cadres from their county: ${local}`);
  });

  test('the demo accounts point at the units and cadres they are named for', () => {
    const byName = new Map(small.accounts.map((account) => [account.username, account]));
    const unitName = (id: number | null) => small.units.find((unit) => unit.id === id)?.name;
    assert.equal(unitName(byName.get('handler-130924')!.unitId), '海兴县农业农村局');
    assert.equal(unitName(byName.get('agent-130924100')!.unitId), '苏基镇人民政府');
    const cadre = small.cadres.find((row) => row.id === byName.get('cadre-130924')!.cadreId)!;
    assert.equal(unitName(cadre.unitId), '海兴县财政局');
    assert.equal(cadre.isLeader, false);
    const leader = small.cadres.find((row) => row.id === byName.get('leader-1309')!.cadreId)!;
    assert.ok(leader.isLeader && leader.regionCode === '1309' && leader.leadingBody === 'party_committee');
    const head = small.cadres.find((row) => row.id === byName.get('head-130924')!.cadreId)!;
    assert.ok(head.isLeader && head.unitId === cadre.unitId);
    for (const username of ['admin', 'office', 'office-1309', 'office-130924']) assert.ok(byName.has(username), username);
  });
});
