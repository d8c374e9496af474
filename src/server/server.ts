// Starts dundian: opens the database, listens at once (health answers 503 while starting),
// prepares the data, then prints the address to open.
import { buildApp, type Readiness } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './startup.ts';
import { startJobRunner } from './features/jobs/job-runner.ts';
import { jobHandlers } from './features/jobs/handlers.ts';
import { closePlanSessions } from './features/matching/plan-sessions.ts';
import { sweepOverdueAppeals } from './features/appeals/sweep-overdue.ts';
import { foldAppealMeasureDeltas } from './features/appeals/measures-queries.ts';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
const readiness: Readiness = { isReady: false, phase: 'starting' };
const app = await buildApp({ config, database, readiness, logger: { level: config.logLevel } });

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: shutting down`);
  await app.jobs?.stop();
  await closePlanSessions();
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
// A server started by a test run goes away with it, even when the run is killed outright.
const parentPid = Number(process.env.DUNDIAN_PARENT_PID ?? 0);
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      void shutdown('parent gone');
    }
  }, 2000).unref();
}

await app.listen({ port: config.port, host: config.host });
const port = (app.server.address() as { port: number }).port;
let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  prepared = await prepareDatabase(database, { seed: config.seed, readiness, log: (message) => app.log.info(message), demoPlanInBackground: config.seed === 'full' });
} catch (error) {
  app.log.fatal({ err: error }, 'could not prepare the database');
  await app.close();
  await database.close();
  process.exit(1);
}
app.jobs = await startJobRunner({ database, handlers: jobHandlers, log: (message, error) => (error ? app.log.error({ err: error }, message) : app.log.info(message)) });
// The overdue rules (supervise, then escalate) run every minute.
setInterval(() => {
  sweepOverdueAppeals({ db: database.db })
    .then(({ supervised, escalated }) => {
      if (supervised + escalated > 0) app.log.info(`overdue appeals: ${supervised} supervised, ${escalated} escalated`);
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'the overdue sweep failed'));
}, 60_000).unref();
// The measure deltas the appeals' triggers log go into the monthly rollup (migration 0010); queries
// read the unfolded ones too, so this only keeps that log short.
setInterval(() => {
  foldAppealMeasureDeltas(database.db).catch((error: unknown) => app.log.error({ err: error }, 'folding the appeal measure deltas failed'));
}, 10_000).unref();
prepared.demoPlan.catch((error: unknown) => app.log.error({ err: error }, 'the demo plan failed'));
const address = `http://localhost:${port}/`;
console.log(`\n  dundian 蹲点 is ready: open ${address}  (${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})\n  demo logins: admin / office / office-130924 … password dundian-demo\n`);
