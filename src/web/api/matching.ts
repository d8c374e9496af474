// The matched-stationing endpoints: plans (run, review, explain, pin/forbid, publish) and "my points".
// Shapes mirror src/server/features/matching/schemas.ts.
import { request } from './client.ts';

export type PlanStatus = 'queued' | 'running' | 'solved' | 'failed' | 'published' | 'superseded';
export type Category = 'political_legal' | 'party_mass' | 'economic' | 'education' | 'health' | 'agriculture' | 'other';
export type NeedTag = 'disorder' | 'difficulty' | 'poverty';

export const categories: Category[] = ['political_legal', 'party_mass', 'economic', 'education', 'health', 'agriculture', 'other'];
export const needTags: NeedTag[] = ['disorder', 'difficulty', 'poverty'];

export interface PlanMeasures {
  cadres: number;
  points: number;
  postings: number;
  coverage: number;
  matchedAllNeeds: number;
  matchedAnyNeed: number;
  leadersMultiPoint: number;
  averageDistance: number;
}

export interface PlanSummary {
  id: number;
  regionCode: string;
  regionName: string;
  parentPlanId: number | null;
  status: PlanStatus;
  progress: number;
  phase: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  publishedAt: string | null;
  measures: PlanMeasures | null;
  baselineMeasures: PlanMeasures | null;
  stats: Record<string, unknown> | null;
  version: number;
}

export interface MatchingWeights {
  distance: { township: number; county: number; city: number; province: number };
  affinity: Record<Category, NeedTag[]>;
  unmatchedNeed: number;
  balanceStep: number;
  changePenalty: number;
  leaderPoints: { min: number; max: number };
}

export interface RuleBreak {
  rule: 'point_uncovered' | 'cadre_unplaced' | 'leader_too_few_points' | 'point_over_capacity';
  message: string;
  messageEn: string;
  cadreId?: number;
  pointId?: number;
  amount: number;
}

export interface MatchingRule {
  id: number;
  kind: 'pin' | 'forbid';
  cadreId: number;
  cadreName: string;
  pointId: number;
  pointName: string;
}

export interface PlanDetail extends PlanSummary {
  breaks: RuleBreak[];
  rules: MatchingRule[];
  canAdjust: boolean;
  weights: MatchingWeights;
}

export interface PlanCounty {
  code: string;
  name: string;
  cityCode: string;
  points: number;
  covered: number;
  coverage: number;
  tagged: number;
  matchedAll: number;
  matchedAny: number;
  matchedAllRate: number;
  matchedAnyRate: number;
  postings: number;
  averageDistance: number;
}

export interface PlanDifference {
  previous: { id: number; regionCode: string; publishedAt: string } | null;
  stayed: number;
  moved: number;
  joined: number;
  left: number;
  keptPostings: number;
  postings: number;
  previousPostings: number;
}

export interface CountyShortfall {
  code: string;
  name: string;
  uncoveredPoints: number;
  missingCadres: number;
  points: number;
  demand: number;
  localCadres: number;
  cityCadres: number;
  message: string;
  messageEn: string;
}

export interface PlanBreaks {
  counties: CountyShortfall[];
  items: RuleBreak[];
  total: number;
  /** How many breaks of each rule. */
  byRule: Partial<Record<RuleBreak['rule'], number>>;
}

export interface PlanPosting {
  cadreId: number;
  cadreName: string;
  unitName: string;
  category: Category;
  isLeader: boolean;
  pointId: number;
  pointName: string;
  pointType: string;
  regionCode: string;
  regionPath: string;
  isLocked: boolean;
  isPinned: boolean;
  distanceCost: number;
  needBonus: number;
  answeredNeed: NeedTag | null;
}

export interface PostingFilters {
  regionCode?: string;
  q?: string;
  need?: NeedTag | 'none';
  flag?: 'pinned' | 'locked' | 'leader';
}

export interface Explanation {
  cadreId: number;
  pointId: number;
  parts: { name: string; label: string; labelEn: string; cost: number }[];
  total: number;
  alternatives: { pointId: number; pointName: string; regionPath: string; cost: number; reducedCost: number }[];
}

export interface MyPoint {
  pointId: number;
  pointName: string;
  pointType: string;
  regionCode: string;
  regionPath: string;
  isLocked: boolean;
  startsOn: string;
  needs: Record<NeedTag, number>;
  households: number;
  population: number;
  team: { cadreId: number; name: string; post: string; unitName: string; category: Category; isLeader: boolean; isMe: boolean }[];
}

export interface CreatePlanInput {
  regionCode: string;
  parentPlanId?: number;
  weights?: Omit<MatchingWeights, 'leaderPoints'>;
}

/** Matched-stationing endpoints, one function each. */
export const matchingApi = {
  plans: () => request<PlanSummary[]>('GET', '/api/plans'),
  plan: (id: number) => request<PlanDetail>('GET', `/api/plans/${id}`),
  createPlan: (body: CreatePlanInput) => request<PlanSummary>('POST', '/api/plans', { body }),
  campaignWeights: () => request<MatchingWeights>('GET', '/api/matching/weights'),
  postings: (id: number, query: PostingFilters & { page: number; pageSize: number }) =>
    request<{ total: number; items: PlanPosting[] }>('GET', `/api/plans/${id}/postings`, { query: { ...query } }),
  counties: (id: number) => request<PlanCounty[]>('GET', `/api/plans/${id}/counties`),
  difference: (id: number) => request<PlanDifference>('GET', `/api/plans/${id}/difference`),
  breaks: (id: number) => request<PlanBreaks>('GET', `/api/plans/${id}/breaks`),
  explain: (id: number, cadreId: number, pointId: number) => request<Explanation>('GET', `/api/plans/${id}/explain`, { query: { cadreId, pointId } }),
  addRule: (id: number, body: { kind: 'pin' | 'forbid'; cadreId: number; pointId: number }) => request<PlanDetail>('POST', `/api/plans/${id}/rules`, { body }),
  removeRule: (id: number, ruleId: number) => request<PlanDetail>('DELETE', `/api/plans/${id}/rules/${ruleId}`),
  publish: (id: number) => request<PlanDetail>('POST', `/api/plans/${id}/publish`),
  myPoints: () => request<MyPoint[]>('GET', '/api/me/points'),
};

/** True while the optimizer has not finished the plan. */
export function isPlanRunning(plan: Pick<PlanSummary, 'status'>): boolean {
  return plan.status === 'queued' || plan.status === 'running';
}

/** True when the plan has postings to review. */
export function hasPlanPostings(plan: Pick<PlanSummary, 'status'>): boolean {
  return plan.status === 'solved' || plan.status === 'published' || plan.status === 'superseded';
}
