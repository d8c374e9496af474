// What must happen before the app serves: migrations, geography, demo seed. Shared by the
// server, the seed command and the tests so that all of them start the same way.
import type { Readiness } from './app.ts';
import type { Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadDivisionsIfEmpty } from './features/regions/load-divisions.ts';
import { seedDemoProvince, vacuumSeededTables, type SeedSize } from './seed/seed-demo-province.ts';
import { publishDemoPlan } from './features/matching/publish-demo-plan.ts';
import { seedDemoAppeals } from './seed/demo-appeals.ts';
import { foldAppealMeasureDeltas } from './features/appeals/measures-queries.ts';
import { seedDemoHouseholds } from './seed/demo-households.ts';
import { seedDemoQuestionnaires } from './seed/demo-questionnaires.ts';
import { ensureDemoOpen311Client } from './features/open311/api-keys.ts';
import { locateDemoPoints } from './features/open311/locate-demo-points.ts';

/** Migrates, loads the geography and seeds the demo data, updating `readiness` as it goes. */
export async function prepareDatabase(
  database: Database,
  options: {
    seed: SeedSize;
    readiness?: Readiness;
    log?: (message: string) => void;
    /** false: no demo plan (tests that make their own). */
    withDemoPlan?: boolean;
    /** Solve the demo plan after the server reports ready (the full province takes a minute or two). */
    demoPlanInBackground?: boolean;
  },
) {
  const readiness = options.readiness ?? { isReady: false, phase: 'starting' };
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  readiness.phase = 'migrating';
  const applied = await migrateDatabase(database);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  readiness.phase = 'loading geography';
  const regions = await loadDivisionsIfEmpty(database);
  if (regions) log(`geography loaded: ${regions} regions`);
  readiness.phase = 'seeding';
  const seeded = await seedDemoProvince(database, {
    size: options.seed,
    onProgress: (phase) => {
      readiness.phase = `seeding: ${phase}`;
      log(`seed: ${phase}`);
    },
  });
  if (options.seed !== 'none') {
    readiness.phase = 'seeding: appeals';
    const appeals = await seedDemoAppeals(database, { regionCode: '1309', focusCode: '130924', count: options.seed === 'full' ? 4000 : 2000 });
    if (appeals) log(`seed: ${appeals} demo appeals`);
    await foldAppealMeasureDeltas(database.db);
    const households = await seedDemoHouseholds(database);
    if (households) log(`seed: ${households} demo households in 海兴县`);
    const responses = await seedDemoQuestionnaires(database);
    if (responses) log(`seed: a demo questionnaire with ${responses} responses in 海兴县`);
    const located = await locateDemoPoints(database.db);
    if (located) log(`seed: ${located} points of 海兴县 located for Open311`);
    if (seeded.seeded) await vacuumSeededTables(database);
  }
  // The published demo key of the Open311 endpoint (docs/open311.md); OPEN311_DEMO_KEY=off leaves it out.
  if (process.env.OPEN311_DEMO_KEY !== 'off') await ensureDemoOpen311Client(database.db);
  // Idempotent: finishes a demo plan an earlier start left unfinished, does nothing once one is published.
  let demoPlan: Promise<number | null> = Promise.resolve(null);
  if (options.seed !== 'none' && options.withDemoPlan !== false) {
    const planStarted = Date.now();
    const run = async () => {
      const planId = await publishDemoPlan(database, options.seed === 'full' ? '13' : '1309');
      if (planId) log(`demo plan ${planId} published in ${((Date.now() - planStarted) / 1000).toFixed(1)} s`);
      return planId;
    };
    if (options.demoPlanInBackground) demoPlan = Promise.resolve().then(run);
    else {
      readiness.phase = 'publishing the demo plan';
      demoPlan = Promise.resolve(await run());
    }
  }
  readiness.phase = 'ready';
  readiness.isReady = true;
  log(`database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { applied, regions, seeded, demoPlan };
}
