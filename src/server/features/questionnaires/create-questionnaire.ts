// Use case: save a form built in the console. It passes the same findFormProblems an imported
// XLSForm passes; a form with problems is refused with every problem, naming the question (or
// choice) and the column at fault. The form is stored with its audit row in one transaction.
import { randomBytes } from 'node:crypto';
import { findFormProblems, type FormProblem } from '../../../shared/forms/check-form.ts';
import type { FormDefinition } from '../../../shared/forms/form-definition.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { canOnQuestionnaires } from './policy.ts';
import { insertQuestionnaireOnce } from './queries.ts';

/** Where a form problem lies, as a field path: `members.constraint`, `choices.yes_no.maybe.label`. */
export function fieldOfProblem(problem: FormProblem): string {
  if (problem.choice) return `choices.${problem.listName ?? ''}.${problem.choice.name || '?'}.${problem.column}`;
  if (problem.item) return `${problem.item.name || '?'}.${problem.column}`;
  return problem.column;
}

/** Saves a form built in the console; refuses one with problems (400, every problem in details). */
export async function createQuestionnaire(options: { db: Db; actor: Actor; definition: FormDefinition }): Promise<{ id: number; formId: string; title: string }> {
  const { actor } = options;
  if (!canOnQuestionnaires(actor, 'manage')) throw forbidden();
  const problems = findFormProblems(options.definition);
  if (problems.length > 0) {
    const details = problems.map((problem) => ({ field: fieldOfProblem(problem), message: problem.messageZh, messageEn: problem.messageEn }));
    throw new AppError(
      'VALIDATION',
      `问卷有 ${problems.length} 处问题：${details.map((detail) => `${detail.field}：${detail.message}`).join('；')}`,
      `The form has ${problems.length} problem(s): ${details.map((detail) => `${detail.field}: ${detail.messageEn}`).join('; ')}`,
      { details },
    );
  }
  return saveQuestionnaire({ ...options, source: 'builder' });
}

/** Stores a checked form in the actor's region; a form id already used is a conflict. */
export async function saveQuestionnaire(options: { db: Db; actor: Actor; definition: FormDefinition; source: 'builder' | 'xlsform' }): Promise<{ id: number; formId: string; title: string }> {
  const { db, actor } = options;
  // A form built without an id gets one; an XLSForm's own form_id is kept, so a second import of it is caught.
  const formId = options.definition.settings.formId.trim() || `form_${randomBytes(6).toString('hex')}`;
  const definition: FormDefinition = { ...options.definition, settings: { ...options.definition.settings, formId } };
  const title = definition.settings.formTitle.trim() || formId;
  return db.transaction().execute(async (tx) => {
    const id = await insertQuestionnaireOnce(tx, { formId, title, definition, regionCode: actor.regionCode, createdBy: actor.accountId });
    if (id === null) {
      throw new AppError('CONFLICT', `表单编号 form_id “${formId}” 已被使用：请在 settings 表改用新的 form_id`, `The form_id "${formId}" is taken: give the form a new form_id in the settings sheet`, {
        details: [{ field: 'settings.form_id', message: '已被使用', messageEn: 'already taken' }],
      });
    }
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'questionnaire.created',
      entityType: 'questionnaire',
      entityId: id,
      regionCode: actor.regionCode,
      details: { formId, title, source: options.source },
    });
    return { id, formId, title };
  });
}
