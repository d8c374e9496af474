// Unit tests of the pure import core: cell conversions, region resolution, row parsers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, parseBirthYear, parseDate, parsePhone } from './cell-values.ts';
import { matchHeader } from './columns.ts';
import { buildPointLookup, buildUnitLookup } from './lookups.ts';
import { parseCadreRow } from './parse-cadre-row.ts';
import { formatNeeds, parseNeeds, parsePointRow } from './parse-point-row.ts';
import { applyMerges, cellsOf } from './read-sheet.ts';
import { buildRegionIndex } from './region-index.ts';
import type { ParseContext } from './row-types.ts';

const regions = buildRegionIndex([
  { code: '13', parent_code: null, name: '河北省', short_name: '河北省' },
  { code: '1309', parent_code: '13', name: '沧州市', short_name: '沧州市' },
  { code: '130924', parent_code: '1309', name: '海兴县', short_name: '海兴县' },
  { code: '130924100', parent_code: '130924', name: '苏基镇', short_name: '苏基镇' },
  { code: '130924100205', parent_code: '130924100', name: '姜庄村村民委员会', short_name: '姜庄村' },
  { code: '130927', parent_code: '1309', name: '南皮县', short_name: '南皮县' },
  { code: '130927102', parent_code: '130927', name: '寨子镇', short_name: '寨子镇' },
  { code: '130927102232', parent_code: '130927102', name: '姜庄村民委员会', short_name: '姜庄村' },
]);

describe('cell values', () => {
  it('prints numbers in full, dates as ISO days, rich text and formula results as their text', () => {
    assert.equal(cellText(13812345678), '13812345678');
    assert.equal(cellText(new Date(Date.UTC(1980, 4, 2))), '1980-05-02');
    assert.equal(cellText({ richText: [{ text: '科' }, { text: '长' }] }), '科长');
    assert.equal(cellText({ formula: 'A1', result: 3 }), '3');
  });
  it('reads birth years from years, dates, full-width digits and Excel serials, within 1940–2010', () => {
    assert.deepEqual(parseBirthYear('１９８６'), { value: 1986 });
    assert.deepEqual(parseBirthYear('1975-03-01'), { value: 1975 });
    assert.deepEqual(parseBirthYear('31000'), { value: 1984 });
    assert.ok('problem' in parseBirthYear('1930'));
    assert.deepEqual(parseDate('41699'), { value: '2014-03-01' });
    assert.deepEqual(parseDate('2014年3月1日'), { value: '2014-03-01' });
    assert.ok('problem' in parseDate('2014-02-30'));
  });
  it('accepts 11-digit mobiles and refuses the lossy exponent form', () => {
    assert.deepEqual(parsePhone('+86 138-1234-5678'), { value: '13812345678' });
    assert.ok('problem' in parsePhone('1.38123E+10'));
    assert.ok('problem' in parsePhone('0317123456'));
  });
});

describe('regions', () => {
  it('resolves codes, full and partial paths and spoken village names inside the scope', () => {
    for (const text of ['130924100205', '河北省沧州市海兴县苏基镇姜庄村', '海兴县苏基镇姜庄村', '姜庄村', '姜庄村村民委员会', '海興縣姜莊村', '海兴县姜庄村民委员会', '海兴县姜庄村委会', ' 海兴县 苏基镇 姜庄村 ']) {
      assert.deepEqual(regions.resolve(text, '130924'), { value: '130924100205' }, text);
    }
  });
  it('lists the candidates of an ambiguous name and refuses names outside the scope', () => {
    const ambiguous = regions.resolve('姜庄村', '1309');
    assert.ok('problem' in ambiguous && ambiguous.problem.message.includes('河北省沧州市南皮县寨子镇姜庄村民委员会（130927102232）'));
    const outside = regions.resolve('南皮县寨子镇姜庄村', '130924');
    assert.ok('problem' in outside && outside.problem.message.endsWith('不在您的管辖范围内'));
  });
});

describe('row parsers', () => {
  const units = buildUnitLookup([{ id: 7, code: 'U7', name: '海兴县财政局', region_code: '130924', category: 'economic' }]);
  const points = buildPointLookup([{ id: 3, external_id: null, name: '姜庄村', region_code: '130924100205' }], regions);
  const context: ParseContext = { scope: '130924', provided: new Set(), regions, units, points };
  const row = (cells: Record<string, string>) => ({ row: 2, cells: new Map(Object.entries(cells)) });

  it('recognises Chinese and English headers in any order', () => {
    const header = matchHeader('cadres', ['phone', '姓名', 'Birth Year', '单位', 'gender', '职务*']);
    assert.deepEqual(header.missing, []);
    assert.equal(header.indexOf.get('phone'), 0);
  });
  it('parses a cadre with the unit by qualified name, a follow-the-unit category and a point by qualified name', () => {
    const result = parseCadreRow(row({ name: ' 張三 ', gender: '男', birthYear: '1980', unit: '海興縣財政局', post: '科員', programme: '第一书记', programmePoint: '海兴县苏基镇姜庄村' }), context);
    assert.ok('record' in result);
    assert.equal(result.record.name, '張三');
    assert.equal(result.record.searchName, '张三');
    assert.equal(result.record.category, 'economic');
    assert.equal(result.record.isCategoryOverridden, false);
    assert.equal(result.record.pointId, 3);
  });
  it('keeps a masked phone and reports every faulty cell of a row', () => {
    const masked = parseCadreRow(row({ name: '李四', gender: '女', birthYear: '1990', unit: 'U7', post: '科员', phone: '138****5678' }), context);
    assert.ok('record' in masked && masked.record.isPhoneKept && masked.record.phone === null);
    const bad = parseCadreRow(row({ name: '', gender: 'x', birthYear: '2020', unit: 'U7', post: '' }), context);
    assert.ok('problems' in bad);
    assert.deepEqual(bad.problems.map((problem) => problem.key), ['name', 'gender', 'birthYear', 'post']);
  });
  it('reads need tags with shared and own severities, separated any way', () => {
    assert.deepEqual(parseNeeds('乱2、穷', 3), { value: { disorder: 2, difficulty: 0, poverty: 3 } });
    assert.deepEqual(parseNeeds('难 乱', 1), { value: { disorder: 1, difficulty: 1, poverty: 0 } });
    assert.equal(formatNeeds({ disorder: 2, difficulty: 0, poverty: 3 }), '乱2、穷3');
    const point = parsePointRow(row({ name: '姜庄村', type: '村', region: '姜庄村', needs: '乱', severity: '2', minCadres: '3', maxCadres: '2' }), context);
    assert.ok('problems' in point);
    assert.deepEqual(point.problems.map((problem) => problem.key), ['maxCadres']);
  });
  it('copies a merged range’s value into the rows below it, skipping rows that are not there', () => {
    const lines = [['a', 'U7'], ['b', ''], ['c'], ['d', '']].map((cells, index) => ({ row: index + 2, packed: cells.join('\u001f') }));
    applyMerges(lines, [{ top: 2, left: 2, bottom: 4, right: 2 }, { top: 9, left: 1, bottom: 10, right: 3 }]);
    assert.deepEqual(lines.map(cellsOf), [['a', 'U7'], ['b', 'U7'], ['c', 'U7'], ['d', '']]);
  });
});
