// readXlsFormWorkbook against workbooks written by exceljs in memory: sheets found by name,
// headers on the first non-empty row, every kind of cell read as text, and the result parsing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parseXlsForm } from './parse-xlsform.ts';
import { cellText, readXlsFormWorkbook, UnreadableXlsFormError } from './read-xlsform-workbook.ts';

async function sampleWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').getCell('A1').value = 'not read';
  const survey = workbook.addWorksheet('Survey');
  // Row 1 is left empty: the header is the first non-empty row.
  survey.getRow(2).values = ['type', 'name', 'label::中文 (zh)', 'label::English (en)', 'required', 'constraint', 'default', 'calculation'];
  survey.getRow(3).values = ['integer', 'members', { richText: [{ text: '家庭' }, { text: '人数' }] }, 'Household size', true, '. >= 1', 3];
  survey.getRow(4).values = ['date', 'visited_on', '走访日期', 'Date of visit', 'yes', '', new Date(Date.UTC(2024, 2, 1))];
  survey.getRow(6).values = ['calculate', 'double', '', '', '', '', '', { formula: 'CONCATENATE("${members}"," * 2")', result: '${members} * 2' }];
  survey.getRow(7).values = ['select_one yes_no', 'ok', { text: '好吗', hyperlink: 'https://example.org' }, 'OK?'];
  const choices = workbook.addWorksheet('choices');
  choices.getRow(1).values = ['list_name', 'name', 'label::中文 (zh)', 'label::English (en)'];
  choices.getRow(2).values = ['yes_no', 'yes', '是', 'Yes'];
  choices.getRow(3).values = ['yes_no', { formula: 'LOWER("NO")', result: 'no' }, '否', 'No'];
  const settings = workbook.addWorksheet('settings');
  settings.getRow(1).values = ['form_title', 'form_id', 'version', 'default_language'];
  settings.getRow(2).values = ['入户走访', 'visit', 2024030101, '中文 (zh)'];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readXlsFormWorkbook', () => {
  test('reads the three sheets by name into rows keyed by header, skipping empty rows', async () => {
    const sheets = await readXlsFormWorkbook(await sampleWorkbook());
    assert.deepEqual(sheets.survey, [
      { rowNumber: 3, cells: { type: 'integer', name: 'members', 'label::中文 (zh)': '家庭人数', 'label::English (en)': 'Household size', required: 'true', constraint: '. >= 1', default: '3' } },
      { rowNumber: 4, cells: { type: 'date', name: 'visited_on', 'label::中文 (zh)': '走访日期', 'label::English (en)': 'Date of visit', required: 'yes', default: '2024-03-01' } },
      { rowNumber: 6, cells: { type: 'calculate', name: 'double', calculation: '${members} * 2' } },
      { rowNumber: 7, cells: { type: 'select_one yes_no', name: 'ok', 'label::中文 (zh)': '好吗', 'label::English (en)': 'OK?' } },
    ]);
    assert.deepEqual(sheets.choices?.map((row) => [row.rowNumber, row.cells.name]), [
      [2, 'yes'],
      [3, 'no'],
    ]);
    assert.deepEqual(sheets.settings, [{ rowNumber: 2, cells: { form_title: '入户走访', form_id: 'visit', version: '2024030101', default_language: '中文 (zh)' } }]);
  });

  test('what it reads parses into a form, and problems name the spreadsheet’s own row numbers', async () => {
    const result = parseXlsForm(await readXlsFormWorkbook(await sampleWorkbook()));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(result.form.settings, { formTitle: '入户走访', formId: 'visit', version: '2024030101', defaultLanguage: 'zh' });
    assert.deepEqual(result.form.items.map((item) => item.name), ['members', 'visited_on', 'double', 'ok']);

    const workbook = new ExcelJS.Workbook();
    const survey = workbook.addWorksheet('survey');
    survey.getRow(1).values = ['type', 'name', 'label'];
    survey.getRow(4).values = ['photo', 'p', 'Photo'];
    const broken = parseXlsForm(await readXlsFormWorkbook(await workbook.xlsx.writeBuffer()));
    assert.ok(!broken.ok);
    assert.deepEqual(broken.problems.map((problem) => [problem.sheet, problem.row, problem.column]), [['survey', 4, 'type']]);
  });

  test('a workbook without a survey sheet reads as one without it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('choices').getCell('A1').value = 'list_name';
    const sheets = await readXlsFormWorkbook(await workbook.xlsx.writeBuffer());
    assert.equal(sheets.survey, undefined);
    assert.deepEqual(sheets.choices, []);
  });

  test('a file that is not an .xlsx workbook is refused in both languages', async () => {
    await assert.rejects(readXlsFormWorkbook(new TextEncoder().encode('type,name,label\ntext,a,A\n')), (error: UnreadableXlsFormError) => {
      assert.ok(error instanceof UnreadableXlsFormError);
      assert.match(error.messageZh, /\.xlsx/);
      assert.match(error.messageEn, /could not be read/);
      return true;
    });
  });
});

describe('cellText', () => {
  test('turns every kind of exceljs cell value into text', () => {
    assert.equal(cellText(null), '');
    assert.equal(cellText(12.5), '12.5');
    assert.equal(cellText(13812345678), '13812345678');
    assert.equal(cellText(false), 'false');
    assert.equal(cellText(new Date(Date.UTC(2024, 1, 29))), '2024-02-29');
    assert.equal(cellText({ richText: [{ text: 'a' }, { text: 'b' }] }), 'ab');
    assert.equal(cellText({ formula: '1+1', result: 2 }), '2');
    assert.equal(cellText({ sharedFormula: 'A1', result: undefined }), '');
    assert.equal(cellText({ text: 'link', hyperlink: 'https://example.org' }), 'link');
    assert.equal(cellText({ error: '#N/A' }), '');
  });
});
