// Where an Open311 request is: lat/long → the nearest located contact point; address_string →
// the village the text names (the rosters' region resolver, inside the client's region);
// address_id → a point id or a 12-digit village code. Geometry and text matching are pure.
import type { Database } from '../../db/database.ts';
import { invalidField } from '../../lib/errors.ts';
import { listRegionsOfProvince } from '../roster-files/queries.ts';
import { cachedRegionIndex, type RegionIndex, type RegionResolution } from '../roster-files/region-index.ts';
import type { Open311Client } from './api-keys.ts';
import { findPointInScope, findRegionInScope, listLocatedPointsInBox } from './queries.ts';

/** How far the nearest point may be from the given coordinates. */
export const maxPointDistanceKm = 5;
const earthRadiusKm = 6371.0088;
const villageCodeLength = 12;

/** Great-circle distance in km (haversine). */
export function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude/longitude box around a place that holds every point within `km` of it. */
export function boundingBox(center: { latitude: number; longitude: number }, km: number) {
  const dLat = (km / earthRadiusKm) * (180 / Math.PI);
  const dLon = dLat / Math.max(0.01, Math.cos((center.latitude * Math.PI) / 180));
  return { minLatitude: center.latitude - dLat, maxLatitude: center.latitude + dLat, minLongitude: center.longitude - dLon, maxLongitude: center.longitude + dLon };
}

/** The nearest of some located points within `maxKm`, or null. */
export function nearestPoint<T extends { latitude: number | null; longitude: number | null }>(center: { latitude: number; longitude: number }, points: T[], maxKm: number): T | null {
  let best: T | null = null;
  let bestKm = maxKm;
  for (const point of points) {
    if (point.latitude === null || point.longitude === null) continue;
    const km = haversineKm(center, { latitude: point.latitude, longitude: point.longitude });
    if (km <= bestKm) [best, bestKm] = [point, km];
  }
  return best;
}

// The resolver says "no division is named …" when nothing matches; any other problem (several
// divisions, outside the area) means the text did name places and is worth reporting.
const isNothingFound = (resolution: RegionResolution) => 'problem' in resolution && resolution.problem.messageEn.startsWith('no division is named');

/**
 * The region an address names. The resolver matches whole names (海兴县苏基镇姜庄村, 姜庄村), so
 * for an address with details after the place (姜庄村东头小卖部) the longest leading part that
 * names a place wins.
 */
export function resolveAddress(index: RegionIndex, address: string, scope: string): RegionResolution {
  const text = address.replace(/\s/g, '');
  const whole = index.resolve(text, scope);
  if (!isNothingFound(whole)) return whole;
  for (let length = text.length - 1; length >= 2; length -= 1) {
    const part = index.resolve(text.slice(0, length), scope);
    if (!isNothingFound(part)) return part;
  }
  return whole;
}

export type RequestPlace = { pointId: number } | { regionCode: string };

/** Where a request is, from whichever location fields it has (lat/long first, then address_string, then address_id). */
export async function locateRequest(options: {
  database: Database;
  client: Open311Client;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
}): Promise<RequestPlace> {
  const { database, client } = options;
  const db = database.db;
  if ((options.lat === undefined) !== (options.long === undefined)) throw invalidField(options.lat === undefined ? 'lat' : 'long', 'lat 和 long 须同时给出', 'lat and long go together');
  if (options.lat === undefined && !options.addressString && !options.addressId) {
    throw invalidField('location', '须给出位置：lat 和 long、address_string 或 address_id', 'a location is required: lat and long, address_string or address_id');
  }
  if (options.lat !== undefined && options.long !== undefined) {
    const center = { latitude: options.lat, longitude: options.long };
    const candidates = await listLocatedPointsInBox(db, boundingBox(center, maxPointDistanceKm), client.regionCode);
    const point = nearestPoint(center, candidates, maxPointDistanceKm);
    if (point) return { pointId: point.id };
    if (!options.addressString && !options.addressId) {
      throw invalidField('lat', `${maxPointDistanceKm} 公里内没有您可提交的联系点`, `no contact point within ${maxPointDistanceKm} km that this client may file cases for`);
    }
  }
  if (options.addressString) {
    const province = client.regionCode.slice(0, 2);
    const index = await cachedRegionIndex(database, province, () => listRegionsOfProvince(db, province));
    const resolution = resolveAddress(index, options.addressString, client.regionCode);
    if ('problem' in resolution) throw invalidField('address_string', resolution.problem.message, resolution.problem.messageEn);
    if (resolution.value.length !== villageCodeLength) {
      throw invalidField('address_string', `“${index.pathOf(resolution.value)}”不是村（社区），请写到村或社区，如 海兴县苏基镇姜庄村`, `"${options.addressString}" names no village or community; name one, e.g. 海兴县苏基镇姜庄村`);
    }
    return { regionCode: resolution.value };
  }
  const addressId = options.addressId!;
  if (/^\d{12}$/.test(addressId)) {
    if (!(await findRegionInScope(db, addressId, client.regionCode))) throw invalidField('address_id', '没有这个村（社区），或不在本客户端的范围内', 'no such village, or outside this client’s area');
    return { regionCode: addressId };
  }
  const point = /^\d{1,9}$/.test(addressId) ? await findPointInScope(db, Number(addressId), client.regionCode) : undefined;
  if (!point) throw invalidField('address_id', '没有这个联系点，或不在本客户端的范围内', 'no such contact point, or outside this client’s area');
  return { pointId: point.id };
}
