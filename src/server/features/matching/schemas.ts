// Request and response shapes of matched stationing.
import { z } from 'zod';

export const planStatus = z.enum(['queued', 'running', 'solved', 'failed', 'published', 'superseded']);

const measures = z.object({
  cadres: z.number(),
  points: z.number(),
  postings: z.number(),
  coverage: z.number(),
  matchedAllNeeds: z.number(),
  matchedAnyNeed: z.number(),
  leadersMultiPoint: z.number(),
  averageDistance: z.number(),
});

export const planSummary = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  parentPlanId: z.number().int().nullable(),
  status: planStatus,
  progress: z.number(),
  phase: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  measures: measures.nullable(),
  baselineMeasures: measures.nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  version: z.number().int(),
});

export const ruleBreak = z.object({
  rule: z.enum(['point_uncovered', 'cadre_unplaced', 'leader_too_few_points', 'point_over_capacity']),
  message: z.string(),
  messageEn: z.string(),
  cadreId: z.number().int().optional(),
  pointId: z.number().int().optional(),
  amount: z.number().int(),
});

const needTag = z.enum(['disorder', 'difficulty', 'poverty']);

/** The weights a plan ran with (and the campaign's current ones): what the office may edit. */
export const matchingWeights = z.object({
  distance: z.object({ township: z.number(), county: z.number(), city: z.number(), province: z.number() }),
  affinity: z.record(z.string(), z.array(needTag)),
  unmatchedNeed: z.number(),
  balanceStep: z.number(),
  changePenalty: z.number(),
  leaderPoints: z.object({ min: z.number().int(), max: z.number().int() }),
});

export const planDetail = planSummary.extend({
  breaks: z.array(ruleBreak),
  counties: z.array(z.object({ code: z.string(), name: z.string(), points: z.number().int(), covered: z.number().int(), postings: z.number().int(), tagged: z.number().int() })),
  difference: z.object({ againstPlanId: z.number().int(), added: z.number().int(), removed: z.number().int(), cadresMoved: z.number().int() }).nullable(),
  rules: z.array(z.object({ id: z.number().int(), kind: z.enum(['pin', 'forbid']), cadreId: z.number().int(), cadreName: z.string(), pointId: z.number().int(), pointName: z.string() })),
  canAdjust: z.boolean(),
  weights: matchingWeights,
});

export const createPlanBody = z.strictObject({
  regionCode: z.string().regex(/^\d{2}(\d{2})?$/, 'the province (2 digits) or a city (4 digits)'),
  parentPlanId: z.number().int().positive().optional(),
  weights: z
    .strictObject({
      distance: z.strictObject({ township: z.number().int().min(0).max(1000), county: z.number().int().min(0).max(1000), city: z.number().int().min(0).max(1000), province: z.number().int().min(0).max(1000) }).optional(),
      unmatchedNeed: z.number().int().min(0).max(1000).optional(),
      balanceStep: z.number().int().min(0).max(1000).optional(),
      changePenalty: z.number().int().min(0).max(1000).optional(),
      affinity: z.record(z.enum(['political_legal', 'party_mass', 'economic', 'education', 'health', 'agriculture', 'other']), z.array(z.enum(['disorder', 'difficulty', 'poverty']))).optional(),
    })
    .optional(),
});

export const planIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const planPostingsQuery = z.strictObject({
  regionCode: z.string().regex(/^\d{2,12}$/).optional(),
  cadreId: z.coerce.number().int().positive().optional(),
  pointId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  need: z.enum(['disorder', 'difficulty', 'poverty', 'none']).optional(),
  flag: z.enum(['pinned', 'locked', 'leader']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const planPosting = z.object({
  cadreId: z.number().int(),
  cadreName: z.string(),
  unitName: z.string(),
  category: z.string(),
  isLeader: z.boolean(),
  pointId: z.number().int(),
  pointName: z.string(),
  pointType: z.string(),
  regionCode: z.string(),
  regionPath: z.string(),
  isLocked: z.boolean(),
  isPinned: z.boolean(),
  distanceCost: z.number().int(),
  needBonus: z.number().int(),
  answeredNeed: z.string().nullable(),
});

export const planPostingsResponse = z.object({ total: z.number().int(), items: z.array(planPosting) });

export const explainQuery = z.strictObject({ cadreId: z.coerce.number().int().positive(), pointId: z.coerce.number().int().positive() });

export const explanation = z.object({
  cadreId: z.number().int(),
  pointId: z.number().int(),
  parts: z.array(z.object({ name: z.string(), label: z.string(), labelEn: z.string(), cost: z.number() })),
  total: z.number(),
  alternatives: z.array(z.object({ pointId: z.number().int(), pointName: z.string(), regionPath: z.string(), cost: z.number(), reducedCost: z.number() })),
});

export const ruleBody = z.strictObject({ kind: z.enum(['pin', 'forbid']), cadreId: z.number().int().positive(), pointId: z.number().int().positive() });
export const ruleIdParams = z.strictObject({ id: z.coerce.number().int().positive(), ruleId: z.coerce.number().int().positive() });

export const myPointsResponse = z.array(
  z.object({
    pointId: z.number().int(),
    pointName: z.string(),
    pointType: z.string(),
    regionCode: z.string(),
    regionPath: z.string(),
    isLocked: z.boolean(),
    startsOn: z.string(),
    needs: z.object({ disorder: z.number().int(), difficulty: z.number().int(), poverty: z.number().int() }),
    households: z.number().int(),
    population: z.number().int(),
    team: z.array(z.object({ cadreId: z.number().int(), name: z.string(), post: z.string(), unitName: z.string(), category: z.string(), isLeader: z.boolean(), isMe: z.boolean() })),
  }),
);

export const planCountiesResponse = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    cityCode: z.string(),
    points: z.number().int(),
    covered: z.number().int(),
    coverage: z.number(),
    tagged: z.number().int(),
    matchedAll: z.number().int(),
    matchedAny: z.number().int(),
    matchedAllRate: z.number(),
    matchedAnyRate: z.number(),
    postings: z.number().int(),
    averageDistance: z.number(),
  }),
);

export const planDifferenceResponse = z.object({
  previous: z.object({ id: z.number().int(), regionCode: z.string(), publishedAt: z.string() }).nullable(),
  stayed: z.number().int(),
  moved: z.number().int(),
  joined: z.number().int(),
  left: z.number().int(),
  keptPostings: z.number().int(),
  postings: z.number().int(),
  previousPostings: z.number().int(),
});

export const planBreaksResponse = z.object({
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      uncoveredPoints: z.number().int(),
      missingCadres: z.number().int(),
      points: z.number().int(),
      demand: z.number().int(),
      localCadres: z.number().int(),
      cityCadres: z.number().int(),
      message: z.string(),
      messageEn: z.string(),
    }),
  ),
  items: z.array(ruleBreak),
  total: z.number().int(),
  byRule: z.record(z.string(), z.number().int()),
});
