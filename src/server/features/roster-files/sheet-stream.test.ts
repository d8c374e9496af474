// Unit tests of reading a sheet while validating it: the worker thread and the calling thread
// hand on the same header and lines, in order; merged ranges that change lines already handed on
// make the reading not final (and the importer validates again); errors come back as AppErrors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.ts';
import { cellsOf, type SheetHeader, type SheetLine } from './read-sheet.ts';
import { streamSheet } from './sheet-stream.ts';

const header = ['姓名', '性别', '出生年份', '单位', '职务'];

async function withWorkbook(fill: (sheet: ExcelJS.Worksheet) => void, work: (path: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'sheet-stream-'));
  try {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('干部'));
    const path = join(folder, 'cadres.xlsx');
    await workbook.xlsx.writeFile(path);
    await work(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function stream(path: string, useWorker: boolean) {
  const headers: SheetHeader[] = [];
  const handedOn: SheetLine[] = [];
  const batches: number[] = [];
  const end = await streamSheet(
    { path, format: 'xlsx', fileName: 'cadres.xlsx', kind: 'cadres', useWorker },
    {
      onHeader: (found) => void headers.push(found),
      // Slower than the reading: the next batch must still wait for this one.
      onLines: async (lines) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        batches.push(lines.length);
        handedOn.push(...lines.map((line) => ({ ...line })));
      },
    },
  );
  return { headers, handedOn, batches, end };
}

const rowsOf = (lines: SheetLine[]) => lines.map((line) => [line.row, ...cellsOf(line)]);

describe('streaming a sheet to its validation', () => {
  it('hands on the same header and lines in order on a worker thread and on the calling thread', async () => {
    await withWorkbook(
      (sheet) => {
        sheet.addRow(['2024 年干部名册']);
        sheet.addRow([]);
        sheet.addRow([...header, '备注']);
        for (let i = 0; i < 4_500; i++) sheet.addRow([`干部${i}`, i % 2 ? '男' : '女', 1970 + (i % 30), '海兴县财政局', '科员', i % 7 ? '' : '借调', '表外']);
      },
      async (path) => {
        const inline = await stream(path, false);
        const worker = await stream(path, true);
        for (const run of [inline, worker]) {
          assert.deepEqual(
            run.headers.map(({ headerRow, header: cells, head }) => ({ headerRow, cells, head: head.map((line) => line.row) })),
            [{ headerRow: 3, cells: [...header, '备注'], head: [1, 3] }],
          );
          assert.equal(run.end.isFinal, true);
          assert.equal(run.handedOn.length, 4_500);
          assert.ok(run.batches.length >= 3, `batches ${run.batches}`);
          assert.deepEqual(cellsOf(run.handedOn[7]), ['干部7', '男', '1977', '海兴县财政局', '科员', '借调', '表外']);
          // The whole content is cut to the header's width: the cell beyond it names nothing.
          assert.deepEqual(cellsOf(run.end.content.rows[7]), ['干部7', '男', '1977', '海兴县财政局', '科员', '借调']);
          assert.deepEqual(run.end.content.rows.map((line) => line.row), run.handedOn.map((line) => line.row));
          assert.equal(run.end.content.headerRow, 3);
        }
        assert.deepEqual(rowsOf(worker.handedOn), rowsOf(inline.handedOn));
      },
    );
  });

  it('says the lines were not final when a merged range fills cells of lines already handed on', async () => {
    await withWorkbook(
      (sheet) => {
        sheet.addRow(header);
        sheet.addRow(['张三', '男', 1980, '海兴县财政局', '科员']);
        sheet.addRow(['李四', '女', 1985, '', '科员']);
        sheet.mergeCells('D2:D3');
      },
      async (path) => {
        for (const useWorker of [false, true]) {
          const run = await stream(path, useWorker);
          assert.equal(run.end.isFinal, false);
          assert.equal(cellsOf(run.end.content.rows[1])[3], '海兴县财政局', 'the whole content has the merge applied');
        }
      },
    );
  });

  it('keeps the lines final when merges touch only a title above the header', async () => {
    await withWorkbook(
      (sheet) => {
        sheet.addRow(['名册']);
        sheet.mergeCells('A1:E1');
        sheet.addRow(header);
        sheet.addRow(['张三', '男', 1980, '海兴县财政局', '科员']);
      },
      async (path) => {
        for (const useWorker of [false, true]) assert.equal((await stream(path, useWorker)).end.isFinal, true);
      },
    );
  });

  it('stops reading when the listener fails, and passes its error on', async () => {
    await withWorkbook(
      (sheet) => {
        sheet.addRow(header);
        for (let i = 0; i < 3_000; i++) sheet.addRow([`干部${i}`, '男', 1980, '海兴县财政局', '科员']);
      },
      async (path) => {
        for (const useWorker of [false, true]) {
          const refusal = new AppError('BAD_REQUEST', '没有表头', 'no header');
          await assert.rejects(
            streamSheet({ path, format: 'xlsx', fileName: 'cadres.xlsx', kind: 'cadres', useWorker }, { onHeader: () => Promise.reject(refusal), onLines: () => assert.fail('no lines after a failed header') }),
            (error) => error === refusal,
          );
        }
      },
    );
  });

  it('answers a file that is not a workbook with the same 400 from the worker as from the calling thread', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sheet-stream-'));
    const path = join(folder, 'broken.xlsx');
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
      for (const useWorker of [false, true]) {
        await assert.rejects(
          streamSheet({ path, format: 'xlsx', fileName: 'broken.xlsx', kind: 'cadres', useWorker }, { onHeader: () => undefined, onLines: () => undefined }),
          (error) => error instanceof AppError && error.code === 'BAD_REQUEST' && error.messageZh.includes('broken.xlsx'),
        );
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
