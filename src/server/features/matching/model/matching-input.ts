// The plain data the matching model works on: cadres, points, locked and pinned postings,
// forbidden pairs and the campaign's weights. No database types here.
import type { Category, UnitLevel } from '../../../db/schema.ts';
import type { NeedTag } from '../../../lib/roster-vocabulary.ts';

export interface MatchingCadre {
  id: number;
  unitLevel: UnitLevel;
  /** Region of the unit's seat (2, 4, 6 or 9 digits). */
  regionCode: string;
  category: Category;
  isLeader: boolean;
  /** Village code of the cadre's home (回避: never posted there). */
  homeRegionCode: string | null;
}

export interface MatchingPoint {
  id: number;
  /** Village (12 digits) or township (9 digits) code. */
  regionCode: string;
  minCadres: number;
  maxCadres: number;
  needs: Record<NeedTag, number>;
}

export interface FixedPosting {
  cadreId: number;
  pointId: number;
}

export interface MatchingWeights {
  /** Cost of a posting by how close the point is to the unit's seat (lowest common region). */
  distance: { township: number; county: number; city: number; province: number };
  /** Which needs each department category answers (the article: 政法→乱, 党群→难, 经济→穷). */
  affinity: Record<Category, NeedTag[]>;
  /** Cost per severity point of a need left without a cadre whose category answers it. */
  unmatchedNeed: number;
  /** Each cadre beyond a point's minimum costs `balanceStep × k` for the k-th extra cadre. */
  balanceStep: number;
  /** Leaders hold this many points (全员覆盖、多点蹲驻). */
  leaderPoints: { min: number; max: number };
  /** Cost of moving a cadre away from the previous plan's posting (re-plans). */
  changePenalty: number;
  /** Cost per unit of a broken hard rule, so that a plan can still be made and the breaks named. */
  violation: number;
}

export const defaultWeights: MatchingWeights = {
  distance: { township: 2, county: 6, city: 15, province: 30 },
  affinity: {
    political_legal: ['disorder'],
    party_mass: ['difficulty'],
    economic: ['poverty'],
    agriculture: ['poverty'],
    health: ['difficulty'],
    education: [],
    other: [],
  },
  unmatchedNeed: 20,
  balanceStep: 4,
  leaderPoints: { min: 2, max: 4 },
  changePenalty: 25,
  violation: 1_000_000,
};

export interface MatchingInput {
  /** The plan's region: province `13` or one city. */
  regionCode: string;
  cadres: MatchingCadre[];
  points: MatchingPoint[];
  /** Postings from earlier programmes: always kept, count toward coverage. */
  locked: FixedPosting[];
  /** Postings the office pinned on an earlier run. */
  pinned: FixedPosting[];
  /** Pairs the office forbade. */
  forbidden: FixedPosting[];
  /** The previous plan's postings, for a warm start that moves as few people as possible. */
  previous?: FixedPosting[];
  weights: MatchingWeights;
}
