// Use cases: a form's results per question and its responses as an .xlsx workbook, both over the
// responses inside the caller's scope, optionally narrowed to a region and a point. Responses are
// read in batches, so neither holds the whole answer table in memory at once.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { textIn, type FormDefinition, type Question } from '../../../shared/forms/form-definition.ts';
import type { Executor } from '../../db/database.ts';
import { scopedRegion, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { findVisibleQuestionnaire } from './manage-questionnaires.ts';
import { mayActOnQuestionnaire } from './policy.ts';
import { iterateResponses, type ResponseFilter, type StoredResponse } from './queries.ts';
import { answerableQuestions, createResultsTally, type FormResults } from './summarize-answers.ts';

export interface ResultsFilter {
  regionCode?: string;
  pointId?: number;
}

async function openForResults(db: Executor, actor: Actor, id: number, filter: ResultsFilter) {
  const row = await findVisibleQuestionnaire(db, actor, id);
  if (!mayActOnQuestionnaire(actor, 'view_results', row.region_code)) throw forbidden();
  // A region outside the scope reads as no responses, as lists do.
  const regionCode = scopedRegion(actor, filter.regionCode);
  const responseFilter: ResponseFilter | null = regionCode === null ? null : { questionnaireId: row.id, regionCode, pointId: filter.pointId };
  return { row, form: row.definition as FormDefinition, responseFilter };
}

/** Counts and summaries per question of a form, over the responses the caller may see. */
export async function getQuestionnaireResults(options: { db: Executor; actor: Actor; id: number; filter: ResultsFilter }): Promise<FormResults & { questionnaireId: number; title: string }> {
  const { db } = options;
  const { row, form, responseFilter } = await openForResults(db, options.actor, options.id, options.filter);
  const tally = createResultsTally(form);
  if (responseFilter) {
    for await (const batch of iterateResponses(db, responseFilter)) for (const response of batch) tally.add(response.answers as Record<string, unknown>);
  }
  return { questionnaireId: row.id, title: row.title, ...tally.results() };
}

const channelNames: Record<StoredResponse['channel'], string> = { cadre: '干部入户', public: '群众自填' };
const fixedHeaders = ['答卷编号', '提交时间', '渠道', '联系点', '区划代码'];
const chinaTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** A question's column header: its Chinese label, else its label in the form's language, else its name. */
export function columnHeader(form: FormDefinition, question: Question): string {
  return textIn(question.label, 'zh', form.settings.defaultLanguage) || question.name;
}

/** One stored value as an export cell: numbers as numbers, choices as their Chinese labels. */
export function exportCell(form: FormDefinition, question: Question, value: unknown): string | number {
  if (typeof value !== 'string' || value === '') return '';
  if (question.type === 'integer' || question.type === 'decimal' || (question.type === 'calculate' && /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(value))) return Number(value);
  if (question.type === 'select_one' || question.type === 'select_multiple') {
    const list = question.listName ? (form.choiceLists[question.listName] ?? []) : [];
    const labelOf = (name: string) => {
      const choice = list.find((candidate) => candidate.name === name);
      return choice ? textIn(choice.label, 'zh', form.settings.defaultLanguage) || name : name;
    };
    return question.type === 'select_one' ? labelOf(value) : value.split(/\s+/).map(labelOf).join('、');
  }
  return value;
}

/** The responses as a workbook (streamed): one row per response, one column per question; a second sheet lists the questions. */
export async function exportQuestionnaireResponses(options: { db: Executor; actor: Actor; id: number; filter: ResultsFilter }): Promise<{ fileName: string; stream: Readable }> {
  const { db } = options;
  const { row, form, responseFilter } = await openForResults(db, options.actor, options.id, options.filter);
  const questions = answerableQuestions(form.items);
  const output = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('答卷', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [...fixedHeaders, ...questions.map((question) => columnHeader(form, question))].map((header) => ({ width: Math.min(40, Math.max(10, header.length * 2 + 4)) }));
    const head = sheet.addRow([...fixedHeaders, ...questions.map((question) => columnHeader(form, question))]);
    head.font = { bold: true };
    head.commit();
    if (responseFilter) {
      for await (const batch of iterateResponses(db, responseFilter)) {
        for (const response of batch) {
          const values = response.answers as Record<string, unknown>;
          sheet
            .addRow([
              response.id,
              chinaTime.format(new Date(response.created_at)),
              channelNames[response.channel],
              response.point_name ?? '',
              response.region_code,
              ...questions.map((question) => exportCell(form, question, values[question.name])),
            ])
            .commit();
        }
      }
    }
    sheet.commit();
    const guide = workbook.addWorksheet('题目');
    guide.columns = [{ width: 30 }, { width: 18 }, { width: 16 }, { width: 30 }, { width: 60 }];
    const guideHead = guide.addRow(['列名 Column', '名称 name', '题型 type', 'English', '选项 choices']);
    guideHead.font = { bold: true };
    guideHead.commit();
    for (const question of questions) {
      const list = question.listName ? (form.choiceLists[question.listName] ?? []) : [];
      const choices = list.map((choice) => `${choice.name}=${textIn(choice.label, 'zh', form.settings.defaultLanguage)}`).join('；');
      guide.addRow([columnHeader(form, question), question.name, question.type, textIn(question.label, 'en', form.settings.defaultLanguage), choices]).commit();
    }
    guide.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  const date = new Date().toISOString().slice(0, 10);
  return { fileName: `${row.title}-答卷-${date}.xlsx`, stream: output };
}
