// Use cases around a stored form: the list that applies to the caller, one form with its
// definition, opening and closing it, its public link, and what the public link shows.
import { randomBytes } from 'node:crypto';
import type { FormDefinition, FormItem } from '../../../shared/forms/form-definition.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { canOnQuestionnaires, isQuestionnaireVisible, mayActOnQuestionnaire } from './policy.ts';
import { countResponses, findQuestionnaire, findQuestionnaireByToken, listQuestionnaires, setPublicTokenOnce, setQuestionnaireOpen, type QuestionnaireRecord } from './queries.ts';

/** The number of questions of a form, in groups too (groups themselves are not counted). */
export function countQuestions(items: readonly FormItem[]): number {
  return items.reduce((total, item) => total + (item.kind === 'group' ? countQuestions(item.items) : 1), 0);
}

function present(actor: Actor, row: QuestionnaireRecord, responseCount: number) {
  const definition = row.definition as FormDefinition;
  const mayManage = mayActOnQuestionnaire(actor, 'manage', row.region_code);
  return {
    id: row.id,
    formId: row.form_id,
    title: row.title,
    regionCode: row.region_code,
    isOpen: row.is_open,
    // The link is shown to those who may hand it out.
    publicToken: mayManage ? row.public_token : null,
    questionCount: countQuestions(definition.items ?? []),
    responseCount,
    createdAt: new Date(row.created_at).toISOString(),
    canManage: mayManage,
    canAnswer: row.is_open && mayActOnQuestionnaire(actor, 'answer', row.region_code),
    canViewResults: mayActOnQuestionnaire(actor, 'view_results', row.region_code),
  };
}

/** The forms that apply to the caller (made in their scope or for a region containing it). */
export async function browseQuestionnaires(options: { db: Executor; actor: Actor }) {
  const { db, actor } = options;
  if (!canOnQuestionnaires(actor, 'answer') && !canOnQuestionnaires(actor, 'view_results')) throw forbidden();
  const rows = await listQuestionnaires(db, actor.regionCode);
  return rows.map((row) => present(actor, row, row.response_count));
}

/** A form the caller may see, or 404 (a form outside the scope answers exactly as a missing one). */
export async function findVisibleQuestionnaire(db: Executor, actor: Actor, id: number): Promise<QuestionnaireRecord> {
  const row = await findQuestionnaire(db, id);
  if (!row || !isQuestionnaireVisible(actor, row.region_code) || (!canOnQuestionnaires(actor, 'answer') && !canOnQuestionnaires(actor, 'view_results'))) {
    throw notFound('问卷', 'Questionnaire');
  }
  return row;
}

/** One form with its definition. */
export async function getQuestionnaire(options: { db: Executor; actor: Actor; id: number }) {
  const { db, actor } = options;
  const row = await findVisibleQuestionnaire(db, actor, options.id);
  return { ...present(actor, row, await countResponses(db, row.id, actor.regionCode)), definition: row.definition as FormDefinition };
}

/** Opens or closes a form for answers (a closed form refuses new answers; stored ones stay). */
export async function setQuestionnaireOpenState(options: { db: Db; actor: Actor; id: number; isOpen: boolean }) {
  const { db, actor } = options;
  const row = await findVisibleQuestionnaire(db, actor, options.id);
  if (!mayActOnQuestionnaire(actor, 'manage', row.region_code)) throw forbidden();
  if (row.is_open !== options.isOpen) {
    await db.transaction().execute(async (tx) => {
      await setQuestionnaireOpen(tx, row.id, options.isOpen);
      await recordAudit(tx, {
        actorAccountId: actor.accountId,
        actorName: actor.displayName,
        action: options.isOpen ? 'questionnaire.opened' : 'questionnaire.closed',
        entityType: 'questionnaire',
        entityId: row.id,
        regionCode: row.region_code,
      });
    });
  }
  return getQuestionnaire({ db, actor, id: row.id });
}

/** The form's public link for self-completion: made once (a random token), then the same link. */
export async function createPublicLink(options: { db: Db; actor: Actor; id: number }): Promise<{ token: string; path: string }> {
  const { db, actor } = options;
  const row = await findVisibleQuestionnaire(db, actor, options.id);
  if (!mayActOnQuestionnaire(actor, 'manage', row.region_code)) throw forbidden();
  if (row.public_token) return { token: row.public_token, path: `/f/${row.public_token}` };
  const token = await db.transaction().execute(async (tx) => {
    // 128 random bits: a link cannot be guessed from another.
    const given = await setPublicTokenOnce(tx, row.id, randomBytes(16).toString('base64url'));
    await recordAudit(tx, { actorAccountId: actor.accountId, actorName: actor.displayName, action: 'questionnaire.public_link', entityType: 'questionnaire', entityId: row.id, regionCode: row.region_code });
    return given;
  });
  return { token, path: `/f/${token}` };
}

/** A form behind its public link, or 404. */
export async function findPublicQuestionnaire(db: Executor, token: string): Promise<QuestionnaireRecord> {
  const row = await findQuestionnaireByToken(db, token);
  if (!row) throw notFound('问卷', 'Questionnaire');
  return row;
}

/** What the public link shows: the title, whether it takes answers, and the form. */
export async function getPublicForm(options: { db: Executor; token: string }) {
  const row = await findPublicQuestionnaire(options.db, options.token);
  return { title: row.title, isOpen: row.is_open, definition: row.definition as FormDefinition };
}
