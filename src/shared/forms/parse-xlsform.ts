// XLSForm → FormDefinition, from plain sheet rows (read-xlsform-workbook.ts turns an .xlsx into
// them on the server), so the parser is pure and also runs in the browser. Every problem found is
// reported — not just the first — naming the sheet, the row and what is wrong, in Chinese and
// English. The form-level checks (names, lists, expressions, references, cycles) are the same
// findFormProblems a form built in the console passes; this file adds the sheet-level ones
// (types, group nesting, required values, choices rows) and maps each problem back to its row.
//
// Columns: survey — type, name, label, hint, required, relevant, constraint, constraint_message,
// calculation, default; choices — list_name, name, label; settings — form_title, form_id,
// version, default_language. label, hint and constraint_message take a language suffix:
// `label::中文 (zh)`, `label::English (en)`, `label::zh`; a plain `label` is in the settings'
// default_language (or unnamed). Unknown columns are ignored, as pyxform does.
import { findFormProblems } from './check-form.ts';
import { unnamedLanguage, type Choice, type FormDefinition, type FormItem, type Group, type LocalizedText, type Question, type QuestionType } from './form-definition.ts';

/** One spreadsheet row: its 1-based row number and its cells by header text. */
export interface XlsFormRow {
  readonly rowNumber: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The sheets of an XLSForm workbook (a sheet that is absent is undefined). */
export interface XlsFormSheets {
  readonly survey?: readonly XlsFormRow[];
  readonly choices?: readonly XlsFormRow[];
  readonly settings?: readonly XlsFormRow[];
}

export type XlsFormSheetName = 'survey' | 'choices' | 'settings';

/** One problem of an XLSForm; the messages name the sheet and the row. */
export interface XlsFormProblem {
  readonly sheet: XlsFormSheetName;
  /** 1-based row number; absent for a problem of the whole sheet. */
  readonly row?: number;
  readonly column?: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

export type XlsFormResult = { readonly ok: true; readonly form: FormDefinition } | { readonly ok: false; readonly problems: readonly XlsFormProblem[] };

const localizedColumns = new Set(['label', 'hint', 'constraint_message']);
const columnAliases: Record<string, string> = { 'list name': 'list_name', 'jr:constraintmsg': 'constraint_message', 'constraint message': 'constraint_message' };
const languageNames: Record<string, string> = { 中文: 'zh', 汉语: 'zh', 简体中文: 'zh', chinese: 'zh', english: 'en', 英文: 'en', 英语: 'en' };
const plainTypes: Record<string, QuestionType> = { text: 'text', string: 'text', integer: 'integer', int: 'integer', decimal: 'decimal', date: 'date', note: 'note', calculate: 'calculate' };
const supportedTypes = 'text, integer, decimal, select_one, select_multiple, date, note, calculate, begin group, end group';
const sheetOrder: Record<XlsFormSheetName, number> = { survey: 0, choices: 1, settings: 2 };

/** A language column suffix as a language code: `中文 (zh)` → zh, `English` → en, `fr` → fr. */
export function languageCodeOf(name: string): string {
  const trimmed = name.trim();
  const code = /\(([^()]+)\)\s*$/.exec(trimmed)?.[1]?.trim();
  if (code) return code;
  return languageNames[trimmed.toLowerCase()] ?? trimmed;
}

// A row's cells by column (lower case, aliases resolved), each by language ('' for no suffix).
class RowCells {
  private readonly columns = new Map<string, Map<string, string>>();

  constructor(row: XlsFormRow) {
    for (const [header, raw] of Object.entries(row.cells)) {
      const text = (raw ?? '').trim();
      if (!text) continue;
      const separator = header.indexOf('::');
      const base = (separator < 0 ? header : header.slice(0, separator)).trim().toLowerCase();
      const column = columnAliases[base] ?? base;
      const language = separator < 0 ? '' : languageCodeOf(header.slice(separator + 2));
      if (!this.columns.has(column)) this.columns.set(column, new Map());
      const byLanguage = this.columns.get(column)!;
      if (!byLanguage.has(language)) byLanguage.set(language, text);
    }
  }

  get isBlank(): boolean {
    return this.columns.size === 0;
  }

  get(column: string): string {
    return this.columns.get(column)?.get('') ?? '';
  }

  text(column: string, plainLanguage: string): LocalizedText | undefined {
    const byLanguage = this.columns.get(column);
    if (!byLanguage) return undefined;
    return Object.fromEntries([...byLanguage].map(([language, text]) => [language || plainLanguage, text]));
  }
}

// The languages named by the headers of a sheet's localized columns, in order.
function languagesOf(rows: readonly XlsFormRow[], plainLanguage: string, into: Set<string>): void {
  for (const row of rows) {
    for (const header of Object.keys(row.cells)) {
      const separator = header.indexOf('::');
      const base = (separator < 0 ? header : header.slice(0, separator)).trim().toLowerCase();
      if (!localizedColumns.has(columnAliases[base] ?? base) || !(row.cells[header] ?? '').trim()) continue;
      into.add(separator < 0 ? plainLanguage : languageCodeOf(header.slice(separator + 2)));
    }
  }
}

type ParsedType =
  | { kind: 'question'; type: QuestionType; listName?: string }
  | { kind: 'begin group' }
  | { kind: 'end group' }
  | { kind: 'unknown'; noteZh: string; noteEn: string };

function parseType(text: string): ParsedType {
  const type = text.replace(/\s+/g, ' ').trim();
  const lower = type.toLowerCase();
  const select = /^(select_one|select one|select_multiple|select all that apply)(?: (.*))?$/i.exec(type);
  if (select) {
    const isOne = /one/i.test(select[1]);
    return { kind: 'question', type: isOne ? 'select_one' : 'select_multiple', listName: select[2]?.trim() ?? '' };
  }
  if (Object.hasOwn(plainTypes, lower)) return { kind: 'question', type: plainTypes[lower] };
  if (lower === 'begin group' || lower === 'begin_group') return { kind: 'begin group' };
  if (lower === 'end group' || lower === 'end_group') return { kind: 'end group' };
  if (/^(begin|end)[ _]repeat$/.test(lower)) return { kind: 'unknown', noteZh: '（不支持重复组 repeat）', noteEn: ' (repeats are not supported)' };
  return { kind: 'unknown', noteZh: '', noteEn: '' };
}

const yesValues = new Set(['yes', 'true', 'true()', 'y', '1', '是']);
const noValues = new Set(['no', 'false', 'false()', 'n', '0', '否', '']);

/** Parses the sheets of an XLSForm into a form, or every problem found, each naming its sheet and row. */
export function parseXlsForm(sheets: XlsFormSheets): XlsFormResult {
  const problems: XlsFormProblem[] = [];
  const report = (sheet: XlsFormSheetName, row: number | undefined, column: string | undefined, problemZh: string, problemEn: string) => {
    const whereZh = `${sheet} 表${row === undefined ? '' : `第 ${row} 行`}${column ? `（${column}）` : ''}`;
    const whereEn = `${sheet} sheet${row === undefined ? '' : `, row ${row}`}${column ? ` (${column})` : ''}`;
    problems.push({ sheet, row, column, messageZh: `${whereZh}：${problemZh}`, messageEn: `${whereEn}: ${problemEn}` });
  };
  if (!sheets.survey) {
    report('survey', undefined, undefined, '工作簿中没有 survey 表', 'the workbook has no survey sheet');
    return { ok: false, problems };
  }

  const settingsRow = (sheets.settings ?? []).map((row) => new RowCells(row)).find((cells) => !cells.isBlank);
  const namedLanguage = settingsRow?.get('default_language') ? languageCodeOf(settingsRow.get('default_language')) : '';
  const plainLanguage = namedLanguage || unnamedLanguage;
  const languages = new Set<string>();
  languagesOf(sheets.survey, plainLanguage, languages);
  languagesOf(sheets.choices ?? [], plainLanguage, languages);

  // Choices: rows without a list are reported here; the rest is checked with the form.
  const choiceRows = new Map<Choice, number>();
  const lists = new Map<string, Choice[]>();
  for (const row of sheets.choices ?? []) {
    const cells = new RowCells(row);
    if (cells.isBlank) continue;
    const listName = cells.get('list_name');
    if (!listName) {
      report('choices', row.rowNumber, 'list_name', '缺少列表名称 list_name', 'the list_name is missing');
      continue;
    }
    const choice: Choice = { name: cells.get('name'), label: cells.text('label', plainLanguage) ?? {} };
    choiceRows.set(choice, row.rowNumber);
    if (!lists.has(listName)) lists.set(listName, []);
    lists.get(listName)!.push(choice);
  }

  // Survey: one item per row, groups nested by begin/end group.
  const itemRows = new Map<FormItem, number>();
  const items: FormItem[] = [];
  const openGroups: { items: FormItem[]; name: string; row: number }[] = [];
  for (const row of sheets.survey) {
    const cells = new RowCells(row);
    if (cells.isBlank) continue;
    const typeText = cells.get('type');
    const name = cells.get('name');
    const container = openGroups.at(-1)?.items ?? items;
    const add = (item: FormItem) => {
      container.push(item);
      itemRows.set(item, row.rowNumber);
    };
    const common = {
      name,
      ...optional('label', cells.text('label', plainLanguage)),
      ...optional('hint', cells.text('hint', plainLanguage)),
      ...optional('relevant', cells.get('relevant')),
    };
    const type: ParsedType = typeText ? parseType(typeText) : { kind: 'unknown', noteZh: '', noteEn: '' };
    if (type.kind === 'end group') {
      if (!openGroups.pop()) report('survey', row.rowNumber, 'type', 'end group 没有对应的 begin group', 'end group without a matching begin group');
      continue;
    }
    if (type.kind === 'begin group') {
      const group: Group = { kind: 'group', ...common, items: [] };
      add(group);
      openGroups.push({ items: group.items as FormItem[], name, row: row.rowNumber });
      continue;
    }
    if (type.kind === 'unknown') {
      if (!typeText) report('survey', row.rowNumber, 'type', '缺少题型 type', 'the type is missing');
      else report('survey', row.rowNumber, 'type', `未知题型 “${typeText}”${type.noteZh}；支持：${supportedTypes}`, `unknown type "${typeText}"${type.noteEn}; supported: ${supportedTypes}`);
      // Keep a named row as a text question, so references to it are not reported as well.
      if (name) add({ kind: 'question', type: 'text', ...common });
      continue;
    }
    const requiredText = cells.get('required').toLowerCase();
    if (!yesValues.has(requiredText) && !noValues.has(requiredText)) {
      report('survey', row.rowNumber, 'required', `required 应为 yes 或 no，而不是 “${cells.get('required')}”`, `required must be yes or no, not "${cells.get('required')}"`);
    }
    const question: Question = {
      kind: 'question',
      type: type.type,
      ...common,
      ...optional('listName', type.listName),
      ...(yesValues.has(requiredText) ? { required: true } : {}),
      ...optional('constraint', cells.get('constraint')),
      ...optional('constraintMessage', cells.text('constraint_message', plainLanguage)),
      ...optional('calculation', cells.get('calculation')),
      ...optional('default', cells.get('default')),
    };
    add(question);
  }
  for (const group of openGroups) {
    report('survey', group.row, 'type', `begin group “${group.name}” 没有对应的 end group`, `begin group "${group.name}" has no matching end group`);
  }

  const languageList = [...languages];
  const form: FormDefinition = {
    settings: {
      formTitle: settingsRow?.get('form_title') ?? '',
      formId: settingsRow?.get('form_id') ?? '',
      version: settingsRow?.get('version') ?? '',
      defaultLanguage: namedLanguage || languageList[0] || unnamedLanguage,
    },
    languages: languageList,
    items,
    choiceLists: Object.fromEntries(lists),
  };

  for (const problem of findFormProblems(form)) {
    if (problem.choice) report('choices', choiceRows.get(problem.choice), problem.column, problem.messageZh, problem.messageEn);
    else report('survey', problem.item && itemRows.get(problem.item), problem.column, problem.messageZh, problem.messageEn);
  }
  if (problems.length > 0) {
    problems.sort((first, second) => sheetOrder[first.sheet] - sheetOrder[second.sheet] || (first.row ?? 0) - (second.row ?? 0));
    return { ok: false, problems };
  }
  return { ok: true, form };
}

// A property only when it has a value, so the form's JSON holds no empty fields.
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  if (value === undefined || value === '') return {};
  return { [key]: value } as Record<K, V>;
}
