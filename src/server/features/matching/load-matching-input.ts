// Reads a plan's input from the database into the model's plain data.
import type { Executor } from '../../db/database.ts';
import { defaultWeights, type MatchingInput, type MatchingWeights } from './model/matching-input.ts';
import { listLockedPostings, listMatchingCadres, listMatchingPoints, listMatchingRules, listPublishedPostings } from './queries.ts';

/** The campaign's weights over the defaults. */
export function mergeWeights(stored: unknown): MatchingWeights {
  const partial = (stored ?? {}) as Partial<MatchingWeights>;
  return {
    ...defaultWeights,
    ...partial,
    distance: { ...defaultWeights.distance, ...(partial.distance ?? {}) },
    affinity: { ...defaultWeights.affinity, ...(partial.affinity ?? {}) },
    leaderPoints: { ...defaultWeights.leaderPoints, ...(partial.leaderPoints ?? {}) },
  };
}

/** Everything the optimizer needs for a region: cadres, points, locks, rules, the published solution. */
export async function loadMatchingInput(db: Executor, options: { campaignId: number; regionCode: string; weights: MatchingWeights }): Promise<MatchingInput> {
  const [cadres, points, locked, rules, previous] = await Promise.all([
    listMatchingCadres(db, options.regionCode),
    listMatchingPoints(db, options.regionCode),
    listLockedPostings(db, options.regionCode),
    listMatchingRules(db, options.campaignId, options.regionCode),
    listPublishedPostings(db, options.campaignId, options.regionCode),
  ]);
  const cadreIds = new Set(cadres.map((cadre) => cadre.id));
  const toPosting = (row: { cadre_id: number; point_id: number }) => ({ cadreId: row.cadre_id, pointId: row.point_id });
  // A point holding a locked cadre from outside this plan (a province cadre in a city plan) needs that many fewer.
  const outsideLocks = new Map<number, number>();
  for (const row of locked) if (!cadreIds.has(row.cadre_id)) outsideLocks.set(row.point_id, (outsideLocks.get(row.point_id) ?? 0) + 1);
  return {
    regionCode: options.regionCode,
    cadres: cadres.map((row) => ({ id: row.id, unitLevel: row.unit_level, regionCode: row.region_code, category: row.category, isLeader: row.is_leader, homeRegionCode: row.home_region_code })),
    points: points.map((row) => ({
      id: row.id,
      regionCode: row.region_code,
      minCadres: Math.max(0, row.min_cadres - (outsideLocks.get(row.id) ?? 0)),
      maxCadres: Math.max(0, row.max_cadres - (outsideLocks.get(row.id) ?? 0)),
      needs: { disorder: row.disorder_severity, difficulty: row.difficulty_severity, poverty: row.poverty_severity },
    })),
    // A lock of a cadre outside this plan (a province cadre in a city plan) stays as it is.
    locked: locked.filter((row) => cadreIds.has(row.cadre_id)).map(toPosting),
    pinned: rules.filter((rule) => rule.kind === 'pin').map(toPosting),
    forbidden: rules.filter((rule) => rule.kind === 'forbid').map(toPosting),
    previous: previous.filter((row) => cadreIds.has(row.cadre_id)).map(toPosting),
    weights: options.weights,
  };
}
