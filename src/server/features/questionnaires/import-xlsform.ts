// Use case: import an XLSForm (.xlsx with survey, choices and settings sheets). The workbook is
// read into plain rows (readXlsFormWorkbook), parsed by the shared parser, and either stored or
// refused with every problem found — each naming its sheet, row, column and what is wrong.
import { parseXlsForm, type XlsFormProblem } from '../../../shared/forms/parse-xlsform.ts';
import { readXlsFormWorkbook, UnreadableXlsFormError } from '../../../shared/forms/read-xlsform-workbook.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { describeZodIssue } from '../../lib/error-handler.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { saveQuestionnaire } from './create-questionnaire.ts';
import { canOnQuestionnaires } from './policy.ts';
import { formDefinitionSchema } from './schemas.ts';

export interface XlsFormUpload {
  filename: string;
  toBuffer(): Promise<Buffer>;
}

/** One problem of an uploaded XLSForm as the API reports it. */
export interface XlsFormProblemBody {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
  messageEn: string;
}

/** The problems of a refused XLSForm, for the error body: `{ sheet, row, column, message, messageEn }` each. */
export function describeXlsFormProblems(problems: readonly XlsFormProblem[]): XlsFormProblemBody[] {
  return problems.map((problem) => ({
    sheet: problem.sheet,
    ...(problem.row === undefined ? {} : { row: problem.row }),
    ...(problem.column ? { column: problem.column } : {}),
    message: problem.messageZh,
    messageEn: problem.messageEn,
  }));
}

/** Imports an XLSForm upload (multipart field `file`); `upload` yields it once the role is checked. */
export async function importXlsForm(options: { db: Db; actor: Actor; upload: () => Promise<XlsFormUpload | undefined> }): Promise<{ id: number; formId: string; title: string }> {
  const { actor } = options;
  if (!canOnQuestionnaires(actor, 'manage')) throw forbidden();
  const upload = await options.upload();
  if (!upload) {
    throw new AppError('BAD_REQUEST', '请在 file 字段上传 XLSForm（.xlsx）', 'Upload an XLSForm (.xlsx) in the field "file"', { details: [{ field: 'file', message: '必填', messageEn: 'required' }] });
  }
  let sheets;
  try {
    sheets = await readXlsFormWorkbook(await upload.toBuffer());
  } catch (error) {
    if (!(error instanceof UnreadableXlsFormError)) throw error;
    throw new AppError('BAD_REQUEST', error.messageZh, error.messageEn, { details: [{ field: 'file', message: error.messageZh, messageEn: error.messageEn }] });
  }
  const parsed = parseXlsForm(sheets);
  if (!parsed.ok) {
    const problems = describeXlsFormProblems(parsed.problems);
    throw new AppError(
      'VALIDATION',
      `XLSForm 有 ${problems.length} 处问题：${problems.map((problem) => problem.message).join('；')}`,
      `The XLSForm has ${problems.length} problem(s): ${problems.map((problem) => problem.messageEn).join('; ')}`,
      {
        // `field` names the cell as sheet.row.column; `problems` carries the same with sheet and row apart.
        details: problems.map((problem) => ({ field: [problem.sheet, problem.row, problem.column].filter((part) => part !== undefined).join('.'), message: problem.message, messageEn: problem.messageEn })),
        extra: { problems },
      },
    );
  }
  // The form is served through the API's form schema: one beyond its limits (a 300-character name) is refused now, not on every read.
  const fits = formDefinitionSchema.safeParse(parsed.form);
  if (!fits.success) {
    const details = fits.error.issues.flatMap((issue) => describeZodIssue(issue as never, 'form'));
    throw new AppError('VALIDATION', `XLSForm 超出限制：${details.map((item) => `${item.field}：${item.message}`).join('；')}`, `The XLSForm exceeds a limit: ${details.map((item) => `${item.field}: ${item.messageEn}`).join('; ')}`, { details });
  }
  return saveQuestionnaire({ db: options.db, actor, definition: parsed.form, source: 'xlsform' });
}
