// Request and response shapes of appeals (诉求): intake, lists, the case page, workflow steps,
// the resident's public pages, the dispatch catalogue and the calendar.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';
import { appealEvents, appealStates } from './workflow.ts';

export const appealChannels = ['household_visit', 'symposium', 'questionnaire', 'suggestion_box', 'hotline', 'walk_in', 'proxy_agent', 'web', 'open311'] as const;
export const appealUrgencies = ['emergency', 'urgent', 'general', 'complex'] as const;
export const appealRatings = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export const solvedAnswers = ['yes', 'partly', 'no'] as const;
export const deadlineColours = ['green', 'yellow', 'red'] as const;

const regionCode = z.string().regex(/^\d{12}$/, bilingual('须为 12 位村级区划代码', 'a 12-digit village-level division code'));
const regionPrefix = z.string().regex(/^\d{2,12}$/, bilingual('须为区划代码', 'a division code'));
const clientId = z.uuid(bilingual('须为客户端生成的 UUID', 'a client-generated UUID'));
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s()]{5,20}$/, bilingual('电话号码格式不对', 'not a phone number'));

export const photoInput = z.strictObject({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  /** Base64 of the image bytes (no data: prefix); at most ~2 MB each. */
  dataBase64: z.string().min(4).max(2_800_000),
});

/** What every channel sends: the point or a region, what the problem is, and who to call back. */
export const appealIntakeFields = z.strictObject({
  clientId,
  categoryCode: z.string().min(1).max(40),
  urgency: z.enum(appealUrgencies).optional(),
  pointId: z.number().int().positive().optional(),
  regionCode: regionCode.optional(),
  title: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().min(2, bilingual('请描述问题', 'describe the problem')).max(4000),
  address: z.string().trim().max(200).optional(),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: phone.optional(),
  isAnonymous: z.boolean().default(false),
  isConfidential: z.boolean().default(false),
  photos: z.array(photoInput).max(4).default([]),
});

/** Staff intake: any channel except the public ones, with provenance and the subject of a complaint. */
export const submitAppealBody = appealIntakeFields.extend({
  channel: z.enum(appealChannels),
  sourceKind: z.enum(['visit', 'meeting', 'questionnaire_answer', 'errand']).optional(),
  sourceId: z.string().max(64).optional(),
  subjectUnitId: z.number().int().positive().optional(),
  subjectCadreId: z.number().int().positive().optional(),
});

/** A resident at a point's suggestion box: no account, may be anonymous. */
export const suggestionBoxBody = appealIntakeFields.omit({ pointId: true, regionCode: true, urgency: true });

export const appealIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const trackingParams = z.strictObject({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z-]{6,20}$/, bilingual('查询码格式不对', 'not a tracking code')) });
export const publicPointParams = z.strictObject({ pointId: z.coerce.number().int().positive() });

export const listAppealsQuery = z.strictObject({
  regionCode: regionPrefix.optional(),
  pointId: z.coerce.number().int().positive().optional(),
  state: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(appealStates)))
    .optional(),
  categoryCode: z.string().max(40).optional(),
  channel: z.enum(appealChannels).optional(),
  colour: z.enum(deadlineColours).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  issueId: z.coerce.number().int().positive().optional(),
  /** Only what waits for the caller: the handling unit's inbox, a cadre's point team cases. */
  mine: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  q: z.string().trim().max(60).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['created', 'due']).default('created'),
});

const contact = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  /** 'masked' by default, 'revealed' after a logged reveal, 'withheld' for a subject of the complaint or an anonymous case. */
  visibility: z.enum(['masked', 'revealed', 'withheld', 'anonymous']),
});

export const appealRow = z.object({
  id: z.number().int(),
  trackingCode: z.string(),
  channel: z.enum(appealChannels),
  categoryCode: z.string(),
  categoryName: z.string(),
  urgency: z.enum(appealUrgencies),
  regionCode: z.string(),
  regionPath: z.string(),
  pointId: z.number().int().nullable(),
  pointName: z.string().nullable(),
  title: z.string(),
  state: z.enum(appealStates),
  level: z.number().int(),
  isSupervised: z.boolean(),
  isConfidential: z.boolean(),
  handlingUnitId: z.number().int().nullable(),
  handlingUnitName: z.string().nullable(),
  dueAt: z.string().nullable(),
  colour: z.enum(deadlineColours).nullable(),
  meTooCount: z.number().int(),
  issueId: z.number().int().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const listAppealsResponse = z.object({ total: z.number().int(), items: z.array(appealRow) });

export const appealEventRow = z.object({
  id: z.number().int(),
  at: z.string(),
  event: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorKind: z.enum(['staff', 'resident', 'system', 'client']),
  actorName: z.string(),
  unitName: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const dispatchSuggestion = z.object({
  level: z.number().int(),
  unitId: z.number().int().nullable(),
  unitName: z.string(),
  /** 'catalogue' (派单目录) or 'learned' (how similar past cases were dispatched). */
  source: z.enum(['catalogue', 'learned', 'point_team']),
  cases: z.number().int(),
});

export const appealDetail = appealRow.extend({
  description: z.string(),
  address: z.string().nullable(),
  sourceKind: z.string().nullable(),
  sourceId: z.string().nullable(),
  isAnonymous: z.boolean(),
  contact,
  subjectUnitName: z.string().nullable(),
  firstUnitName: z.string().nullable(),
  coUnits: z.array(z.object({ id: z.number().int(), name: z.string() })),
  mergedIntoId: z.number().int().nullable(),
  clockKind: z.enum(['acceptance', 'handling', 'rectification']).nullable(),
  clockStartedAt: z.string().nullable(),
  handlingDueAt: z.string().nullable(),
  pendingExtension: z.object({ days: z.number().int(), reason: z.string() }).nullable(),
  replyText: z.string().nullable(),
  callback: z
    .object({ at: z.string(), contacted: z.boolean().nullable(), solved: z.enum(solvedAnswers).nullable(), rating: z.enum(appealRatings).nullable() })
    .nullable(),
  followup: z.object({ at: z.string(), solved: z.enum(solvedAnswers).nullable(), rating: z.enum(appealRatings).nullable() }).nullable(),
  isDisputed: z.boolean(),
  photoIds: z.array(z.number().int()),
  events: z.array(appealEventRow),
  /** The steps this caller may take now (the table's events from this state that the caller's role may do). */
  allowedEvents: z.array(z.enum(appealEvents)),
  suggestions: z.array(dispatchSuggestion),
  canReveal: z.boolean(),
});

/** One workflow step. `version` is the case version the caller saw: a stale one is a conflict. */
export const actOnAppealBody = z.strictObject({
  event: z.enum(appealEvents),
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
  /** dispatch / transfer / reopen / escalate / add_co_handler: the unit; level 0 = the team at the point. */
  unitId: z.number().int().positive().optional(),
  level: z.number().int().min(0).max(3).optional(),
  /** reply */
  replyText: z.string().trim().max(4000).optional(),
  /** request_extension: working days asked for */
  extensionDays: z.number().int().min(1).max(30).optional(),
  /** decide_extension */
  approve: z.boolean().optional(),
  /** record_callback */
  contacted: z.boolean().optional(),
  solved: z.enum(solvedAnswers).optional(),
  rating: z.enum(appealRatings).optional(),
  /** merge: the case this one folds into */
  targetAppealId: z.number().int().positive().optional(),
  /** link_issue */
  issueId: z.number().int().positive().optional(),
});

export const revealContactBody = z.strictObject({ reason: z.string().trim().min(2, bilingual('请说明查看原因', 'give a reason')).max(200) });
export const revealContactResponse = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const meTooBody = z.strictObject({ clientId, pointId: z.number().int().positive().optional(), note: z.string().trim().max(200).optional() });

export const submitResponse = z.object({ id: z.number().int(), trackingCode: z.string(), isNew: z.boolean() });

/** The resident's view: no personal data of anyone (no names, no contacts, no people). */
export const publicTracking = z.object({
  trackingCode: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  title: z.string(),
  pointName: z.string().nullable(),
  regionPath: z.string(),
  state: z.enum(appealStates),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  replyText: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), event: z.string(), toState: z.string(), unitName: z.string().nullable() })),
  canRate: z.boolean(),
  canDispute: z.boolean(),
  rating: z.enum(appealRatings).nullable(),
});

export const publicRatingBody = z.strictObject({ contacted: z.boolean(), solved: z.enum(solvedAnswers), rating: z.enum(appealRatings) });
export const publicDisputeBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const publicMeTooBody = z.strictObject({ clientId, note: z.string().trim().max(200).optional() });

export const publicPoint = z.object({
  id: z.number().int(),
  name: z.string(),
  regionPath: z.string(),
  categories: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  /** Open cases here that others may join with "me too": category and title only. */
  openCases: z.array(z.object({ trackingCode: z.string(), categoryName: z.string(), title: z.string(), meTooCount: z.number().int() })),
});

export const categoryRow = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  defaultUrgency: z.enum(appealUrgencies),
  defaultLevel: z.number().int(),
});

export const catalogueQuery = z.strictObject({ regionCode: regionPrefix.optional(), categoryCode: z.string().max(40).optional() });
export const catalogueRow = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  level: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
});
export const catalogueBody = z.strictObject({
  categoryCode: z.string().min(1).max(40),
  level: z.number().int().min(1).max(3),
  regionCode: regionPrefix,
  unitId: z.number().int().positive(),
});
export const catalogueIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const calendarParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarBody = z.strictObject({ holidays: z.array(z.iso.date()).max(60), workingWeekends: z.array(z.iso.date()).max(20) });
export const calendarResponse = z.object({ year: z.number().int(), holidays: z.array(z.string()), workingWeekends: z.array(z.string()), isDefault: z.boolean() });

export const similarAppealsResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), trackingCode: z.string(), title: z.string(), regionPath: z.string(), state: z.enum(appealStates), similarity: z.number(), createdAt: z.string() })),
});
