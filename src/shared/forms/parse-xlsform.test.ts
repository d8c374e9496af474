// parseXlsForm: a bilingual form with groups, skip logic, constraints and a calculation parses
// into the model; each kind of bad input is reported with its sheet, row and problem.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { textIn, validateAnswers } from './form-definition.ts';
import { parseXlsForm, type XlsFormProblem, type XlsFormRow, type XlsFormSheets } from './parse-xlsform.ts';

/** Rows under a header row (row 1), numbered from 2; '' cells are left out as a reader would. */
function sheet(headers: string[], ...rows: string[][]): XlsFormRow[] {
  return rows.map((values, index) => ({
    rowNumber: index + 2,
    cells: Object.fromEntries(headers.map((header, column) => [header, values[column] ?? '']).filter(([, value]) => value !== '')),
  }));
}

const surveyHeaders = ['type', 'name', 'label::中文 (zh)', 'label::English (en)', 'hint::中文 (zh)', 'required', 'relevant', 'constraint', 'constraint_message::中文 (zh)', 'constraint_message::English (en)', 'calculation', 'default'];
const choicesHeaders = ['list_name', 'name', 'label::中文 (zh)', 'label::English (en)'];

const sampleSheets: XlsFormSheets = {
  survey: sheet(
    surveyHeaders,
    ['text', 'household', '户主姓名', 'Head of household', '按户口本填写', 'yes'],
    ['integer', 'members', '家庭人数', 'Household size', '', 'yes', '', '. >= 1 and . <= 20', '人数应在 1–20 之间', 'Between 1 and 20 people', '', '3'],
    [],
    ['select_one yes_no', 'has_need', '有无诉求', 'Any needs?', '', 'yes'],
    ['begin group', 'need_details', '诉求', 'Needs', '', '', "${has_need} = 'yes'"],
    ['select_multiple needs', 'needs', '诉求类别', 'Kinds of need', '', 'yes', '', 'count-selected(.) <= 2', '最多选两项', 'Two at most'],
    ['text', 'road_detail', '道路情况', 'Road details', '', 'true', "selected(${needs}, 'road')"],
    ['end group'],
    ['date', 'visited_on', '走访日期', 'Date of visit', '', 'yes', '', '. <= today()', '不能晚于今天', 'Not in the future'],
    ['calculate', 'need_count', '', '', '', '', '', '', '', '', 'count-selected(${needs})'],
    ['note', 'thanks', '谢谢配合', 'Thank you'],
  ),
  choices: sheet(
    choicesHeaders,
    ['yes_no', 'yes', '是', 'Yes'],
    ['yes_no', 'no', '否', 'No'],
    [],
    ['needs', 'water', '饮水', 'Water'],
    ['needs', 'road', '道路', 'Road'],
    ['needs', 'job', '就业', 'Jobs'],
  ),
  settings: sheet(['form_title', 'form_id', 'version', 'default_language'], ['入户走访', 'household_visit', '2024030101', '中文 (zh)']),
};

function problemsOf(sheets: XlsFormSheets): XlsFormProblem[] {
  const result = parseXlsForm(sheets);
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : [...result.problems];
}

function brief(problems: XlsFormProblem[]): [string, number | undefined, string][] {
  return problems.map((problem) => [problem.sheet, problem.row, problem.messageEn]);
}

/** The sample form with survey rows replaced (row numbers from 2). */
function surveyOf(...rows: string[][]): XlsFormSheets {
  return { ...sampleSheets, survey: sheet(surveyHeaders, ...rows) };
}

describe('parseXlsForm on a good form', () => {
  test('a bilingual form with groups, skip logic, constraints and a calculation parses into the model', () => {
    const result = parseXlsForm(sampleSheets);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const { form } = result;
    assert.deepEqual(form.settings, { formTitle: '入户走访', formId: 'household_visit', version: '2024030101', defaultLanguage: 'zh' });
    assert.deepEqual(form.languages, ['zh', 'en']);
    assert.deepEqual(form.items[1], {
      kind: 'question',
      type: 'integer',
      name: 'members',
      label: { zh: '家庭人数', en: 'Household size' },
      required: true,
      constraint: '. >= 1 and . <= 20',
      constraintMessage: { zh: '人数应在 1–20 之间', en: 'Between 1 and 20 people' },
      default: '3',
    });
    const group = form.items[3];
    assert.ok(group.kind === 'group');
    assert.equal(group.relevant, "${has_need} = 'yes'");
    assert.deepEqual(group.items.map((item) => item.name), ['needs', 'road_detail']);
    assert.deepEqual(form.items.map((item) => item.name), ['household', 'members', 'has_need', 'need_details', 'visited_on', 'need_count', 'thanks']);
    assert.equal(textIn(form.items[0].hint, 'en', form.settings.defaultLanguage), '按户口本填写');
    assert.deepEqual(form.choiceLists.needs.map((choice) => choice.name), ['water', 'road', 'job']);
    assert.deepEqual(form.choiceLists.yes_no[0], { name: 'yes', label: { zh: '是', en: 'Yes' } });
  });

  test('the parsed form checks answers: skip logic, constraint messages in both languages, the calculation', () => {
    const result = parseXlsForm(sampleSheets);
    assert.ok(result.ok);
    const answers = { household: '王五', has_need: 'yes', needs: 'road water job', visited_on: '2024-03-01' };
    const check = validateAnswers(result.form, answers, { today: '2024-03-01', language: 'en' });
    assert.deepEqual(
      check.errors.map((error) => [error.name, error.message, error.messageZh]),
      [
        ['needs', 'Two at most', '最多选两项'],
        ['road_detail', 'This question is required', '此题必答'],
      ],
    );
    assert.equal(check.answers.members, '3', 'the default');
    assert.equal(check.calculated.need_count, '3');
    assert.deepEqual(validateAnswers(result.form, { ...answers, has_need: 'no' }, { today: '2024-03-01' }).errors, []);
  });

  test('a plain label column, aliases, spaced types and a missing settings sheet are read as pyxform does', () => {
    const result = parseXlsForm({
      survey: sheet(['Type', 'Name', 'Label', 'Required'], ['select one  yn', 'ok', '好吗', 'TRUE'], ['begin_group', 'g', ''], ['int', 'n', 'Number'], ['end_group']),
      choices: sheet(['list name', 'name', 'label'], ['yn', 'y', 'Yes']),
    });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(result.form.settings, { formTitle: '', formId: '', version: '', defaultLanguage: 'default' });
    assert.deepEqual(result.form.items[0], { kind: 'question', type: 'select_one', name: 'ok', label: { default: '好吗' }, listName: 'yn', required: true });
    assert.deepEqual(result.form.items[1], { kind: 'group', name: 'g', items: [{ kind: 'question', type: 'integer', name: 'n', label: { default: 'Number' } }] });
    assert.equal(textIn(result.form.choiceLists.yn[0].label, 'zh', result.form.settings.defaultLanguage), 'Yes');
  });

  test('a plain label column is in the settings’ default language', () => {
    const result = parseXlsForm({
      survey: sheet(['type', 'name', 'label', 'label::English (en)'], ['text', 'a', '姓名', 'Name']),
      settings: sheet(['default_language'], ['zh']),
    });
    assert.ok(result.ok);
    assert.deepEqual(result.form.items[0].label, { zh: '姓名', en: 'Name' });
    assert.deepEqual(result.form.languages, ['zh', 'en']);
  });
});

describe('parseXlsForm on bad input names the sheet, the row and the problem', () => {
  test('a workbook without a survey sheet', () => {
    assert.deepEqual(problemsOf({ choices: [] }), [{ sheet: 'survey', row: undefined, column: undefined, messageZh: 'survey 表：工作簿中没有 survey 表', messageEn: 'survey sheet: the workbook has no survey sheet' }]);
  });

  test('an unknown type, a repeat and a missing type', () => {
    const problems = problemsOf(surveyOf(['text', 'a', '甲'], ['photo', 'b', '乙'], ['begin repeat', 'c', '丙'], ['', 'd', '丁']));
    assert.deepEqual(problems[0], {
      sheet: 'survey',
      row: 3,
      column: 'type',
      messageZh: 'survey 表第 3 行（type）：未知题型 “photo”；支持：text, integer, decimal, select_one, select_multiple, date, note, calculate, begin group, end group',
      messageEn: 'survey sheet, row 3 (type): unknown type "photo"; supported: text, integer, decimal, select_one, select_multiple, date, note, calculate, begin group, end group',
    });
    assert.deepEqual(brief(problems.slice(1)), [
      ['survey', 4, 'survey sheet, row 4 (type): unknown type "begin repeat" (repeats are not supported); supported: text, integer, decimal, select_one, select_multiple, date, note, calculate, begin group, end group'],
      ['survey', 5, 'survey sheet, row 5 (type): the type is missing'],
    ]);
  });

  test('a select with no list name, or a list the choices sheet lacks', () => {
    assert.deepEqual(brief(problemsOf(surveyOf(['select_one', 'a', '甲'], ['select_multiple colours', 'b', '乙']))), [
      ['survey', 2, 'survey sheet, row 2 (type): select_one needs the name of a choices list, e.g. select_one yes_no'],
      ['survey', 3, 'survey sheet, row 3 (type): there is no choices list named "colours"'],
    ]);
  });

  test('broken relevant, constraint and calculation expressions, with the parse error', () => {
    const problems = problemsOf(surveyOf(['integer', 'age', '年龄', '', '', '', '${age >= 1'], ['integer', 'b', '乙', '', '', '', '', '. => 1'], ['calculate', 'c', '', '', '', '', '', '', '', '', 'concat(${age}']));
    assert.deepEqual(brief(problems), [
      ['survey', 2, 'survey sheet, row 2 (relevant): the expression is broken: missing "}" after "${" (at character 1)'],
      ['survey', 3, 'survey sheet, row 3 (constraint): the expression is broken: expected a value, not ">" (at character 4)'],
      ['survey', 4, 'survey sheet, row 4 (calculation): the expression is broken: expected ")" but found the end of the expression (at character 14)'],
    ]);
    assert.equal(problems[2].messageZh, 'survey 表第 4 行（calculation）：表达式有误：缺少右括号 “)”，遇到 表达式结尾（第 14 个字符）');
  });

  test('a reference to an unknown question, even one defined later, is checked against the whole form', () => {
    assert.deepEqual(brief(problemsOf(surveyOf(['text', 'a', '甲', '', '', '', '${b} = 1 and ${zz} = 2'], ['integer', 'b', '乙']))), [
      ['survey', 2, 'survey sheet, row 2 (relevant): refers to ${zz}, which is not a question of this form'],
    ]);
  });

  test('duplicate names, missing names and labels, and required values other than yes or no', () => {
    assert.deepEqual(brief(problemsOf(surveyOf(['text', 'a', '甲'], ['integer', 'a', '乙'], ['text', '', '丙'], ['text', 'd'], ['text', 'e', '戊', '', '', 'maybe']))), [
      ['survey', 3, 'survey sheet, row 3 (name): the name "a" is used twice'],
      ['survey', 4, 'survey sheet, row 4 (name): the name is missing'],
      ['survey', 5, 'survey sheet, row 5 (label): the label is missing'],
      ['survey', 6, 'survey sheet, row 6 (required): required must be yes or no, not "maybe"'],
    ]);
  });

  test('unbalanced begin and end group', () => {
    assert.deepEqual(brief(problemsOf(surveyOf(['text', 'a', '甲'], ['end group'], ['begin group', 'g', '组'], ['text', 'b', '乙']))), [
      ['survey', 3, 'survey sheet, row 3 (type): end group without a matching begin group'],
      ['survey', 4, 'survey sheet, row 4 (type): begin group "g" has no matching end group'],
    ]);
  });

  test('choices rows without a list, with a duplicate or spaced name, or without a label', () => {
    const problems = problemsOf({
      ...sampleSheets,
      choices: sheet(choicesHeaders, ['yes_no', 'yes', '是', 'Yes'], ['yes_no', 'no', '否'], ['', 'x', '某'], ['needs', 'water', '饮水'], ['needs', 'water', '水'], ['needs', 'road work', '道路'], ['needs', 'job']),
    });
    assert.deepEqual(brief(problems), [
      ['choices', 4, 'choices sheet, row 4 (list_name): the list_name is missing'],
      ['choices', 6, 'choices sheet, row 6 (name): the choice name "water" is used twice in list "needs"'],
      ['choices', 7, 'choices sheet, row 7 (name): the choice name "road work" must not contain spaces (a select_multiple answer separates values by spaces)'],
      ['choices', 8, 'choices sheet, row 8 (label): the choice has no label'],
    ]);
  });

  test('every problem is collected, ordered by sheet and row', () => {
    const problems = problemsOf({
      survey: sheet(surveyHeaders, ['calculate', 'total', '', '', '', '', '', '', '', '', '${x} + 1'], ['widget', 'w', '甲'], ['text', 'x', '乙', '', '', '', '', '', '', '', '', ''], ['calculate', 'x', '', '', '', '', '', '', '', '', '${total}'], ['end group']),
      choices: sheet(choicesHeaders, ['l', '', '空']),
    });
    assert.deepEqual(
      problems.map((problem) => [problem.sheet, problem.row, problem.column]),
      [
        ['survey', 3, 'type'],
        ['survey', 5, 'name'],
        ['survey', 6, 'type'],
        ['choices', 2, 'name'],
      ],
    );
  });

  test('a calculation cycle is reported on the row where it closes', () => {
    assert.deepEqual(brief(problemsOf(surveyOf(['calculate', 'a', '', '', '', '', '', '', '', '', '${b} * 2'], ['calculate', 'b', '', '', '', '', '', '', '', '', '${a} + 1']))), [
      ['survey', 2, 'survey sheet, row 2 (calculation): circular dependency: a → b → a'],
    ]);
  });

  test('a survey sheet with no questions', () => {
    assert.deepEqual(brief(problemsOf({ survey: sheet(surveyHeaders, []) })), [['survey', undefined, 'survey sheet (type): the form has no questions']]);
  });
});
