// The province at full size on PostgreSQL: 65,000 points and 150,000 cadres imported through the
// API, then re-imported unchanged. Runs when DATABASE_URL is set and FULL_SIZE_TESTS is not 0.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { countAll, upload } from '../fixtures/roster-import-setup.ts';
import { hebeiCodes, unitCodes, writeCadresSheet, writePointsSheet, writeUnitsSheet } from '../fixtures/large-sheets.ts';

const isEnabled = Boolean(process.env.DATABASE_URL) && process.env.FULL_SIZE_TESTS !== '0';
const cadres = 150_000;
const points = 65_000;

describe('roster imports at province size on postgres', { skip: isEnabled ? false : 'needs DATABASE_URL (and FULL_SIZE_TESTS not 0)' }, () => {
  let t: TestApp;
  let admin: string;
  const files = { units: join(tmpdir(), `full-units-${process.pid}.xlsx`), points: join(tmpdir(), `full-points-${process.pid}.xlsx`), cadres: join(tmpdir(), `full-cadres-${process.pid}.xlsx`) };
  before(async () => {
    t = await createTestApp('postgres', { seed: 'small' });
    admin = await t.login('admin');
    const { counties, villages } = await hebeiCodes();
    await writeUnitsSheet(files.units, counties);
    await writePointsSheet(files.points, villages, points);
    await writeCadresSheet(files.cadres, unitCodes(counties), villages, cadres, points);
  });
  after(async () => {
    await t?.close();
    await Promise.all(Object.values(files).map((path) => rm(path, { force: true })));
  });

  it('imports 65,000 points and 150,000 cadres with their postings, then finds them all unchanged', { timeout: 300_000 }, async () => {
    const before = await countAll(t);
    for (const kind of ['units', 'points', 'cadres'] as const) {
      const started = Date.now();
      const response = await upload(t, admin, kind, `${kind}.xlsx`, await readFile(files[kind]), 'dryRun=false');
      assert.equal(response.statusCode, 200, response.body.slice(0, 500));
      assert.deepEqual(response.json().errors, []);
      console.log(`# ${kind}: ${response.json().new} new in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const now = await countAll(t);
    assert.equal(now.points - before.points, points);
    assert.equal(now.cadres - before.cadres, cadres);
    assert.equal(now.postings - before.postings, cadres / 20);
    const again = (await upload(t, admin, 'cadres', 'cadres.xlsx', await readFile(files.cadres), 'dryRun=true')).json();
    assert.deepEqual({ unchanged: again.unchanged, new: again.new, updated: again.updated }, { unchanged: cadres, new: 0, updated: 0 });
  });
});
