// The ~9,300 contact points beyond villages and communities: enterprises (more in industrial
// counties), schools and hospitals (by population) and new organisations (两新组织, more in towns),
// sited at a township or a village with names as the signboards read.
import { countyStemOf, industriesOf, industryWeightOf } from './county-traits.ts';
import type { PointType } from './demo-rows.ts';
import type { CountyGeo, ProvinceGeo, TownshipGeo, VillageGeo } from './geography.ts';
import { apportion, type Random } from './random.ts';

export type InstitutionType = Extract<PointType, 'enterprise' | 'school' | 'hospital' | 'new_org'>;
export type InstitutionCounts = Record<InstitutionType, number>;

// Province-wide totals, together 9,300: with 54,145 villages and communities the article's 63,503 points.
const TOTALS: Record<InstitutionType, number> = { enterprise: 4000, school: 2400, hospital: 1500, new_org: 1400 };

/** How many institutions of each type every county gets; computed on the whole province so a small seed gets the same. */
export function allocateInstitutions(geo: ProvinceGeo): Map<string, InstitutionCounts> {
  const counties = geo.cities.flatMap((city) => city.counties);
  // Villages stand in for population; towns and districts add a base for their urban residents.
  const people = counties.map((county) => county.villageCount + 40 + (county.kind === 'district' ? 60 : 0));
  const weights: Record<InstitutionType, number[]> = {
    enterprise: counties.map((county) => industryWeightOf(county) * (county.villageCount + 80)),
    school: people,
    hospital: people,
    new_org: counties.map((county, index) => people[index] * (county.kind === 'county' ? 1 : 1.8)),
  };
  const shares = Object.fromEntries((Object.keys(TOTALS) as InstitutionType[]).map((type) => [type, apportion(TOTALS[type], weights[type])])) as Record<InstitutionType, number[]>;
  return new Map(counties.map((county, index) => [county.code, { enterprise: shares.enterprise[index], school: shares.school[index], hospital: shares.hospital[index], new_org: shares.new_org[index] }]));
}

const BRAND_FIRST = [...'华宏鑫振金恒瑞永天中盛泰通达源丰兴昌隆利新德润凯博嘉远晟'];
const BRAND_SECOND = [...'通达源丰兴昌隆利泰盛华宇信诚安和旺鼎顺成宝'];
const ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];

function brand(random: Random): string {
  const first = random.pick(BRAND_FIRST);
  let second = random.pick(BRAND_SECOND);
  if (second === first) second = '泰';
  return first + second;
}

function villageStem(village: VillageGeo): string {
  return village.name.replace(/村$/, '');
}

export interface Institution {
  type: InstitutionType;
  name: string;
  /** A township code (9 digits) or a village code (12). */
  regionCode: string;
  profile: Record<string, unknown>;
}

/** Generates one county's institutions of each type in the allocated numbers. */
export function generateInstitutions(random: Random, county: CountyGeo, counts: InstitutionCounts): Institution[] {
  const townships = county.townships.filter((township) => township.villages.length > 0);
  if (townships.length === 0) return [];
  const stem = countyStemOf(county);
  const prefix = county.unitPrefix;
  // The seat is where county hospitals and high schools are: the first subdistrict, else the first township.
  const seat = townships.find((township) => township.kind === 'subdistrict') ?? townships[0];
  const rural = townships.filter((township) => township.kind === 'town' || township.kind === 'township');
  const byVillages = (list: TownshipGeo[]) => {
    // Pick a township in proportion to its villages: bigger townships hold more of everything.
    const total = list.reduce((sum, township) => sum + township.villages.length, 0);
    let target = random.next() * total;
    for (const township of list) if ((target -= township.villages.length) < 0) return township;
    return list[list.length - 1];
  };
  const out: Institution[] = [];

  const industries = industriesOf(county);
  for (let i = 0; i < counts.enterprise; i++) {
    const township = byVillages(townships);
    const industry = random.pick(industries);
    const head = random.chance(0.4) ? '河北' : random.chance(0.5) ? county.cityName.replace(/市$/, '') : stem;
    const suffix = random.pick(['有限公司', '有限公司', '股份有限公司', '科技有限公司', '制造有限公司']);
    // A third of the firms sit in a village (rural workshops, cooperatives' plants).
    const atVillage = random.chance(0.3);
    const regionCode = atVillage ? random.pick(township.villages).code : township.code;
    const employees = Math.round(Math.exp(random.normal(Math.log(120), 0.9)));
    out.push({ type: 'enterprise', name: `${head}${brand(random)}${industry}${suffix}`, regionCode, profile: { industry, employees: Math.max(8, Math.min(employees, 8000)) } });
  }

  let highSchools = 0;
  const schoolNames = new Set<string>();
  for (let i = 0; i < counts.school; i++) {
    const roll = random.next();
    if ((i < 2 || roll < 0.12) && highSchools < ORDINALS.length) {
      out.push({ type: 'school', name: `${prefix}${ORDINALS[highSchools++]}中学`, regionCode: seat.code, profile: { stage: '高中', size: random.int(1500, 4500) } });
      continue;
    }
    // One central primary and one middle school per township; beyond that, village primary schools.
    const township = byVillages(townships);
    const stage = roll < 0.55 ? '中心小学' : roll < 0.8 ? '中学' : '';
    const name = `${prefix}${township.name.replace(/办事处$/, '')}${stage}`;
    if (stage && !schoolNames.has(name)) {
      schoolNames.add(name);
      out.push({ type: 'school', name, regionCode: township.code, profile: { stage: stage === '中学' ? '初中' : '小学', size: random.int(300, 1800) } });
      continue;
    }
    const villages = byVillages(rural.length ? rural : townships).villages.filter((village) => !village.isCommunity);
    const village = villages.length ? random.pick(villages) : random.pick(township.villages);
    const villageName = `${prefix}${villageStem(village)}小学`;
    schoolNames.add(villageName);
    out.push({ type: 'school', name: villageName, regionCode: village.code, profile: { stage: '小学', size: random.int(60, 400) } });
  }

  const countyHospitals = county.kind === 'zone' ? [] : ['人民医院', '中医医院', '妇幼保健院'];
  const clinicTownships = [...(rural.length ? rural : townships)];
  for (let i = 0; i < counts.hospital; i++) {
    if (i < countyHospitals.length) {
      out.push({ type: 'hospital', name: `${prefix}${countyHospitals[i]}`, regionCode: seat.code, profile: { level: '二级', size: random.int(200, 900) } });
      continue;
    }
    // One health centre per township, townships in code order; subdistricts have service centres instead.
    const township = clinicTownships.length ? clinicTownships.shift()! : byVillages(townships);
    const name = township.kind === 'subdistrict' ? `${township.name.replace(/办事处$/, '')}社区卫生服务中心` : `${township.name}卫生院`;
    out.push({ type: 'hospital', name, regionCode: township.code, profile: { level: '一级', size: random.int(20, 120) } });
  }

  for (let i = 0; i < counts.new_org; i++) {
    const township = byVillages(townships);
    const kind = random.next();
    const [name, profile] =
      kind < 0.25 ? [`${stem}${brand(random)}社会工作服务中心`, { kind: '社会组织', members: random.int(5, 60) }]
      : kind < 0.4 ? [`${prefix}${brand(random)}志愿者协会`, { kind: '社会组织', members: random.int(30, 600) }]
      : kind < 0.55 ? [`${township.name.replace(/办事处$/, '')}商会`, { kind: '社会组织', members: random.int(20, 200) }]
      : kind < 0.7 ? [`${stem}${brand(random)}养老服务中心`, { kind: '社会组织', members: random.int(8, 80) }]
      : kind < 0.8 ? [`河北${brand(random)}律师事务所`, { kind: '非公企业', members: random.int(5, 40) }]
      : [`${stem}${brand(random)}种植专业合作社`, { kind: '非公企业', members: random.int(10, 300) }];
    out.push({ type: 'new_org', name, regionCode: township.code, profile });
  }
  return out;
}
