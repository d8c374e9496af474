// Roster imports: the exact error report of sheets seeded with faulty rows (every kind, .xlsx
// and .csv), dry run vs commit, nothing written when one row is bad, scope, roles, bad files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { countAll, loadTestRosters, signInAs, unitHeader, upload } from '../fixtures/roster-import-setup.ts';
import { csvFile, readXlsx, xlsxFile, type Cell } from '../fixtures/roster-sheets.ts';

const cadreHeader: Cell[] = ['姓名', '性别', '出生年份', '单位', '职务', '是否领导', '部门类别', '手机', '户籍地', '原项目', '原项目联系点', '外部编号'];
const faultyCadres: Cell[][] = [
  cadreHeader,
  ['王建国', '男', 1975, 'IMPT-U2', '科长', '是', '', 13812345678, '海兴县苏基镇姜庄村', '第一书记', 'IMPT-P1', 'IMPT-C1'],
  ['', '男', 1980, 'IMPT-U2', '科员', '否', '', '', '', '', '', 'IMPT-C2'],
  ['赵六', '未知', 1980, 'IMPT-U2', '科员', '否', '', '', '', '', '', 'IMPT-C3'],
  ['钱七', '女', 1930, 'IMPT-U2', '科员', '否', '', '', '', '', '', 'IMPT-C4'],
  ['孙八', '男', 1981, '海兴县不存在局', '科员', '否', '', '', '', '', '', 'IMPT-C5'],
  ['周九', '男', 1982, 'IMPT-U2', '科员', '否', '', '1.38123E+10', '', '', '', 'IMPT-C6'],
  ['吴十', '女', 1983, 'IMPT-U2', '科员', '否', '', '1381234567', '', '', '', 'IMPT-C7'],
  ['郑一', '男', 1984, 'IMPT-U2', '科员', '否', '财政', '', '', '', '', 'IMPT-C8'],
  ['冯二', '男', 1985, 'IMPT-U2', '科员', '否', '', '', '', '第一书记', 'IMPT-P9', 'IMPT-C9'],
  ['陈三', '女', 1986, 'IMPT-U2', '科员', '可能', '', '', '', '', '', 'IMPT-C10'],
  ['王建国', '男', 1975, 'IMPT-U2', '科长', '是', '', '', '', '', '', 'IMPT-C1'],
  ['李秀英', '女', '1988-05-12', '海兴县导入测试局', '副局长', '是', '经济', '13900001111', '', '', '', 'IMPT-C11'],
];
const pointHeader: Cell[] = ['名称', '类型', '所在区划', '需求标签', '严重程度', '户数', '人口', '最少干部数', '最多干部数', '外部编号'];
const faultyPoints: Cell[][] = [
  pointHeader,
  ['小山乡导入测试企业', '企业', '海兴县小山乡', '穷', 2, 10, 80, 1, 2, 'IMPT-P10'],
  ['导入测试厂', '工厂', '海兴县小山乡', '', '', '', '', '', '', 'IMPT-P11'],
  ['导入测试村', '村', '不存在村', '乱', '', '', '', '', '', 'IMPT-P12'],
  ['导入测试社区', '社区', '海兴县苏基镇', '乱、脏', '', '', '', '', '', 'IMPT-P13'],
  ['导入测试医院', '医院', '海兴县苏基镇', '难', 5, '', '', '', '', 'IMPT-P14'],
  ['导入测试学校', '学校', '海兴县苏基镇', '', '', -3, '', '', '', 'IMPT-P15'],
  ['导入测试两新', '两新组织', '海兴县苏基镇', '', '', '', '', 4, 2, 'IMPT-P16'],
  ['姜庄村', '村', '130927102232', '穷', '', '', '', '', '', 'IMPT-P17'],
  ['导入测试二村', '村', '海兴县苏基镇', '', '', '', '12.5', '', '', 'IMPT-P18'],
];
const faultyUnits: Cell[][] = [
  unitHeader,
  ['海兴县导入测试审计局', 'IMPT-U1', '海兴县', '县', '经济', '', 'IMPT-U10'],
  ['海兴县导入测试二局', '', '海兴县', '镇', '经济', '', 'IMPT-U11'],
  ['海兴县导入测试三局', '', '海兴县', '乡', '经济', '', 'IMPT-U12'],
  ['海兴县导入测试四局', '', '海兴县', '县', '', '', 'IMPT-U13'],
  ['海兴县导入测试五局', 'IMPT-NOPE', '海兴县', '县', '经济', '', 'IMPT-U14'],
  ['沧州市导入测试局', '', '沧州市', '市', '经济', '', 'IMPT-U15'],
  ['海兴县导入测试审计局', '', '海兴县', '县', '经济', '', ''],
];

const e = (row: number, column: string, value: string, message: string, messageEn: string) => ({ row, column, value, message, messageEn });

const expectedCadreErrors = [
  e(3, '姓名', '', '必填，不能为空', 'required, must not be blank'),
  e(4, '性别', '未知', '“未知”不是允许的取值，应为：男、女', '"未知" is not allowed; use one of: 男、女'),
  e(5, '出生年份', '1930', '1930 不在 1940–2010 之间', '1930 is not between 1940 and 2010'),
  e(6, '单位', '海兴县不存在局', '找不到单位“海兴县不存在局”（请填单位编码或带区划的全称，如 海兴县财政局）', 'no unit "海兴县不存在局" (give its code or full qualified name, e.g. 海兴县财政局)'),
  e(7, '手机', '1.38123E+10', '“1.38123E+10”是科学计数法，号码已丢失位数：请把该列设为文本后重新填写', '"1.38123E+10" is in exponent form and has lost digits: format the column as text and enter the number again'),
  e(8, '手机', '1381234567', '“1381234567”不是 11 位手机号', '"1381234567" is not an 11-digit mobile number starting with 1'),
  e(9, '部门类别', '财政', '“财政”不是允许的取值，应为：政法、党群、经济、教育、卫生、农业、其他', '"财政" is not allowed; use one of: 政法、党群、经济、教育、卫生、农业、其他'),
  e(10, '原项目联系点', 'IMPT-P9', '找不到联系点“IMPT-P9”（请填外部编号或带区划的名称）', 'no contact point "IMPT-P9" (give its external id or its name qualified by region)'),
  e(11, '是否领导', '可能', '“可能”不是允许的取值，应为：是、否', '"可能" is not allowed; use 是 (yes) or 否 (no)'),
  e(12, '外部编号', 'IMPT-C1', '与第 2 行是同一条记录', 'the same record as row 2'),
];

const expectedPointErrors = [
  e(3, '类型', '工厂', '“工厂”不是允许的取值，应为：村、社区、企业、学校、医院、两新组织', '"工厂" is not allowed; use one of: 村、社区、企业、学校、医院、两新组织'),
  e(4, '所在区划', '不存在村', '找不到区划“不存在村”', 'no division is named "不存在村"'),
  e(5, '需求标签', '乱、脏', '“脏”不是需求标签，应为：乱、难、穷', '"脏" is not a need tag; use 乱、难、穷 (disorder, difficulty, poverty)'),
  e(6, '严重程度', '5', '应在 1–3 之间', 'must be between 1 and 3'),
  e(7, '户数', '-3', '应在 0–1000000 之间', 'must be between 0 and 1000000'),
  e(8, '最多干部数', '2', '最少干部数（4）大于最多干部数（2）', 'min cadres (4) exceeds max cadres (2)'),
  e(9, '所在区划', '130927102232', '“130927102232”（河北省沧州市南皮县寨子镇姜庄村民委员会）不在您的管辖范围内', '"130927102232" (河北省沧州市南皮县寨子镇姜庄村民委员会) is outside your area'),
  e(10, '人口', '12.5', '“12.5”不是整数', '"12.5" is not a whole number'),
];

const expectedUnitErrors = [
  e(3, '层级', '镇', '“镇”不是允许的取值，应为：省、市、县、乡', '"镇" is not allowed; use one of: 省、市、县、乡'),
  e(4, '层级', '乡', '层级“乡”与所在区划（河北省沧州市海兴县）的层级不符', 'level township does not fit the region 130924'),
  e(5, '部门类别', '', '必填，不能为空', 'required, must not be blank'),
  e(6, '上级单位', 'IMPT-NOPE', '找不到单位“IMPT-NOPE”（请填单位编码或带区划的全称，如 海兴县财政局）', 'no unit "IMPT-NOPE" (give its code or full qualified name, e.g. 海兴县财政局)'),
  e(7, '所在区划', '沧州市', '“沧州市”（河北省沧州市）不在您的管辖范围内', '"沧州市" (河北省沧州市) is outside your area'),
  e(8, '单位名称', '海兴县导入测试审计局', '与第 2 行是同一条记录', 'the same record as row 2'),
];

const cases = [
  { kind: 'cadres', rows: faultyCadres, errors: expectedCadreErrors, valid: 2 },
  { kind: 'points', rows: faultyPoints, errors: expectedPointErrors, valid: 1 },
  { kind: 'units', rows: faultyUnits, errors: expectedUnitErrors, valid: 1 },
];

for (const backend of testBackends()) {
  describe(`roster imports on ${backend}`, () => {
    let t: TestApp;
    let county: string;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      county = await signInAs(t, 'office-130924', 'office', '130924');
      await loadTestRosters(t, county);
    });
    after(async () => t.close());

    for (const { kind, rows, errors, valid } of cases) {
      for (const format of ['xlsx', 'csv'] as const) {
        it(`reports every faulty ${kind} row of a .${format} exactly, and a commit writes none of the rows`, async () => {
          const file = format === 'xlsx' ? await xlsxFile(rows) : csvFile(rows, 'utf8-bom');
          const before = await countAll(t);
          const dryRun = await upload(t, county, kind, `${kind}.${format}`, file);
          assert.equal(dryRun.statusCode, 200);
          const report = dryRun.json();
          assert.deepEqual(report.errors, errors);
          assert.equal(report.total, rows.length - 1);
          assert.equal(report.valid, valid);
          assert.equal(report.new, valid);
          assert.equal(report.rejected, rows.length - 1 - valid);
          assert.ok(report.errorSheetId);
          const commit = await upload(t, county, kind, `${kind}.${format}`, file, 'dryRun=false');
          assert.equal(commit.statusCode, 422);
          assert.deepEqual(commit.json().errors, errors);
          assert.deepEqual(await countAll(t), before);
        });
      }
    }

    it('writes nothing when a single row of a large sheet is bad', async () => {
      const rows: Cell[][] = [cadreHeader];
      for (let i = 0; i < 500; i++) rows.push([`批量${i}`, i % 2 ? '男' : '女', 1960 + (i % 40), 'IMPT-U2', '科员', '否', '', '', '', '', '', `IMPT-B${i}`]);
      rows[321][2] = 1900;
      const before = await countAll(t);
      const response = await upload(t, county, 'cadres', 'batch.xlsx', await xlsxFile(rows), 'dryRun=false');
      assert.equal(response.statusCode, 422);
      assert.deepEqual(response.json().errors, [e(322, '出生年份', '1900', '1900 不在 1940–2010 之间', '1900 is not between 1940 and 2010')]);
      assert.equal(response.json().valid, 499);
      assert.deepEqual(await countAll(t), before);
    });

    it('lets the importer download the rejected rows with their original values and an explanation', async () => {
      const report = (await upload(t, county, 'points', 'points.csv', csvFile(faultyPoints))).json();
      const download = await t.app.inject({ method: 'GET', url: `/api/imports/errors/${report.errorSheetId}.xlsx`, headers: { cookie: county } });
      assert.equal(download.statusCode, 200);
      const rows = await readXlsx(download.rawPayload);
      assert.deepEqual(rows[0], ['原行号', ...pointHeader, '错误说明']);
      assert.equal(rows.length, 1 + expectedPointErrors.length);
      assert.deepEqual(rows[1].slice(0, 4), ['3', '导入测试厂', '工厂', '海兴县小山乡']);
      assert.match(rows[1][rows[1].length - 1], /^类型：“工厂”不是允许的取值/);
      const other = await signInAs(t, 'office-130925-import', 'office', '130925');
      const foreign = await t.app.inject({ method: 'GET', url: `/api/imports/errors/${report.errorSheetId}.xlsx`, headers: { cookie: other } });
      assert.equal(foreign.statusCode, 404);
    });

    it('names every candidate of an ambiguous place name, with its full path', async () => {
      const city = await signInAs(t, 'office-1309-import', 'office', '1309');
      const rows = [pointHeader, ['姜庄村', '村', '姜庄村', '穷', '', '', '', '', '', '']];
      const report = (await upload(t, city, 'points', 'points.xlsx', await xlsxFile(rows))).json();
      const candidates = '河北省沧州市海兴县苏基镇姜庄村村民委员会（130924100205）、河北省沧州市南皮县寨子镇姜庄村民委员会（130927102232）、河北省沧州市吴桥县铁城镇姜庄村委会（130928101257）、' +
        '河北省沧州市泊头市营子乡姜庄村民委员会（130981202251）、河北省沧州市黄骅市旧城镇姜庄村民委员会（130983103221）';
      assert.deepEqual(report.errors, [
        e(2, '所在区划', '姜庄村', `“姜庄村”对应多个区划：${candidates}，请写出上级区划或区划代码`, `"姜庄村" fits 5 divisions: ${candidates.replaceAll('、', ', ')}; add the enclosing division or give the code`),
      ]);
      const county = (await upload(t, city, 'points', 'points.xlsx', await xlsxFile([pointHeader, ['姜庄村', '村', '海兴县姜庄村', '穷', '', '', '', '', '', '']]))).json();
      assert.deepEqual(county.errors, []);
    });

    it('refuses rows outside the importer’s scope: a unit of another county, a stored record elsewhere', async () => {
      const admin = await t.login('admin');
      const other = [unitHeader, ['南皮县导入测试局', '', '南皮县', '县', '经济', '', 'IMPT-NP1']];
      assert.equal((await upload(t, admin, 'units', 'units.xlsx', await xlsxFile(other), 'dryRun=false')).statusCode, 200);
      const cadre = [cadreHeader, ['范十一', '男', 1979, 'IMPT-NP1', '科员', '否', '', '', '', '', '', 'IMPT-C40']];
      const report = (await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(cadre))).json();
      assert.deepEqual(report.errors, [e(2, '单位', 'IMPT-NP1', '“IMPT-NP1”不在您的管辖范围内', '"IMPT-NP1" is outside your area')]);
      const moved = [unitHeader, ['海兴县导入测试搬迁局', '', '海兴县', '县', '经济', '', 'IMPT-NP1']];
      const stored = (await upload(t, county, 'units', 'units.xlsx', await xlsxFile(moved))).json();
      assert.deepEqual(stored.errors, [e(2, '单位名称', '', '已有的这条记录不在您的管辖范围内', 'the stored record is outside your area')]);
    });

    it('answers 400 for a file that is not a readable .xlsx or .csv, and 403 for a cadre', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      const bad = await upload(t, county, 'cadres', 'photo.png', png);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'BAD_REQUEST');
      const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
      assert.equal((await upload(t, county, 'cadres', 'broken.xlsx', brokenZip)).statusCode, 400);
      assert.equal((await upload(t, county, 'cadres', 'notes.xlsx', Buffer.from('这不是表格 / not a spreadsheet'))).statusCode, 400);
      assert.equal((await upload(t, county, 'cadres', 'empty.csv', Buffer.alloc(0))).statusCode, 400);
      const prose = await upload(t, county, 'cadres', 'notes.csv', Buffer.from('会议纪要\n今天讨论了蹲点安排。\n'));
      assert.deepEqual({ status: prose.statusCode, code: prose.json().error.code }, { status: 400, code: 'BAD_REQUEST' });
      const docx = await xlsxFile([['x']]);
      assert.equal((await upload(t, county, 'cadres', 'zip.xlsx', Buffer.concat([docx.subarray(0, 100), Buffer.alloc(50)]))).statusCode, 400);
      const missing = (await upload(t, county, 'cadres', 'missing.csv', csvFile([['姓名', '性别'], ['王五', '男']]))).json();
      assert.deepEqual(missing.errors.map((error: { column: string }) => error.column), ['出生年份', '单位', '职务']);
      assert.equal((await upload(t, county, 'cadres', 'missing.csv', csvFile([['姓名', '性别'], ['王五', '男']]), 'dryRun=false')).statusCode, 422);
      const cadre = await signInAs(t, 'cadre-import-test', 'cadre', '130924');
      const refused = await upload(t, cadre, 'cadres', 'cadres.xlsx', await xlsxFile(faultyCadres));
      assert.equal(refused.statusCode, 403);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/imports/cadres/template.xlsx', headers: { cookie: cadre } })).statusCode, 403);
    });

    it('commits a clean sheet with one audit row for the import, with its counts', async () => {
      const rows = faultyCadres.filter((_, index) => index === 0 || index === 1 || index === 12);
      const before = await countAll(t);
      const response = await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(rows), 'dryRun=false');
      assert.equal(response.statusCode, 200);
      const body = response.json() as Record<string, unknown> & { errors: unknown[] };
      assert.deepEqual({ ...body, errors: body.errors.length }, {
        kind: 'cadres', fileName: 'cadres.xlsx', dryRun: false, total: 2, valid: 2, new: 2, updated: 0, unchanged: 0, rejected: 0, errors: 0, newRows: [2, 3], updatedRows: [],
      });
      const now = await countAll(t);
      assert.deepEqual(now, { ...before, cadres: before.cadres + 2, postings: before.postings + 1, audit: before.audit + 1 });
      const entry = (await t.app.inject({ method: 'GET', url: '/api/audit?action=import.cadres', headers: { cookie: county } })).json()[0];
      assert.deepEqual(entry.details, { fileName: 'cadres.xlsx', total: 2, rejected: 0, new: 2, updated: 0, unchanged: 0 });
    });

    it('lets the importer, and only the importer, follow the progress of an import by the id it chose', async () => {
      const progressId = '7f0b6a4e-2f7a-4b52-9a55-0c4b0d1e2f3a';
      const rows: Cell[][] = [cadreHeader];
      for (let i = 0; i < 3000; i++) rows.push([`进度${i}`, i % 2 ? '男' : '女', 1960 + (i % 40), 'IMPT-U2', '科员', '否', '', '', '', '', '', `IMPT-G${i}`]);
      const file = await xlsxFile(rows);
      const seen: { phase: string; processed: number }[] = [];
      let isFinished = false;
      const importing = upload(t, county, 'cadres', 'progress.xlsx', file, `dryRun=true&progressId=${progressId}`).finally(() => (isFinished = true));
      while (!isFinished) {
        const poll = await t.app.inject({ method: 'GET', url: `/api/imports/progress/${progressId}`, headers: { cookie: county } });
        if (poll.statusCode === 200) seen.push(poll.json());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const report = (await importing).json();
      assert.equal(report.progressId, progressId);
      assert.equal(report.new, 3000);
      assert.ok(seen.some((item) => item.phase !== 'done'), `saw ${JSON.stringify(seen)}`);
      const done = await t.app.inject({ method: 'GET', url: `/api/imports/progress/${progressId}`, headers: { cookie: county } });
      assert.deepEqual(done.json(), { phase: 'done', processed: 3000, total: 3000 });
      const admin = await t.login('admin');
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/imports/progress/${progressId}`, headers: { cookie: admin } })).statusCode, 404);
    });
  });
}
