// Org units: the four leading bodies (四大班子) and the departments of the province, each city and
// each county-level unit, named as people write them (海兴县财政局, 沧州市公安局, 河北省教育厅), plus
// the Party committee and government of every township.
import type { CountyGeo, ProvinceGeo, TownshipGeo } from './geography.ts';
import type { Category, LeadingBody, UnitLevel, UnitRow } from './demo-rows.ts';

interface Department {
  /** Name templates by level ({p} = region prefix: 河北省, 沧州市, 海兴县); null = none at that level. */
  names: [province: string | null, city: string | null, county: string | null];
  category: Category;
  /** The leading body the department answers to (its parent unit). */
  body: LeadingBody;
  /** Relative staff size (公安 is large, 统战部 small). */
  weight: number;
}

const d = (names: Department['names'], category: Category, body: LeadingBody, weight = 1): Department => ({ names, category, body, weight });

// One entry per department kind; the three names follow the 2018 institutional reform.
const DEPARTMENTS: Department[] = [
  d(['{p}委政法委', '{p}委政法委', '{p}委政法委'], 'political_legal', 'party_committee', 0.7),
  d(['{p}公安厅', '{p}公安局', '{p}公安局'], 'political_legal', 'government', 3),
  d(['{p}人民检察院', '{p}人民检察院', '{p}人民检察院'], 'political_legal', 'congress', 1.4),
  d(['{p}高级人民法院', '{p}中级人民法院', '{p}人民法院'], 'political_legal', 'congress', 1.8),
  d(['{p}司法厅', '{p}司法局', '{p}司法局'], 'political_legal', 'government', 1),
  d(['{p}纪委监委', '{p}纪委监委', '{p}纪委监委'], 'party_mass', 'party_committee', 1.2),
  d(['{p}委组织部', '{p}委组织部', '{p}委组织部'], 'party_mass', 'party_committee', 1),
  d(['{p}委宣传部', '{p}委宣传部', '{p}委宣传部'], 'party_mass', 'party_committee', 0.8),
  d(['{p}委统战部', '{p}委统战部', '{p}委统战部'], 'party_mass', 'party_committee', 0.6),
  d(['{p}总工会', '{p}总工会', '{p}总工会'], 'party_mass', 'party_committee', 0.6),
  d(['共青团{p}委', '共青团{p}委', '共青团{p}委'], 'party_mass', 'party_committee', 0.4),
  d(['{p}妇联', '{p}妇联', '{p}妇联'], 'party_mass', 'party_committee', 0.5),
  d(['{p}发展和改革委员会', '{p}发展和改革委员会', '{p}发展和改革局'], 'economic', 'government', 1.2),
  d(['{p}财政厅', '{p}财政局', '{p}财政局'], 'economic', 'government', 1.3),
  d(['{p}商务厅', '{p}商务局', '{p}商务局'], 'economic', 'government', 0.8),
  d(['{p}市场监督管理局', '{p}市场监督管理局', '{p}市场监督管理局'], 'economic', 'government', 1.6),
  d(['{p}自然资源厅', '{p}自然资源和规划局', '{p}自然资源和规划局'], 'economic', 'government', 1.3),
  d(['{p}住房和城乡建设厅', '{p}住房和城乡建设局', '{p}住房和城乡建设局'], 'economic', 'government', 1.2),
  d(['{p}工业和信息化厅', '{p}工业和信息化局', '{p}工业和信息化局'], 'economic', 'government', 0.9),
  d(['{p}交通运输厅', '{p}交通运输局', '{p}交通运输局'], 'economic', 'government', 1),
  d(['{p}审计厅', '{p}审计局', '{p}审计局'], 'economic', 'government', 0.7),
  d(['{p}统计局', '{p}统计局', '{p}统计局'], 'economic', 'government', 0.5),
  d([null, '{p}行政审批局', '{p}行政审批局'], 'economic', 'government', 0.8),
  d(['{p}教育厅', '{p}教育局', '{p}教育局'], 'education', 'government', 1.4),
  d(['{p}卫生健康委员会', '{p}卫生健康委员会', '{p}卫生健康局'], 'health', 'government', 1.3),
  d(['{p}医疗保障局', '{p}医疗保障局', '{p}医疗保障局'], 'health', 'government', 0.6),
  d(['{p}农业农村厅', '{p}农业农村局', '{p}农业农村局'], 'agriculture', 'government', 1.6),
  d(['{p}水利厅', '{p}水务局', '{p}水务局'], 'agriculture', 'government', 1),
  d(['{p}林业和草原局', '{p}林业局', '{p}林业局'], 'agriculture', 'government', 0.7),
  d(['{p}供销合作社', '{p}供销社', '{p}供销社'], 'agriculture', 'government', 0.5),
  d(['{p}民政厅', '{p}民政局', '{p}民政局'], 'other', 'government', 1),
  d(['{p}人力资源和社会保障厅', '{p}人力资源和社会保障局', '{p}人力资源和社会保障局'], 'other', 'government', 1.1),
  d(['{p}信访局', '{p}信访局', '{p}信访局'], 'other', 'government', 0.6),
  d(['{p}应急管理厅', '{p}应急管理局', '{p}应急管理局'], 'other', 'government', 0.8),
  d(['{p}退役军人事务厅', '{p}退役军人事务局', '{p}退役军人事务局'], 'other', 'government', 0.6),
  d(['{p}文化和旅游厅', '{p}文化广电和旅游局', '{p}文化广电和旅游局'], 'other', 'government', 0.8),
  d(['{p}生态环境厅', '{p}生态环境局', null], 'other', 'government', 0.9),
  d(['{p}科学技术厅', '{p}科学技术局', null], 'other', 'government', 0.6),
];

// Development zones run a slimmer set under a Party working committee and an administrative committee.
const ZONE_DEPARTMENTS: Department[] = [
  d([null, null, '{p}党群工作部'], 'party_mass', 'party_committee', 1),
  d([null, null, '{p}公安分局'], 'political_legal', 'government', 2),
  d([null, null, '{p}经济发展局'], 'economic', 'government', 1.2),
  d([null, null, '{p}财政局'], 'economic', 'government', 1),
  d([null, null, '{p}规划建设局'], 'economic', 'government', 1),
  d([null, null, '{p}市场监督管理分局'], 'economic', 'government', 0.8),
  d([null, null, '{p}社会事务局'], 'other', 'government', 1.2),
  d([null, null, '{p}农业农村局'], 'agriculture', 'government', 0.8),
];

const BODIES: LeadingBody[] = ['party_committee', 'government', 'congress', 'cppcc'];
const BODY_CATEGORY: Record<LeadingBody, Category> = { party_committee: 'party_mass', government: 'other', congress: 'other', cppcc: 'party_mass' };
// Leading bodies carry their general offices (委办, 政府办), hence staff beyond the members.
const BODY_WEIGHT: Record<LeadingBody, number> = { party_committee: 2.2, government: 2.2, congress: 0.7, cppcc: 0.7 };

/** What the cadre generator needs to know about a unit beyond its row. */
export interface UnitPlan {
  unit: UnitRow;
  kind: 'body' | 'department' | 'township_party' | 'township_government';
  /** 省, 市, 县, 区 or 党工委 (zones): the word posts are built from (县委书记, 区长). */
  levelWord: '省' | '市' | '县' | '区' | '开发区';
  staffWeight: number;
  /** The county-level code for county and township units, the city code for city units, '13' for the province. */
  jurisdiction: string;
}

/** The title of a department's head from its name's ending (…局 → 局长, …法院 → 院长). */
export function headTitleOf(name: string): string {
  if (name.endsWith('政法委') || name.endsWith('纪委监委') || name.startsWith('共青团') || name.endsWith('党群工作部')) return '书记';
  if (name.endsWith('检察院')) return '检察长';
  if (name.endsWith('法院')) return '院长';
  if (name.endsWith('总工会') || name.endsWith('妇联')) return '主席';
  if (name.endsWith('厅')) return '厅长';
  if (name.endsWith('部')) return '部长';
  if (name.endsWith('局')) return '局长';
  return '主任'; // 委员会, 供销社
}

function bodyName(body: LeadingBody, prefix: string, isZone: boolean): string {
  if (isZone) return body === 'party_committee' ? `${prefix}党工委` : `${prefix}管委会`;
  return { party_committee: `${prefix}委`, government: `${prefix}人民政府`, congress: `${prefix}人大常委会`, cppcc: `${prefix}政协` }[body];
}

function townshipUnitNames(township: TownshipGeo): [party: string, government: string] {
  const { name, kind } = township;
  if (kind === 'subdistrict') {
    const stem = name.replace(/办事处$/, '');
    return [`${stem}党工委`, `${stem}办事处`];
  }
  if (kind === 'other') return [`${name}党委`, name];
  return [`${name}党委`, `${name}人民政府`];
}

/** Builds every unit of the (possibly restricted) province; ids count up from `firstId`. */
export function generateUnits(geo: ProvinceGeo, options: { includeProvince: boolean; firstId?: number }): UnitPlan[] {
  const plans: UnitPlan[] = [];
  let nextId = options.firstId ?? 1;
  const serials = new Map<string, number>();
  const add = (fields: Omit<UnitRow, 'id' | 'code'>, extra: Omit<UnitPlan, 'unit'>): UnitRow => {
    const serial = (serials.get(fields.regionCode) ?? 0) + 1;
    serials.set(fields.regionCode, serial);
    const unit: UnitRow = { id: nextId++, code: `U${fields.regionCode}-${String(serial).padStart(4, '0')}`, ...fields };
    plans.push({ unit, ...extra });
    return unit;
  };

  // Bodies first, then their departments, so that a parent always has the smaller id.
  const addLevel = (level: UnitLevel, regionCode: string, prefix: string, levelWord: UnitPlan['levelWord'], departments: Department[], parents: Partial<Record<LeadingBody, UnitRow>>, isZone: boolean) => {
    const bodies: Partial<Record<LeadingBody, UnitRow>> = {};
    for (const body of isZone ? BODIES.slice(0, 2) : BODIES) {
      const name = bodyName(body, prefix, isZone);
      bodies[body] = add({ name, level, regionCode, category: BODY_CATEGORY[body], leadingBody: body, parentId: parents[body]?.id ?? null }, { kind: 'body', levelWord, staffWeight: BODY_WEIGHT[body], jurisdiction: regionCode });
    }
    const column = level === 'province' ? 0 : level === 'city' ? 1 : 2;
    for (const department of departments) {
      const template = department.names[column];
      if (!template) continue;
      const parent = bodies[department.body] ?? bodies.government!;
      add({ name: template.replace('{p}', prefix), level, regionCode, category: department.category, leadingBody: null, parentId: parent.id }, { kind: 'department', levelWord, staffWeight: department.weight, jurisdiction: regionCode });
    }
    return bodies;
  };

  if (options.includeProvince) addLevel('province', geo.code, geo.name, '省', DEPARTMENTS, {}, false);
  for (const city of geo.cities) {
    const cityBodies = addLevel('city', city.code, city.name, '市', DEPARTMENTS, {}, false);
    for (const county of city.counties) addCounty(county, cityBodies);
  }
  return plans;

  function addCounty(county: CountyGeo, cityBodies: Partial<Record<LeadingBody, UnitRow>>) {
    const isZone = county.kind === 'zone';
    const levelWord = isZone ? '开发区' : county.kind === 'district' ? '区' : county.kind === 'county_city' ? '市' : '县';
    // Zones without villages (pure industrial parks) have no agriculture bureau.
    const departments = isZone ? ZONE_DEPARTMENTS.filter((department) => department.category !== 'agriculture' || county.villageCount > 0) : DEPARTMENTS;
    const bodies = addLevel('county', county.code, county.unitPrefix, levelWord, departments, cityBodies, isZone);
    for (const township of county.townships) {
      const [partyName, governmentName] = townshipUnitNames(township);
      const jurisdiction = county.code;
      add({ name: partyName, level: 'township', regionCode: township.code, category: 'party_mass', leadingBody: null, parentId: bodies.party_committee!.id }, { kind: 'township_party', levelWord, staffWeight: 0.4, jurisdiction });
      add({ name: governmentName, level: 'township', regionCode: township.code, category: 'other', leadingBody: null, parentId: bodies.government!.id }, { kind: 'township_government', levelWord, staffWeight: 0.6, jurisdiction });
    }
  }
}
