// `npm run seed`: opens the database the server would open (DATABASE_URL, else PGlite in DATA_DIR),
// migrates, loads the geography and seeds at SEED size (default full), then prints counts and time.
// Like the server it then publishes the demo plan; DEMO_PLAN=false skips that (the seed benchmark).
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../startup.ts';

const config = readConfig();
const started = Date.now();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
try {
  const withDemoPlan = process.env.DEMO_PLAN !== 'false';
  const result = await prepareDatabase(database, { seed: config.seed, withDemoPlan, log: (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`) });
  const { seeded } = result;
  if (seeded.seeded) {
    console.log(`seeded (${config.seed}):`);
    for (const [table, count] of Object.entries(seeded.counts)) console.log(`  ${table.padEnd(15)} ${count.toLocaleString('en-US')}`);
  } else {
    console.log(`nothing seeded: ${seeded.skipped}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await database.close();
}
