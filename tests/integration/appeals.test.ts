// Appeals through the API: idempotent intake with precise errors, every path of the workflow
// (dispatch → return → redispatch; transfer; extension; escalation on overdue; bad rating →
// rectification → follow-up; reopen; merge), refusals that change nothing, the resident's side,
// privacy (masking, reveals logged, the unit complained about sees nothing) and, on PostgreSQL,
// two people acting on one case at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { sweepOverdueAppeals } from '../../src/server/features/appeals/sweep-overdue.ts';
import { readXlsx } from '../fixtures/roster-sheets.ts';
import { isCadrePostedAt } from '../../src/server/features/appeals/queries.ts';

interface Detail {
  id: number;
  state: string;
  version: number;
  level: number;
  handlingUnitId: number | null;
  allowedEvents: string[];
  events: { event: string; fromState: string | null; toState: string; actorName: string; reason: string | null }[];
  contact: { name: string | null; phone: string | null; visibility: string };
  suggestions: { level: number; unitId: number | null; unitName: string; source: string }[];
  trackingCode: string;
  isSupervised: boolean;
  handlingDueAt: string | null;
  pendingExtension: { days: number } | null;
  callback: { rating: string } | null;
  followup: { rating: string } | null;
  canReveal: boolean;
}

for (const backend of testBackends()) {
  describe(`appeals on ${backend}`, () => {
    let t: TestApp;
    let office: string;
    let handler: string;
    let agricultureId: number;
    let waterId: number;
    let villageCode: string;
    let otherCountyVillage: string;
    let pointId: number;

    const post = async (cookie: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
    const get = async (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const detail = async (cookie: string, id: number) => (await get(cookie, `/api/appeals/${id}`)).json() as Detail;
    async function step(cookie: string, id: number, body: Record<string, unknown>, expected = 200): Promise<Detail> {
      const version = (await detail(office, id)).version;
      const response = await post(cookie, `/api/appeals/${id}/events`, { version, ...body });
      assert.equal(response.statusCode, expected, `${String(body.event)}: ${response.body}`);
      return response.json() as Detail;
    }
    async function submit(overrides: Record<string, unknown> = {}, cookie = office) {
      const response = await post(cookie, '/api/appeals', {
        clientId: randomUUID(),
        channel: 'hotline',
        categoryCode: 'garbage',
        regionCode: villageCode,
        description: '村东头垃圾池好几天没人清运',
        contactName: '王秀兰',
        contactPhone: '13812345678',
        ...overrides,
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; trackingCode: string };
    }

    before(async () => {
      t = await createTestApp(backend, { seed: 'small', withDemoPlan: false });
      office = await t.login('office-130924');
      handler = await t.login('handler-130924');
      const db = t.database.db;
      agricultureId = (await db.selectFrom('org_units').select('id').where('name', '=', '海兴县农业农村局').executeTakeFirstOrThrow()).id;
      waterId = (await db.selectFrom('org_units').select('id').where('name', '=', '海兴县水务局').executeTakeFirstOrThrow()).id;
      const point = await db.selectFrom('points').select(['id', 'region_code']).where('region_code', 'like', '130924%').where('type', '=', 'village').orderBy('id').executeTakeFirstOrThrow();
      pointId = point.id;
      villageCode = point.region_code;
      otherCountyVillage = (await db.selectFrom('regions').select('code').where('code', 'like', '130925%').where('level', '=', 5).executeTakeFirstOrThrow()).code;
    });
    after(async () => t.close());

    it('takes in a case once per client id and explains bad input field by field', async () => {
      const clientId = randomUUID();
      const body = { clientId, channel: 'household_visit', categoryCode: 'drinking_water', pointId, description: '自来水有异味' };
      const first = await post(office, '/api/appeals', body);
      const second = await post(office, '/api/appeals', body);
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 200);
      assert.equal(second.json().id, first.json().id);
      assert.equal(second.json().isNew, false);
      const count = await t.database.db.selectFrom('appeals').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      const created = await detail(office, first.json().id);
      assert.equal(created.state, 'registered');
      assert.deepEqual(created.events.map((event) => event.event), ['register']);

      const badCategory = await post(office, '/api/appeals', { ...body, clientId: randomUUID(), categoryCode: 'nope' });
      assert.equal(badCategory.statusCode, 400);
      assert.equal(badCategory.json().error.details[0].field, 'categoryCode');
      const noPlace = await post(office, '/api/appeals', { clientId: randomUUID(), channel: 'hotline', categoryCode: 'garbage', description: '垃圾没人清运' });
      assert.equal(noPlace.json().error.details[0].field, 'regionCode');
      const outside = await post(office, '/api/appeals', { clientId: randomUUID(), channel: 'hotline', categoryCode: 'garbage', regionCode: otherCountyVillage, description: '垃圾没人清运' });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.json().error.messageEn, /outside your scope/);
      const badId = await post(office, '/api/appeals', { ...body, clientId: 'not-a-uuid' });
      assert.equal(badId.json().error.details[0].field, 'clientId');
    });

    it('walks dispatch → return → approve → redispatch → accept → contact → reply → review → call-back → closed', async () => {
      const { id } = await submit();
      let current = await detail(office, id);
      assert.ok(current.suggestions.some((suggestion) => suggestion.unitId === agricultureId && suggestion.source === 'catalogue'), 'the catalogue suggests 农业农村局');
      current = await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      assert.equal(current.state, 'dispatched');
      // Only the handling unit returns a case; the dispatcher rules on the return.
      await step(office, id, { event: 'return', reason: '不是我们的' }, 403);
      current = await step(handler, id, { event: 'return', reason: '应由水务局办理' });
      assert.equal(current.state, 'returned');
      current = await step(office, id, { event: 'approve_return', reason: '同意退回' });
      assert.equal(current.state, 'registered');
      current = await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      assert.equal(current.handlingUnitId, agricultureId);
      assert.ok(current.events.at(-1)!.actorName.length > 0);
      current = await step(handler, id, { event: 'accept' });
      current = await step(handler, id, { event: 'record_contact' });
      assert.equal(current.state, 'in_progress');
      current = await step(handler, id, { event: 'reply', replyText: '已清运' });
      assert.equal(current.state, 'replied');
      current = await step(office, id, { event: 'approve_reply' });
      current = await step(office, id, { event: 'record_callback', contacted: true, solved: 'yes', rating: 'satisfied' });
      assert.equal(current.state, 'closed');
      assert.deepEqual(
        current.events.map((event) => `${event.fromState ?? '-'}>${event.event}>${event.toState}`),
        [
          '->register>registered',
          'registered>dispatch>dispatched',
          'dispatched>return>returned',
          'returned>approve_return>registered',
          'registered>dispatch>dispatched',
          'dispatched>accept>accepted',
          'accepted>record_contact>in_progress',
          'in_progress>reply>replied',
          'replied>approve_reply>reviewed',
          'reviewed>record_callback>closed',
        ],
      );
      const row = await t.database.db.selectFrom('appeals').select(['return_count', 'closed_on_time', 'first_unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { return_count: 1, closed_on_time: true, first_unit_id: agricultureId });
    });

    it('sends a return back to the unit when the dispatcher rejects it, and transfers with a reason', async () => {
      const { id } = await submit();
      await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      await step(handler, id, { event: 'return', reason: '不属于本单位' });
      let current = await step(office, id, { event: 'reject_return', reason: '按目录属于你单位' });
      assert.equal(current.state, 'dispatched');
      assert.equal(current.handlingUnitId, agricultureId);
      await step(office, id, { event: 'transfer', unitId: waterId }, 409);
      current = await step(office, id, { event: 'transfer', unitId: waterId, reason: '涉及供水管网' });
      assert.equal(current.handlingUnitId, waterId);
      assert.equal(current.events.at(-1)!.reason, '涉及供水管网');
      // The unit it left no longer sees it in its inbox.
      const inbox = (await get(handler, '/api/appeals?mine=true&pageSize=200')).json() as { items: { id: number }[] };
      assert.ok(!inbox.items.some((item) => item.id === id));
    });

    it('counts a cadre as one of a point team only at the points the cadre is posted to', async () => {
      const posting = await t.database.db.selectFrom('prior_postings').select(['cadre_id', 'point_id']).orderBy('id').executeTakeFirstOrThrow();
      const other = await t.database.db.selectFrom('points').select('id').where('id', '<>', posting.point_id).orderBy('id').executeTakeFirstOrThrow();
      assert.equal(await isCadrePostedAt(t.database.db, posting.cadre_id, posting.point_id), true);
      assert.equal(await isCadrePostedAt(t.database.db, posting.cadre_id, other.id), false);
    });

    it('refuses a step the table forbids, or a stale version, and changes nothing', async () => {
      const { id } = await submit();
      const before = await detail(office, id);
      const refused = await post(office, `/api/appeals/${id}/events`, { event: 'approve_reply', version: before.version });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'INVALID_TRANSITION');
      const noUnit = await post(office, `/api/appeals/${id}/events`, { event: 'dispatch', version: before.version, level: 2 });
      assert.equal(noUnit.statusCode, 400);
      assert.equal(noUnit.json().error.details[0].field, 'unitId');
      await step(office, id, { event: 'supervise', reason: '群众多次来电' });
      const stale = await post(office, `/api/appeals/${id}/events`, { event: 'dispatch', version: before.version, level: 2, unitId: agricultureId });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'CONFLICT');
      const after = await detail(office, id);
      assert.equal(after.state, 'registered');
      assert.equal(after.version, before.version + 1);
      assert.equal(after.events.length, 2);
    });

    it('extends a deadline by approved working days', async () => {
      const { id } = await submit();
      await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      await step(handler, id, { event: 'accept' });
      let current = await step(handler, id, { event: 'record_contact' });
      const due = new Date(current.handlingDueAt!);
      current = await step(handler, id, { event: 'request_extension', extensionDays: 5, reason: '需协调资金' });
      assert.equal(current.pendingExtension?.days, 5);
      await step(handler, id, { event: 'request_extension', extensionDays: 2, reason: '再延' }, 409);
      current = await step(office, id, { event: 'decide_extension', approve: true });
      assert.equal(current.pendingExtension, null);
      const extended = new Date(current.handlingDueAt!);
      // Five working days are at least a week on the calendar.
      assert.ok(extended.getTime() - due.getTime() >= 7 * 86_400_000 - 1000, `${due.toISOString()} → ${extended.toISOString()}`);
    });

    it('supervises an overdue case and escalates it one rung when it stays overdue', async () => {
      const { id } = await submit();
      await step(office, id, { event: 'dispatch', level: 1, unitId: (await detail(office, id)).suggestions.find((s) => s.level === 1)!.unitId! });
      const dueAt = new Date((await t.database.db.selectFrom('appeals').select('due_at').where('id', '=', id).executeTakeFirstOrThrow()).due_at!);
      await sweepOverdueAppeals({ db: t.database.db, now: new Date(dueAt.getTime() + 3_600_000) });
      let current = await detail(office, id);
      assert.equal(current.isSupervised, true);
      assert.equal(current.level, 1);
      assert.equal(current.events.at(-1)!.event, 'supervise');
      assert.equal(current.events.at(-1)!.actorName, '系统');
      await sweepOverdueAppeals({ db: t.database.db, now: new Date(dueAt.getTime() + 5 * 86_400_000) });
      current = await detail(office, id);
      assert.equal(current.level, 2);
      assert.equal(current.state, 'dispatched');
      assert.equal(current.handlingUnitId, agricultureId, 'the catalogue names 农业农村局 on the county rung for garbage');
      assert.equal(current.events.at(-1)!.event, 'escalate');
    });

    it('starts a rectification on a bad rating, closes on the follow-up rating, and reopens with a reason', async () => {
      const { id } = await submit();
      await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      await step(handler, id, { event: 'accept' });
      await step(handler, id, { event: 'record_contact' });
      await step(handler, id, { event: 'reply', replyText: '已处理' });
      await step(office, id, { event: 'approve_reply' });
      let current = await step(office, id, { event: 'record_callback', contacted: true, solved: 'no', rating: 'dissatisfied' });
      assert.equal(current.state, 'rectifying');
      current = await step(handler, id, { event: 'reply', replyText: '整改：已更换垃圾池' });
      await step(office, id, { event: 'send_back', reason: '整改说明不清' });
      current = await step(handler, id, { event: 'reply', replyText: '整改：已更换垃圾池并每日清运' });
      await step(office, id, { event: 'approve_reply' });
      current = await step(office, id, { event: 'record_callback', contacted: true, solved: 'partly', rating: 'dissatisfied' });
      assert.equal(current.state, 'closed', 'the follow-up rating closes it whatever it says');
      assert.equal(current.callback?.rating, 'dissatisfied');
      assert.equal(current.followup?.rating, 'dissatisfied');
      await step(office, id, { event: 'reopen', unitId: agricultureId, level: 2 }, 409);
      current = await step(office, id, { event: 'reopen', unitId: agricultureId, level: 2, reason: '问题复发' });
      assert.equal(current.state, 'dispatched');
    });

    it('merges a case into another and answers one directly', async () => {
      const first = await submit();
      const second = await submit();
      await step(office, second.id, { event: 'merge', reason: '同一问题', targetAppealId: second.id }, 400);
      const merged = await step(office, second.id, { event: 'merge', reason: '同一问题', targetAppealId: first.id });
      assert.equal(merged.state, 'merged');
      assert.deepEqual(merged.allowedEvents, []);
      const third = await submit({ categoryCode: 'policy', description: '养老保险缴费标准是多少' });
      const answered = await step(office, third.id, { event: 'answer_directly', reason: '已当场解答：今年最低档 200 元' });
      assert.equal(answered.state, 'closed');
    });

    it('masks the contact, logs every reveal, and hides the complainant from the unit complained about', async () => {
      const { id } = await submit({ subjectUnitId: agricultureId, description: '农业农村局工作人员办事推诿' });
      const seen = await detail(office, id);
      assert.deepEqual(seen.contact, { name: '王**', phone: '138****5678', visibility: 'masked' });
      const list = (await get(office, `/api/appeals?q=${encodeURIComponent('推诿')}`)).body;
      assert.ok(!list.includes('13812345678') && !list.includes('王秀兰'));
      const refused = await post(office, `/api/appeals/${id}/reveal-contact`, {});
      assert.equal(refused.statusCode, 400);
      const revealed = await post(office, `/api/appeals/${id}/reveal-contact`, { reason: '回访核实' });
      assert.deepEqual(revealed.json(), { name: '王秀兰', phone: '13812345678' });
      const logged = await t.database.db.selectFrom('personal_data_reveals').selectAll().where('entity_type', '=', 'appeal').where('entity_id', '=', String(id)).execute();
      assert.equal(logged.length, 1);
      assert.equal(logged[0]!.reason, '回访核实');
      // The unit complained about: cannot be dispatched to, and sees nothing of the case.
      const toSubject = await post(office, `/api/appeals/${id}/events`, { event: 'dispatch', version: seen.version, level: 2, unitId: agricultureId });
      assert.equal(toSubject.statusCode, 400);
      assert.equal((await get(handler, `/api/appeals/${id}`)).statusCode, 404);
      assert.equal((await post(handler, `/api/appeals/${id}/reveal-contact`, { reason: '想知道' })).statusCode, 404);
      const handlerList = (await get(handler, '/api/appeals?pageSize=200')).json() as { items: { id: number }[] };
      assert.ok(!handlerList.items.some((item) => item.id === id));
      // Exports: the office's keeps the contact masked; the unit's own export leaves the case out.
      const officeExport = await t.app.inject({ method: 'GET', url: `/api/exports/appeals.xlsx?q=${encodeURIComponent('推诿')}`, headers: { cookie: office } });
      assert.equal(officeExport.statusCode, 200);
      const exported = await readXlsx(officeExport.rawPayload);
      const row = exported.find((cells) => cells[0] === seen.trackingCode);
      assert.ok(row, 'the case is in the office export');
      assert.equal(row[exported[0]!.indexOf('联系人')], '王**');
      assert.equal(row[exported[0]!.indexOf('联系电话')], '138****5678');
      assert.ok(!officeExport.rawPayload.includes(Buffer.from('13812345678')));
      const unitExport = await readXlsx((await t.app.inject({ method: 'GET', url: '/api/exports/appeals.xlsx', headers: { cookie: handler } })).rawPayload);
      assert.ok(!unitExport.some((cells) => cells[0] === seen.trackingCode), 'the unit complained about does not get the case in its export');
      // Even dispatched elsewhere and transferred by mistake toward it, it stays out of its reach.
      await step(office, id, { event: 'dispatch', level: 2, unitId: waterId });
      assert.equal((await get(handler, `/api/appeals/${id}`)).statusCode, 404);
    });

    it('withholds a confidential complainant from the handling unit', async () => {
      const { id } = await submit({ isConfidential: true });
      await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      const seen = await detail(handler, id);
      assert.equal(seen.contact.visibility, 'withheld');
      assert.equal(seen.canReveal, false);
      assert.equal((await post(handler, `/api/appeals/${id}/reveal-contact`, { reason: '联系群众' })).statusCode, 403);
    });

    it('lets a resident file at a point without an account, follow the code, rate, and join with "me too"', async () => {
      const clientId = randomUUID();
      const box = await t.app.inject({ method: 'GET', url: `/api/public/points/${pointId}` });
      assert.equal(box.statusCode, 200);
      assert.ok((box.json() as { categories: unknown[] }).categories.length >= 11);
      const filed = await t.app.inject({ method: 'POST', url: `/api/public/points/${pointId}/appeals`, payload: { clientId, categoryCode: 'sewage', description: '排水沟堵了，污水漫到路上', isAnonymous: true, contactPhone: '13900000000' } });
      assert.equal(filed.statusCode, 201, filed.body);
      const again = await t.app.inject({ method: 'POST', url: `/api/public/points/${pointId}/appeals`, payload: { clientId, categoryCode: 'sewage', description: '排水沟堵了，污水漫到路上', isAnonymous: true } });
      assert.equal(again.json().trackingCode, filed.json().trackingCode);
      const { id, trackingCode } = filed.json() as { id: number; trackingCode: string };
      const stored = await t.database.db.selectFrom('appeals').select(['contact_phone', 'channel']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { contact_phone: null, channel: 'suggestion_box' }, 'anonymous: the contact is not kept');

      await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
      await step(handler, id, { event: 'accept' });
      await step(handler, id, { event: 'record_contact' });
      await step(handler, id, { event: 'reply', replyText: '已疏通排水沟' });
      const early = await t.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/rating`, payload: { contacted: true, solved: 'yes', rating: 'very_satisfied' } });
      assert.equal(early.statusCode, 409, 'rating waits for the review');
      await step(office, id, { event: 'approve_reply' });
      const tracking = await t.app.inject({ method: 'GET', url: `/api/public/track/${trackingCode.toLowerCase()}` });
      assert.equal(tracking.statusCode, 200);
      const page = tracking.json() as { canRate: boolean; timeline: { event: string; unitName: string | null }[]; replyText: string };
      assert.equal(page.canRate, true);
      assert.equal(page.replyText, '已疏通排水沟');
      assert.ok(page.timeline.some((row) => row.unitName === '海兴县农业农村局'));
      const handlerName = (await t.database.db.selectFrom('accounts').select('display_name').where('username', '=', 'office-130924').executeTakeFirstOrThrow()).display_name;
      assert.ok(!tracking.body.includes(handlerName), 'no staff names on the public page');
      const rated = await t.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/rating`, payload: { contacted: true, solved: 'yes', rating: 'very_satisfied' } });
      assert.equal(rated.json().state, 'closed');
      assert.equal(rated.json().canDispute, true);
      const disputed = await t.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/dispute`, payload: { reason: '过两天又堵了' } });
      assert.equal(disputed.json().canDispute, false);
      const history = await detail(office, id);
      assert.equal(history.events.at(-1)!.event, 'dispute');
      assert.equal(history.events.at(-2)!.actorName, '群众');

      const open = await submit();
      const openCode = open.trackingCode;
      const meToo = randomUUID();
      for (let attempt = 0; attempt < 2; attempt++) {
        const joined = await t.app.inject({ method: 'POST', url: `/api/public/track/${openCode}/me-too`, payload: { clientId: meToo } });
        assert.equal(joined.statusCode, 200);
      }
      const joinedRow = await t.database.db.selectFrom('appeals').select('me_too_count').where('id', '=', open.id).executeTakeFirstOrThrow();
      assert.equal(joinedRow.me_too_count, 1, 'a retried "me too" counts once');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/public/track/DD-NOTACODE' })).statusCode, 404);
    });

    it('groups alike cases from villages of several townships into one county issue and dispatches them to the county department', async () => {
      const villages = await t.database.db.selectFrom('regions').select('code').where('code', 'like', '130924%').where('level', '=', 5).orderBy('code').execute();
      const spread = [villages[0]!.code, villages[Math.floor(villages.length / 2)]!.code, villages.at(-1)!.code];
      assert.ok(new Set(spread.map((code) => code.slice(0, 9))).size >= 2, 'villages in at least two townships');
      const ids: number[] = [];
      for (const code of spread) ids.push((await submit({ categoryCode: 'drinking_water', regionCode: code, description: '镇自来水厂检修停水三天没有提前通知，老人孩子吃水困难' })).id);
      const suggestions = (await get(office, '/api/appeal-issues/suggestions?days=1&threshold=0.5')).json() as { items: { appealIds: number[]; level: number; unitName: string | null; regionCode: string }[] };
      const group = suggestions.items.find((item) => ids.every((id) => item.appealIds.includes(id)));
      assert.ok(group, JSON.stringify(suggestions.items.map((item) => item.appealIds)));
      assert.equal(group.level, 2);
      assert.equal(group.regionCode, '130924');
      assert.equal(group.unitName, '海兴县水务局');
      const refused = await post(office, '/api/appeal-issues', { title: '停水', appealIds: [ids[0], 999999999] });
      assert.equal(refused.statusCode, 400);
      assert.equal((await detail(office, ids[0]!)).state, 'registered', 'a refused grouping changes nothing');
      const created = await post(office, '/api/appeal-issues', { title: '海兴县多村停水未通知', appealIds: ids });
      assert.equal(created.statusCode, 201, created.body);
      const issue = created.json() as { id: number; level: number; unitId: number };
      assert.equal(issue.unitId, waterId);
      for (const id of ids) {
        const current = await detail(office, id);
        assert.equal(current.state, 'dispatched');
        assert.equal(current.handlingUnitId, waterId);
        assert.deepEqual(current.events.slice(-2).map((event) => event.event), ['link_issue', 'dispatch']);
      }
      const listed = (await get(office, `/api/appeals?issueId=${issue.id}`)).json() as { total: number };
      assert.equal(listed.total, 3);
      const issues = (await get(office, '/api/appeal-issues')).json() as { items: { id: number; cases: number; points: number }[] };
      assert.deepEqual(issues.items.find((item) => item.id === issue.id) && { cases: 3 }, { cases: 3 });
      assert.equal((await post(office, '/api/appeal-issues', { title: '再次', appealIds: ids })).statusCode, 400, 'a case belongs to one issue');
    });

    if (backend === 'postgres') {
      it('makes one case of copies of one intake that race (same client id, at the same moment): one 201, the rest 200 with its id, one history entry and one audit row', async () => {
        for (let round = 0; round < 5; round++) {
          const body = { clientId: randomUUID(), channel: 'hotline', categoryCode: 'garbage', regionCode: villageCode, description: '同一条诉求，重复提交' };
          const results = await Promise.all(Array.from({ length: 4 }, () => post(office, '/api/appeals', body)));
          assert.deepEqual(results.map((result) => result.statusCode).sort(), [200, 200, 200, 201], results.map((result) => result.body).join('\n'));
          const ids = new Set(results.map((result) => result.json().id));
          assert.equal(ids.size, 1);
          const [id] = ids;
          const rows = await t.database.db.selectFrom('appeals').select('id').where('client_id', '=', body.clientId).execute();
          const events = await t.database.db.selectFrom('appeal_events').select('id').where('appeal_id', '=', id).execute();
          const audits = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'appeal.submitted').where('entity_id', '=', String(id)).execute();
          assert.deepEqual([rows.length, events.length, audits.length], [1, 1, 1]);
        }
      });

      it('lets exactly one of two people acting on one case at the same moment win', async () => {
        for (let round = 0; round < 5; round++) {
          const { id } = await submit();
          await step(office, id, { event: 'dispatch', level: 2, unitId: agricultureId });
          const { version } = await detail(office, id);
          const handler2 = await t.login('handler-130924');
          const results = await Promise.all([
            post(handler, `/api/appeals/${id}/events`, { event: 'accept', version }),
            post(handler2, `/api/appeals/${id}/events`, { event: 'return', version, reason: '不是我们的' }),
          ]);
          const codes = results.map((result) => result.statusCode).sort();
          assert.deepEqual(codes, [200, 409], results.map((result) => result.body).join('\n'));
          const events = await t.database.db.selectFrom('appeal_events').select('event').where('appeal_id', '=', id).execute();
          assert.equal(events.length, 3);
        }
      });
    }
  });
}
