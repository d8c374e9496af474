// The hard rules of who may serve where, and what a posting costs: pure functions.
import type { UnitLevel } from '../../../db/schema.ts';
import type { NeedTag } from '../../../lib/roster-vocabulary.ts';
import type { MatchingCadre, MatchingPoint, MatchingWeights } from './matching-input.ts';

/** The region a cadre may serve in: township and county cadres their county, city cadres their city, province cadres anywhere. */
export function jurisdictionOf(unitLevel: UnitLevel, unitRegionCode: string): string {
  if (unitLevel === 'township') return unitRegionCode.slice(0, 6);
  if (unitLevel === 'province') return unitRegionCode.slice(0, 2);
  return unitRegionCode;
}

/** True when the cadre may be posted to the point (jurisdiction and 回避); pins and forbids are applied elsewhere. */
export function isEligible(cadre: MatchingCadre, point: MatchingPoint): boolean {
  if (!point.regionCode.startsWith(jurisdictionOf(cadre.unitLevel, cadre.regionCode))) return false;
  return !(cadre.homeRegionCode && point.regionCode.startsWith(cadre.homeRegionCode));
}

/** Length of the common prefix of two region codes, rounded down to a level boundary. */
function commonLevel(a: string, b: string): 'township' | 'county' | 'city' | 'province' {
  if (a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)) return 'township';
  if (a.slice(0, 6) === b.slice(0, 6) && a.length >= 6) return 'county';
  if (a.slice(0, 4) === b.slice(0, 4) && a.length >= 4) return 'city';
  return 'province';
}

/** Distance cost of a posting along the region tree from the unit's seat to the point. */
export function distanceCost(cadre: MatchingCadre, point: MatchingPoint, weights: MatchingWeights): number {
  return weights.distance[commonLevel(cadre.regionCode, point.regionCode)];
}

/** The region-tree distance class of a posting, for reports. */
export function distanceClass(cadreRegionCode: string, pointRegionCode: string) {
  return commonLevel(cadreRegionCode, pointRegionCode);
}

/** The point's need this cadre answers best (highest severity among those its category answers), if any. */
export function answeredNeed(cadre: MatchingCadre, point: MatchingPoint, weights: MatchingWeights): NeedTag | null {
  let best: NeedTag | null = null;
  for (const need of weights.affinity[cadre.category]) {
    if (point.needs[need] > 0 && (best === null || point.needs[need] > point.needs[best])) best = need;
  }
  return best;
}

/** Township code of a point (its first 9 digits). */
export function townshipOf(point: MatchingPoint): string {
  return point.regionCode.slice(0, 9);
}

/**
 * How many points a leader holds: 2–4 by default (全员覆盖、多点蹲驻), one per township, so never more than the
 * townships within reach — the leaders of a one-township development zone hold one point.
 */
export function leaderPointRange(weights: MatchingWeights, townshipsInReach: number): { min: number; max: number } {
  return { min: Math.min(weights.leaderPoints.min, townshipsInReach), max: Math.min(weights.leaderPoints.max, townshipsInReach) };
}
