// Request and response shapes of the field-work reads: my points, a point's households and visit
// coverage, meetings with what became of each decision, activities, and the cadre's diary.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';
import { appealStates } from '../appeals/workflow.ts';
import { decisionKinds, householdFlags, householdKinds, meetingKinds, visitOutcomes } from './sync-schemas.ts';

const date = z.iso.date(bilingual('须为日期 YYYY-MM-DD', 'a date YYYY-MM-DD'));

export const pointParams = z.strictObject({ pointId: z.coerce.number().int().positive() });
export const meetingParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const periodQuery = z.strictObject({ from: date.optional(), to: date.optional() });
export const householdsQuery = z.strictObject({
  /** 'week': only households due by the end of this week (Sunday), overdue ones included. */
  due: z.enum(['week']).optional(),
});
export const unitDiaryQuery = periodQuery.extend({ unitId: z.coerce.number().int().positive().optional() });

export const myPoint = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  regionCode: z.string(),
  regionPath: z.string(),
  households: z.number().int(),
  dueThisWeek: z.number().int(),
  visitedThisMonth: z.number().int(),
});

export const lastVisit = z.object({ visitedOn: z.string(), outcome: z.enum(visitOutcomes) });

export const household = z.object({
  id: z.number().int(),
  clientId: z.string(),
  pointId: z.number().int(),
  kind: z.enum(householdKinds),
  headName: z.string(),
  address: z.string().nullable(),
  /** In full for the team at the point (they call the household); masked (138****5678) for everyone else. */
  phone: z.string().nullable(),
  isPhoneMasked: z.boolean(),
  members: z.number().int(),
  flags: z.array(z.enum(householdFlags)),
  note: z.string().nullable(),
  visitCycleDays: z.number().int().nullable(),
  nextVisitOn: z.string().nullable(),
  isDue: z.boolean(),
  lastVisit: lastVisit.nullable(),
  visitCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const householdsResponse = z.object({ pointId: z.number().int(), today: z.string(), weekEndsOn: z.string(), items: z.array(household) });

export const coverageResponse = z.object({
  pointId: z.number().int(),
  from: z.string(),
  to: z.string(),
  households: z.number().int(),
  visitedAtLeastOnce: z.number().int(),
  /** visitedAtLeastOnce / households (0 when there are none), to three decimals. */
  rate: z.number(),
  /** Visits in the period by outcome; refusals at the door (吃闭门羹) are counted, not hidden. */
  byOutcome: z.object({ received: z.number().int(), nobody_home: z.number().int(), refused: z.number().int() }),
});

export const decisionView = z.object({
  id: z.number().int(),
  clientId: z.string(),
  text: z.string(),
  kind: z.enum(decisionKinds),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** A task's progress in percent (an appeal decision follows its case instead). */
  progress: z.number().int(),
  isOverdue: z.boolean(),
  version: z.number().int(),
  /** What the decision became when it is an appeal. */
  appeal: z.object({ id: z.number().int(), trackingCode: z.string(), state: z.enum(appealStates), title: z.string() }).nullable(),
});

export const meetingSummary = z.object({
  id: z.number().int(),
  clientId: z.string(),
  pointId: z.number().int(),
  kind: z.enum(meetingKinds),
  heldOn: z.string(),
  title: z.string(),
  attendeeCount: z.number().int(),
  decisions: z.object({ total: z.number().int(), tasks: z.number().int(), tasksDone: z.number().int(), appeals: z.number().int() }),
});

export const meetingDetail = z.object({
  id: z.number().int(),
  clientId: z.string(),
  pointId: z.number().int(),
  pointName: z.string(),
  kind: z.enum(meetingKinds),
  heldOn: z.string(),
  title: z.string(),
  agenda: z.string().nullable(),
  /** Organisations present and a head count; never the residents' details. */
  organisations: z.array(z.string()),
  attendeeCount: z.number().int(),
  minutes: z.string().nullable(),
  recordedBy: z.string().nullable(),
  decisions: z.array(decisionView),
});

export const activityRow = z.object({
  id: z.number().int(),
  clientId: z.string(),
  pointId: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const diaryEntry = z.object({
  id: z.number().int(),
  clientId: z.string(),
  entryOn: z.string(),
  isOnSite: z.boolean(),
  pointId: z.number().int().nullable(),
  pointName: z.string().nullable(),
  text: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const diaryResponse = z.object({ from: z.string(), to: z.string(), items: z.array(diaryEntry) });

/** Days on site per cadre of a unit as plain self-reported counts, in name order: no ranking, no tracks. */
export const unitDiaryResponse = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  cadres: z.array(z.object({ cadreId: z.number().int(), name: z.string(), daysOnSite: z.number().int(), daysRecorded: z.number().int() })),
});
