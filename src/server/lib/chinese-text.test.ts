import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareChinese, normalizeText, searchKeys, toInitials, toPinyin } from './chinese-text.ts';

test('normalizeText converts Traditional characters to Simplified', () => {
  assert.equal(normalizeText('機關幹部蹲點'), '机关干部蹲点');
  assert.equal(normalizeText('滄州'), '沧州');
  assert.equal(normalizeText('興'), '兴');
  assert.equal(normalizeText('海興縣蘇基鎮'), '海兴县苏基镇');
});

test('normalizeText leaves Simplified text and Simplified-only place characters alone', () => {
  for (const s of ['河北省沧州市海兴县', '么家庄村', '上河原著社区', '藁城区', '蠡县', '井陉县', '干部']) {
    assert.equal(normalizeText(s), s);
  }
});

test('normalizeText keeps 乾, 沈 and 蔄, which OpenCC would otherwise rewrite in real names', () => {
  assert.equal(normalizeText('乾宁居民委员会'), '乾宁居民委员会');
  assert.equal(normalizeText('沈落鸦村'), '沈落鸦村');
  assert.equal(normalizeText('蔄子沟'), '蔄子沟');
  assert.equal(normalizeText('乾隆 瀋陽'), '乾隆沈阳');
});

test('normalizeText turns full-width digits, letters and punctuation into ASCII', () => {
  assert.equal(normalizeText('１３０９２４'), '130924');
  assert.equal(normalizeText('ＡＢＣ（１）：ｘ'), 'ABC(1):x');
});

test('normalizeText trims and collapses stray spaces, including the ideographic space', () => {
  assert.equal(normalizeText('  海兴县 \u3000 苏基镇  '), '海兴县苏基镇');
  assert.equal(normalizeText(' 130924\t 海兴县 '), '130924 海兴县');
  assert.equal(normalizeText('a   b'), 'a b');
});

test('normalizeText removes padding spaces inside a Chinese name', () => {
  assert.equal(normalizeText('张  三'), '张三');
  assert.equal(normalizeText('张\u3000三'), '张三');
});

test('normalizeText removes zero-width characters', () => {
  assert.equal(normalizeText('海\u200b兴\ufeff县\u200d'), '海兴县');
});

test('normalizeText returns plain ASCII unchanged apart from whitespace', () => {
  assert.equal(normalizeText('13800138000'), '13800138000');
  assert.equal(normalizeText(''), '');
});

test('toPinyin gives toneless lower-case pinyin without spaces, and toInitials the first letters', () => {
  assert.equal(toPinyin('海兴县'), 'haixingxian');
  assert.equal(toInitials('海兴县'), 'hxx');
  assert.equal(toPinyin('沧州市'), 'cangzhoushi');
  assert.equal(toPinyin('石家庄市'), 'shijiazhuangshi');
});

test('toPinyin reads Hebei place names with special readings correctly', () => {
  const expected: Record<string, string> = {
    蔚县: 'yuxian',
    蔚州镇: 'yuzhouzhen',
    乐亭县: 'laotingxian',
    井陉县: 'jingxingxian',
    井陉矿区: 'jingxingkuangqu',
    藁城区: 'gaochengqu',
    蠡县: 'lixian',
    涞水县: 'laishuixian',
    涞源县: 'laiyuanxian',
    邯郸市: 'handanshi',
    大城县: 'dachengxian',
    阜平县: 'fupingxian',
    阜城县: 'fuchengxian',
    枣强县: 'zaoqiangxian',
    长安区: 'changanqu',
    行唐县: 'xingtangxian',
    栾城区: 'luanchengqu',
    大厂回族自治县: 'dachanghuizuzizhixian',
    柏乡县: 'baixiangxian',
    任丘市: 'renqiushi',
    任泽区: 'renzequ',
    泊头市: 'botoushi',
    单县: 'shanxian',
    柏林庄社区: 'bailinzhuangshequ',
  };
  for (const [name, pinyin] of Object.entries(expected)) assert.equal(toPinyin(name), pinyin, name);
  assert.equal(toInitials('乐亭县'), 'ltx');
  assert.equal(toInitials('蔚县'), 'yx');
});

test('toPinyin reads a surname character before a settlement word with its surname reading', () => {
  assert.equal(toPinyin('单家庄村'), 'shanjiazhuangcun');
  assert.equal(toPinyin('北单庄村'), 'beishanzhuangcun');
  assert.equal(toPinyin('西解村'), 'xixiecun');
  assert.equal(toPinyin('曾官屯村'), 'zengguantuncun');
  assert.equal(toPinyin('仇庄镇'), 'qiuzhuangzhen');
  // …but not where the character is part of an ordinary word.
  assert.equal(toPinyin('解放街社区'), 'jiefangjieshequ');
  assert.equal(toPinyin('响宝盖村'), 'xiangbaogaicun');
});

test('toPinyin in person mode reads the surname with its surname reading', () => {
  const expected: Record<string, string> = {
    单田芳: 'shantianfang',
    曾国藩: 'zengguofan',
    解缙: 'xiejin',
    仇英: 'qiuying',
    朴树: 'piaoshu',
    尉迟恭: 'yuchigong',
  };
  for (const [name, pinyin] of Object.entries(expected)) assert.equal(toPinyin(name, { kind: 'person' }), pinyin, name);
  assert.equal(toInitials('单雄信', { kind: 'person' }), 'sxx');
  // Only the head is a surname: a given name 单 keeps its ordinary reading.
  assert.equal(toPinyin('王单', { kind: 'person' }), 'wangdan');
});

test('toPinyin normalises its input first, so Traditional and full-width forms give the same keys', () => {
  assert.equal(toPinyin('滄州市'), 'cangzhoushi');
  assert.equal(toPinyin('單田芳', { kind: 'person' }), 'shantianfang');
  assert.equal(toPinyin('３号楼'), '3haolou');
});

test('toPinyin writes ü as v and keeps letters and digits but drops punctuation', () => {
  assert.equal(toPinyin('绿庄'), 'lvzhuang');
  assert.equal(toPinyin('A区3号（东）'), 'aqu3haodong');
  assert.equal(toInitials('A区3号（东）'), 'aq3hd');
});

test('searchKeys returns the normalised text with its pinyin and initials', () => {
  assert.deepEqual(searchKeys(' 滄州市 '), { normalized: '沧州市', pinyin: 'cangzhoushi', initials: 'czs' });
  assert.deepEqual(searchKeys('單田芳', 'person'), { normalized: '单田芳', pinyin: 'shantianfang', initials: 'stf' });
});

test('compareChinese sorts city names by pinyin', () => {
  const cities = ['石家庄', '保定', '沧州', '邯郸', '张家口', '承德', '唐山'];
  assert.deepEqual([...cities].sort(compareChinese), ['保定', '沧州', '承德', '邯郸', '石家庄', '唐山', '张家口']);
  assert.equal(compareChinese('沧州', '沧州'), 0);
});
