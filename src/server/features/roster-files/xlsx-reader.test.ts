// Unit tests of the streaming .xlsx reader against workbooks written by exceljs (shared strings
// and inline strings), with the cell kinds real rosters hold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { decodeXmlText, readXlsxRows, UnreadableWorkbook, type XlsxRow } from './xlsx-reader.ts';

async function withFile(content: Buffer, work: (path: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'xlsx-reader-'));
  try {
    await writeFile(join(folder, 'book.xlsx'), content);
    await work(join(folder, 'book.xlsx'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function readAll(path: string) {
  const rows: XlsxRow[] = [];
  const merges = await readXlsxRows(path, (row) => rows.push(row));
  return { rows, merges };
}

describe('xlsx reader', () => {
  it('reads shared and rich text, numbers in full, formulas’ results, booleans, dates as serials and merges of the first sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.getCell('A1').value = '海興縣 <幹部> & "名冊"';
    sheet.getCell('A3').value = { richText: [{ text: '副' }, { text: '科长' }] };
    sheet.getCell('B3').value = 13812345678;
    sheet.getCell('D3').value = { formula: 'IF(1,"否","是")', result: '否' };
    sheet.getCell('E3').value = true;
    sheet.getCell('F3').value = new Date(Date.UTC(2014, 2, 1));
    sheet.getCell('G3').value = '第一行\r\n第二行';
    sheet.getCell('C5').value = 12.5;
    sheet.mergeCells('A1:E1');
    sheet.mergeCells('B3:B4');
    workbook.addWorksheet('填写说明').getCell('A1').value = '不读';
    await withFile(Buffer.from(await workbook.xlsx.writeBuffer()), async (path) => {
      const { rows, merges } = await readAll(path);
      assert.deepEqual(
        rows.filter((row) => row.cells.some(Boolean)),
        [
          { row: 1, cells: ['海興縣 <幹部> & "名冊"'] },
          { row: 3, cells: ['副科长', '13812345678', '', '否', '是', '41699', '第一行\r\n第二行'] },
          { row: 5, cells: ['', '', '12.5'] },
        ],
      );
      assert.deepEqual(merges, [
        { top: 1, left: 1, bottom: 1, right: 5 },
        { top: 3, left: 2, bottom: 4, right: 2 },
      ]);
    });
  });

  it('reads inline strings as the streaming writer writes them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'xlsx-reader-'));
    const path = join(folder, 'stream.xlsx');
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['姓名', '手机']).commit();
      for (let i = 0; i < 3000; i++) sheet.addRow([`干部${i}`, `1390000${String(i).padStart(4, '0')}`]).commit();
      sheet.commit();
      await workbook.commit();
      const { rows } = await readAll(path);
      assert.equal(rows.length, 3001);
      assert.deepEqual(rows[2999], { row: 3000, cells: ['干部2998', '13900002998'] });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses files that are not workbooks', async () => {
    await withFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), async (path) => {
      await assert.rejects(readAll(path), UnreadableWorkbook);
    });
  });

  it('decodes entities and Excel’s _xHHHH_ escapes', () => {
    assert.equal(decodeXmlText('a&amp;b&#x4E2D;&#22269;_x000D_'), 'a&b中国\r');
  });
});
