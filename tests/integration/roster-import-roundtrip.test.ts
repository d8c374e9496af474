// Roster files, the real-world mess and the way back: Traditional and full-width text, merged
// cells, a title above the header, Excel dates, rich text and formulas; GB18030 CSV; templates;
// exports that import back unchanged; phones revealed only with a logged reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { countAll, loadTestRosters, signInAs, upload } from '../fixtures/roster-import-setup.ts';
import { csvFile, readXlsx, xlsxFile, type Cell } from '../fixtures/roster-sheets.ts';
import { findImportCreation } from '../../src/server/features/roster-files/queries.ts';

const messyCadres: Cell[][] = [
  ['海興縣幹部名冊', '', '', '', ''],
  [],
  ['name', 'gender', 'birth year', 'unit', 'post', 'leader', 'phone', 'programme', 'programme point', '原项目开始', 'external id'],
  ['張偉', '男', new Date(Date.UTC(1979, 5, 1)), '海興縣導入測試局', '科員', '是', 13812340001, '第一書記', '海兴县苏基镇姜庄村導入測試點', 41699, 'IMPT-M1'],
  ['　李　娜　', '女', '１９８６', null, { richText: [{ text: '副' }, { text: '科长' }] }, { formula: 'IF(1,"否","是")', result: '否' }, '139 0000 2222', '', '', '', 'ＩＭＰＴ-Ｍ2'],
  ['刘洋', '男', 31000, null, '科员', '否', '', '', '', '', 'IMPT-M3'],
  ['', '', '', '', ''],
  ['   ', '', '', '', ''],
];

for (const backend of testBackends()) {
  describe(`roster files round trip on ${backend}`, () => {
    let t: TestApp;
    let county: string;
    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      county = await signInAs(t, 'office-130924', 'office', '130924');
      await loadTestRosters(t, county);
    });
    after(async () => t.close());

    it('reads Traditional and full-width text, a merged unit column, a title above the header, Excel dates, rich text and formulas', async () => {
      const file = await xlsxFile(messyCadres, { merges: ['A1:E1', 'D4:D6'] });
      const response = await upload(t, county, 'cadres', 'messy.xlsx', file, 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual({ total: response.json().total, new: response.json().new, errors: response.json().errors }, { total: 3, new: 3, errors: [] });
      const { rows } = await sql<Record<string, unknown>>`
        SELECT c.name, c.search_name, c.birth_year, u.code AS unit, c.post, c.is_leader, c.phone, c.external_id, p.programme, p.starts_on::text AS starts_on, pt.external_id AS point
        FROM cadres c JOIN org_units u ON u.id = c.unit_id LEFT JOIN prior_postings p ON p.cadre_id = c.id LEFT JOIN points pt ON pt.id = p.point_id
        WHERE c.external_id LIKE 'IMPT-M%' ORDER BY c.external_id`.execute(t.database.db);
      assert.deepEqual(rows, [
        { name: '張偉', search_name: '张伟', birth_year: 1979, unit: 'IMPT-U2', post: '科员', is_leader: true, phone: '13812340001', external_id: 'IMPT-M1', programme: 'first_secretary', starts_on: '2014-03-01', point: 'IMPT-P1' },
        { name: '李　娜', search_name: '李娜', birth_year: 1986, unit: 'IMPT-U2', post: '副科长', is_leader: false, phone: '13900002222', external_id: 'IMPT-M2', programme: null, starts_on: null, point: null },
        { name: '刘洋', search_name: '刘洋', birth_year: 1984, unit: 'IMPT-U2', post: '科员', is_leader: false, phone: null, external_id: 'IMPT-M3', programme: null, starts_on: null, point: null },
      ]);
    });

    it('reads a GB18030 CSV as Chinese Excel saves it', async () => {
      const rows: Cell[][] = [['名称', '类型', '所在区划', '需求标签', '外部编号'], ['赵毛陶镇导入测试社区', '社区', '海兴县赵毛陶镇', '难 乱', 'IMPT-P30']];
      const response = await upload(t, county, 'points', 'points.csv', csvFile(rows, 'gb18030'), 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body);
      const { rows: stored } = await sql<Record<string, unknown>>`SELECT name, region_code, disorder_severity, difficulty_severity FROM points WHERE external_id = 'IMPT-P30'`.execute(t.database.db);
      assert.deepEqual(stored, [{ name: '赵毛陶镇导入测试社区', region_code: '130924103', disorder_severity: 1, difficulty_severity: 1 }]);
    });

    for (const kind of ['units', 'points', 'cadres'] as const) {
      it(`imports an export of ${kind} back as all unchanged, changing no record (only the import's audit row is written)`, async () => {
        const exported = await t.app.inject({ method: 'GET', url: `/api/exports/${kind}.xlsx`, headers: { cookie: county } });
        assert.equal(exported.statusCode, 200);
        assert.match(String(exported.headers['content-type']), /spreadsheetml/);
        const rows = await readXlsx(exported.rawPayload);
        assert.ok(rows.length > 2);
        const before = await countAll(t);
        const response = await upload(t, county, kind, `${kind}.xlsx`, exported.rawPayload, 'dryRun=false');
        assert.equal(response.statusCode, 200, response.body);
        const report = response.json();
        assert.deepEqual({ new: report.new, updated: report.updated, errors: report.errors }, { new: 0, updated: 0, errors: [] });
        assert.equal(report.unchanged, rows.length - 1);
        assert.deepEqual(await countAll(t), { ...before, audit: before.audit + 1 });
        const again = await t.app.inject({ method: 'GET', url: `/api/exports/${kind}.xlsx`, headers: { cookie: county } });
        assert.deepEqual(await readXlsx(again.rawPayload), rows);
      });
    }

    it('updates a changed row, bumps its version and records before and after in its history', async () => {
      const exported = await t.app.inject({ method: 'GET', url: '/api/exports/cadres.xlsx?q=IMPT-M3', headers: { cookie: county } });
      const rows = await readXlsx(exported.rawPayload);
      assert.equal(rows.length, 2);
      assert.equal(rows[0][4], '职务');
      rows[1][4] = '副主任科员';
      const dryRun = (await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(rows))).json();
      assert.deepEqual({ updated: dryRun.updated, updatedRows: dryRun.updatedRows }, { updated: 1, updatedRows: [2] });
      const { rows: [cadre] } = await sql<{ id: number; version: number }>`SELECT id, version FROM cadres WHERE external_id = 'IMPT-M3'`.execute(t.database.db);
      const before = await countAll(t);
      assert.equal((await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(rows), 'dryRun=false')).statusCode, 200);
      assert.deepEqual(await countAll(t), { ...before, audit: before.audit + 1 });
      const { rows: [now] } = await sql<{ post: string; version: number }>`SELECT post, version FROM cadres WHERE id = ${cadre.id}`.execute(t.database.db);
      assert.deepEqual(now, { post: '副主任科员', version: cadre.version + 1 });
      const { rows: history } = await sql<Record<string, unknown>>`
        SELECT c.before, c.after, c.row_number, a.action, a.details->>'updated' AS updated FROM import_changes c JOIN audit_log a ON a.id = c.audit_id
        WHERE c.entity_type = 'cadre' AND c.entity_id = ${String(cadre.id)} ORDER BY c.id`.execute(t.database.db);
      // The import that created the cadre (its block of created records), then the one that changed the post.
      const creation = await findImportCreation(t.database.db, 'cadre', cadre.id);
      assert.equal((creation?.record.after as { post: string }).post, '科员');
      assert.deepEqual(history, [{ before: { post: '科员' }, after: { post: '副主任科员' }, row_number: 2, action: 'import.cadres', updated: '1' }]);
    });

    it('exports phones masked, and in clear only for an office that gives a reason, which is logged', async () => {
      const masked = await readXlsx((await t.app.inject({ method: 'GET', url: '/api/exports/cadres.xlsx?q=IMPT-M1', headers: { cookie: county } })).rawPayload);
      assert.equal(masked[1][10], '138****0001');
      const noReason = await t.app.inject({ method: 'GET', url: '/api/exports/cadres.xlsx?q=IMPT-M1&revealPhones=true', headers: { cookie: county } });
      assert.equal(noReason.statusCode, 400);
      const before = (await sql<{ count: number }>`SELECT count(*)::int AS count FROM personal_data_reveals`.execute(t.database.db)).rows[0].count;
      const reason = encodeURIComponent('核对驻村干部联系方式');
      const clear = await t.app.inject({ method: 'GET', url: `/api/exports/cadres.xlsx?q=IMPT-M1&revealPhones=true&reason=${reason}`, headers: { cookie: county } });
      assert.equal((await readXlsx(clear.rawPayload))[1][10], '13812340001');
      const { rows } = await sql<Record<string, unknown>>`SELECT entity_type, entity_id, field, reason FROM personal_data_reveals ORDER BY id DESC LIMIT 1`.execute(t.database.db);
      assert.deepEqual(rows, [{ entity_type: 'cadre', entity_id: 'export', field: 'phone', reason: '核对驻村干部联系方式' }]);
      assert.equal((await sql<{ count: number }>`SELECT count(*)::int AS count FROM personal_data_reveals`.execute(t.database.db)).rows[0].count, before + 1);
    });

    it('keeps the stored phone when an import carries it masked, and replaces it with a new number', async () => {
      const exported = await readXlsx((await t.app.inject({ method: 'GET', url: '/api/exports/cadres.xlsx?q=IMPT-M1', headers: { cookie: county } })).rawPayload);
      assert.equal(exported[1][10], '138****0001');
      exported[1][5] = '二级主任科员';
      const masked = (await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(exported), 'dryRun=false')).json();
      assert.deepEqual({ updated: masked.updated, errors: masked.errors }, { updated: 1, errors: [] });
      const phoneOf = async () => (await sql<{ phone: string; rank: string }>`SELECT phone, rank FROM cadres WHERE external_id = 'IMPT-M1'`.execute(t.database.db)).rows[0];
      assert.deepEqual(await phoneOf(), { phone: '13812340001', rank: '二级主任科员' });
      exported[1][10] = '13912340009';
      assert.equal((await upload(t, county, 'cadres', 'cadres.xlsx', await xlsxFile(exported), 'dryRun=false')).statusCode, 200);
      assert.deepEqual(await phoneOf(), { phone: '13912340009', rank: '二级主任科员' });
    });

    it('resolves regions by code, full-width code, full or partial path and committee names, inside the importer’s county', async () => {
      const header: Cell[] = ['名称', '类型', '所在区划', '外部编号'];
      const places = ['１３０９２４１００２０５', '河北省沧州市海兴县苏基镇姜庄村', '姜庄村民委员会', '姜庄村委会', '永宁社区', '海兴县永宁社区居民委员会', '永宁居委会', '海興縣 蘇基鎮'];
      const rows: Cell[][] = [header, ...places.map((place, index) => [`区划解析测试点${index}`, index === 7 ? '学校' : '村', place, `IMPT-R${index}`])];
      const response = await upload(t, county, 'points', 'points.csv', csvFile(rows), 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body);
      const { rows: stored } = await sql<{ region_code: string }>`SELECT region_code FROM points WHERE external_id LIKE 'IMPT-R%' ORDER BY external_id`.execute(t.database.db);
      assert.deepEqual(stored.map((row) => row.region_code), ['130924100205', '130924100205', '130924100205', '130924100205', '130924100005', '130924100005', '130924100005', '130924100']);
    });

    it('stores search bigrams for every imported name that are exactly its two-character substrings, as a set', async () => {
      // Sets, because the column only answers containment (@>): short names keep order and repeats.
      // Every length the short form spells out, the loop beyond it, repeats, and no name.
      const { rows: samples } = await sql<{ value: string | null; bigrams: string[]; reference: string[] }>`
        SELECT value, text_bigrams(value) AS bigrams,
               (SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}') FROM generate_series(1, length(value) - 1) AS i) AS reference
        FROM unnest(ARRAY[NULL, '', '王', '王伟', '王伟伟', '欧阳海兴', '海兴县苏基', '海兴县苏基镇', '苏基镇姜庄村委', '沧州市海兴县苏基', '沧州市海兴县苏基镇', '哈哈哈哈哈哈哈哈哈哈']) AS value`.execute(t.database.db);
      for (const sample of samples) assert.deepEqual(new Set(sample.bigrams), new Set(sample.reference), String(sample.value));
      for (const table of ['cadres', 'points', 'org_units'] as const) {
        const { rows } = await sql<{ total: number; different: number }>`
          SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT (search_bigrams @> reference AND reference @> search_bigrams))::int AS different
          FROM (SELECT search_bigrams, (SELECT coalesce(array_agg(DISTINCT substr(search_name, i, 2)), '{}') FROM generate_series(1, length(search_name) - 1) AS i) AS reference
                FROM ${sql.table(table)}) named`.execute(t.database.db);
        assert.ok(rows[0].total > 100, table);
        assert.equal(rows[0].different, 0, table);
      }
    });

    it('downloads a template for every kind with every column and an explanation sheet', async () => {
      for (const [kind, first, count] of [['cadres', '姓名', 17], ['points', '名称', 12], ['units', '单位名称', 7]] as const) {
        const response = await t.app.inject({ method: 'GET', url: `/api/imports/${kind}/template.xlsx`, headers: { cookie: county } });
        assert.equal(response.statusCode, 200);
        const [header] = await readXlsx(response.rawPayload);
        assert.equal(header[0], first);
        assert.equal(header.length, count);
        const help = await readXlsx(response.rawPayload, 1);
        assert.deepEqual(help[0], ['列名', '必填', '填写说明', 'Column', 'How to fill it in']);
        assert.deepEqual(help.slice(1, count + 1).map((row) => row[0]), header);
      }
    });
  });
}
