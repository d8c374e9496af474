// The province as the generator walks it: cities → county-level units → townships → villages,
// built from the real division list, with the names people write in unit names.
import type { Division } from '../features/regions/division-data.ts';

/** District (市辖区), county (县), county-level city (县级市) or development zone (开发区, 管理区). */
export type CountyKind = 'district' | 'county' | 'county_city' | 'zone';
/** Town (镇), township (乡), subdistrict (街道) or anything else (农场, 管理处, 林场 …). */
export type TownshipKind = 'town' | 'township' | 'subdistrict' | 'other';

export interface VillageGeo {
  code: string;
  /** The spoken name (姜庄村, 花园社区): what the point is called. */
  name: string;
  isCommunity: boolean;
}

export interface TownshipGeo {
  code: string;
  name: string;
  kind: TownshipKind;
  villages: VillageGeo[];
}

export interface CountyGeo {
  code: string;
  name: string;
  /** How a unit name starts: 海兴县, 沧州市新华区 (districts repeat across cities), 石家庄高新区. */
  unitPrefix: string;
  kind: CountyKind;
  cityCode: string;
  cityName: string;
  townships: TownshipGeo[];
  villageCount: number;
}

export interface CityGeo {
  code: string;
  name: string;
  counties: CountyGeo[];
  villageCount: number;
}

export interface ProvinceGeo {
  code: string;
  name: string;
  cities: CityGeo[];
  /** Village-level divisions (villages and communities) in these cities. */
  villageCount: number;
}

/** The kind of a county-level unit from its GB/T 2260 code (01–20 districts, 21–70 counties, 71–80 zones, 81+ cities). */
export function countyKindOf(code: string, name: string): CountyKind {
  const serial = Number(code.slice(4, 6));
  if (serial >= 71 && serial <= 80) return 'zone';
  if (serial >= 81) return 'county_city';
  if (serial <= 20 && name.endsWith('区')) return 'district';
  return 'county';
}

/** The kind of a township from its name's ending. */
export function townshipKindOf(name: string): TownshipKind {
  if (name.endsWith('街道') || name.endsWith('街道办事处')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  return 'other';
}

// Development-zone names as people shorten them: 河北沧州经济开发区 → 沧州经济开发区, 石家庄高新技术产业开发区 → 石家庄高新区.
function spokenZoneName(name: string): string {
  return name.replace(/^河北/, '').replace('高新技术产业开发区', '高新区').replace('经济技术开发区', '经开区');
}

function unitPrefixOf(kind: CountyKind, name: string, cityName: string): string {
  if (kind === 'district') return `${cityName}${name}`;
  if (kind === 'zone') return spokenZoneName(name);
  return name;
}

function isCommunityDivision(division: Division): boolean {
  return /居民委员会$|居委会$|街道委员会$|社区/.test(division.name) || division.shortName.endsWith('社区');
}

/** Arranges the flat division list (sorted by code, as readHebeiDivisions returns it) into the tree. */
export function buildProvinceGeo(divisions: readonly Division[]): ProvinceGeo {
  const province = divisions.find((division) => division.level === 'province');
  if (!province) throw new Error('the division list has no province');
  const cities = new Map<string, CityGeo>();
  const counties = new Map<string, CountyGeo>();
  const townships = new Map<string, TownshipGeo>();
  let villageCount = 0;
  for (const division of divisions) {
    if (division.level === 'city') {
      cities.set(division.code, { code: division.code, name: division.name, counties: [], villageCount: 0 });
    } else if (division.level === 'county') {
      const city = cities.get(division.code.slice(0, 4));
      if (!city) continue;
      const kind = countyKindOf(division.code, division.name);
      const county: CountyGeo = { code: division.code, name: division.name, unitPrefix: unitPrefixOf(kind, division.name, city.name), kind, cityCode: city.code, cityName: city.name, townships: [], villageCount: 0 };
      city.counties.push(county);
      counties.set(division.code, county);
    } else if (division.level === 'township') {
      const county = counties.get(division.code.slice(0, 6));
      if (!county) continue;
      const township: TownshipGeo = { code: division.code, name: division.name, kind: townshipKindOf(division.name), villages: [] };
      county.townships.push(township);
      townships.set(division.code, township);
    } else if (division.level === 'village') {
      const township = townships.get(division.code.slice(0, 9));
      if (!township) continue;
      township.villages.push({ code: division.code, name: division.shortName, isCommunity: isCommunityDivision(division) });
      counties.get(division.code.slice(0, 6))!.villageCount += 1;
      cities.get(division.code.slice(0, 4))!.villageCount += 1;
      villageCount += 1;
    }
  }
  return { code: province.code, name: province.name, cities: [...cities.values()], villageCount };
}

/** The same province cut down to the cities/counties whose code starts with `prefix` ('13' keeps all). */
export function restrictProvinceGeo(geo: ProvinceGeo, prefix: string): ProvinceGeo {
  if (prefix.length <= 2) return geo;
  const cities = geo.cities
    .filter((city) => city.code.startsWith(prefix.slice(0, 4)))
    .map((city) => ({ ...city, counties: city.counties.filter((county) => county.code.startsWith(prefix.slice(0, 6))) }));
  const villageCount = cities.reduce((sum, city) => sum + city.counties.reduce((s, county) => s + county.villageCount, 0), 0);
  return { ...geo, cities, villageCount };
}

/** Every county of the province, in code order. */
export function allCounties(geo: ProvinceGeo): CountyGeo[] {
  return geo.cities.flatMap((city) => city.counties);
}
