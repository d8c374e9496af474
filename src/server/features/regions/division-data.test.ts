import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Division, divisionsFile, levelOfCode, parentCodeOf, parseDivisions, readHebeiDivisions, shortNameOf } from './division-data.ts';

let divisions: Division[];
let byCode: Map<string, Division>;

before(async () => {
  divisions = await readHebeiDivisions();
  byCode = new Map(divisions.map((d) => [d.code, d]));
});

test('the committed division file is found relative to the module', () => {
  assert.ok(existsSync(fileURLToPath(divisionsFile)));
});

test('the division file holds Hebei with 11 cities, 190 counties, 2,365 townships and 54,145 villages', () => {
  const counts: Record<string, number> = {};
  for (const d of divisions) counts[d.level] = (counts[d.level] ?? 0) + 1;
  assert.deepEqual(counts, { province: 1, city: 11, county: 190, township: 2365, village: 54145 });
  assert.equal(byCode.get('13')?.name, '河北省');
  assert.equal(byCode.get('13')?.parentCode, null);
});

test('every division has a unique code whose parent exists one level up', () => {
  assert.equal(byCode.size, divisions.length);
  const order = ['province', 'city', 'county', 'township', 'village'];
  for (const d of divisions) {
    if (d.parentCode === null) continue;
    const parent = byCode.get(d.parentCode);
    assert.ok(parent, `${d.code} has no parent`);
    assert.equal(order.indexOf(parent.level) + 1, order.indexOf(d.level), d.code);
  }
});

test('130924 is 海兴县 under 沧州市', () => {
  const county = byCode.get('130924');
  assert.equal(county?.name, '海兴县');
  assert.equal(county?.level, 'county');
  assert.equal(county?.parentCode, '1309');
  assert.equal(byCode.get('1309')?.name, '沧州市');
  assert.equal(county?.pinyin, 'haixingxian');
  assert.equal(county?.initials, 'hxx');
});

test('苏基镇 130924100 is a township of 海兴县 with villages under it', () => {
  const town = byCode.get('130924100');
  assert.equal(town?.name, '苏基镇');
  assert.equal(town?.level, 'township');
  assert.equal(town?.parentCode, '130924');
  const villages = divisions.filter((d) => d.parentCode === '130924100');
  assert.equal(villages.length, 43);
  assert.ok(villages.every((v) => v.level === 'village'));
});

test('姜庄村 130924100205 is a village of 苏基镇, its committee suffix shortened', () => {
  const village = byCode.get('130924100205');
  assert.equal(village?.name, '姜庄村村民委员会');
  assert.equal(village?.shortName, '姜庄村');
  assert.equal(village?.parentCode, '130924100');
  assert.equal(village?.pinyin, 'jiangzhuangcun');
  assert.equal(village?.initials, 'jzc');
});

test('village short names drop the committee suffix and keep 村 or 社区 once', () => {
  const cases: [string, string][] = [
    ['姜庄村村民委员会', '姜庄村'],
    ['许良户庄村民委员会', '许良户庄村'],
    ['西姜庄村委会', '西姜庄村'],
    ['掌头村委会', '掌头村'],
    ['杨甘固村委员会', '杨甘固村'],
    ['北周庄村村民民委员会', '北周庄村'],
    ['沟口子村村民委会', '沟口子村'],
    ['西张口村委会村民委员会', '西张口村'],
    ['后朴子社区村民委员会', '后朴子社区'],
    ['棉一东社区居民委员会', '棉一东社区'],
    ['恒大城社区居委会', '恒大城社区'],
    ['明珠花苑社区居民居委会', '明珠花苑社区'],
    ['北街居民委员会', '北街社区'],
    ['东关居委会', '东关社区'],
    ['彭村居委会', '彭村'],
    ['东平小区居委会', '东平小区'],
    ['南关街街道委员会', '南关街'],
    ['阳光社区', '阳光社区'],
    ['小韩庄生产队', '小韩庄生产队'],
  ];
  for (const [name, short] of cases) assert.equal(shortNameOf(name, 'village'), short, name);
});

test('no village short name still carries a committee suffix', () => {
  const leftovers = divisions.filter((d) => d.level === 'village' && /(?:委员会|委会)$/.test(d.shortName));
  // The one village literally named 居委会 has nothing left to shorten to.
  assert.deepEqual(leftovers.map((d) => d.shortName), ['居委会']);
});

test('names above village level are already what people say and are not shortened', () => {
  assert.equal(shortNameOf('苏基镇', 'township'), '苏基镇');
  assert.equal(shortNameOf('海兴县', 'county'), '海兴县');
  assert.equal(byCode.get('130225')?.pinyin, 'laotingxian');
  assert.equal(byCode.get('130726')?.pinyin, 'yuxian');
});

test('the level and parent of a code follow from its length', () => {
  assert.equal(levelOfCode('13'), 'province');
  assert.equal(levelOfCode('130924100205'), 'village');
  assert.equal(levelOfCode('1309241'), undefined);
  assert.equal(parentCodeOf('130924100205'), '130924100');
  assert.equal(parentCodeOf('130924100'), '130924');
  assert.equal(parentCodeOf('130924'), '1309');
  assert.equal(parentCodeOf('1309'), '13');
  assert.equal(parentCodeOf('13'), null);
});

test('parsing rejects a line whose parent is missing or whose code has the wrong length', () => {
  assert.throws(() => parseDivisions('13\t河北省\n130924\t海兴县\n'), /no parent 1309/);
  assert.throws(() => parseDivisions('1309241\t错误\n'), /bad division line/);
});
