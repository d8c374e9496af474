// Field work through the phone's sync endpoint and the reads: a batch applied once however often it
// is sent; needs of a visit and decisions of a meeting filed as appeals with their provenance; a
// stale household edit handed back as a conflict with nothing lost; a task's progress; coverage that
// counts refusals; one diary entry a day; bad records rejected with field and reason while the rest
// apply; only the team at a point records there; the unit head's days on site without a ranking.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { addDays, localDate } from '../../src/server/features/field-work/visit-plan.ts';

interface Result {
  clientId: string;
  status: 'created' | 'duplicate' | 'updated' | 'conflict' | 'rejected';
  id?: number;
  version?: number;
  error?: { code: string; message: string; messageEn: string; details?: { field: string; message: string; messageEn: string }[] };
  server?: Record<string, unknown>;
  appeals?: { clientId: string; id: number; trackingCode: string }[];
}

for (const backend of testBackends()) {
  describe(`field work on ${backend}`, () => {
    let t: TestApp;
    let cadre: string;
    let office: string;
    let pointId: number;
    let otherPointId: number;
    let unitId: number;
    const today = localDate(new Date());

    const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    async function sync(records: unknown[], cookie = cadre): Promise<Result[]> {
      const response = await t.app.inject({ method: 'POST', url: '/api/field/sync', headers: { cookie }, payload: { records } });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().results as Result[];
    }
    const count = async (table: 'households' | 'visits' | 'appeals' | 'meetings' | 'meeting_decisions' | 'activities' | 'diary_entries' | 'audit_log') =>
      Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const household = (clientId: string, overrides: Record<string, unknown> = {}) => ({
      clientId,
      kind: 'household',
      payload: { pointId, headName: '王秀兰', address: '一街 3 号', phone: '13812345678', members: 2, flags: ['left_behind_elderly'], visitCycleDays: 14, ...overrides },
    });
    const visit = (householdClientId: string, overrides: Record<string, unknown> = {}) => ({
      clientId: randomUUID(),
      kind: 'visit',
      payload: { householdClientId, visitedOn: today, visitors: '王婷琳、李建华', outcome: 'received', ...overrides },
    });

    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      cadre = await t.login('cadre-130924');
      office = await t.login('office-130924');
      const db = t.database.db;
      const account = await db.selectFrom('accounts').innerJoin('cadres', 'cadres.id', 'accounts.cadre_id').select(['cadres.id', 'cadres.unit_id']).where('username', '=', 'cadre-130924').executeTakeFirstOrThrow();
      unitId = account.unit_id;
      const villages = await db
        .selectFrom('points')
        .select(['id', 'region_code'])
        .where('region_code', 'like', '130924%')
        .where('type', '=', 'village')
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM prior_postings p WHERE p.point_id = points.id) AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.point_id = points.id)`)
        .orderBy('id')
        .limit(2)
        .execute();
      pointId = villages[0]!.id;
      otherPointId = villages[1]!.id;
      // The demo cadre is a first secretary at the first village (the demo plan is not published in this test).
      await db.insertInto('prior_postings').values({ cadre_id: account.id, point_id: pointId, region_code: villages[0]!.region_code, programme: 'first_secretary' }).execute();
    });
    after(async () => t.close());

    it('syncs a household, twenty visits and an appeal in one batch, and changes nothing when the batch comes again', async () => {
      const householdId = randomUUID();
      const outcomes = ['received', 'nobody_home', 'refused'];
      const batch = [
        household(householdId),
        ...Array.from({ length: 20 }, (_, index) => visit(householdId, { visitedOn: addDays(today, -index), outcome: outcomes[index % 3] })),
        { clientId: randomUUID(), kind: 'appeal', payload: { channel: 'walk_in', categoryCode: 'drinking_water', pointId, description: '自来水有异味', isAnonymous: true } },
      ];
      const before = { households: await count('households'), visits: await count('visits'), appeals: await count('appeals'), audit: await count('audit_log') };
      const first = await sync(batch);
      assert.deepEqual(first.map((result) => result.status), batch.map(() => 'created'));
      assert.deepEqual(first.map((result) => result.clientId), batch.map((record) => record.clientId));
      assert.equal(first.at(-1)!.appeals![0]!.trackingCode.startsWith('DD-'), true);
      const afterFirst = { households: await count('households'), visits: await count('visits'), appeals: await count('appeals'), audit: await count('audit_log') };
      assert.deepEqual(afterFirst, { households: before.households + 1, visits: before.visits + 20, appeals: before.appeals + 1, audit: before.audit + 22 });

      const again = await sync(batch);
      assert.deepEqual(again.map((result) => result.status), batch.map(() => 'duplicate'));
      assert.deepEqual(again.map((result) => result.id), first.map((result) => result.id));
      assert.deepEqual({ households: await count('households'), visits: await count('visits'), appeals: await count('appeals'), audit: await count('audit_log') }, afterFirst);

      // The latest visit (today) moves the household's next visit one cycle on.
      const list = (await get(cadre, `/api/field/points/${pointId}/households`)).json();
      const mine = list.items.find((item: { clientId: string }) => item.clientId === householdId);
      assert.equal(mine.nextVisitOn, addDays(today, 14));
      assert.deepEqual(mine.lastVisit, { visitedOn: today, outcome: 'received' });
      assert.equal(mine.visitCount, 20);
      assert.equal(mine.phone, '13812345678', 'the team sees the phone in full');
    });

    it('applies a batch exactly once when the phone sends it again while the first is still being applied', async () => {
      const householdId = randomUUID();
      const batch = [
        household(householdId),
        ...Array.from({ length: 5 }, (_, index) => visit(householdId, { visitedOn: addDays(today, -index), needs: index === 0 ? [{ appealClientId: randomUUID(), categoryCode: 'garbage', description: '垃圾池满了没人清运' }] : [] })),
      ];
      const before = { households: await count('households'), visits: await count('visits'), appeals: await count('appeals') };
      const [first, second] = await Promise.all([sync(batch), sync(batch)]);
      for (let index = 0; index < batch.length; index += 1) {
        const statuses = [first![index]!.status, second![index]!.status].sort();
        assert.ok(statuses[0] === 'created' || statuses[0] === 'duplicate', statuses.join());
        assert.ok(statuses.every((status) => status === 'created' || status === 'duplicate' || status === 'updated'), statuses.join());
        assert.equal(first![index]!.id, second![index]!.id);
      }
      assert.deepEqual({ households: await count('households'), visits: await count('visits'), appeals: await count('appeals') }, { households: before.households + 1, visits: before.visits + 5, appeals: before.appeals + 1 });
    });

    it('files each need of a visit as an appeal whose provenance is the visit', async () => {
      const householdId = randomUUID();
      const needs = [
        { appealClientId: randomUUID(), categoryCode: 'hardship_relief', description: '老人瘫痪在床，想申请临时救助' },
        { appealClientId: randomUUID(), categoryCode: 'village_planning', description: '门前的路灯坏了半年', isAnonymous: true },
      ];
      const visitRecord = visit(householdId, { needs });
      const [, result] = await sync([household(householdId), visitRecord]);
      assert.equal(result!.status, 'created');
      assert.equal(result!.appeals!.length, 2);
      const rows = await t.database.db.selectFrom('appeals').select(['id', 'client_id', 'channel', 'source_kind', 'source_id', 'point_id', 'contact_name']).where('source_id', '=', visitRecord.clientId).orderBy('id').execute();
      assert.deepEqual(rows.map((row) => row.client_id), needs.map((need) => need.appealClientId));
      for (const row of rows) {
        assert.equal(row.channel, 'household_visit');
        assert.equal(row.source_kind, 'visit');
        assert.equal(row.point_id, pointId);
      }
      assert.equal(rows[0]!.contact_name, '王秀兰', 'the household head is the contact');
      assert.equal(rows[1]!.contact_name, null, 'an anonymous need names nobody');
      const page = await get(cadre, `/api/appeals/${rows[0]!.id}`);
      assert.equal(page.statusCode, 200, page.body);
      assert.equal(page.json().sourceKind, 'visit');
      assert.equal(page.json().sourceId, visitRecord.clientId);
      assert.equal(page.json().channel, 'household_visit');
    });

    it('hands a stale household edit back as a conflict with the server copy, and loses nothing', async () => {
      const householdId = randomUUID();
      const [created] = await sync([household(householdId)]);
      assert.equal(created!.version, 1);
      const editHere = { ...household(householdId, { members: 3 }), baseVersion: 1 };
      const editThere = { ...household(householdId, { note: '老人需要轮椅' }), baseVersion: 1 };
      const [updated] = await sync([editHere]);
      assert.equal(updated!.status, 'updated');
      assert.equal(updated!.version, 2);
      const [conflict] = await sync([editThere]);
      assert.equal(conflict!.status, 'conflict');
      assert.equal(conflict!.server!.members, 3);
      assert.equal(conflict!.server!.version, 2);
      assert.equal(conflict!.server!.note, null);
      const stored = await t.database.db.selectFrom('households').select(['members', 'note', 'version']).where('client_id', '=', householdId).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { members: 3, note: null, version: 2 }, 'the conflict changed nothing');
      // The first phone's retry is a duplicate, not a conflict with itself.
      assert.equal((await sync([editHere]))[0]!.status, 'duplicate');
      // The cadre merges both edits on the server's version: nothing is lost.
      const [merged] = await sync([{ ...household(householdId, { members: 3, note: '老人需要轮椅' }), baseVersion: 2 }]);
      assert.equal(merged!.status, 'updated');
      const final = await t.database.db.selectFrom('households').select(['members', 'note', 'version']).where('client_id', '=', householdId).executeTakeFirstOrThrow();
      assert.deepEqual(final, { members: 3, note: '老人需要轮椅', version: 3 });
      const conflicts = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'field.household.conflict').where('entity_id', '=', String(created!.id)).execute();
      assert.equal(conflicts.length, 1, 'the refused edit is kept in the audit log');
    });

    it('turns a meeting decision into a task with progress and another into an appeal, and shows what became of each', async () => {
      const meetingId = randomUUID();
      const taskId = randomUUID();
      const appealClientId = randomUUID();
      const [result] = await sync([
        {
          clientId: meetingId,
          kind: 'meeting',
          payload: {
            pointId,
            kind: 'symposium',
            heldOn: today,
            title: '村民代表座谈会',
            organisations: ['村党支部', '村民委员会'],
            attendeeCount: 23,
            minutes: '群众反映街道和饮水问题',
            decisions: [
              { clientId: taskId, text: '修复村口路灯', kind: 'task', ownerName: '李书记', dueOn: addDays(today, 14) },
              { clientId: randomUUID(), text: '高地势住户水压低，请水务部门解决', kind: 'appeal', categoryCode: 'drinking_water', appealClientId },
            ],
          },
        },
      ]);
      assert.equal(result!.status, 'created', JSON.stringify(result));
      const list = (await get(cadre, `/api/field/points/${pointId}/meetings`)).json();
      assert.ok(list.some((item: { id: number; decisions: { total: number } }) => item.id === result!.id && item.decisions.total === 2));
      let page = (await get(cadre, `/api/field/meetings/${result!.id}`)).json();
      const task = page.decisions.find((decision: { kind: string }) => decision.kind === 'task');
      const appeal = page.decisions.find((decision: { kind: string }) => decision.kind === 'appeal');
      assert.equal(task.progress, 0);
      assert.equal(task.appeal, null);
      assert.equal(appeal.appeal.state, 'registered');
      assert.match(appeal.appeal.trackingCode, /^DD-/);
      const filed = await t.database.db.selectFrom('appeals').select(['channel', 'source_kind', 'source_id']).where('client_id', '=', appealClientId).executeTakeFirstOrThrow();
      assert.deepEqual(filed, { channel: 'symposium', source_kind: 'meeting', source_id: meetingId });

      const [progress] = await sync([{ clientId: taskId, kind: 'decision', baseVersion: task.version, payload: { progress: 60 } }]);
      assert.equal(progress!.status, 'updated');
      page = (await get(cadre, `/api/field/meetings/${result!.id}`)).json();
      assert.equal(page.decisions.find((decision: { kind: string }) => decision.kind === 'task').progress, 60);
      const [stale] = await sync([{ clientId: taskId, kind: 'decision', baseVersion: task.version, payload: { progress: 80 } }]);
      assert.equal(stale!.status, 'conflict');
      assert.equal(stale!.server!.progress, 60);
      // The office sees the meeting too (read-only), with head counts and no residents' details.
      const seen = await get(office, `/api/field/meetings/${result!.id}`);
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.json().attendeeCount, 23);
    });

    it('counts refusals at the door in the visit coverage of a point', async () => {
      const url = `/api/field/points/${pointId}/coverage?from=${addDays(today, -6)}&to=${today}`;
      const before = (await get(cadre, url)).json();
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const results = await sync([
        ...ids.map((id) => household(id)),
        visit(ids[0]!, { outcome: 'refused' }),
        visit(ids[1]!, { outcome: 'nobody_home' }),
        visit(ids[2]!, { outcome: 'received' }),
        visit(ids[2]!, { outcome: 'refused', visitedOn: addDays(today, -1) }),
      ]);
      assert.ok(results.every((result) => result.status === 'created'));
      const coverage = (await get(cadre, url)).json();
      assert.equal(coverage.households, before.households + 3);
      assert.equal(coverage.visitedAtLeastOnce, before.visitedAtLeastOnce + 3);
      assert.deepEqual(coverage.byOutcome, { received: before.byOutcome.received + 1, nobody_home: before.byOutcome.nobody_home + 1, refused: before.byOutcome.refused + 2 });
      assert.equal(coverage.rate, Math.round((coverage.visitedAtLeastOnce / coverage.households) * 1000) / 1000);
      const points = (await get(cadre, '/api/field/my-points')).json();
      const point = points.find((item: { id: number }) => item.id === pointId);
      assert.equal(point.households, coverage.households);
      assert.ok(point.visitedThisMonth >= 3);
      assert.match(point.regionPath, /海兴县/);
      assert.deepEqual((await get(office, '/api/field/my-points')).json(), [], 'an office has no points of its own');
    });

    it('keeps one diary entry per cadre and day', async () => {
      const first = { clientId: randomUUID(), kind: 'diary', payload: { entryOn: today, isOnSite: true, pointId, text: '上午走访五户，下午开座谈会。' } };
      const second = { clientId: randomUUID(), kind: 'diary', payload: { entryOn: today, isOnSite: true, pointId, text: '走访五户，座谈会定了修路灯。' } };
      const [created] = await sync([first]);
      assert.equal(created!.status, 'created');
      const [conflict] = await sync([second]);
      assert.equal(conflict!.status, 'conflict', 'a second entry for the day without the first one’s version');
      assert.equal(conflict!.server!.text, first.payload.text);
      const [updated] = await sync([{ ...second, baseVersion: conflict!.server!.version }]);
      assert.equal(updated!.status, 'updated');
      assert.equal(updated!.id, created!.id);
      const entries = await t.database.db.selectFrom('diary_entries').innerJoin('accounts', 'accounts.id', 'diary_entries.account_id').select('text').where('username', '=', 'cadre-130924').where(sql<boolean>`entry_on = ${today}::date`).execute();
      assert.deepEqual(entries, [{ text: second.payload.text }]);
      const own = (await get(cadre, `/api/field/diary?from=${addDays(today, -13)}&to=${today}`)).json();
      assert.equal(own.items.filter((item: { entryOn: string }) => item.entryOn === today).length, 1);
      assert.ok(own.items.length > 1, 'the seeded fortnight is there too');
    });

    it('takes a questionnaire answered on the phone through the same sync, checked again on the server, once', async () => {
      const definition = {
        settings: { formTitle: '饮水小调查', formId: '', version: '1', defaultLanguage: 'zh' },
        languages: ['zh'],
        items: [
          { kind: 'question', type: 'integer', name: 'people', label: { zh: '家里几口人' }, required: true, constraint: '. >= 1 and . <= 20', constraintMessage: { zh: '人数应在 1 到 20 之间' } },
        ],
        choiceLists: {},
      };
      const created = await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: { cookie: office }, payload: { definition } });
      assert.equal(created.statusCode, 201, created.body);
      const questionnaireId = (created.json() as { id: number }).id;
      const good = { clientId: randomUUID(), kind: 'response', payload: { questionnaireId, pointId, answers: { people: 4 } } };
      const bad = { clientId: randomUUID(), kind: 'response', payload: { questionnaireId, pointId, answers: { people: 40 } } };
      const first = await sync([good, bad]);
      assert.deepEqual(first.map((result) => result.status), ['created', 'rejected']);
      assert.equal(first[1]!.error!.details![0]!.field, 'people');
      assert.equal(first[1]!.error!.details![0]!.message, '人数应在 1 到 20 之间');
      const again = await sync([good]);
      assert.equal(again[0]!.status, 'duplicate');
      const stored = await t.database.db.selectFrom('questionnaire_responses').select('answers').where('client_id', '=', good.clientId).execute();
      assert.equal(stored.length, 1);
    });

    it('rejects bad records with the field and the reason, and applies the rest of the batch', async () => {
      const householdId = randomUUID();
      const results = await sync([
        household(householdId),
        visit(householdId, { outcome: 'slammed' }),
        visit(randomUUID()),
        { clientId: randomUUID(), kind: 'activity', payload: { pointId: otherPointId, heldOn: today, title: '广场舞晚会' } },
        visit(householdId, { visitedOn: addDays(today, 3) }),
        household(randomUUID(), { note: '身份证 130924199001011234' }),
        { clientId: 'not-a-uuid', kind: 'visit', payload: {} },
        { clientId: randomUUID(), kind: 'gossip', payload: {} },
        { clientId: randomUUID(), kind: 'response', payload: {} },
        { clientId: randomUUID(), kind: 'activity', payload: { pointId, heldOn: today, title: '广场舞晚会' } },
      ]);
      assert.deepEqual(results.map((result) => result.status), ['created', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'created']);
      const problem = (index: number) => results[index]!.error!.details![0]!;
      assert.equal(problem(1).field, 'outcome');
      assert.match(problem(1).messageEn, /received, nobody_home, refused/);
      assert.ok(problem(1).message.length > 0);
      assert.equal(problem(2).field, 'householdClientId');
      assert.match(problem(2).messageEn, /sync the household first/);
      assert.equal(problem(3).field, 'pointId');
      assert.match(problem(3).messageEn, /not posted to this point/);
      assert.equal(problem(4).field, 'visitedOn');
      assert.equal(problem(5).field, 'note');
      assert.match(problem(5).messageEn, /ID numbers/);
      assert.equal(problem(6).field, 'clientId');
      assert.equal(results[6]!.clientId, 'not-a-uuid');
      assert.equal(problem(7).field, 'kind');
      assert.equal(problem(8).field, 'questionnaireId');
      for (const result of results.filter((item) => item.status === 'rejected')) assert.equal(result.error!.code, 'VALIDATION');
    });

    it('lets only the team at a point record there, and masks phones for everyone else', async () => {
      const before = await count('households');
      const [fromOffice] = await sync([household(randomUUID())], office);
      assert.equal(fromOffice!.status, 'rejected');
      assert.equal(fromOffice!.error!.code, 'FORBIDDEN');
      const [elsewhere] = await sync([household(randomUUID(), { pointId: otherPointId })]);
      assert.equal(elsewhere!.status, 'rejected');
      assert.equal(elsewhere!.error!.details![0]!.field, 'pointId');
      assert.equal(await count('households'), before);
      assert.equal((await get(cadre, `/api/field/points/${otherPointId}/households`)).statusCode, 404);
      const overseen = await get(office, `/api/field/points/${pointId}/households`);
      assert.equal(overseen.statusCode, 200);
      const withPhone = overseen.json().items.find((item: { phone: string | null }) => item.phone !== null);
      assert.match(withPhone.phone, /\*{4}/);
      assert.equal(withPhone.isPhoneMasked, true);
      const due = (await get(cadre, `/api/field/points/${pointId}/households?due=week`)).json();
      assert.ok(due.items.every((item: { nextVisitOn: string | null }) => item.nextVisitOn !== null && item.nextVisitOn <= due.weekEndsOn));
      assert.equal((await get(office, `/api/field/points/${pointId}/activities`)).statusCode, 200);
      // An office of another county does not see the point at all.
      const template = await t.database.db.selectFrom('accounts').select('password_hash').where('username', '=', 'office-130924').executeTakeFirstOrThrow();
      await t.database.db.insertInto('accounts').values({ username: 'office-130925-test', password_hash: template.password_hash, display_name: '盐山县蹲点办', role: 'office', region_code: '130925', unit_id: null, cadre_id: null, must_change_password: false }).execute();
      const outside = await get(await t.login('office-130925-test'), `/api/field/points/${pointId}/households`);
      assert.equal(outside.statusCode, 404);
    });

    it('shows the head of a unit the days on site of its cadres as plain counts in name order, and no one else', async () => {
      const db = t.database.db;
      // The demo's head of the cadre's unit (head-130924) is a leading cadre of that unit.
      const head = await db.selectFrom('accounts').innerJoin('cadres', 'cadres.id', 'accounts.cadre_id').select(['cadres.unit_id', 'cadres.is_leader']).where('username', '=', 'head-130924').executeTakeFirstOrThrow();
      assert.deepEqual([head.unit_id, head.is_leader], [unitId, true]);
      const headCookie = await t.login('head-130924');
      const url = `/api/field/diary/unit?from=${addDays(today, -13)}&to=${today}`;
      const seen = await get(headCookie, url);
      assert.equal(seen.statusCode, 200, seen.body);
      const view = seen.json();
      assert.equal(view.unitId, unitId);
      assert.equal(view.days, 14);
      const demoCadre = await db.selectFrom('accounts').select('cadre_id').where('username', '=', 'cadre-130924').executeTakeFirstOrThrow();
      const me = view.cadres.find((row: { cadreId: number }) => row.cadreId === demoCadre.cadre_id);
      assert.ok(me, 'the demo cadre, who kept a diary, is listed');
      assert.ok(me.daysRecorded >= 2, 'the seeded fortnight and today');
      assert.ok(me.daysOnSite <= me.daysRecorded);
      for (const row of view.cadres) assert.deepEqual(Object.keys(row).sort(), ['cadreId', 'daysOnSite', 'daysRecorded', 'name']);
      const order = await db.selectFrom('cadres').select('id').where('id', 'in', view.cadres.map((row: { cadreId: number }) => row.cadreId)).orderBy('pinyin').orderBy('name').orderBy('id').execute();
      assert.deepEqual(view.cadres.map((row: { cadreId: number }) => row.cadreId), order.map((row) => row.id), 'in name order, not by days');
      assert.equal((await get(office, `${url}&unitId=${unitId}`)).statusCode, 200);
      assert.equal((await get(cadre, url)).statusCode, 403, 'a cadre does not see colleagues’ days');
    });
  });
}
