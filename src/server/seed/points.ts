// Contact points (基层联系点): every village-level division of the province (village committees as
// villages, residents' committees as communities) plus enterprises, schools, hospitals and new
// organisations, with their needs, size and profile.
import { isPeriUrban, povertyTierOf } from './county-traits.ts';
import type { PointRow } from './demo-rows.ts';
import type { CountyGeo, ProvinceGeo } from './geography.ts';
import { allocateInstitutions, generateInstitutions, type InstitutionCounts } from './institutions.ts';
import { communityProfile, drawNeeds, villageProfile } from './needs.ts';
import { createRandom, type Random } from './random.ts';

// Households are roughly log-normal: most villages 150–500 households, a few big ones near 900.
function villageHouseholds(random: Random, isHighland: boolean): number {
  const median = isHighland ? 190 : 300;
  return Math.round(Math.min(900, Math.max(80, Math.exp(random.normal(Math.log(median), 0.55)))));
}

function communityHouseholds(random: Random): number {
  return Math.round(Math.min(9000, Math.max(600, Math.exp(random.normal(Math.log(2300), 0.6)))));
}

/** Generates the points of the counties in `scope`; `province` (the whole of it) fixes the institution counts. */
export function generatePoints(province: ProvinceGeo, scope: ProvinceGeo, firstId = 1): PointRow[] {
  const allocation = allocateInstitutions(province);
  const points: PointRow[] = [];
  let nextId = firstId;
  for (const city of scope.cities) {
    for (const county of city.counties) {
      const random = createRandom(`points:${county.code}`);
      for (const point of countyPoints(random, county, allocation.get(county.code)!)) points.push({ ...point, id: nextId++ });
    }
  }
  return points;
}

function countyPoints(random: Random, county: CountyGeo, counts: InstitutionCounts): Omit<PointRow, 'id'>[] {
  const tier = povertyTierOf(county);
  const isHighland = tier === 'mountain' || tier === 'upland';
  const out: Omit<PointRow, 'id'>[] = [];
  for (const township of county.townships) {
    const context = { tier, isPeriUrban: isPeriUrban(county, township.kind) };
    for (const village of township.villages) {
      const type = village.isCommunity ? 'community' : 'village';
      const needs = drawNeeds(random, type, context);
      const households = type === 'village' ? villageHouseholds(random, isHighland) : communityHouseholds(random);
      const population = Math.round(households * (2.6 + random.next() * 0.8));
      out.push({
        externalId: `P${village.code}`,
        name: village.name,
        type,
        regionCode: village.code,
        ...needs,
        households,
        population,
        profile: type === 'village' ? villageProfile(random, households, population, needs, tier) : communityProfile(random, households),
        minCadres: 1,
        // A large community needs a fourth cadre to reach its grids.
        maxCadres: type === 'community' && households > 3000 ? 4 : 3,
      });
    }
  }
  const serials = new Map<string, number>();
  for (const institution of generateInstitutions(random, county, counts)) {
    const serial = (serials.get(institution.regionCode) ?? 0) + 1;
    serials.set(institution.regionCode, serial);
    const needs = drawNeeds(random, institution.type, { tier, isPeriUrban: isPeriUrban(county, 'town') });
    out.push({
      externalId: `P${institution.regionCode}-${institution.type[0].toUpperCase()}${String(serial).padStart(2, '0')}`,
      name: institution.name,
      type: institution.type,
      regionCode: institution.regionCode,
      ...needs,
      households: 0,
      population: 0,
      profile: institution.profile,
      minCadres: 1,
      maxCadres: 3,
    });
  }
  return out;
}
