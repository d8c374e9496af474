// Posts, ranks and skills as a civil-service roster writes them: leading-body members
// (县委常委、组织部部长), department teams (局长, 副局长), middle managers (处长 / 科长 / 股长) and
// staff with the 2019 rank ladder (职级: 一级调研员 … 二级科员).
import type { Category, LeadingBody, UnitLevel } from './demo-rows.ts';
import type { Random } from './random.ts';

/** The members of one leading body, top post first (县委书记, 县委副书记, 县委常委、组织部部长 …). */
export function leadingBodyPosts(body: LeadingBody, levelWord: string, level: UnitLevel): string[] {
  const w = levelWord;
  if (w === '开发区') {
    return body === 'party_committee' ? ['党工委书记', '党工委副书记', '党工委委员', '党工委委员', '党工委委员', '党工委委员'] : ['管委会主任', '管委会副主任', '管委会副主任', '管委会副主任'];
  }
  // Provinces and cities have a few more members than counties.
  const extra = level === 'province' ? 2 : level === 'city' ? 1 : 0;
  if (body === 'party_committee') {
    const standing = ['组织部部长', '宣传部部长', '纪委书记', '政法委书记', '统战部部长', '秘书长', `常务副${w}长`, '人武部政委', `副${w}长`, '宣传部副部长', '办公室主任'];
    return [`${w}委书记`, `${w}委副书记`, ...standing.slice(0, 9 + extra).map((post) => `${w}委常委、${post}`)];
  }
  if (body === 'government') return [`${w}长`, ...Array.from({ length: 5 + extra }, () => `副${w}长`)];
  const [chamber, top, deputy] = body === 'congress' ? ['人大常委会', '主任', '副主任'] : ['政协', '主席', '副主席'];
  return [`${w}${chamber}${top}`, ...Array.from({ length: 4 + extra }, () => `${w}${chamber}${deputy}`)];
}

// Rank of a leadership post by the level of the body or department (职务层次).
const LEADER_RANKS: Record<UnitLevel, { head: string; deputy: string }> = {
  province: { head: '省部级正职', deputy: '省部级副职' },
  city: { head: '厅局级正职', deputy: '厅局级副职' },
  county: { head: '县处级正职', deputy: '县处级副职' },
  township: { head: '乡科级正职', deputy: '乡科级副职' },
};

/** Rank of a leading-body member (top post or not). */
export function bodyMemberRank(level: UnitLevel, isTop: boolean): string {
  const ranks = LEADER_RANKS[level];
  return isTop ? ranks.head : ranks.deputy;
}

/** Rank of a department head or deputy: one step below the bodies of the same level. */
export function departmentLeaderRank(level: UnitLevel, isHead: boolean): string {
  const below: Record<UnitLevel, UnitLevel> = { province: 'city', city: 'county', county: 'township', township: 'township' };
  const ranks = LEADER_RANKS[below[level]];
  return isHead ? ranks.head : ranks.deputy;
}

/** The middle-manager post of a level: 处长 in the province, 科长 in cities, 股长 in counties. */
export function middlePost(level: UnitLevel, isDeputy: boolean): string {
  const post = level === 'province' ? '处长' : level === 'city' ? '科长' : level === 'county' ? '股长' : '站长';
  return isDeputy ? `副${post}` : post;
}

// The 职级 ladder, top first; each level reaches only so high.
const RANK_LADDER = ['一级巡视员', '二级巡视员', '一级调研员', '二级调研员', '三级调研员', '四级调研员', '一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '一级科员', '二级科员'];
const TOP_RUNG: Record<UnitLevel, number> = { province: 0, city: 2, county: 5, township: 6 };

/** A staff rank (职级) by level and age: older staff sit higher, within the ceiling of the level. */
export function staffRank(random: Random, level: UnitLevel, birthYear: number, age = 2025 - birthYear): string {
  const top = TOP_RUNG[level];
  // Seniority: roughly one rung per four years of service past 25, with noise; capped by level.
  const seniority = Math.max(0, Math.floor((age - 25) / 4 + random.normal(0, 1)));
  const rung = Math.min(RANK_LADDER.length - 1, Math.max(top, RANK_LADDER.length - 1 - seniority));
  return RANK_LADDER[rung];
}

const ALL_SKILLS = ['法律', '财会', '农技', '医疗', '教育', '规划', '信访', '调解', '电商', '水利', '环保', '社会工作', '建筑', '宣讲'];
// What people in each kind of department tend to be good at; the rest of the list is drawn rarely.
const CATEGORY_SKILLS: Record<Category, string[]> = {
  political_legal: ['法律', '调解', '信访'],
  party_mass: ['宣讲', '调解', '社会工作', '信访'],
  economic: ['财会', '规划', '电商', '建筑'],
  education: ['教育', '宣讲'],
  health: ['医疗', '社会工作'],
  agriculture: ['农技', '水利', '电商'],
  other: ['信访', '社会工作', '环保', '调解'],
};

/** 0–3 skills, mostly from the cadre's category (35% none, 35% one, 20% two, 10% three). */
export function pickSkills(random: Random, category: Category): string[] {
  const roll = random.next();
  const count = roll < 0.35 ? 0 : roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
  const skills = new Set<string>();
  for (let attempt = 0; skills.size < count && attempt < 10; attempt++) {
    skills.add(random.chance(0.75) ? random.pick(CATEGORY_SKILLS[category]) : random.pick(ALL_SKILLS));
  }
  return [...skills];
}

/** The category a skill points to, for the few cadres whose category is overridden (a lawyer in 财政局). */
export function categoryOfSkill(skill: string): Category | undefined {
  for (const [category, skills] of Object.entries(CATEGORY_SKILLS) as [Category, string[]][]) if (skills[0] === skill) return category;
  return undefined;
}
