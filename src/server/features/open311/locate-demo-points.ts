// Demo seed helper: plausible, deterministic coordinates for the points of 海兴县 (around 38.14°N
// 117.50°E), so Open311 requests by lat/long find a point. Townships sit on a ring around the
// county centre, their villages scattered around each township; the same codes always land on
// the same spot. Real coordinates come with real rosters.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { listUnlocatedPoints, setPointLocations } from './queries.ts';

export const demoCountyCode = '130924';
const countyCentre = { latitude: 38.14, longitude: 117.5 };
const townshipRingDegrees = 0.17;
const villageSpreadDegrees = 0.06;

/** Two numbers in [0, 1) drawn from a text, always the same for the same text. */
function unitPair(text: string): [number, number] {
  const digest = createHash('sha1').update(text).digest();
  return [digest.readUInt32BE(0) / 2 ** 32, digest.readUInt32BE(4) / 2 ** 32];
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Coordinates for points of one county: by township on a ring, villages scattered around their township. */
export function demoCoordinates(points: { id: number; region_code: string }[]): { id: number; latitude: number; longitude: number }[] {
  const townships = [...new Set(points.filter((point) => point.region_code.length >= 9).map((point) => point.region_code.slice(0, 9)))].sort();
  const centreOf = (township: string) => {
    const index = townships.indexOf(township);
    if (index < 0) return countyCentre;
    const angle = (2 * Math.PI * index) / townships.length;
    return { latitude: countyCentre.latitude + townshipRingDegrees * Math.sin(angle), longitude: countyCentre.longitude + townshipRingDegrees * Math.cos(angle) };
  };
  const seen = new Map<string, number>();
  return points.map((point) => {
    // Two points of one village (the village and its school) stand apart, not on one spot.
    const nth = seen.get(point.region_code) ?? 0;
    seen.set(point.region_code, nth + 1);
    const centre = centreOf(point.region_code.slice(0, 9));
    const [u, v] = unitPair(`${point.region_code}:${nth}`);
    const radius = point.region_code.length === 12 ? 0.012 + villageSpreadDegrees * Math.sqrt(u) : 0.004 * u;
    const angle = 2 * Math.PI * v;
    return { id: point.id, latitude: round6(centre.latitude + radius * Math.sin(angle)), longitude: round6(centre.longitude + radius * Math.cos(angle)) };
  });
}

/** Gives the points of 海兴县 that have no location a demo one; returns how many it located. Idempotent. */
export async function locateDemoPoints(db: Db): Promise<number> {
  const points = await listUnlocatedPoints(db, demoCountyCode);
  const located = demoCoordinates(points);
  for (let start = 0; start < located.length; start += 1000) await setPointLocations(db, located.slice(start, start + 1000));
  return located.length;
}
