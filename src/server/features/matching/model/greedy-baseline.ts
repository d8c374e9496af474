// The hand method offices use, kept as a baseline to compare the optimizer with: points in order
// of severity each take the nearest eligible free cadre of the best category; then the remaining
// cadres go to their nearest point with room. Leaders fill two slots, one per township.
import { needTags } from '../../../lib/roster-vocabulary.ts';
import { isEligible, jurisdictionOf, townshipOf } from './eligibility.ts';
import type { FixedPosting, MatchingInput } from './matching-input.ts';

/** Greedy postings for the input (locked postings first, as the optimizer keeps them too). */
export function greedyBaseline(input: MatchingInput): FixedPosting[] {
  const { cadres, points, weights } = input;
  const slotsLeft = cadres.map((cadre) => (cadre.isLeader ? weights.leaderPoints.min : 1));
  const townshipsUsed = cadres.map(() => new Set<string>());
  const load = new Map<number, number>();
  const postings: FixedPosting[] = [];
  const forbidden = new Set(input.forbidden.map((posting) => `${posting.cadreId}:${posting.pointId}`));
  const cadreIndex = new Map(cadres.map((cadre, index) => [cadre.id, index]));
  const pointById = new Map(points.map((point) => [point.id, point]));

  const post = (index: number, pointId: number) => {
    postings.push({ cadreId: cadres[index].id, pointId });
    slotsLeft[index] -= 1;
    townshipsUsed[index].add(townshipOf(pointById.get(pointId)!));
    load.set(pointId, (load.get(pointId) ?? 0) + 1);
  };
  for (const posting of [...input.locked, ...input.pinned]) {
    const index = cadreIndex.get(posting.cadreId);
    if (index !== undefined && pointById.has(posting.pointId)) post(index, posting.pointId);
  }

  // Free cadres grouped by the seat of their unit, nearest seats first for each point.
  const bySeat = new Map<string, number[]>();
  cadres.forEach((cadre, index) => {
    if (slotsLeft[index] > 0) (bySeat.get(cadre.regionCode) ?? bySeat.set(cadre.regionCode, []).get(cadre.regionCode)!).push(index);
  });
  const seatsByCounty = new Map<string, string[]>();
  for (const seat of bySeat.keys()) if (seat.length === 9) (seatsByCounty.get(seat.slice(0, 6)) ?? seatsByCounty.set(seat.slice(0, 6), []).get(seat.slice(0, 6))!).push(seat);
  const seatTiers = (regionCode: string) => [
    [regionCode.slice(0, 9)],
    [regionCode.slice(0, 6), ...(seatsByCounty.get(regionCode.slice(0, 6)) ?? []).filter((seat) => seat !== regionCode.slice(0, 9))],
    [regionCode.slice(0, 4)],
    [regionCode.slice(0, 2)],
  ];
  const canTake = (index: number, point: (typeof points)[number]) =>
    slotsLeft[index] > 0 &&
    !townshipsUsed[index].has(townshipOf(point)) &&
    isEligible(cadres[index], point) &&
    !forbidden.has(`${cadres[index].id}:${point.id}`);

  /** The nearest free cadre for a point, preferring one whose category answers the point's worst need. */
  const pick = (point: (typeof points)[number]) => {
    const wanted = needTags.filter((need) => point.needs[need] > 0).sort((a, b) => point.needs[b] - point.needs[a]);
    for (const tier of seatTiers(point.regionCode)) {
      let fallback = -1;
      for (const seat of tier) {
        for (const index of bySeat.get(seat) ?? []) {
          if (!canTake(index, point)) continue;
          if (wanted.length === 0 || weights.affinity[cadres[index].category].includes(wanted[0])) return index;
          if (fallback < 0) fallback = index;
        }
      }
      if (fallback >= 0) return fallback;
    }
    return -1;
  };

  const bySeverity = [...points].sort((a, b) => needTags.reduce((sum, need) => sum + b.needs[need] - a.needs[need], 0) || a.id - b.id);
  for (const point of bySeverity) {
    while ((load.get(point.id) ?? 0) < point.minCadres) {
      const index = pick(point);
      if (index < 0) break;
      post(index, point.id);
    }
  }
  // Remaining cadres: nearest point with room — their own township first, then their jurisdiction.
  const sortedPoints = [...points].sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : a.id - b.id));
  const rangeOf = (prefix: string): [number, number] => {
    let low = 0;
    let high = sortedPoints.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sortedPoints[mid].regionCode < prefix) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < sortedPoints.length && sortedPoints[end].regionCode.startsWith(prefix)) end += 1;
    return [low, end];
  };
  const firstWithRoom = (index: number, [from, to]: [number, number]) => {
    for (let position = from; position < to; position += 1) {
      const point = sortedPoints[position];
      if ((load.get(point.id) ?? 0) < point.maxCadres && canTake(index, point)) return point;
    }
    return undefined;
  };
  cadres.forEach((cadre, index) => {
    const ranges = [cadre.regionCode.length === 9 ? rangeOf(cadre.regionCode) : null, rangeOf(jurisdictionOf(cadre.unitLevel, cadre.regionCode))];
    while (slotsLeft[index] > 0) {
      const point = ranges.reduce<(typeof points)[number] | undefined>((found, range) => found ?? (range ? firstWithRoom(index, range) : undefined), undefined);
      if (!point) break;
      post(index, point.id);
    }
  });
  return postings;
}
