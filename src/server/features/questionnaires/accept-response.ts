// Use cases: take in one questionnaire response — from a cadre at one of their points (the phone,
// the console's fill page, the field-work sync) or from a resident through the public link.
// The answers are checked again here with validateAnswers, the same code the phone ran: a broken
// constraint is refused with the form's own constraint_message, hidden questions' answers are
// dropped, calculations are recomputed. One response per phone id (client_id): a retry returns
// the stored one. An answer may raise an appeal, taken in after the response is committed.
//
// For the field-work sync (kind 'response'):
//
//   acceptQuestionnaireResponse({ db, actor, questionnaireId, input, now? }): Promise<AcceptedResponse>
//     db               Db (the Kysely handle; the use case opens its own transaction)
//     actor            the signed-in cadre (or office)
//     questionnaireId  questionnaires.id
//     input            { clientId: uuid, pointId?: number, householdId?: number,
//                        answers: Record<questionName, string | number | (string | number)[] | null>,
//                        raiseAppeal?: { clientId: uuid, categoryCode: string, description: string } }
//                      (responseBody in schemas.ts; raw input is checked here, so the sync may pass it as received)
//     now              the time stored as created_at (the phone's time of answering, if trusted); default now
//   → { id, clientId, isNew, appeal: { id, trackingCode, isNew } | null }   isNew=false for a replay
//   throws AppError: VALIDATION (details: body fields, or question names with the form's messages),
//     NOT_FOUND (no such form for this actor), FORBIDDEN (role, or a point that is not theirs),
//     CONFLICT (the form is closed; the client id belongs to another form's response)
import type { z } from 'zod';
import { validateAnswers, type AnswerProblem, type FormDefinition } from '../../../shared/forms/form-definition.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { describeZodIssue } from '../../lib/error-handler.ts';
import { AppError, forbidden, invalidField } from '../../lib/errors.ts';
import { findCategory } from '../appeals/queries.ts';
import { submitAppeal } from '../appeals/submit-appeal.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { findPublicQuestionnaire, findVisibleQuestionnaire } from './manage-questionnaires.ts';
import { mayActOnQuestionnaire } from './policy.ts';
import { findHousehold, findPoint, findResponseByClientId, insertResponseOnce, type QuestionnaireRecord } from './queries.ts';
import { isCadrePostedAt } from '../appeals/queries.ts';
import { publicResponseBody, responseBody } from './schemas.ts';

export type ResponseInput = z.input<typeof responseBody>;
export type PublicResponseInput = z.input<typeof publicResponseBody>;

export interface AcceptedResponse {
  id: number;
  clientId: string;
  isNew: boolean;
  appeal: { id: number; trackingCode: string; isNew: boolean } | null;
}

/** Parses raw input with a body schema, or refuses it field by field (as the routes' own validation does). */
function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap((issue) => describeZodIssue(issue as never, 'body'));
  throw new AppError('VALIDATION', details.map((item) => `${item.field}：${item.message}`).join('；'), details.map((item) => `${item.field}: ${item.messageEn}`).join('; '), { details });
}

/** Refused answers: the message is the form's own (constraint_message) or ours, the field the question's name. */
export function answersRefused(errors: readonly AnswerProblem[]): AppError {
  return new AppError('VALIDATION', errors.map((error) => error.messageZh).join('；'), errors.map((error) => error.messageEn).join('; '), {
    details: errors.map((error) => ({ field: error.name, message: error.messageZh, messageEn: error.messageEn })),
    extra: { answerProblems: errors.map((error) => ({ name: error.name, code: error.code })) },
  });
}

/** The values to store: the kept answers and the calculations, as validateAnswers gives them (or refuses). */
export function checkAnswers(form: FormDefinition, answers: Record<string, unknown>): Record<string, string> {
  const check = validateAnswers(form, answers as Parameters<typeof validateAnswers>[1]);
  if (check.errors.length > 0) throw answersRefused(check.errors);
  const calculated = Object.entries(check.calculated).filter(([, value]) => value !== '');
  return { ...check.answers, ...Object.fromEntries(calculated) };
}

function formClosed(): AppError {
  return new AppError('CONFLICT', '该问卷已关闭，不再接收答卷', 'This questionnaire is closed and takes no more answers');
}

function replayOfAnotherForm(): AppError {
  return new AppError('CONFLICT', '该 clientId 已用于另一份问卷的答卷', 'This clientId was used for a response to another questionnaire', {
    details: [{ field: 'clientId', message: '已被使用', messageEn: 'already used' }],
  });
}

/** Where a staff response was taken: the household's or the given point (the cadre's own), else the form's region. */
async function placeOfResponse(db: Db, actor: Actor, form: QuestionnaireRecord, input: { pointId?: number; householdId?: number }) {
  let pointId = input.pointId;
  let householdId: number | null = null;
  if (input.householdId !== undefined) {
    const household = await findHousehold(db, input.householdId);
    if (!household || (pointId !== undefined && household.point_id !== pointId)) throw invalidField('householdId', '该联系点没有这一户', 'no such household at the point');
    householdId = household.id;
    pointId = household.point_id;
  }
  if (pointId === undefined) {
    if (actor.role === 'cadre') throw invalidField('pointId', '须选择在哪个联系点填写', 'choose the contact point the answers were taken at');
    // An office answering without a point: the form's region, or the office's own part of it.
    return { pointId: null, householdId, regionCode: form.region_code.startsWith(actor.regionCode) ? form.region_code : actor.regionCode };
  }
  const point = await findPoint(db, pointId);
  if (!point) throw invalidField('pointId', '没有这个联系点', 'no such contact point');
  const isTheirs = actor.role === 'cadre' ? actor.cadreId !== null && (await isCadrePostedAt(db, actor.cadreId, point.id)) : point.region_code.startsWith(actor.regionCode);
  if (!isTheirs) throw new AppError('FORBIDDEN', '只能在自己蹲点的联系点填写', 'Answers can only be taken at your own contact points', { details: [{ field: 'pointId', message: '不是您的联系点', messageEn: 'not one of your points' }] });
  if (!point.region_code.startsWith(form.region_code)) throw invalidField('pointId', '该问卷不适用于这个联系点所在地区', 'the questionnaire does not apply in this point’s region');
  return { pointId: point.id, householdId, regionCode: point.region_code };
}

/** Takes in a staff response (see the signature at the top of this file). */
export async function acceptQuestionnaireResponse(options: { db: Db; actor: Actor; questionnaireId: number; input: unknown; now?: Date }): Promise<AcceptedResponse> {
  const { db, actor } = options;
  const input = parseInput(responseBody, options.input);
  const form = await findVisibleQuestionnaire(db, actor, options.questionnaireId);
  if (!mayActOnQuestionnaire(actor, 'answer', form.region_code)) throw forbidden();
  const appealInput = input.raiseAppeal;
  if (appealInput) {
    if (!can(actor, 'appeals.submit')) throw forbidden();
    if (!(await findCategory(db, appealInput.categoryCode))) throw invalidField('raiseAppeal.categoryCode', `没有诉求类别“${appealInput.categoryCode}”`, `no appeal category “${appealInput.categoryCode}”`);
  }

  let stored = await findResponseByClientId(db, input.clientId);
  let isNew = false;
  if (stored && stored.questionnaire_id !== form.id) throw replayOfAnotherForm();
  if (!stored) {
    if (!form.is_open) throw formClosed();
    const place = await placeOfResponse(db, actor, form, input);
    if (appealInput && place.pointId === null) throw invalidField('raiseAppeal', '反映诉求须在联系点填写（请选择联系点）', 'an appeal needs the contact point the answers were taken at');
    const answers = checkAnswers(form.definition as FormDefinition, input.answers);
    const id = await db.transaction().execute(async (tx) => {
      const inserted = await insertResponseOnce(tx, {
        clientId: input.clientId,
        questionnaireId: form.id,
        pointId: place.pointId,
        regionCode: place.regionCode,
        householdId: place.householdId,
        answers,
        channel: 'cadre',
        accountId: actor.accountId,
        createdAt: options.now ?? new Date(),
      });
      if (inserted !== null) {
        await recordAudit(tx, {
          actorAccountId: actor.accountId,
          actorName: actor.displayName,
          action: 'questionnaire.answered',
          entityType: 'questionnaire',
          entityId: form.id,
          regionCode: place.regionCode,
          details: { responseId: inserted, clientId: input.clientId, pointId: place.pointId },
        });
      }
      return inserted;
    });
    // null: the same client id committed in a concurrent request; answer with that one.
    isNew = id !== null;
    stored = await findResponseByClientId(db, input.clientId);
  }
  const response = stored!;

  // After the commit: the appeal has its own transaction, and submitAppeal is idempotent on its
  // client id, so a retry after a failure here raises it then without a second response.
  let appeal: AcceptedResponse['appeal'] = null;
  if (appealInput) {
    if (response.point_id === null) throw invalidField('raiseAppeal', '反映诉求须在联系点填写（请选择联系点）', 'an appeal needs the contact point the answers were taken at');
    appeal = await submitAppeal({
      db,
      submitter: { kind: 'staff', actor },
      input: {
        clientId: appealInput.clientId,
        channel: 'questionnaire',
        categoryCode: appealInput.categoryCode,
        description: appealInput.description,
        pointId: response.point_id,
        sourceKind: 'questionnaire_answer',
        sourceId: response.client_id,
      },
    });
  }
  return { id: Number(response.id), clientId: response.client_id, isNew, appeal };
}

/** Takes in a resident's response through the public link: no account, no point; the form's region. */
export async function acceptPublicResponse(options: { db: Db; token: string; input: unknown; now?: Date }): Promise<{ clientId: string; isNew: boolean }> {
  const { db } = options;
  const input = parseInput(publicResponseBody, options.input);
  const form = await findPublicQuestionnaire(db, options.token);
  const existing = await findResponseByClientId(db, input.clientId);
  if (existing) {
    if (existing.questionnaire_id !== form.id) throw replayOfAnotherForm();
    return { clientId: existing.client_id, isNew: false };
  }
  if (!form.is_open) throw formClosed();
  const answers = checkAnswers(form.definition as FormDefinition, input.answers);
  const id = await db.transaction().execute(async (tx) => {
    const inserted = await insertResponseOnce(tx, {
      clientId: input.clientId,
      questionnaireId: form.id,
      pointId: null,
      regionCode: form.region_code,
      householdId: null,
      answers,
      channel: 'public',
      accountId: null,
      createdAt: options.now ?? new Date(),
    });
    if (inserted !== null) {
      await recordAudit(tx, {
        actorAccountId: null,
        actorName: '群众',
        action: 'questionnaire.answered',
        entityType: 'questionnaire',
        entityId: form.id,
        regionCode: form.region_code,
        details: { responseId: inserted, clientId: input.clientId, channel: 'public' },
      });
    }
    return inserted;
  });
  return { clientId: input.clientId, isNew: id !== null };
}
