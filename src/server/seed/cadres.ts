// Cadres (机关干部) of every unit: the members of the four leading bodies and each department's
// head (the leaders, ~8–10%), deputies, middle managers and staff. Head counts follow the article's
// 144,213 split roughly as province ~3k, cities ~16k, counties ~66k, townships ~59k, scaled inside
// each level by how many villages a region has.
import type { CadreRow, Category } from './demo-rows.ts';
import type { ProvinceGeo } from './geography.ts';
import { bodyMemberRank, categoryOfSkill, departmentLeaderRank, leadingBodyPosts, middlePost, pickSkills, staffRank } from './posts.ts';
import { personName } from './names.ts';
import { apportion, createRandom, type Random } from './random.ts';
import { headTitleOf, type UnitPlan } from './units.ts';

/** Where home villages are drawn from: village codes of the whole province, by township, county and city. */
export interface HomeVillages {
  all: string[];
  byTownship: Map<string, string[]>;
  byCounty: Map<string, string[]>;
  byCity: Map<string, string[]>;
}

/** Indexes the villages of the (full) province for home-village draws. */
export function indexHomeVillages(geo: ProvinceGeo): HomeVillages {
  const index: HomeVillages = { all: [], byTownship: new Map(), byCounty: new Map(), byCity: new Map() };
  for (const city of geo.cities) {
    const cityVillages: string[] = [];
    for (const county of city.counties) {
      const countyVillages: string[] = [];
      for (const township of county.townships) {
        const codes = township.villages.map((village) => village.code);
        index.byTownship.set(township.code, codes);
        countyVillages.push(...codes);
      }
      index.byCounty.set(county.code, countyVillages);
      cityVillages.push(...countyVillages);
    }
    index.byCity.set(city.code, cityVillages);
    index.all.push(...cityVillages);
  }
  return index;
}

// Cadres per unit group: fixed for the province, a base plus a share per village elsewhere.
// Constants fitted so that all of Hebei (11 cities, 190 county-level units, 2,365 townships,
// 54,145 villages) gives ≈ 3k + 16k + 66k + 59k = 144k.
function groupTotal(level: string, villages: number, isZone: boolean): number {
  if (level === 'province') return 3000;
  if (level === 'city') return Math.round(800 + 0.133 * villages);
  if (level === 'county') return Math.round((isZone ? 60 : 150) + 0.69 * villages);
  return Math.round(12 + 0.565 * villages);
}

type SeatRole = 'top' | 'member' | 'head' | 'deputy' | 'middle' | 'staff';
const BIRTH_RANGE: Record<SeatRole, [number, number]> = { top: [1966, 1976], member: [1966, 1980], head: [1966, 1984], deputy: [1968, 1988], middle: [1970, 1992], staff: [1966, 2000] };
// Leadership is still mostly male; staff recruited since 2000 are close to even.
const MALE_SHARE: Record<SeatRole, number> = { top: 0.88, member: 0.82, head: 0.8, deputy: 0.7, middle: 0.62, staff: 0.57 };

function birthYearFor(random: Random, role: SeatRole): number {
  const [low, high] = BIRTH_RANGE[role];
  // Staff skew young (sqrt pushes draws towards the later years): recruitment grew after 2005.
  const u = role === 'staff' ? Math.sqrt(random.next()) : random.next();
  return low + Math.min(high - low, Math.floor(u * (high - low + 1)));
}

function phoneNumber(random: Random): string {
  let digits = `1${random.int(3, 9)}`;
  for (let i = 0; i < 9; i++) digits += random.int(0, 9);
  return digits;
}

/** Generates the cadres of the given units; `villages` is the full province's index (homes may lie outside a small seed). */
export function generateCadres(plans: UnitPlan[], geo: ProvinceGeo, villages: HomeVillages, firstId = 1): CadreRow[] {
  const villagesIn = (code: string) => (code.length === 2 ? villages.all : code.length === 4 ? villages.byCity.get(code) : code.length === 6 ? villages.byCounty.get(code) : villages.byTownship.get(code)) ?? [];
  const zones = new Set(geo.cities.flatMap((city) => city.counties.filter((county) => county.kind === 'zone').map((county) => county.code)));

  // Group units by the region they sit in; each group shares a head count and a random stream.
  const groups = new Map<string, UnitPlan[]>();
  for (const plan of plans) {
    const list = groups.get(plan.unit.regionCode) ?? [];
    list.push(plan);
    groups.set(plan.unit.regionCode, list);
  }
  const cadres: CadreRow[] = [];
  let nextId = firstId;
  for (const [regionCode, group] of groups) {
    const random = createRandom(`cadres:${regionCode}`);
    const total = groupTotal(group[0].unit.level, villagesIn(regionCode).length, zones.has(regionCode));
    const shares = apportion(total, group.map((plan) => plan.staffWeight));
    group.forEach((plan, index) => {
      for (const seat of staffUnit(plan, shares[index], random)) {
        cadres.push(makeCadre(nextId++, plan, seat, random));
      }
    });
  }
  return cadres;

  function makeCadre(id: number, plan: UnitPlan, seat: Seat, random: Random): CadreRow {
    const { unit } = plan;
    const birthYear = birthYearFor(random, seat.role);
    const gender = random.chance(MALE_SHARE[seat.role]) ? 'male' : 'female';
    let category: Category = unit.category;
    let skills = pickSkills(random, category);
    let isCategoryOverridden = false;
    // A few staff work in another line than their unit (a lawyer in 财政局): the office overrides the category.
    if (!seat.isLeader && random.chance(0.03)) {
      const skill = random.pick(['法律', '财会', '农技', '医疗', '教育', '宣讲']);
      const other = categoryOfSkill(skill);
      if (other && other !== category) {
        category = other;
        isCategoryOverridden = true;
        skills = [skill, ...skills.filter((s) => s !== skill)].slice(0, 3);
      }
    }
    return {
      id,
      externalId: `C${String(id).padStart(7, '0')}`,
      name: personName(random, gender, birthYear),
      gender,
      birthYear,
      unitId: unit.id,
      regionCode: unit.regionCode,
      post: seat.post,
      rank: seat.rank ?? staffRank(random, unit.level, birthYear),
      isLeader: seat.isLeader,
      leadingBody: seat.isLeader ? unit.leadingBody : null,
      category,
      isCategoryOverridden,
      skills,
      phone: phoneNumber(random),
      homeRegionCode: homeVillage(random, plan),
    };
  }

  // Township cadres are often locals; county cadres mostly from the county; the province from anywhere.
  function homeVillage(random: Random, plan: UnitPlan): string {
    const region = plan.unit.regionCode;
    const roll = random.next();
    let pool: string[];
    if (plan.unit.level === 'township') pool = roll < 0.45 ? villagesIn(region) : roll < 0.88 ? villagesIn(region.slice(0, 6)) : villagesIn(region.slice(0, 4));
    else if (plan.unit.level === 'county') pool = roll < 0.78 ? villagesIn(region) : villagesIn(region.slice(0, 4));
    else if (plan.unit.level === 'city') pool = roll < 0.85 ? villagesIn(region) : villages.all;
    else pool = villages.all;
    if (pool.length === 0) pool = villagesIn(region.slice(0, 4)).length ? villagesIn(region.slice(0, 4)) : villages.all;
    return random.pick(pool);
  }
}

interface Seat {
  post: string;
  /** Set for leadership posts; staff ranks are drawn by age. */
  rank?: string;
  isLeader: boolean;
  role: SeatRole;
}

// The posts of one unit of `size` people: leadership first, then middle managers and staff.
function staffUnit(plan: UnitPlan, size: number, random: Random): Seat[] {
  const { unit, kind, levelWord } = plan;
  const seats: Seat[] = [];
  if (kind === 'body') {
    leadingBodyPosts(unit.leadingBody!, levelWord, unit.level).forEach((post, index) =>
      seats.push({ post, rank: bodyMemberRank(unit.level, index === 0), isLeader: true, role: index === 0 ? 'top' : 'member' }),
    );
  } else if (kind === 'department') {
    const head = headTitleOf(unit.name);
    seats.push({ post: head, rank: departmentLeaderRank(unit.level, true), isLeader: true, role: 'head' });
    for (let i = random.int(2, 3); i > 0; i--) seats.push({ post: `副${head}`, rank: departmentLeaderRank(unit.level, false), isLeader: false, role: 'deputy' });
  } else {
    // 镇长 / 乡长; a subdistrict office, farm or management office is run by a 主任.
    const chief = /镇(?:党委|人民政府)$/.test(unit.name) ? '镇长' : /乡(?:党委|人民政府)$/.test(unit.name) ? '乡长' : '主任';
    const secretary = unit.name.endsWith('党工委') ? '党工委书记' : '党委书记';
    const posts =
      kind === 'township_party'
        ? [secretary, secretary.replace('书记', '副书记'), '纪委书记', '组织委员', '宣传委员', '武装部部长']
        : [chief, ...Array.from({ length: random.int(2, 3) }, () => `副${chief}`)];
    posts.forEach((post, index) => seats.push({ post, rank: bodyMemberRank('township', index === 0), isLeader: false, role: index === 0 ? 'head' : 'deputy' }));
  }
  const minimum = seats.length + (kind === 'body' ? 2 : 1);
  const target = Math.max(minimum, size);
  const middleCount = Math.round((target - seats.length) / 6);
  for (let i = 0; i < middleCount; i++) seats.push({ post: middlePost(unit.level, random.chance(0.4)), isLeader: false, role: 'middle' });
  while (seats.length < target) seats.push({ post: unit.level === 'township' ? '干事' : '科员', isLeader: false, role: 'staff' });
  return seats;
}
