// Pure parts of Open311: status mapping, attributes, client ids, dates, the XML documents, the
// request window, distances, address matching and the demo coordinates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { appealStates } from '../appeals/workflow.ts';
import { buildRegionIndex } from '../roster-files/region-index.ts';
import { requestWindow } from './browse-service-requests.ts';
import { renderDocument, renderErrors } from './georeport-documents.ts';
import { contactNameOf, open311ClientId, open311StatusOf, readAttributes, statesWithStatus, statusNotes, w3cDateTime } from './georeport-mapping.ts';
import { demoCoordinates } from './locate-demo-points.ts';
import { boundingBox, haversineKm, nearestPoint, resolveAddress } from './locate-request.ts';

describe('Open311 status', () => {
  it('maps every workflow state, and only closed and merged cases are closed', () => {
    assert.deepEqual(Object.keys(open311StatusOf).sort(), [...appealStates].sort());
    assert.deepEqual(statesWithStatus(['closed']).sort(), ['closed', 'merged']);
    assert.equal(statesWithStatus(['open', 'closed']).length, appealStates.length);
  });

  it('words the state in status_notes, in Chinese or English', () => {
    const facts = { answeredDirectly: false, isSupervised: true, mergedIntoCode: null };
    assert.equal(statusNotes('in_progress', facts, 'zh'), '正在办理（已督办）');
    assert.equal(statusNotes('in_progress', facts, 'en'), 'In progress (under supervision)');
    assert.equal(statusNotes('closed', { ...facts, answeredDirectly: true }, 'zh'), '已当场答复办结');
    assert.equal(statusNotes('merged', { ...facts, mergedIntoCode: 'DD-1234567890' }, 'zh'), '已与同类诉求合并办理（见 DD-1234567890）');
  });
});

describe('POST fields', () => {
  it('reads attributes from form keys and from a JSON object, refusing unknown codes and values', () => {
    assert.deepEqual(readAttributes({ 'attribute[title]': ' 路灯坏了 ', 'attribute[anonymous]': 'true' }), { values: { title: '路灯坏了', isAnonymous: true, isConfidential: false } });
    assert.deepEqual(readAttributes({ attribute: { confidential: 'true' } }), { values: { isAnonymous: false, isConfidential: true } });
    const refused = readAttributes({ 'attribute[colour]': 'red', 'attribute[anonymous]': 'yes', 'attribute[title]': 'x'.repeat(81) });
    assert.ok('issues' in refused);
    assert.deepEqual(refused.issues.map((issue) => issue.field).sort(), ['attribute[anonymous]', 'attribute[colour]', 'attribute[title]']);
  });

  it('puts a Chinese name family name first and a Latin one first name first', () => {
    assert.equal(contactNameOf('三', '张'), '张三');
    assert.equal(contactNameOf('Ada', 'Lovelace'), 'Ada Lovelace');
    assert.equal(contactNameOf(undefined, ' '), undefined);
  });

  it('derives the same UUID for the same client, device and token, and a random one without a token', () => {
    const random = () => 'random';
    const id = open311ClientId(1, 'phone', 'token', random);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(open311ClientId(1, 'phone', 'token', random), id);
    assert.notEqual(open311ClientId(2, 'phone', 'token', random), id);
    assert.notEqual(open311ClientId(1, 'other', 'token', random), id);
    assert.equal(open311ClientId(1, 'phone', undefined, random), 'random');
  });

  it('writes W3C date-times in China Standard Time', () => {
    assert.equal(w3cDateTime(new Date('2024-05-01T16:30:15.123Z')), '2024-05-02T00:30:15+08:00');
    assert.equal(w3cDateTime(null), null);
  });
});

describe('documents', () => {
  const parser = new XMLParser({ isArray: (name) => ['error', 'request', 'attribute', 'value'].includes(name), parseTagValue: false });

  it('renders a list with the spec element names and escapes text', () => {
    const body = renderDocument('xml', [{ service_request_id: 'DD-1', description: '<b>&"\'', lat: null }], 'service_requests', 'request');
    assert.ok(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    assert.ok(body.includes('&lt;b&gt;&amp;'));
    assert.deepEqual(parser.parse(body).service_requests.request, [{ service_request_id: 'DD-1', description: '<b>&"\'', lat: '' }]);
    assert.equal(parser.parse(renderDocument('xml', [], 'service_requests', 'request')).service_requests, '');
  });

  it('nests lists inside a document under their singular element names', () => {
    const body = renderDocument('xml', { service_code: 'x', attributes: [{ code: 'a', required: false, values: [{ key: 'true', name: '是' }] }] }, 'service_definition');
    const parsed = parser.parse(body).service_definition;
    assert.equal(parsed.attributes.attribute[0].required, 'false');
    assert.equal(parsed.attributes.attribute[0].values.value[0].name, '是');
  });

  it('renders errors as a list of code and description in both formats', () => {
    const errors = [{ code: 400, description: 'service_code: required' }];
    assert.deepEqual(JSON.parse(renderErrors('json', errors)), errors);
    assert.deepEqual(parser.parse(renderErrors('xml', errors)).errors.error, [{ code: '400', description: 'service_code: required' }]);
  });
});

describe('the request window', () => {
  const now = new Date('2024-06-30T12:00:00Z');
  const day = 86400_000;

  it('defaults to the last 90 days, and one given end puts the other 90 days away', () => {
    assert.deepEqual(requestWindow(undefined, undefined, now), { from: new Date(now.getTime() - 90 * day) });
    const start = requestWindow('2024-01-01T00:00:00Z', undefined, now);
    assert.equal(start.to!.getTime() - start.from.getTime(), 90 * day);
    const end = requestWindow(undefined, '2024-03-01T00:00:00Z', now);
    assert.equal(end.to!.getTime() - end.from.getTime(), 90 * day);
  });

  it('reads a bare date in China Standard Time, an end date covering its whole day', () => {
    const window = requestWindow('2024-05-01', '2024-05-01', now);
    assert.equal(window.from.toISOString(), '2024-04-30T16:00:00.000Z');
    assert.equal(window.to!.toISOString(), '2024-05-01T15:59:59.999Z');
  });

  it('refuses a window that runs backwards or spans more than 90 days', () => {
    assert.throws(() => requestWindow('2024-05-02', '2024-05-01', now), /start_date/);
    assert.throws(() => requestWindow('2024-01-01', '2024-05-01', now), /end_date/);
  });
});

describe('locations', () => {
  it('measures great-circle distances and boxes that hold them', () => {
    const haixing = { latitude: 38.14, longitude: 117.5 };
    // One degree of latitude is about 111 km.
    assert.ok(Math.abs(haversineKm(haixing, { latitude: 39.14, longitude: 117.5 }) - 111.2) < 0.5);
    const box = boundingBox(haixing, 5);
    const corner = { latitude: box.maxLatitude, longitude: haixing.longitude };
    assert.ok(Math.abs(haversineKm(haixing, corner) - 5) < 0.01);
    assert.ok(Math.abs(haversineKm(haixing, { latitude: haixing.latitude, longitude: box.maxLongitude }) - 5) < 0.05);
  });

  it('picks the nearest point within the limit', () => {
    const points = [
      { id: 1, latitude: 38.2, longitude: 117.5 },
      { id: 2, latitude: 38.141, longitude: 117.5 },
      { id: 3, latitude: null, longitude: null },
    ];
    assert.equal(nearestPoint({ latitude: 38.14, longitude: 117.5 }, points, 5)?.id, 2);
    assert.equal(nearestPoint({ latitude: 30, longitude: 117.5 }, points, 5), null);
  });

  it('resolves the longest leading part of an address that names a place', () => {
    const index = buildRegionIndex([
      { code: '13', parent_code: null, name: '河北省', short_name: '河北' },
      { code: '1309', parent_code: '13', name: '沧州市', short_name: '沧州' },
      { code: '130924', parent_code: '1309', name: '海兴县', short_name: '海兴' },
      { code: '130924100', parent_code: '130924', name: '苏基镇', short_name: '苏基' },
      { code: '130924100201', parent_code: '130924100', name: '姜庄村民委员会', short_name: '姜庄村' },
    ]);
    assert.deepEqual(resolveAddress(index, '海兴县苏基镇姜庄村', '13'), { value: '130924100201' });
    assert.deepEqual(resolveAddress(index, '河北省沧州市海兴县苏基镇姜庄村 东头小卖部', '13'), { value: '130924100201' });
    assert.deepEqual(resolveAddress(index, '海兴县苏基镇人民路', '13'), { value: '130924100' });
    assert.ok('problem' in resolveAddress(index, '火星基地', '13'));
    assert.match(JSON.stringify(resolveAddress(index, '姜庄村', '1301')), /outside/);
  });

  it('places the demo points of a county deterministically, near 38.14°N 117.50°E', () => {
    const points = [
      { id: 1, region_code: '130924100201' },
      { id: 2, region_code: '130924100201' },
      { id: 3, region_code: '130924101202' },
      { id: 4, region_code: '130924101' },
    ];
    const located = demoCoordinates(points);
    assert.deepEqual(demoCoordinates(points), located);
    for (const point of located) {
      assert.ok(Math.abs(point.latitude - 38.14) < 0.3 && Math.abs(point.longitude - 117.5) < 0.3, JSON.stringify(point));
    }
    assert.notDeepEqual([located[0].latitude, located[0].longitude], [located[1].latitude, located[1].longitude]);
  });
});
