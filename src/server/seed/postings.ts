// Postings from earlier programmes that the campaign folds in (第一书记, 驻村工作队, 农村面貌改造提升,
// 年轻干部下基层). The rules the matching later relies on hold by construction: a cadre who is not a
// leader, at a point inside the cadre's jurisdiction, never in the cadre's home village, at most one
// posting per cadre, and never more postings at a point than its max_cadres.
import type { CadreRow, PointRow, PriorPostingRow, Programme } from './demo-rows.ts';
import { createRandom, type Random } from './random.ts';

/** The region subtree a cadre may be posted in: county for county and township cadres, city for city cadres, anywhere for the province. */
export function jurisdictionOf(cadre: Pick<CadreRow, 'regionCode'>): string {
  return cadre.regionCode.length === 9 ? cadre.regionCode.slice(0, 6) : cadre.regionCode;
}

// Chance that a poverty village of each severity has a first secretary: fitted so that all of
// Hebei gets ≈ 6,000 (the province's real figure was 7,000-odd for 7,746 poverty villages).
const FIRST_SECRETARY_CHANCE = [0, 0.46, 0.78, 0.95];

// A pool of cadres drawn in shuffled order; a drawn cadre is used up. draw() returns the next
// cadre not from the given village, or undefined when none is left.
function createCadrePool(cadres: CadreRow[]) {
  let next = 0;
  return {
    draw(pointCode: string): CadreRow | undefined {
      for (let i = next; i < cadres.length; i++) {
        if (cadres[i].homeRegionCode === pointCode) continue;
        // Swap the drawn one to the cursor so that skipped (home-village) cadres stay available.
        [cadres[next], cadres[i]] = [cadres[i], cadres[next]];
        return cadres[next++];
      }
      return undefined;
    },
  };
}

function shuffled<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

type Source = 'province' | 'city' | 'county' | 'township' | 'young';

/** Generates the prior postings over the given cadres and points. */
export function generatePriorPostings(cadres: CadreRow[], points: PointRow[], firstId = 1): PriorPostingRow[] {
  const random = createRandom('prior-postings');
  // Pools per jurisdiction and source; leaders are never in them.
  const groups = new Map<string, CadreRow[]>();
  for (const cadre of cadres) {
    if (cadre.isLeader) continue;
    const level = cadre.regionCode.length === 2 ? 'province' : cadre.regionCode.length === 4 ? 'city' : cadre.regionCode.length === 6 ? 'county' : 'township';
    const key = `${level}:${jurisdictionOf(cadre)}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(cadre);
    if (cadre.birthYear >= 1990) {
      const youngKey = `young:${jurisdictionOf(cadre)}`;
      (groups.get(youngKey) ?? groups.set(youngKey, []).get(youngKey)!).push(cadre);
    }
  }
  const pools = new Map([...groups].map(([key, list]) => [key, createCadrePool(shuffled(random, list))]));
  const taken = new Set<number>();
  const load = new Map<number, number>();
  const postings: PriorPostingRow[] = [];

  const post = (point: PointRow, programme: Programme, sources: [Source, number][], dates: [string, string]) => {
    if ((load.get(point.id) ?? 0) >= point.maxCadres) return false;
    let roll = random.next();
    const source = sources.find(([, share]) => (roll -= share) < 0)?.[0] ?? sources[sources.length - 1][0];
    const key = source === 'province' ? 'province:13' : source === 'city' ? `city:${point.regionCode.slice(0, 4)}` : `${source}:${point.regionCode.slice(0, 6)}`;
    const pool = pools.get(key);
    let cadre = pool?.draw(point.regionCode);
    // A young cadre may already hold another posting: draw again (the pool overlaps the others).
    while (cadre && taken.has(cadre.id)) cadre = pool!.draw(point.regionCode);
    if (!cadre) return false;
    taken.add(cadre.id);
    load.set(point.id, (load.get(point.id) ?? 0) + 1);
    postings.push({ id: firstId + postings.length, cadreId: cadre.id, pointId: point.id, regionCode: point.regionCode, programme, startsOn: dates[0], endsOn: dates[1] });
    return true;
  };

  const villages = points.filter((point) => point.type === 'village');
  for (const village of villages) {
    if (!village.povertySeverity || !random.chance(FIRST_SECRETARY_CHANCE[village.povertySeverity])) continue;
    // First secretaries come from offices above the township; the province sends a share to the poorest villages.
    const fromProvince = village.povertySeverity === 3 ? 0.3 : 0.1;
    const started = random.chance(0.6) ? '2024-03-01' : '2025-03-01';
    if (!post(village, 'first_secretary', [['province', fromProvince], ['city', 0.3], ['county', 0.7 - fromProvince]], [started, started.replace(/^2024/, '2026').replace(/^2025/, '2027')])) continue;
    // About a third of them lead a village work team of one or two more cadres.
    if (random.chance(0.24)) {
      for (let members = random.int(1, 2); members > 0; members--) post(village, 'village_work_team', [['county', 0.7], ['city', 0.3]], [started, started.replace(/^2024/, '2026').replace(/^2025/, '2027')]);
    }
  }
  for (const village of villages) {
    // The rural-appearance action goes where water, roads and sewage are the difficulty.
    if (village.difficultySeverity >= 2 && random.chance(0.14)) post(village, 'rural_improvement', [['county', 0.6], ['township', 0.2], ['city', 0.2]], ['2025-03-01', '2025-12-31']);
  }
  for (const point of points) {
    if ((point.type === 'village' || point.type === 'community') && random.chance(0.015)) post(point, 'young_cadre', [['young', 1]], ['2025-09-01', '2026-08-31']);
  }
  return postings;
}
