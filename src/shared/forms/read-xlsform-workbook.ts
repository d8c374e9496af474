// Server side only (exceljs): reads an uploaded XLSForm .xlsx into the plain sheet rows that
// parseXlsForm takes, so the parser itself stays pure and can run in the browser. Sheets are
// found by name (survey, choices, settings; case and spaces ignored); the header of each is its
// first non-empty row; every cell becomes text (numbers as JavaScript prints them, dates as
// YYYY-MM-DD, booleans as true/false, rich text joined, formulas as their cached result).
import ExcelJS from 'exceljs';
import type { XlsFormRow, XlsFormSheetName, XlsFormSheets } from './parse-xlsform.ts';

/** The upload is not an .xlsx workbook exceljs can open. */
export class UnreadableXlsFormError extends Error {
  readonly messageZh = '无法读取该文件：请上传 .xlsx 格式的 XLSForm 问卷';
  readonly messageEn = 'the file could not be read: upload an XLSForm as an .xlsx workbook';

  constructor(cause: unknown) {
    super('the file could not be read: upload an XLSForm as an .xlsx workbook', { cause });
    this.name = 'UnreadableXlsFormError';
  }
}

const sheetNames = new Set<string>(['survey', 'choices', 'settings']);

/** Reads the survey, choices and settings sheets of an .xlsx workbook into plain rows. */
export async function readXlsFormWorkbook(content: Uint8Array | ArrayBuffer): Promise<XlsFormSheets> {
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy as a plain ArrayBuffer: what exceljs's typings ask for, and JSZip reads it as is.
    await workbook.xlsx.load(content instanceof ArrayBuffer ? content : content.slice().buffer);
  } catch (error) {
    throw new UnreadableXlsFormError(error);
  }
  const sheets: Partial<Record<XlsFormSheetName, XlsFormRow[]>> = {};
  for (const worksheet of workbook.worksheets) {
    const name = worksheet.name.replace(/\s+/g, '').toLowerCase();
    if (sheetNames.has(name) && !sheets[name as XlsFormSheetName]) sheets[name as XlsFormSheetName] = readRows(worksheet);
  }
  return sheets;
}

function readRows(worksheet: ExcelJS.Worksheet): XlsFormRow[] {
  let headers: Map<number, string> | undefined;
  const rows: XlsFormRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const texts = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell.value);
      if (text.trim()) texts.set(column, text);
    });
    if (texts.size === 0) return;
    if (!headers) {
      headers = new Map([...texts].map(([column, text]) => [column, text.trim()]));
      return;
    }
    // The first column of a repeated header wins; fromEntries keeps any header text an own key.
    const cells: [string, string][] = [];
    const seen = new Set<string>();
    for (const [column, header] of headers) {
      if (seen.has(header)) continue;
      seen.add(header);
      const text = texts.get(column);
      if (text !== undefined) cells.push([header, text]);
    }
    rows.push({ rowNumber, cells: Object.fromEntries(cells) });
  });
  return rows;
}

/** One cell value as exceljs reads it → text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    if ('error' in cell) return '';
  }
  return String(value);
}
