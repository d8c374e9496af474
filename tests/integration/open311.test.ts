// Open311 GeoReport v2, checked against the specification (wiki.open311.org/GeoReport_v2):
// discovery, services, service definitions, POST requests (JSON and form bodies, api_key, the
// location fields), GET requests with every filter, GET request, the error format in JSON and
// XML — and that no GET ever shows who asked or what they wrote, nor a confidential case.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, testBackends, type TestApp } from '../helpers/test-app.ts';
import { ensureDemoOpen311Client } from '../../src/server/features/open311/api-keys.ts';
import { locateDemoPoints } from '../../src/server/features/open311/locate-demo-points.ts';
import { spokenName } from '../../src/server/features/roster-files/region-index.ts';

const demoKey = 'dundian-demo';
const base = '/open311/v2';
// Elements that the spec repeats inside a list element.
const listItems = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const xml = new XMLParser({ isArray: (name) => listItems.has(name), parseTagValue: false });

const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

interface Place {
  pointId: number;
  regionCode: string;
  latitude: number;
  longitude: number;
  /** 海兴县苏基镇姜庄村: county, township and spoken village name. */
  address: string;
  townshipAddress: string;
}

for (const backend of testBackends()) {
  describe(`Open311 GeoReport v2 on ${backend}`, () => {
    let t: TestApp;
    let place: Place;

    before(async () => {
      t = await createTestApp(backend, { seed: 'small' });
      await ensureDemoOpen311Client(t.database.db);
      await ensureDemoOpen311Client(t.database.db);
      await locateDemoPoints(t.database.db);
      const point = await t.database.db
        .selectFrom('points')
        .select(['id', 'region_code', 'latitude', 'longitude'])
        .where('region_code', 'like', '130924%')
        .where('type', '=', 'village')
        .where('latitude', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const names = await t.database.db
        .selectFrom('regions')
        .select(['code', 'name', 'short_name'])
        .where('code', 'in', ['130924', point.region_code.slice(0, 9), point.region_code])
        .execute();
      const nameOf = (code: string) => names.find((row) => row.code === code)!;
      const township = nameOf(point.region_code.slice(0, 9)).name;
      place = {
        pointId: point.id,
        regionCode: point.region_code,
        latitude: point.latitude!,
        longitude: point.longitude!,
        address: `海兴县${township}${spokenName(nameOf(point.region_code).name)}`,
        townshipAddress: `海兴县${township}`,
      };
    });
    after(async () => t.close());

    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const postJson = (format: 'json' | 'xml', payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `${base}/requests.${format}`, payload, headers });
    const postForm = (format: 'json' | 'xml', fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `${base}/requests.${format}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    const submit = async (fields: Record<string, unknown>) => {
      const response = await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: place.latitude, long: place.longitude, description: '村口垃圾堆了一周没人清运', ...fields });
      assert.equal(response.statusCode, 200, response.body);
      return response.json()[0].service_request_id as string;
    };

    /** Checks the spec's error document in either format; returns the descriptions. */
    const assertErrors = (response: Awaited<ReturnType<typeof get>>, format: 'json' | 'xml', status: number): string[] => {
      assert.equal(response.statusCode, status, response.body);
      if (format === 'json') {
        assert.match(String(response.headers['content-type']), /^application\/json/);
        const errors = response.json() as { code: number; description: string }[];
        assert.ok(Array.isArray(errors) && errors.length > 0);
        for (const error of errors) {
          assert.deepEqual(Object.keys(error).sort(), ['code', 'description']);
          assert.equal(error.code, status);
        }
        return errors.map((error) => error.description);
      }
      assert.match(String(response.headers['content-type']), /^text\/xml/);
      assert.ok(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
      const errors = xml.parse(response.body).errors.error as { code: string; description: string }[];
      assert.ok(errors.length > 0);
      for (const error of errors) {
        assert.deepEqual(Object.keys(error).sort(), ['code', 'description']);
        assert.equal(error.code, String(status));
      }
      return errors.map((error) => error.description);
    };

    describe('discovery and services', () => {
      it('describes the endpoint in JSON and XML service discovery', async () => {
        const json = await get(`${base}/discovery.json`);
        assert.equal(json.statusCode, 200);
        const discovery = json.json();
        for (const field of ['changeset', 'contact', 'key_service', 'endpoints']) assert.ok(field in discovery, field);
        assert.equal(discovery.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
        assert.match(discovery.endpoints[0].url, /\/open311\/v2$/);
        assert.deepEqual(discovery.endpoints[0].formats, ['text/xml', 'application/json']);
        const document = await get(`${base}/discovery.xml`);
        assert.match(String(document.headers['content-type']), /^text\/xml; charset=utf-8/);
        const parsed = xml.parse(document.body).discovery;
        assert.equal(parsed.endpoints.endpoint[0].type, 'production');
        assert.deepEqual(parsed.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
      });

      it('lists every appeal category as a realtime service with metadata, in Chinese or English', async () => {
        const response = await get(`${base}/services.json`);
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['access-control-allow-origin'], '*');
        const services = response.json() as Record<string, unknown>[];
        const categories = await t.database.db.selectFrom('appeal_categories').select('code').execute();
        assert.equal(services.length, categories.length);
        for (const service of services) assert.deepEqual(Object.keys(service).sort(), [...serviceFields].sort());
        const garbage = services.find((service) => service.service_code === 'garbage')!;
        assert.equal(garbage.service_name, '垃圾处理');
        assert.equal(garbage.metadata, true);
        assert.equal(garbage.type, 'realtime');
        assert.match(String(garbage.keywords), /垃圾清运/);
        const english = (await get(`${base}/services.json?locale=en`)).json() as { service_code: string; service_name: string }[];
        assert.equal(english.find((service) => service.service_code === 'garbage')!.service_name, 'Garbage');
      });

      it('serves the services list as XML with the spec element names', async () => {
        const response = await get(`${base}/services.xml`);
        assert.equal(response.statusCode, 200);
        assert.ok(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
        const services = xml.parse(response.body).services.service as Record<string, string>[];
        assert.ok(services.length >= 10);
        for (const service of services) assert.deepEqual(Object.keys(service).sort(), [...serviceFields].sort());
        assert.equal(services.find((service) => service.service_code === 'garbage')!.metadata, 'true');
      });

      it('gives each service a definition whose attributes follow the spec', async () => {
        const definition = (await get(`${base}/services/garbage.json`)).json();
        assert.equal(definition.service_code, 'garbage');
        assert.deepEqual(
          definition.attributes.map((attribute: { code: string }) => attribute.code),
          ['title', 'anonymous', 'confidential'],
        );
        for (const attribute of definition.attributes) {
          for (const field of ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description']) assert.ok(field in attribute, field);
          assert.ok(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(attribute.datatype));
          if (attribute.datatype.endsWith('valuelist')) assert.deepEqual(attribute.values.map((value: { key: string }) => value.key), ['true', 'false']);
        }
        const document = xml.parse((await get(`${base}/services/garbage.xml`)).body).service_definition;
        assert.equal(document.service_code, 'garbage');
        assert.equal(document.attributes.attribute[1].values.value[0].key, 'true');
      });

      it('is listed in the OpenAPI document', async () => {
        const response = await get('/docs/json');
        assert.equal(response.statusCode, 200);
        const paths = Object.keys(response.json().paths);
        for (const path of ['/open311/v2/requests.{format}', '/open311/v2/requests/{id}.{format}', '/open311/v2/services/{code}.{format}', '/api/open311-clients']) {
          assert.ok(paths.includes(path), `${path} in ${paths.filter((item) => item.includes('311')).join(', ')}`);
        }
      });

      it('answers 404 in the spec error format for an unknown service_code, a wrong extension or path', async () => {
        assertErrors(await get(`${base}/services/no_such.json`), 'json', 404);
        assertErrors(await get(`${base}/services/no_such.xml`), 'xml', 404);
        assertErrors(await get(`${base}/services.html`), 'xml', 404);
        assertErrors(await get(`${base}/nothing-here.json`), 'json', 404);
        assertErrors(await get('/open311/v3/services.xml'), 'xml', 404);
      });
    });

    describe('POST requests', () => {
      it('takes a JSON request located by lat/long at the nearest point, with the contact in the case', async () => {
        const response = await postJson('json', {
          api_key: demoKey,
          service_code: 'garbage',
          lat: place.latitude + 0.0005,
          long: place.longitude - 0.0005,
          first_name: '三',
          last_name: '张',
          phone: '13800001111',
          email: 'zhangsan@example.com',
          account_id: 'acct-7',
          description: '村口垃圾堆了一周没人清运',
        });
        assert.equal(response.statusCode, 200, response.body);
        const [created] = response.json();
        assert.deepEqual(Object.keys(created).sort(), ['account_id', 'service_notice', 'service_request_id']);
        assert.match(created.service_request_id, /^DD-[0-9A-Z]{10}$/);
        assert.equal(created.account_id, 'acct-7');
        assert.match(created.service_notice, /工作日/);
        const appeal = await t.database.db.selectFrom('appeals').selectAll().where('tracking_code', '=', created.service_request_id).executeTakeFirstOrThrow();
        assert.equal(appeal.channel, 'open311');
        assert.equal(appeal.point_id, place.pointId);
        assert.equal(appeal.region_code, place.regionCode);
        assert.equal(appeal.contact_name, '张三');
        assert.equal(appeal.contact_phone, '13800001111');
        assert.equal(appeal.title, '垃圾处理');
        const event = await t.database.db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', appeal.id).executeTakeFirstOrThrow();
        assert.equal(event.actor_kind, 'client');
        assert.equal(event.actor_name, 'Demo client');
      });

      it('takes a form-encoded request located by address_string and answers in XML', async () => {
        const response = await postForm('xml', {
          api_key: demoKey,
          service_code: 'drinking_water',
          address_string: `河北省沧州市${place.address}东头老井旁`,
          description: '自来水发黄',
          'attribute[title]': '自来水发黄',
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.match(String(response.headers['content-type']), /^text\/xml/);
        const [created] = xml.parse(response.body).service_requests.request as Record<string, string>[];
        assert.deepEqual(Object.keys(created).sort(), ['account_id', 'service_notice', 'service_request_id']);
        const appeal = await t.database.db.selectFrom('appeals').selectAll().where('tracking_code', '=', created.service_request_id).executeTakeFirstOrThrow();
        assert.equal(appeal.region_code, place.regionCode);
        assert.equal(appeal.point_id, null);
        assert.equal(appeal.title, '自来水发黄');
        assert.equal(appeal.address, `河北省沧州市${place.address}东头老井旁`);
      });

      it('takes address_id as a point id or a village code', async () => {
        const byPoint = await postForm('json', { api_key: demoKey, service_code: 'sewage', address_id: String(place.pointId), description: '排水沟堵了' });
        assert.equal(byPoint.statusCode, 200, byPoint.body);
        const byVillage = await postForm('json', { api_key: demoKey, service_code: 'sewage', address_id: place.regionCode, description: '排水沟堵了' });
        assert.equal(byVillage.statusCode, 200, byVillage.body);
      });

      it('returns the same request for a retried POST with the same request token, and a new one without', async () => {
        const fields = { device_id: 'phone-42', request_token: 'retry-1' };
        const first = await submit(fields);
        assert.equal(await submit(fields), first);
        const viaHeader = await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: place.latitude, long: place.longitude, description: '同一问题', device_id: 'phone-42' }, { 'idempotency-key': 'retry-2' });
        const again = await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: place.latitude, long: place.longitude, description: '同一问题', device_id: 'phone-42' }, { 'idempotency-key': 'retry-2' });
        assert.equal(again.json()[0].service_request_id, viaHeader.json()[0].service_request_id);
        assert.notEqual(await submit({ device_id: 'phone-42' }), await submit({ device_id: 'phone-42' }));
      });

      it('refuses a missing or wrong api_key with 403 in the error format, writing nothing', async () => {
        const before = await t.database.db.selectFrom('appeals').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
        assertErrors(await postJson('json', { service_code: 'garbage', lat: place.latitude, long: place.longitude, description: '无钥匙' }), 'json', 403);
        assertErrors(await postForm('xml', { service_code: 'garbage', address_string: place.address, description: '无钥匙' }), 'xml', 403);
        const [description] = assertErrors(await postJson('json', { api_key: 'not-a-key', service_code: 'garbage', description: '错钥匙' }), 'json', 403);
        assert.match(description, /api_key/);
        // A key is checked before the body: a wrong key with a bad body is still a 403.
        assertErrors(await postJson('xml', { api_key: 'not-a-key', lat: 'north' }), 'xml', 403);
        const afterCount = await t.database.db.selectFrom('appeals').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
        assert.equal(afterCount.count, before.count);
      });

      it('refuses a missing or unknown service_code, or a malformed phone, with 400 in both formats', async () => {
        const [missing] = assertErrors(await postJson('json', { api_key: demoKey, address_string: place.address, description: '没有类别' }), 'json', 400);
        assert.match(missing, /service_code/);
        assertErrors(await postForm('xml', { api_key: demoKey, address_string: place.address, description: '没有类别' }), 'xml', 400);
        const [unknown] = assertErrors(await postForm('xml', { api_key: demoKey, service_code: 'potholes', address_string: place.address, description: '坑' }), 'xml', 400);
        assert.match(unknown, /potholes/);
        const [phone] = assertErrors(await postForm('json', { api_key: demoKey, service_code: 'garbage', address_string: place.address, phone: 'call me maybe' }), 'json', 400);
        assert.match(phone, /^phone：/);
      });

      it('refuses a request without a location, or one that resolves to no village, with 400 in both formats', async () => {
        const [noLocation] = assertErrors(await postJson('json', { api_key: demoKey, service_code: 'garbage', description: '没有位置' }), 'json', 400);
        assert.match(noLocation, /address_string/);
        assertErrors(await postForm('xml', { api_key: demoKey, service_code: 'garbage', description: '没有位置' }), 'xml', 400);
        const [unknownPlace] = assertErrors(await postForm('json', { api_key: demoKey, service_code: 'garbage', address_string: '火星基地一号', description: '找不到' }), 'json', 400);
        assert.match(unknownPlace, /^address_string/);
        assertErrors(await postForm('xml', { api_key: demoKey, service_code: 'garbage', address_string: '火星基地一号', description: '找不到' }), 'xml', 400);
        const [township] = assertErrors(await postForm('json', { api_key: demoKey, service_code: 'garbage', address_string: place.townshipAddress, description: '只到乡镇' }), 'json', 400);
        assert.match(township, /村/);
        assertErrors(await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: 0, long: 0, description: '太远了' }), 'json', 400);
        assertErrors(await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: place.latitude, description: '只有纬度' }), 'json', 400);
        assertErrors(await postJson('json', { api_key: demoKey, service_code: 'garbage', lat: 123, long: place.longitude, description: '纬度越界' }), 'json', 400);
      });

      it('checks attributes against the service definition', async () => {
        const [unknown] = assertErrors(await postForm('json', { api_key: demoKey, service_code: 'garbage', address_string: place.address, 'attribute[colour]': 'red' }), 'json', 400);
        assert.match(unknown, /attribute\[colour\]/);
        assertErrors(await postForm('json', { api_key: demoKey, service_code: 'garbage', address_string: place.address, 'attribute[anonymous]': 'maybe' }), 'json', 400);
        const anonymous = await submit({ first_name: '匿', last_name: '名', phone: '13700000000', attribute: { anonymous: 'true' } });
        const appeal = await t.database.db.selectFrom('appeals').selectAll().where('tracking_code', '=', anonymous).executeTakeFirstOrThrow();
        assert.equal(appeal.is_anonymous, true);
        assert.equal(appeal.contact_phone, null);
      });

      it('lets an admin issue a key that works until it is deactivated', async () => {
        const admin = await t.login('admin');
        const created = await t.app.inject({ method: 'POST', url: '/api/open311-clients', headers: { cookie: admin }, payload: { name: '随手拍', regionCode: '130924' } });
        assert.equal(created.statusCode, 201, created.body);
        const client = created.json();
        assert.match(client.key, /^o311_/);
        assert.equal(client.keyHint, `…${client.key.slice(-4)}`);
        const list = (await t.app.inject({ method: 'GET', url: '/api/open311-clients', headers: { cookie: admin } })).json();
        const listed = list.items.find((item: { id: number }) => item.id === client.id);
        assert.equal(listed.isActive, true);
        assert.equal(listed.key, undefined);
        assert.ok(list.items.some((item: { name: string }) => item.name === 'Demo client'));
        const stored = await t.database.db.selectFrom('open311_clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
        assert.notEqual(stored.key_hash, client.key);
        const used = await postForm('json', { api_key: client.key, service_code: 'garbage', address_string: place.address, description: '新客户端' });
        assert.equal(used.statusCode, 200, used.body);
        // The client files cases only in its own region.
        assertErrors(await postForm('json', { api_key: client.key, service_code: 'garbage', address_id: '130102001001', description: '区外' }), 'json', 400);
        const removed = await t.app.inject({ method: 'DELETE', url: `/api/open311-clients/${client.id}`, headers: { cookie: admin } });
        assert.equal(removed.statusCode, 200);
        assert.equal(removed.json().isActive, false);
        assertErrors(await postForm('json', { api_key: client.key, service_code: 'garbage', address_string: place.address, description: '已停用' }), 'json', 403);
        const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'open311_client').where('entity_id', '=', String(client.id)).execute();
        assert.deepEqual(audit.map((row) => row.action).sort(), ['open311_client.deactivated', 'open311_client.issued']);
      });

      it('keeps client keys to the roles and regions that configure appeals', async () => {
        const cadre = await t.login('cadre-130924');
        assert.equal((await t.app.inject({ method: 'GET', url: '/api/open311-clients', headers: { cookie: cadre } })).statusCode, 403);
        const office = await t.login('office-130924');
        const outside = await t.app.inject({ method: 'POST', url: '/api/open311-clients', headers: { cookie: office }, payload: { name: '区外', regionCode: '1301' } });
        assert.equal(outside.statusCode, 400);
        const listed = (await t.app.inject({ method: 'GET', url: '/api/open311-clients', headers: { cookie: office } })).json();
        for (const item of listed.items) assert.ok(item.regionCode.startsWith('130924'));
        assert.equal((await t.app.inject({ method: 'GET', url: '/api/open311-clients' })).statusCode, 401);
      });
    });

    describe('GET requests', () => {
      let open: string;
      let closed: string;
      let merged: string;
      let other: string;
      before(async () => {
        open = await submit({ attribute: { title: '垃圾没人清运' } });
        closed = await submit({});
        merged = await submit({});
        other = await submit({ service_code: 'sewage' });
        const openId = (await t.database.db.selectFrom('appeals').select('id').where('tracking_code', '=', open).executeTakeFirstOrThrow()).id;
        await t.database.db.updateTable('appeals').set({ state: 'closed', closed_at: new Date() }).where('tracking_code', '=', closed).execute();
        await t.database.db.updateTable('appeals').set({ state: 'merged', merged_into_id: openId }).where('tracking_code', '=', merged).execute();
      });

      const list = async (query: string) => {
        const response = await get(`${base}/requests.json${query}`);
        assert.equal(response.statusCode, 200, response.body);
        return response.json() as Record<string, unknown>[];
      };
      const codes = (items: Record<string, unknown>[]) => items.map((item) => item.service_request_id as string);

      it('lists recent requests newest first with every spec field, in JSON and XML', async () => {
        const items = await list('?page_size=200');
        assert.ok(codes(items).includes(open));
        for (const item of items) assert.deepEqual(Object.keys(item).sort(), [...requestFields].sort());
        const times = items.map((item) => Date.parse(item.requested_datetime as string));
        assert.deepEqual(times, [...times].sort((a, b) => b - a));
        const mine = items.find((item) => item.service_request_id === open)!;
        assert.equal(mine.status, 'open');
        assert.equal(mine.service_code, 'garbage');
        assert.equal(mine.service_name, '垃圾处理');
        assert.equal(mine.description, '垃圾没人清运');
        assert.equal(mine.address_id, String(place.pointId));
        assert.equal(mine.lat, place.latitude);
        assert.equal(mine.long, place.longitude);
        assert.match(mine.address as string, /^河北省沧州市海兴县/);
        assert.match(mine.requested_datetime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        const document = xml.parse((await get(`${base}/requests.xml?page_size=200`)).body).service_requests.request as Record<string, string>[];
        assert.equal(document.length, items.length);
        for (const item of document) assert.deepEqual(Object.keys(item).sort(), [...requestFields].sort());
      });

      it('maps closed and merged cases to closed, with the richer state in status_notes', async () => {
        const items = await list(`?service_request_id=${open},${closed},${merged}`);
        const byCode = new Map(items.map((item) => [item.service_request_id, item]));
        assert.equal(byCode.get(open)!.status, 'open');
        assert.equal(byCode.get(open)!.status_notes, '已登记，等待派单');
        assert.equal(byCode.get(closed)!.status, 'closed');
        assert.equal(byCode.get(closed)!.status_notes, '已办结');
        assert.equal(byCode.get(closed)!.expected_datetime, null);
        assert.equal(byCode.get(merged)!.status, 'closed');
        assert.match(byCode.get(merged)!.status_notes as string, new RegExp(`合并.*${open}`));
        const english = await list(`?service_request_id=${closed}&locale=en`);
        assert.equal(english[0].status_notes, 'Closed');
        assert.equal(english[0].service_name, 'Garbage');
      });

      it('filters by status', async () => {
        const openOnes = codes(await list('?status=open&page_size=1000'));
        assert.ok(openOnes.includes(open) && !openOnes.includes(closed) && !openOnes.includes(merged));
        const closedOnes = codes(await list('?status=closed&page_size=1000'));
        assert.ok(closedOnes.includes(closed) && closedOnes.includes(merged) && !closedOnes.includes(open));
        const both = codes(await list('?status=open,closed&page_size=1000'));
        assert.ok(both.includes(open) && both.includes(closed));
        assertErrors(await get(`${base}/requests.json?status=pending`), 'json', 400);
      });

      it('filters by service_request_id, which overrides the other filters', async () => {
        assert.deepEqual(codes(await list(`?service_request_id=${open},${other}`)).sort(), [open, other].sort());
        assert.deepEqual(codes(await list(`?service_request_id=${open.toLowerCase()}&service_code=sewage&status=closed`)), [open]);
        assert.deepEqual(await list('?service_request_id=DD-0000000000'), []);
      });

      it('filters by service_code (a comma list)', async () => {
        const sewage = await list('?service_code=sewage&page_size=1000');
        assert.ok(codes(sewage).includes(other) && !codes(sewage).includes(open));
        assert.ok(sewage.every((item) => item.service_code === 'sewage'));
        const both = codes(await list('?service_code=sewage,garbage&page_size=1000'));
        assert.ok(both.includes(other) && both.includes(open));
      });

      it('filters by start_date and end_date, at most 90 days apart', async () => {
        const now = Date.now();
        const iso = (ms: number) => new Date(ms).toISOString();
        const around = codes(await list(`?start_date=${iso(now - 3600_000)}&end_date=${iso(now + 3600_000)}&page_size=1000`));
        assert.ok(around.includes(open));
        const earlier = await list(`?start_date=${iso(now - 30 * 86400_000)}&end_date=${iso(now - 20 * 86400_000)}&page_size=1000`);
        assert.ok(!codes(earlier).includes(open));
        for (const item of earlier) {
          const at = Date.parse(item.requested_datetime as string);
          assert.ok(at >= now - 30 * 86400_000 - 1000 && at <= now - 20 * 86400_000, item.requested_datetime as string);
        }
        assert.ok(codes(await list(`?start_date=${iso(now - 86400_000)}&page_size=1000`)).includes(open));
        assert.ok(!codes(await list(`?end_date=${iso(now - 86400_000)}&page_size=1000`)).includes(open));
        const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
        assert.ok(codes(await list(`?start_date=${today}&end_date=${today}&page_size=1000`)).includes(open));
        assertErrors(await get(`${base}/requests.json?start_date=${iso(now - 100 * 86400_000)}&end_date=${iso(now)}`), 'json', 400);
        assertErrors(await get(`${base}/requests.xml?start_date=${iso(now)}&end_date=${iso(now - 86400_000)}`), 'xml', 400);
        assertErrors(await get(`${base}/requests.json?start_date=yesterday`), 'json', 400);
      });

      it('pages with page and page_size (default 50, at most 1000)', async () => {
        const all = codes(await list('?page_size=1000'));
        assert.ok(all.length >= 4);
        const first = codes(await list('?page_size=2&page=1'));
        const second = codes(await list('?page_size=2&page=2'));
        assert.deepEqual([...first, ...second], all.slice(0, 4));
        assert.equal((await list('')).length, Math.min(50, all.length));
        assertErrors(await get(`${base}/requests.json?page_size=1001`), 'json', 400);
        assertErrors(await get(`${base}/requests.xml?page=0`), 'xml', 400);
      });

      it('reads one request as a list of one, and answers 404 for an unknown id', async () => {
        const [one] = (await get(`${base}/requests/${open}.json`)).json();
        assert.equal(one.service_request_id, open);
        const document = xml.parse((await get(`${base}/requests/${open}.xml`)).body).service_requests.request;
        assert.equal(document.length, 1);
        assert.equal(document[0].service_request_id, open);
        assertErrors(await get(`${base}/requests/DD-0000000000.json`), 'json', 404);
        assertErrors(await get(`${base}/requests/DD-0000000000.xml`), 'xml', 404);
      });
    });

    describe('privacy', () => {
      it('never shows who asked, how to reach them or what they wrote, and never shows a confidential case', async () => {
        const personal = { first_name: '小明', last_name: '王', phone: '13912345678', email: 'wangxm@example.cn', account_id: 'wx-acct-99' };
        const secretText = '我家隔壁赵大柱天天往沟里倒污水';
        const visible = await submit({ ...personal, service_code: 'sewage', description: secretText, media_url: 'https://photos.example.cn/p/1.jpg' });
        const confidential = await submit({ ...personal, description: '举报村干部侵占低保', attribute: { confidential: 'true', title: '保密事项' } });
        const stored = await t.database.db.selectFrom('appeals').selectAll().where('tracking_code', '=', visible).executeTakeFirstOrThrow();
        assert.equal(stored.contact_name, '王小明');
        assert.match(stored.description, /赵大柱/);
        const bodies: string[] = [];
        for (const format of ['json', 'xml']) {
          for (const query of ['?page_size=1000', `?service_request_id=${visible},${confidential}`, '?status=open&service_code=sewage,garbage&page_size=1000', '?locale=en&page_size=1000']) {
            const response = await get(`${base}/requests.${format}${query}`);
            assert.equal(response.statusCode, 200);
            bodies.push(response.body);
          }
          bodies.push((await get(`${base}/requests/${visible}.${format}`)).body);
        }
        const forbidden = ['王小明', '小明', '13912345678', 'wangxm@example.cn', 'wx-acct-99', '赵大柱', secretText, 'photos.example.cn', '侵占低保', confidential, '保密事项'];
        for (const body of bodies) {
          assert.ok(body.includes(visible), 'the case itself is listed');
          for (const text of forbidden) assert.ok(!body.includes(text), `a GET response shows “${text}”`);
        }
        assertErrors(await get(`${base}/requests/${confidential}.json`), 'json', 404);
      });
    });
  });
}
