// The phone's sync contract (docs/field-work-api.md): the envelope of a batch, the payload of each
// record kind, and the per-record result. The envelope is checked loosely so that one malformed
// record is answered 'rejected' on its own and never blocks the rest of the batch.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';
import { submitAppealBody } from '../appeals/schemas.ts';

export const householdKinds = ['household', 'unit', 'person'] as const;
export const householdFlags = ['left_behind_elderly', 'left_behind_children', 'minimum_income', 'disability', 'poverty_risk', 'empty_nest', 'other'] as const;
export type HouseholdFlag = (typeof householdFlags)[number];
export const visitOutcomes = ['received', 'nobody_home', 'refused'] as const;
export const meetingKinds = ['symposium', 'deliberation'] as const;
export const decisionKinds = ['task', 'appeal'] as const;
export const syncStatuses = ['created', 'duplicate', 'updated', 'conflict', 'rejected'] as const;

const clientId = z.uuid(bilingual('须为客户端生成的 UUID', 'a client-generated UUID'));
const date = z.iso.date(bilingual('须为日期 YYYY-MM-DD', 'a date YYYY-MM-DD'));
const pointId = z.number().int().positive();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s()]{5,20}$/, bilingual('电话号码格式不对', 'not a phone number'))
  .transform((value) => value.replace(/\s+/g, ''));

// What the work needs and nothing more: an 18-character resident ID number has no place in free text.
const idNumberPattern = /(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)/;
function freeText(max: number, min?: { length: number; message: string }) {
  const text = z.string().trim();
  return (min ? text.min(min.length, min.message) : text)
    .max(max)
    .refine((value) => !idNumberPattern.test(value), bilingual('请勿记录身份证号', 'do not record ID numbers'));
}

export const householdPayload = z.strictObject({
  pointId,
  kind: z.enum(householdKinds).default('household'),
  headName: z.string().trim().min(1).max(40),
  address: freeText(200).optional(),
  phone: phone.optional(),
  members: z.number().int().min(0).max(99),
  flags: z
    .array(z.enum(householdFlags))
    .max(householdFlags.length)
    .refine((flags) => new Set(flags).size === flags.length, bilingual('标记不能重复', 'flags must not repeat')),
  note: freeText(500).optional(),
  visitCycleDays: z.number().int().min(1).max(366).optional(),
});

export const visitNeed = z.strictObject({
  appealClientId: clientId,
  categoryCode: z.string().min(1).max(40),
  description: freeText(4000, { length: 2, message: bilingual('请描述问题', 'describe the problem') }),
  isAnonymous: z.boolean().default(false),
  contactPhone: phone.optional(),
});

export const visitPayload = z.strictObject({
  householdClientId: clientId,
  visitedOn: date,
  visitors: z.string().trim().min(1).max(200),
  outcome: z.enum(visitOutcomes),
  notes: freeText(2000).optional(),
  needs: z
    .array(visitNeed)
    .max(10)
    .default([])
    .refine((needs) => new Set(needs.map((need) => need.appealClientId)).size === needs.length, bilingual('每条诉求的 appealClientId 须不同', 'each need needs its own appealClientId')),
});

export const meetingDecision = z
  .strictObject({
    clientId,
    text: freeText(1000, { length: 2, message: bilingual('请写明决定事项', 'state the decision') }),
    kind: z.enum(decisionKinds),
    ownerName: z.string().trim().min(1).max(40).optional(),
    dueOn: date.optional(),
    categoryCode: z.string().min(1).max(40).optional(),
    appealClientId: clientId.optional(),
  })
  .superRefine((decision, context) => {
    if (decision.kind !== 'appeal') return;
    if (!decision.categoryCode) context.addIssue({ code: 'custom', path: ['categoryCode'], message: bilingual('转为诉求的决定须给出诉求类别', 'required for a decision that becomes an appeal') });
    if (!decision.appealClientId) context.addIssue({ code: 'custom', path: ['appealClientId'], message: bilingual('转为诉求的决定须给出诉求的客户端 id', 'required for a decision that becomes an appeal') });
  });

export const meetingPayload = z.strictObject({
  pointId,
  kind: z.enum(meetingKinds),
  heldOn: date,
  title: z.string().trim().min(1).max(100),
  agenda: freeText(2000).optional(),
  organisations: z.array(z.string().trim().min(1).max(60)).max(30),
  attendeeCount: z.number().int().min(0).max(100_000),
  minutes: freeText(20_000).optional(),
  decisions: z
    .array(meetingDecision)
    .max(50)
    .default([])
    .refine((decisions) => new Set(decisions.map((decision) => decision.clientId)).size === decisions.length, bilingual('每个决定的 clientId 须不同', 'each decision needs its own clientId')),
});

export const decisionPayload = z.strictObject({ progress: z.number().int().min(0).max(100) });

export const activityPayload = z.strictObject({
  pointId,
  heldOn: date,
  title: z.string().trim().min(1).max(100),
  note: freeText(2000).optional(),
});

export const diaryPayload = z.strictObject({
  entryOn: date,
  isOnSite: z.boolean(),
  pointId: pointId.optional(),
  text: freeText(2000, { length: 1, message: bilingual('请写下今天的民情日记', 'write the day\'s entry') }),
});

/** An appeal queued on the phone: the body of POST /api/appeals; its clientId is the record's. */
export const appealPayload = submitAppealBody.extend({ clientId: clientId.optional() });

/** The envelope of one record; the payload is checked by its kind's handler. */
export const syncRecordEnvelope = z.strictObject({
  clientId,
  kind: z.string().min(1).max(40),
  baseVersion: z.number().int().min(1).optional(),
  payload: z.unknown(),
});

export const syncBody = z.strictObject({
  /** SyncRecord[] as docs/field-work-api.md describes; each is checked on its own. */
  records: z.array(z.unknown()).min(1).max(200),
});

const syncError = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string(), messageEn: z.string() })).optional(),
});

export const syncResult = z.object({
  clientId: z.string(),
  status: z.enum(syncStatuses),
  id: z.number().int().optional(),
  /** The version the record has now (households, decisions, diary entries): the baseVersion of the next edit. */
  version: z.number().int().optional(),
  error: syncError.optional(),
  /** On a conflict: the record as the server has it now (as its GET shows it). */
  server: z.record(z.string(), z.unknown()).optional(),
  /** Appeals the record made (needs of a visit, decisions of a meeting, an appeal record), with tracking codes. */
  appeals: z.array(z.object({ clientId: z.string(), id: z.number().int(), trackingCode: z.string() })).optional(),
});

export const syncResponse = z.object({ results: z.array(syncResult) });

export type SyncResult = z.infer<typeof syncResult>;
export type HouseholdPayload = z.output<typeof householdPayload>;
export type VisitPayload = z.output<typeof visitPayload>;
export type MeetingPayload = z.output<typeof meetingPayload>;
export type ActivityPayload = z.output<typeof activityPayload>;
export type DiaryPayload = z.output<typeof diaryPayload>;
