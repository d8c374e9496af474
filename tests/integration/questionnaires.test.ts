// Questionnaires through the API: a sample XLSForm (groups, a skip, constraints with their own
// messages, a calculation, single and multiple choice, zh/en labels) is imported, answered by the
// 海兴县 cadre at one of their points and by residents through the public link, summed up per
// question and exported; answers breaking a constraint are refused with the form's own message,
// hidden answers are dropped, an answer raises an appeal with its provenance, and broken XLSForms
// are refused naming the sheet, the row and the problem.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { validateAnswers } from '../../src/shared/forms/form-definition.ts';
import { demoSurvey } from '../../src/server/seed/demo-questionnaires.ts';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { multipart } from '../fixtures/roster-sheets.ts';
import { sampleMessages, sampleXlsForm, xlsFormWithBrokenRelevant, xlsFormWithMissingChoicesList, xlsFormWithUnknownType, type BrokenXlsForm } from '../fixtures/xlsform-sample.ts';

interface QuestionResult {
  name: string;
  answered: number;
  choices?: { name: string; count: number }[];
  numeric?: { count: number; mean: number; min: number; max: number; buckets: { from: number; to: number; count: number }[] } | null;
}
interface Results {
  responses: number;
  questions: QuestionResult[];
}
interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details?: { field: string; message: string; messageEn: string }[]; problems?: { sheet: string; row?: number; column?: string; message: string; messageEn: string }[] };
}

// The four answers of the test, as the phone sends them (numbers as text or numbers, selections as arrays or text).
const answersOf = {
  first: { head_name: '张三', members: 4, elders: 1, has_need: 'yes', needs: ['water', 'road'], need_detail: '井水发苦', income: '1200.5', satisfaction: 'good', visited_on: '2024-06-01' },
  // No need, so the needs group is hidden: its answers must be dropped.
  second: { head_name: '李四', members: '2', elders: 2, has_need: 'no', needs: ['medical'], need_detail: '不该保存', income: 800, satisfaction: 'fair', visited_on: '2024-06-02' },
  public: { head_name: '王五', members: 6, elders: 0, has_need: 'yes', needs: 'road', income: 950, satisfaction: 'poor' },
  withAppeal: { head_name: '赵六', members: 3, has_need: 'yes', needs: ['water'], need_detail: '自来水经常停水', satisfaction: 'poor' },
};

for (const backend of testBackends()) {
  describe(`questionnaires on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let cadre: string;
    let pointId: number;
    let villageCode: string;
    let otherPointId: number;
    let formId: number;
    let token: string;
    const responseIds: number[] = [];

    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string | undefined, payload?: unknown) =>
      t.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload: payload as object | undefined });
    const upload = (cookie: string, fileName: string, content: Buffer) => {
      const body = multipart(fileName, content);
      return t.app.inject({ method: 'POST', url: '/api/questionnaires/import', headers: { cookie, ...body.headers }, payload: body.payload });
    };
    const answer = (cookie: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call('POST', `/api/questionnaires/${formId}/responses`, cookie, { clientId: randomUUID(), pointId, answers, ...extra });
    const results = async (query = ''): Promise<Results> => {
      const response = await call('GET', `/api/questionnaires/${formId}/results${query}`, office);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      t = await createTestApp(backend, { seed: 'small', withDemoPlan: true });
      office = await t.login('office-130924');
      cadre = await t.login('cadre-130924');
      const mine = await call('GET', '/api/me/points', cadre);
      assert.equal(mine.statusCode, 200, mine.body);
      const points = mine.json() as { pointId: number; regionCode: string }[];
      assert.ok(points.length > 0, 'the demo cadre has points');
      pointId = points[0].pointId;
      villageCode = points[0].regionCode;
      const other = await t.database.db
        .selectFrom('points')
        .select('id')
        .where('region_code', 'like', '130924%')
        .where(
          'id',
          'not in',
          points.map((point) => point.pointId),
        )
        .orderBy('id')
        .executeTakeFirstOrThrow();
      otherPointId = other.id;
    });
    after(async () => t.close());

    it('imports the sample XLSForm with its groups, skip, constraints, calculation and both languages', async () => {
      const response = await upload(office, '入户走访调查表.xlsx', await sampleXlsForm());
      assert.equal(response.statusCode, 201, response.body);
      formId = response.json().id;
      assert.equal(response.json().title, '入户走访调查表');

      const detail = (await call('GET', `/api/questionnaires/${formId}`, office)).json();
      assert.equal(detail.formId, 'household_visit_survey');
      assert.equal(detail.regionCode, '130924');
      assert.equal(detail.questionCount, 11);
      assert.deepEqual(detail.definition.languages, ['zh', 'en']);
      const needGroup = detail.definition.items.find((item: { name: string }) => item.name === 'need');
      assert.equal(needGroup.kind, 'group');
      assert.equal(needGroup.relevant, "${has_need} = 'yes'");
      const members = detail.definition.items[0].items.find((item: { name: string }) => item.name === 'members');
      assert.deepEqual(members.constraintMessage, sampleMessages.members);
      assert.deepEqual(members.label, { zh: '家庭人数', en: 'Household size' });
      assert.equal(detail.definition.items.find((item: { name: string }) => item.name === 'need_count').calculation, 'count-selected(${needs})');
      assert.equal(detail.canManage, true);

      const again = await upload(office, 'again.xlsx', await sampleXlsForm());
      assert.equal(again.statusCode, 409, 'the same form_id twice');

      const list = (await call('GET', '/api/questionnaires', cadre)).json() as { id: number; canAnswer: boolean; canViewResults: boolean; canManage: boolean }[];
      const seen = list.find((item) => item.id === formId)!;
      assert.deepEqual([seen.canAnswer, seen.canViewResults, seen.canManage], [true, false, false]);
    });

    it('refuses an XLSForm with an unknown type, a broken relevant or a missing choices list, naming the sheet, the row and the problem', async () => {
      const cases: BrokenXlsForm[] = [await xlsFormWithUnknownType(), await xlsFormWithBrokenRelevant(), await xlsFormWithMissingChoicesList()];
      for (const broken of cases) {
        const response = await upload(office, 'broken.xlsx', broken.content);
        assert.equal(response.statusCode, 400, response.body);
        const { error } = response.json() as ErrorBody;
        assert.equal(error.code, 'VALIDATION');
        const problem = error.problems!.find((candidate) => candidate.sheet === broken.sheet && candidate.row === broken.row && candidate.column === broken.column);
        assert.ok(problem, `${broken.sheet} row ${broken.row}: ${JSON.stringify(error.problems)}`);
        assert.match(problem.messageEn, broken.problem);
        assert.match(problem.messageEn, new RegExp(`${broken.sheet} sheet, row ${broken.row}`));
        assert.match(problem.message, new RegExp(`${broken.sheet} 表第 ${broken.row} 行`));
        assert.ok(error.details!.some((detail) => detail.field === `${broken.sheet}.${broken.row}.${broken.column}`));
      }
      const notExcel = await upload(office, 'form.csv', Buffer.from('type,name,label\ntext,a,A\n'));
      assert.equal(notExcel.statusCode, 400);
      assert.match((notExcel.json() as ErrorBody).error.messageEn, /could not be read/);
      const byCadre = await upload(cadre, 'x.xlsx', await sampleXlsForm({ formId: 'by_cadre' }));
      assert.equal(byCadre.statusCode, 403);
      // The demo survey and the sample imported above: nothing refused was stored.
      const count = await t.database.db.selectFrom('questionnaires').select((eb) => eb.fn.countAll<number>().as('count')).where('form_id', '<>', demoSurvey.settings.formId).executeTakeFirstOrThrow();
      assert.equal(Number(count.count), 1, 'nothing refused was stored');
    });

    it('takes the cadre’s answers at their point once per client id, dropping hidden answers and computing the calculation', async () => {
      const clientId = randomUUID();
      const first = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, { clientId, pointId, answers: answersOf.first });
      assert.equal(first.statusCode, 201, first.body);
      const replay = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, { clientId, pointId, answers: answersOf.first });
      assert.equal(replay.statusCode, 200);
      assert.equal(replay.json().id, first.json().id);
      assert.equal(replay.json().isNew, false);
      responseIds.push(first.json().id);

      const second = await answer(cadre, answersOf.second);
      assert.equal(second.statusCode, 201, second.body);
      responseIds.push(second.json().id);

      const stored = await t.database.db.selectFrom('questionnaire_responses').select(['id', 'answers', 'channel', 'point_id', 'region_code']).where('id', 'in', responseIds).orderBy('id').execute();
      assert.deepEqual(stored[0].answers, {
        head_name: '张三',
        members: '4',
        elders: '1',
        has_need: 'yes',
        needs: 'water road',
        need_detail: '井水发苦',
        income: '1200.5',
        satisfaction: 'good',
        visited_on: '2024-06-01',
        need_count: '2',
      });
      const hidden = stored[1].answers as Record<string, string>;
      assert.equal(hidden.needs, undefined, 'the hidden question’s answer is dropped');
      assert.equal(hidden.need_detail, undefined);
      assert.equal(hidden.need_count, '0');
      assert.deepEqual([stored[0].channel, stored[0].point_id, stored[0].region_code], ['cadre', pointId, villageCode]);
    });

    it('refuses answers that break a constraint with the form’s own message, field by question', async () => {
      const tooMany = await answer(cadre, { ...answersOf.first, members: 25 });
      assert.equal(tooMany.statusCode, 400);
      const body = tooMany.json() as ErrorBody;
      assert.equal(body.error.code, 'VALIDATION');
      assert.equal(body.error.message, sampleMessages.members.zh);
      assert.equal(body.error.messageEn, sampleMessages.members.en);
      assert.deepEqual(body.error.details, [{ field: 'members', message: sampleMessages.members.zh, messageEn: sampleMessages.members.en }]);

      const elders = (await answer(cadre, { ...answersOf.first, elders: 5 })).json() as ErrorBody;
      assert.deepEqual(elders.error.details!.map((detail) => [detail.field, detail.message]), [['elders', sampleMessages.elders.zh]]);
      const threeNeeds = (await answer(cadre, { ...answersOf.first, needs: ['water', 'road', 'job'] })).json() as ErrorBody;
      assert.deepEqual(threeNeeds.error.details!.map((detail) => [detail.field, detail.messageEn]), [['needs', sampleMessages.needs.en]]);
      const missing = (await answer(cadre, { ...answersOf.first, head_name: '' })).json() as ErrorBody;
      assert.deepEqual(missing.error.details!.map((detail) => detail.field), ['head_name']);
      const notAChoice = (await answer(cadre, { ...answersOf.first, satisfaction: 'great' })).json() as ErrorBody;
      assert.deepEqual(notAChoice.error.details!.map((detail) => detail.field), ['satisfaction']);
      // A hidden question's answer is not checked: it is dropped.
      const hiddenBreak = await answer(cadre, { ...answersOf.second, needs: ['water', 'road', 'job'] });
      assert.equal(hiddenBreak.statusCode, 201, hiddenBreak.body);
      responseIds.push(hiddenBreak.json().id);
      // Undo that extra response, so the results below count the four planned ones.
      await t.database.db.deleteFrom('questionnaire_responses').where('id', '=', hiddenBreak.json().id).execute();
      responseIds.pop();
    });

    it('takes answers only at the cadre’s own points, and never without a point', async () => {
      const elsewhere = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, { clientId: randomUUID(), pointId: otherPointId, answers: answersOf.first });
      assert.equal(elsewhere.statusCode, 403, elsewhere.body);
      const nowhere = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, { clientId: randomUUID(), answers: answersOf.first });
      assert.equal(nowhere.statusCode, 400);
      assert.equal((nowhere.json() as ErrorBody).error.details![0].field, 'pointId');
      const leader = await t.login('leader-1309');
      assert.equal((await call('POST', `/api/questionnaires/${formId}/responses`, leader, { clientId: randomUUID(), pointId, answers: answersOf.first })).statusCode, 403);
    });

    it('lets a resident answer through the public link without an account, with the same checks', async () => {
      const link = await call('POST', `/api/questionnaires/${formId}/public-link`, office);
      assert.equal(link.statusCode, 200, link.body);
      token = link.json().token;
      assert.equal(link.json().path, `/f/${token}`);
      assert.equal((await call('POST', `/api/questionnaires/${formId}/public-link`, office)).json().token, token, 'the same link again');

      const form = await call('GET', `/api/public/forms/${token}`, undefined);
      assert.equal(form.statusCode, 200, form.body);
      assert.equal(form.json().title, '入户走访调查表');
      assert.equal(form.json().isOpen, true);

      const refused = await call('POST', `/api/public/forms/${token}/responses`, undefined, { clientId: randomUUID(), answers: { ...answersOf.public, members: 0 } });
      assert.equal(refused.statusCode, 400);
      assert.equal((refused.json() as ErrorBody).error.message, sampleMessages.members.zh);

      const clientId = randomUUID();
      const accepted = await call('POST', `/api/public/forms/${token}/responses`, undefined, { clientId, answers: answersOf.public });
      assert.equal(accepted.statusCode, 201, accepted.body);
      const replay = await call('POST', `/api/public/forms/${token}/responses`, undefined, { clientId, answers: answersOf.public });
      assert.equal(replay.statusCode, 200);
      const stored = await t.database.db.selectFrom('questionnaire_responses').select(['id', 'channel', 'account_id', 'region_code']).where('client_id', '=', clientId).executeTakeFirstOrThrow();
      assert.deepEqual([stored.channel, stored.account_id, stored.region_code], ['public', null, '130924']);
      responseIds.push(Number(stored.id));

      assert.equal((await call('GET', '/api/public/forms/AAAAAAAAAAAAAAAAAAAAAA', undefined)).statusCode, 404);
    });

    it('raises an appeal from an answer, with the response as its provenance', async () => {
      const clientId = randomUUID();
      const appealClientId = randomUUID();
      const body = { clientId, pointId, answers: answersOf.withAppeal, raiseAppeal: { clientId: appealClientId, categoryCode: 'garbage', description: '入户问卷中反映：自来水经常停水' } };
      const response = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, body);
      assert.equal(response.statusCode, 201, response.body);
      const appeal = response.json().appeal;
      assert.ok(appeal && appeal.isNew);
      responseIds.push(response.json().id);
      const row = await t.database.db.selectFrom('appeals').select(['channel', 'source_kind', 'source_id', 'point_id', 'client_id']).where('id', '=', appeal.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { channel: 'questionnaire', source_kind: 'questionnaire_answer', source_id: clientId, point_id: pointId, client_id: appealClientId });
      const replay = await call('POST', `/api/questionnaires/${formId}/responses`, cadre, body);
      assert.equal(replay.statusCode, 200);
      assert.equal(replay.json().appeal.id, appeal.id);
      assert.equal(replay.json().appeal.isNew, false);

      const badCategory = await answer(cadre, answersOf.withAppeal, { raiseAppeal: { clientId: randomUUID(), categoryCode: 'no_such_category', description: '无' + '效类别' } });
      assert.equal(badCategory.statusCode, 400);
      assert.equal((badCategory.json() as ErrorBody).error.details![0].field, 'raiseAppeal.categoryCode');
    });

    it('counts per question equal the hand-computed values, filtered by point and region', async () => {
      const all = await results();
      assert.equal(all.responses, 4);
      const byName = new Map(all.questions.map((question) => [question.name, question]));
      const counts = (name: string) => Object.fromEntries(byName.get(name)!.choices!.map((choice) => [choice.name, choice.count]));
      assert.equal(byName.get('head_name')!.answered, 4);
      assert.deepEqual(counts('has_need'), { yes: 3, no: 1 });
      assert.deepEqual(counts('needs'), { water: 2, road: 2, medical: 0, job: 0 });
      assert.equal(byName.get('needs')!.answered, 3);
      assert.equal(byName.get('need_detail')!.answered, 2);
      assert.deepEqual(counts('satisfaction'), { good: 1, fair: 1, poor: 2 });
      assert.equal(byName.get('visited_on')!.answered, 2);
      const members = byName.get('members')!.numeric!;
      assert.deepEqual([members.count, members.mean, members.min, members.max], [4, 3.75, 2, 6]);
      assert.deepEqual(members.buckets.map((bucket) => [bucket.from, bucket.count]), [[2, 1], [3, 1], [4, 1], [5, 0], [6, 1]]);
      const income = byName.get('income')!.numeric!;
      assert.deepEqual([income.count, income.mean, income.min, income.max], [3, 983.5, 800, 1200.5]);
      const needCount = byName.get('need_count')!.numeric!;
      assert.deepEqual([needCount.count, needCount.mean, needCount.min, needCount.max], [4, 1, 0, 2]);
      assert.ok(!byName.has('thanks'), 'notes are not questions with answers');

      assert.equal((await results(`?pointId=${pointId}`)).responses, 3);
      assert.equal((await results(`?regionCode=${villageCode}`)).responses, 3);
      assert.equal((await results('?regionCode=130925')).responses, 0, 'another county is outside the scope');
      const leader = await t.login('leader-1309');
      assert.equal((await call('GET', `/api/questionnaires/${formId}/results`, leader)).json().responses, 4);
      assert.equal((await call('GET', `/api/questionnaires/${formId}/results`, cadre)).statusCode, 403);
      const otherCounty = await t.login('office-1309');
      assert.equal((await call('GET', `/api/questionnaires/${formId}/results?regionCode=130925`, otherCounty)).json().responses, 0);
    });

    it('exports one row per response and one column per question, read back equal to the answers', async () => {
      const response = await call('GET', `/api/questionnaires/${formId}/export.xlsx`, office);
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      assert.match(String(response.headers['content-type']), /spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('答卷')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const header = rows[0] as string[];
      assert.deepEqual(header.slice(5), ['户主姓名', '家庭人数', '60 岁以上老人数', '有无困难或诉求', '诉求类别', '具体情况', '人均月收入（元）', '对蹲点工作的满意度', '走访日期', 'need_count']);
      const column = (name: string) => header.indexOf(name);
      const data = rows.slice(1);
      assert.equal(data.length, 4);
      assert.deepEqual(
        data.map((row) => row[0]),
        responseIds,
      );
      assert.deepEqual(data.map((row) => row[column('户主姓名')]), ['张三', '李四', '王五', '赵六']);
      assert.deepEqual(data.map((row) => row[column('家庭人数')]), [4, 2, 6, 3]);
      assert.deepEqual(data.map((row) => row[column('诉求类别')] ?? ''), ['饮水、道路', '', '道路', '饮水']);
      assert.deepEqual(data.map((row) => row[column('人均月收入（元）')] ?? ''), [1200.5, 800, 950, '']);
      assert.deepEqual(data.map((row) => row[column('对蹲点工作的满意度')]), ['满意', '基本满意', '不满意', '不满意']);
      assert.deepEqual(data.map((row) => row[column('走访日期')] ?? ''), ['2024-06-01', '2024-06-02', '', '']);
      assert.deepEqual(data.map((row) => row[column('need_count')]), [2, 0, 1, 1]);
      assert.deepEqual(data.map((row) => row[2]), ['干部入户', '干部入户', '群众自填', '干部入户']);
      const filtered = await call('GET', `/api/questionnaires/${formId}/export.xlsx?pointId=${pointId}`, office);
      const second = new ExcelJS.Workbook();
      await second.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
      assert.equal(second.getWorksheet('答卷')!.rowCount, 4, 'header and the three answers at the point');
    });

    it('a closed form refuses new answers, on the phone and on the public link; opening it again takes them', async () => {
      assert.equal((await call('PATCH', `/api/questionnaires/${formId}`, cadre, { isOpen: false })).statusCode, 403);
      const closed = await call('PATCH', `/api/questionnaires/${formId}`, office, { isOpen: false });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().isOpen, false);
      assert.equal((await answer(cadre, answersOf.first)).statusCode, 409);
      assert.equal((await call('POST', `/api/public/forms/${token}/responses`, undefined, { clientId: randomUUID(), answers: answersOf.public })).statusCode, 409);
      assert.equal((await call('GET', `/api/public/forms/${token}`, undefined)).json().isOpen, false);
      assert.equal((await call('PATCH', `/api/questionnaires/${formId}`, office, { isOpen: true })).json().isOpen, true);
    });

    it('saves a form built in the console, and refuses one with problems naming question and column', async () => {
      const definition = {
        settings: { formTitle: '村庄环境小调查', formId: '', version: '1', defaultLanguage: 'zh' },
        languages: ['zh', 'en'],
        items: [
          { kind: 'question', type: 'select_one', name: 'clean', label: { zh: '村里干净吗', en: 'Is the village clean?' }, listName: 'yes_no', required: true },
          { kind: 'question', type: 'text', name: 'where', label: { zh: '哪里脏', en: 'Where?' }, relevant: "${clean} = 'no'" },
          { kind: 'question', type: 'integer', name: 'bins', label: { zh: '垃圾桶数', en: 'Bins' }, constraint: '. >= 0', constraintMessage: { zh: '不能为负', en: 'Not negative' } },
        ],
        choiceLists: { yes_no: [{ name: 'yes', label: { zh: '是', en: 'Yes' } }, { name: 'no', label: { zh: '否', en: 'No' } }] },
      };
      const created = await call('POST', '/api/questionnaires', office, { definition });
      assert.equal(created.statusCode, 201, created.body);
      assert.match(created.json().formId, /^form_/);
      const broken = structuredClone(definition);
      broken.items[1].relevant = '${clean} = = 1';
      broken.items[2].constraint = '. >= ${nothing}';
      const refused = await call('POST', '/api/questionnaires', office, { definition: broken });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual((refused.json() as ErrorBody).error.details!.map((detail) => detail.field), ['where.relevant', 'bins.constraint']);
      assert.equal((await call('POST', '/api/questionnaires', cadre, { definition })).statusCode, 403);
    });

    it('seeds the demo survey of 沧州 with answers from 海兴县 households that pass the form\'s own checks', async () => {
      const list = (await call('GET', '/api/questionnaires', cadre)).json() as { id: number; formId: string; isOpen: boolean; canAnswer: boolean; responseCount: number }[];
      const demo = list.find((item) => item.formId === demoSurvey.settings.formId);
      assert.ok(demo && demo.isOpen && demo.canAnswer, 'the 海兴县 cadre may fill the demo survey');
      const rows = await t.database.db.selectFrom('questionnaire_responses').select(['answers', 'household_id', 'region_code']).where('questionnaire_id', '=', demo.id).execute();
      assert.ok(rows.length > 100, `demo responses: ${rows.length}`);
      for (const row of rows) {
        assert.ok(row.household_id !== null && row.region_code.startsWith('130924'));
        const answers = row.answers as Record<string, string>;
        const check = validateAnswers(demoSurvey, answers);
        assert.deepEqual(check.errors, [], JSON.stringify(answers));
        assert.equal(answers.need_count ?? '0', String(answers.needs ? answers.needs.split(' ').length : 0));
      }
      const summary = (await call('GET', `/api/questionnaires/${demo.id}/results`, office)).json() as Results;
      assert.equal(summary.responses, rows.length);
      const satisfaction = summary.questions.find((question) => question.name === 'satisfaction')!;
      assert.equal(satisfaction.answered, rows.length);
      assert.equal(satisfaction.choices!.reduce((total, choice) => total + choice.count, 0), rows.length);
    });
  });
}
