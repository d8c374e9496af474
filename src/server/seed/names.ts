// Personal names as a Hebei roster shows them: northern surname frequencies (王 李 张 刘 lead,
// 赵 杨 高 孙 马 郭 田 are commoner than nationally, a few 么 谷 靳), given names of one or two
// characters whose style follows the birth decade (建国, 卫东 … 子涵, 欣怡).
import { createWeightedPicker, type Random } from './random.ts';

// Weights are per mille of the population, rounded; tail surnames share the rest.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 86], ['李', 80], ['张', 78], ['刘', 62], ['赵', 32], ['杨', 30], ['陈', 28], ['高', 20], ['孙', 19], ['马', 18],
  ['郭', 17], ['田', 14], ['吴', 13], ['周', 13], ['徐', 12], ['朱', 11], ['胡', 11], ['韩', 11], ['冯', 10], ['贾', 10],
  ['宋', 10], ['董', 10], ['何', 9], ['黄', 9], ['郑', 9], ['于', 9], ['武', 8], ['曹', 8], ['魏', 8], ['许', 8],
  ['崔', 8], ['梁', 7], ['谢', 7], ['吕', 7], ['苏', 7], ['程', 7], ['薛', 6], ['邢', 6], ['任', 6], ['史', 6],
  ['齐', 6], ['石', 6], ['霍', 5], ['罗', 5], ['林', 5], ['白', 5], ['侯', 5], ['孟', 5], ['袁', 5], ['付', 5],
  ['尹', 5], ['段', 5], ['常', 5], ['申', 4], ['耿', 4], ['牛', 4], ['康', 4], ['姚', 4], ['范', 4], ['杜', 4],
  ['丁', 4], ['姜', 4], ['彭', 4], ['卢', 4], ['郝', 4], ['安', 4], ['路', 3], ['边', 3], ['甄', 3], ['谷', 3],
  ['靳', 3], ['纪', 3], ['苗', 3], ['乔', 3], ['闫', 3], ['焦', 3], ['陆', 3], ['秦', 3], ['沈', 3], ['蔡', 3],
  ['潘', 2], ['蒋', 2], ['唐', 2], ['邓', 2], ['叶', 2], ['方', 2], ['汪', 2], ['钟', 2], ['夏', 2], ['左', 2],
  ['庞', 2], ['岳', 2], ['翟', 2], ['商', 2], ['班', 1], ['么', 1], ['刁', 1], ['曾', 1], ['单', 1],
  ['解', 1], ['仇', 1], ['查', 1], ['盖', 1], ['司马', 1], ['欧阳', 1],
];

// Given-name characters by sex and era. Older cadres carry the civic names of their birth years.
const GIVEN: Record<'male' | 'female', { older: string; younger: string }> = {
  male: {
    older: '建国军伟强军平志明海东卫兵华刚勇林立新永红春利民庆保胜振忠德文彬广福顺亮斌辉',
    younger: '浩宇轩博涛鹏超磊杰晨阳鑫昊然帅旭飞凯健森子铭一航泽瑞楠思源晓天',
  },
  female: {
    older: '丽红艳秀英芳霞玲敏静燕华梅娟兰凤琴桂云洁平莉萍荣珍',
    younger: '婷雪佳琳欣怡悦晨璐萌雅慧颖倩瑶楠思梦丹冰月妍琪蕊诗',
  },
};

const pickSurname = createWeightedPicker(SURNAMES);
const GIVEN_CHARS = {
  male: { older: [...GIVEN.male.older], younger: [...GIVEN.male.younger] },
  female: { older: [...GIVEN.female.older], younger: [...GIVEN.female.younger] },
};

/** A full name (surname + 1–2 given characters) for a person of this sex and birth year. */
export function personName(random: Random, gender: 'male' | 'female', birthYear: number): string {
  const pool = GIVEN_CHARS[gender];
  // Born before 1980 mostly draws the older pool; the mix keeps the two eras overlapping.
  const era = () => (random.chance(birthYear < 1980 ? 0.8 : 0.25) ? pool.older : pool.younger);
  const first = random.pick(era());
  // Single-character given names peaked in the 1980s–90s cohort; about a quarter overall.
  const isSingle = random.chance(birthYear >= 1980 ? 0.3 : 0.2);
  return pickSurname(random) + first + (isSingle ? '' : random.pick(era()));
}
