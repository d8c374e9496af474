import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Household } from './field-api.ts';
import { fileResult, mergeHouseholds, progressStart, toSyncRecord } from './outbox-rules.ts';
import type { OutboxRecord } from './store.ts';

const at = '2026-11-30T08:00:00.000Z';

function pendingRecord(changes: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    localId: 1,
    clientId: '6f1c2a8e-2f3b-4c5d-8e9f-0a1b2c3d4e5f',
    kind: 'visit',
    payload: { householdClientId: 'h-1', visitedOn: '2026-11-30', visitors: '王婷琳', outcome: 'refused', needs: [] },
    accountId: 6,
    pointId: 7,
    summary: '走访',
    createdAt: at,
    state: 'pending',
    attempts: 1,
    ...changes,
  };
}

function household(changes: Partial<Household> = {}): Household {
  return {
    id: 1,
    clientId: 'h-1',
    pointId: 7,
    kind: 'household',
    headName: '常一',
    address: '王家庄村1街71号',
    phone: null,
    isPhoneMasked: false,
    members: 2,
    flags: [],
    note: null,
    visitCycleDays: 30,
    nextVisitOn: '2026-11-30',
    isDue: true,
    lastVisit: null,
    visitCount: 0,
    version: 3,
    updatedAt: at,
    ...changes,
  };
}

describe('filing a sync answer on an outbox record', () => {
  test('created, duplicate and updated all mean the server has the record: it is synced', () => {
    for (const status of ['created', 'duplicate', 'updated'] as const) {
      const filed = fileResult(pendingRecord(), { clientId: pendingRecord().clientId, status, id: 9 }, at);
      assert.equal(filed.state, 'synced');
      assert.equal(filed.syncedAt, at);
      assert.equal(filed.result?.id, 9);
    }
  });

  test('a conflict waits for the cadre, keeping the server copy it came with', () => {
    const filed = fileResult(pendingRecord(), { clientId: 'x', status: 'conflict', server: { version: 4, note: '另一台手机' } }, at);
    assert.equal(filed.state, 'conflict');
    assert.deepEqual(filed.result?.server, { version: 4, note: '另一台手机' });
  });

  test('a refusal for a reason in the record waits to be fixed; a refusal that says "later" stays pending', () => {
    const refused = fileResult(pendingRecord(), { clientId: 'x', status: 'rejected', error: { code: 'VALIDATION', message: 'outcome：必填', messageEn: 'outcome: required' } }, at);
    assert.equal(refused.state, 'rejected');
    for (const code of ['INTERNAL', 'CONFLICT', 'NOT_READY']) {
      const later = fileResult(pendingRecord(), { clientId: 'x', status: 'rejected', error: { code, message: '稍后', messageEn: 'later' } }, at);
      assert.equal(later.state, 'pending');
      assert.equal(later.result?.error?.code, code);
    }
  });

  test('no answer (the batch failed on the way) leaves the record exactly as it was, to be sent again', () => {
    const record = pendingRecord();
    assert.equal(fileResult(record, undefined, at), record);
  });
});

describe('a record on the wire', () => {
  test('carries its own client id, and the base version only for an edit', () => {
    assert.deepEqual(Object.keys(toSyncRecord(pendingRecord())), ['clientId', 'kind', 'payload']);
    assert.deepEqual(toSyncRecord(pendingRecord({ kind: 'household', baseVersion: 3 })).baseVersion, 3);
    assert.equal(toSyncRecord(pendingRecord()).clientId, pendingRecord().clientId);
  });
});

describe('households with unsent work laid over them', () => {
  test('a pending visit marks its household and shows as the latest visit', () => {
    const [row] = mergeHouseholds(7, [household({ lastVisit: { visitedOn: '2026-10-19', outcome: 'received' } })], [pendingRecord()]);
    assert.equal(row.pendingVisits, 1);
    assert.deepEqual(row.lastVisit, { visitedOn: '2026-11-30', outcome: 'refused' });
  });

  test('a household added on the phone is listed as local; an edit shows the phone\'s values as pending', () => {
    const added = pendingRecord({ kind: 'household', clientId: 'h-new', payload: { pointId: 7, headName: '李四', members: 3, flags: ['empty_nest'] } });
    const edited = pendingRecord({ localId: 2, kind: 'household', clientId: 'h-1', baseVersion: 3, payload: { pointId: 7, headName: '常一', members: 4, flags: [] } });
    const rows = mergeHouseholds(7, [household()], [added, edited]);
    assert.deepEqual(
      rows.map((row) => [row.clientId, row.members, row.isLocal, row.hasPendingEdit]),
      [
        ['h-1', 4, false, true],
        ['h-new', 3, true, false],
      ],
    );
  });

  test('synced records and other points leave the server\'s list alone', () => {
    const rows = mergeHouseholds(7, [household()], [pendingRecord({ state: 'synced' }), pendingRecord({ pointId: 8 })]);
    assert.equal(rows[0].pendingVisits, 0);
  });
});

describe('where a task\'s progress stands on the phone', () => {
  const decision = { clientId: 'd-1', progress: 20, version: 3 };
  const progressRecord = (changes: Partial<OutboxRecord>) => pendingRecord({ clientId: 'd-1', kind: 'decision', payload: { progress: 50 }, baseVersion: 3, ...changes });
  const never = () => false;

  test('is the server\'s copy when the phone holds nothing for it', () => {
    assert.deepEqual(progressStart(decision, [pendingRecord()], never), { progress: 20, isPending: false, baseVersion: 3 });
  });

  test('shows an unsent change as pending, and a new change edits that record rather than queueing another', () => {
    const unsent = progressRecord({ localId: 4 });
    assert.deepEqual(progressStart(decision, [unsent], never), { progress: 50, isPending: true, baseVersion: 3, replaces: unsent });
    // On the wire it may not be edited: the next change goes into a record of its own.
    assert.equal(progressStart(decision, [unsent], (localId) => localId === 4).replaces, undefined);
  });

  test('moves the version on after a synced change the server copy does not show yet', () => {
    const synced = progressRecord({ state: 'synced', result: { clientId: 'd-1', status: 'updated', id: 9, version: 4 } });
    assert.deepEqual(progressStart(decision, [synced], never), { progress: 50, isPending: false, baseVersion: 4 });
    // Once the server copy has caught up (or moved past it), the server's copy wins.
    assert.deepEqual(progressStart({ ...decision, progress: 70, version: 5 }, [synced], never), { progress: 70, isPending: false, baseVersion: 5 });
  });

  test('takes the server\'s version for a change in conflict, so "mine" is sent again from it', () => {
    const conflict = progressRecord({ state: 'conflict', result: { clientId: 'd-1', status: 'conflict', server: { progress: 80, version: 6 } } });
    const start = progressStart(decision, [conflict], never);
    assert.equal(start.baseVersion, 6);
    assert.equal(start.progress, 50);
  });
});
