// Writes roster workbooks in the template format (streamed with exceljs WorkbookWriter): the
// data sheet with the Chinese headers of columns.ts, and a second sheet explaining every column
// in Chinese and English. Templates and exports share it, so an export re-imports unchanged.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnsOf, type RosterKind } from './columns.ts';

export const sheetTitles: Record<RosterKind, string> = { units: '单位', cadres: '干部', points: '联系点' };

export type CellValue = string | number | null;

/** Streams a workbook whose data rows come from `rows` (arrays in column order); errors end the stream. */
export function streamRosterWorkbook(kind: RosterKind, rows: AsyncIterable<CellValue[][]>): Readable {
  const output = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
    const columns = columnsOf(kind);
    const sheet = workbook.addWorksheet(sheetTitles[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ width: Math.max(10, column.header.length * 3 + 4) }));
    const head = sheet.addRow(columns.map((column) => column.header));
    head.font = { bold: true };
    head.commit();
    for await (const batch of rows) for (const values of batch) sheet.addRow(values.map((value) => value ?? '')).commit();
    sheet.commit();
    const help = workbook.addWorksheet('填写说明');
    help.columns = [{ width: 14 }, { width: 8 }, { width: 60 }, { width: 22 }, { width: 70 }];
    const helpHead = help.addRow(['列名', '必填', '填写说明', 'Column', 'How to fill it in']);
    helpHead.font = { bold: true };
    helpHead.commit();
    for (const column of columns) help.addRow([column.header, column.isRequired ? '是' : '否', column.help, column.aliases[0] ?? '', `${column.isRequired ? 'required; ' : ''}${column.helpEn}`]).commit();
    help.addRow([]).commit();
    help.addRow(['说明', '', '表头可在任意一行（第一行非空行）、列序任意；也接受英文列名。再次导入时，外部编号（单位为单位编码）相同或名称等关键信息相同的行视为同一条记录并更新。', 'Note', 'Headers may be in any order and in English; rows matching a stored record by external id (unit code) or by their key fields update it.']).commit();
    help.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
