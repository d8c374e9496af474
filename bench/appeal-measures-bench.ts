// The appeal measures over a year of the whole province's cases (2,000,000): by city, by county of
// one city, by township, by unit and by point, and the overdue list, timed through the use cases the
// API calls. PostgreSQL on a throwaway database; PGlite in a temporary data folder.
import { loadavg } from 'node:os';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Schema } from '../src/server/db/schema.ts';
import type { Actor } from '../src/server/lib/actor.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { browseOverdueAppeals, computeAppealMeasures, periodRange, shanghaiDate, type MeasuresQuery } from '../src/server/features/appeals/measures.ts';
import { countAppealMeasures } from '../src/server/features/appeals/measures-queries.ts';
import { createThrowawayDatabase, median, tempDir } from './lib.ts';

const province: Actor = { accountId: 1, username: 'admin', displayName: 'bench', role: 'admin', regionCode: '13', unitId: null, cadreId: null };

// The catalogue rows the generator uses when no category exists yet (the lead's seed may add its own).
const benchCategories = [
  ['drinking_water', '饮水安全', 'Drinking-water safety'],
  ['garbage', '垃圾处理', 'Garbage'],
  ['sewage', '污水排放', 'Sewage'],
  ['hardship_relief', '困难救助', 'Hardship relief'],
  ['dispute', '矛盾纠纷', 'Disputes'],
  ['medical', '医疗服务', 'Medical care'],
  ['legal_aid', '法律援助', 'Legal aid'],
  ['village_planning', '村庄规划', 'Village planning'],
  ['policy', '政策咨询', 'Policy questions'],
  ['other', '其他', 'Other'],
];

/**
 * Generates `count` cases created over the 365 days before now, spread over every village of the
 * province, in one INSERT … SELECT from generate_series. Shares (of all cases): 2% merged, 12%
 * answered at intake, 74% dispatched and closed, 12% open in the eight open states (but 92% of
 * those older than 30 days are closed too, so most open cases are recent). Of closed cases
 * 96% got a call-back, 95% of those reached the resident; solved 80% / partly 12% / not 8%; ratings
 * 50 / 25 / 15 / 7 / 3 % from very satisfied to very dissatisfied; 85% of bad ratings rectified and
 * followed up; 6% of dispatched cases returned, 2% of closed reopened, 90% closed on time.
 */
export async function generateAppeals(run: (statement: string) => Promise<unknown>, count: number): Promise<void> {
  await run(
    `INSERT INTO appeal_categories (code, name_zh, name_en, default_urgency, default_level) VALUES ${benchCategories
      .map(([code, zh, en]) => `('${code}', '${zh}', '${en}', 'general', 1)`)
      .join(', ')} ON CONFLICT DO NOTHING`,
  );
  await run(`CREATE TEMP TABLE bench_villages AS
    SELECT (row_number() OVER (ORDER BY r.code))::int AS n, r.code, (SELECT min(p.id) FROM points p WHERE p.region_code = r.code) AS point_id
    FROM regions r WHERE r.level = 5`);
  await run('CREATE UNIQUE INDEX ON bench_villages (n)');
  await run(`CREATE TEMP TABLE bench_units AS
    SELECT substr(region_code, 1, 6) AS county, array_agg(id ORDER BY id) AS ids FROM org_units WHERE length(region_code) >= 6 GROUP BY 1`);
  await run('CREATE UNIQUE INDEX ON bench_units (county)');
  // Index builds after the load are several times faster than index upkeep row by row; the
  // foreign keys are not checked row by row either (the generated rows satisfy them by construction).
  const indexes = (await run(
    `SELECT c.relname AS indexname, pg_get_indexdef(i.indexrelid) AS indexdef FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'appeals'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  )) as { indexname: string; indexdef: string }[];
  for (const index of indexes) await run(`DROP INDEX ${index.indexname}`);
  await run('SELECT setseed(0.42)');
  await run(`SET session_replication_role = replica`);
  await run(`
    INSERT INTO appeals (client_id, tracking_code, channel, category_code, urgency, region_code, point_id, title, description, search_text,
      state, level, handling_unit_id, first_unit_id, due_at, closed_at, closed_on_time, answered_directly, return_count, reopen_count,
      was_rectified, callback_at, callback_contacted, callback_solved, callback_rating, followup_at, followup_solved, followup_rating, created_at, updated_at)
    SELECT md5(i::text)::uuid, 'B' || lpad(i::text, 9, '0'),
      (ARRAY['household_visit','symposium','questionnaire','suggestion_box','hotline','walk_in','proxy_agent','web','open311'])[1 + i % 9],
      c.codes[1 + (i * 31) % cardinality(c.codes)], 'general', v.code, v.point_id,
      '群众反映问题 第' || i || '号',
      '村民反映本村道路、饮水或环境卫生方面存在问题，希望驻村工作队协调有关部门尽快解决，编号' || i,
      '村民反映本村道路、饮水或环境卫生方面存在问题，希望驻村工作队协调有关部门尽快解决，编号' || i,
      f.state, CASE WHEN f.is_dispatched THEN 1 ELSE 0 END,
      CASE WHEN f.is_dispatched THEN CASE WHEN f.u_return < 0.06 THEN u.ids[1 + (i / 7) % cardinality(u.ids)] ELSE u.ids[1 + i % cardinality(u.ids)] END END,
      CASE WHEN f.is_dispatched THEN u.ids[1 + i % cardinality(u.ids)] END,
      CASE WHEN f.state NOT IN ('closed', 'merged') THEN f.created_at + interval '10 days' END,
      CASE WHEN f.state = 'closed' THEN f.closed_at END,
      CASE WHEN f.state = 'closed' THEN f.u_time < 0.9 END,
      f.is_direct,
      CASE WHEN f.is_dispatched AND f.u_return < 0.06 THEN 1 ELSE 0 END,
      CASE WHEN f.state = 'closed' AND f.u_reopen < 0.02 THEN 1 ELSE 0 END,
      f.is_bad AND f.u_rect < 0.85,
      CASE WHEN f.has_callback THEN f.closed_at - interval '1 hour' END,
      CASE WHEN f.has_callback THEN f.is_contacted END,
      CASE WHEN f.is_contacted THEN f.solved END,
      CASE WHEN f.is_contacted THEN f.rating END,
      CASE WHEN f.is_bad AND f.u_rect < 0.85 THEN f.closed_at - interval '10 minutes' END,
      CASE WHEN f.is_bad AND f.u_rect < 0.85 THEN CASE WHEN f.u_time < 0.7 THEN 'yes' ELSE 'partly' END END,
      CASE WHEN f.is_bad AND f.u_rect < 0.85 THEN CASE WHEN f.u_time < 0.6 THEN 'satisfied' WHEN f.u_time < 0.85 THEN 'basically_satisfied' ELSE 'dissatisfied' END END,
      f.created_at, f.created_at
    FROM (
      SELECT s.*,
        s.u_flow >= 0.14 AND s.state <> 'registered' AS is_dispatched,
        s.state = 'closed' AND s.u_callback < 0.96 AS has_callback,
        s.state = 'closed' AND s.u_callback < 0.96 * 0.95 AS is_contacted,
        s.state = 'closed' AND s.u_callback < 0.96 * 0.95 AND (s.solved = 'no' OR s.rating IN ('dissatisfied', 'very_dissatisfied')) AS is_bad,
        s.created_at + (1 + s.u_time * 14) * interval '1 day' AS closed_at
      FROM (
        SELECT r.*,
          CASE WHEN r.u_flow < 0.02 THEN 'merged'
            WHEN r.u_flow < 0.88 OR (r.created_at < now() - interval '30 days' AND r.u_late < 0.92) THEN 'closed'
            ELSE (ARRAY['registered','dispatched','returned','accepted','in_progress','replied','reviewed','rectifying'])[1 + floor((r.u_flow - 0.88) / 0.015)::int] END AS state,
          r.u_flow >= 0.02 AND r.u_flow < 0.14 AS is_direct,
          CASE WHEN r.u_solved < 0.8 THEN 'yes' WHEN r.u_solved < 0.92 THEN 'partly' ELSE 'no' END AS solved,
          CASE WHEN r.u_rating < 0.5 THEN 'very_satisfied' WHEN r.u_rating < 0.75 THEN 'satisfied' WHEN r.u_rating < 0.9 THEN 'basically_satisfied'
            WHEN r.u_rating < 0.97 THEN 'dissatisfied' ELSE 'very_dissatisfied' END AS rating
        FROM (
          SELECT i, now() - random() * interval '365 days' AS created_at, 1 + floor(random() * (SELECT count(*) FROM bench_villages))::int AS village,
            random() AS u_flow, random() AS u_callback, random() AS u_solved, random() AS u_rating, random() AS u_rect,
            random() AS u_return, random() AS u_reopen, random() AS u_time, random() AS u_late
          FROM generate_series(1, ${count}) AS i
        ) r
      ) s
    ) f
    JOIN bench_villages v ON v.n = f.village
    LEFT JOIN bench_units u ON u.county = substr(v.code, 1, 6)
    CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM appeal_categories) c
    ORDER BY f.created_at`);
  await run(`SET session_replication_role = origin`);
  // The trigram search index is left out: no measured query uses it, and it takes longest to build.
  for (const index of indexes) if (!index.indexname.includes('trgm')) await run(index.indexdef);
  // The triggers that keep the monthly rollup (migration 0010) were off during the load: count it again.
  await run('TRUNCATE appeal_measure_deltas');
  await run('DELETE FROM appeal_measure_months');
  await run(`INSERT INTO appeal_measure_months (month, county_code, measure_flags, cases)
    SELECT appeal_measure_month(created_at), substr(region_code, 1, 6), measure_flags, count(*)::int FROM appeals GROUP BY 1, 2, 3`);
  await run('VACUUM ANALYZE appeals, appeal_measure_months');
}

const describeShares =
  '2% merged, 12% answered at intake, 74% dispatched and closed, 12% still open — 92% of those older than 30 days closed instead; 96% of closed cases called back, ratings 50/25/15/7/3%, 85% of bad ratings rectified';

interface Scenario {
  name: string;
  run: (database: Database) => Promise<{ cases: number; groups: number }>;
}

function scenarios(): Scenario[] {
  const to = shanghaiDate(new Date());
  const from = shanghaiDate(new Date(Date.now() - 365 * 86400_000));
  const measures = (query: MeasuresQuery) => async (database: Database) => {
    const answer = await computeAppealMeasures({ db: database.db, actor: province, query });
    return { cases: answer.cases, groups: answer.groups.length };
  };
  const overdue = (regionCode: string) => async (database: Database) => {
    const answer = await browseOverdueAppeals({ db: database.db, actor: province, query: { regionCode, page: 1, pageSize: 20 } });
    return { cases: answer.total, groups: answer.items.length };
  };
  return [
    { name: '**province by city, one year** (the target)', run: measures({ regionCode: '13', from, to, groupBy: 'region' }) },
    { name: 'city (沧州) by county, one year', run: measures({ regionCode: '1309', from, to, groupBy: 'region' }) },
    { name: 'county (海兴县) by township, one year', run: measures({ regionCode: '130924', from, to, groupBy: 'region' }) },
    { name: 'province by city, last month', run: measures({ regionCode: '13', from: shanghaiDate(new Date(Date.now() - 30 * 86400_000)), to, groupBy: 'region' }) },
    { name: 'province by handling unit, one year', run: measures({ regionCode: '13', from, to, groupBy: 'unit' }) },
    { name: 'city (沧州) by point, one year', run: measures({ regionCode: '1309', from, to, groupBy: 'point' }) },
    {
      // The same query read from the cases' index alone, as without migration 0010's monthly rollup.
      name: 'province by city, one year, **without** the monthly rollup (migration 0010: from the index of the cases)',
      run: async (database: Database) => {
        const { start, end } = periodRange(from, to);
        const rows = await countAppealMeasures(database.db, { regionCode: '13', start, end }, { kind: 'region', codeLength: 4 }, { useRollup: false });
        return { cases: rows.reduce((sum, row) => sum + row.counts.cases, 0), groups: rows.length };
      },
    },
    { name: 'overdue list, province, page 1 with total', run: overdue('13') },
    { name: 'overdue list, county, page 1 with total', run: overdue('130924') },
  ];
}

// The same counts straight from the table's columns, as they would be without migration 0007.
const withoutMeasureIndex = `
  SELECT substr(region_code, 1, 4) AS key, count(*),
    count(*) FILTER (WHERE callback_at IS NOT NULL), count(*) FILTER (WHERE callback_at IS NOT NULL AND callback_contacted),
    count(*) FILTER (WHERE callback_at IS NOT NULL AND callback_solved = 'yes'), count(*) FILTER (WHERE callback_at IS NOT NULL AND callback_solved = 'partly'),
    count(*) FILTER (WHERE coalesce(followup_rating, callback_rating) IS NOT NULL),
    count(*) FILTER (WHERE coalesce(followup_rating, callback_rating) IN ('very_satisfied', 'satisfied', 'basically_satisfied')),
    count(*) FILTER (WHERE state = 'closed'), count(*) FILTER (WHERE state = 'closed' AND closed_on_time),
    count(*) FILTER (WHERE state = 'closed' OR reopen_count > 0), count(*) FILTER (WHERE reopen_count > 0),
    count(*) FILTER (WHERE first_unit_id IS NOT NULL), count(*) FILTER (WHERE first_unit_id IS NOT NULL AND return_count > 0),
    count(*) FILTER (WHERE answered_directly),
    count(*) FILTER (WHERE callback_rating IN ('dissatisfied', 'very_dissatisfied') OR callback_solved = 'no'),
    count(*) FILTER (WHERE (callback_rating IN ('dissatisfied', 'very_dissatisfied') OR callback_solved = 'no') AND was_rectified AND followup_at IS NOT NULL)
  FROM appeals
  WHERE created_at >= now() - interval '365 days' AND region_code LIKE '13%' AND state <> 'merged'
  GROUP BY 1`;

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: the first run reads the index from disk
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

async function measureBackend(database: Database, runs: number, label: string): Promise<string[]> {
  const rows: string[] = [];
  for (const scenario of scenarios()) {
    let result = { cases: 0, groups: 0 };
    const times = await timeRuns(runs, async () => (result = await scenario.run(database)));
    rows.push(`| ${label} | ${scenario.name} | ${result.cases.toLocaleString('en-US')} | ${result.groups.toLocaleString('en-US')} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} |`);
    console.log(rows.at(-1));
  }
  const baseline = await timeRuns(Math.min(runs, 3), () => sql.raw(withoutMeasureIndex).execute(database.db));
  rows.push(`| ${label} | province by city, one year, **without** migration 0007 (conditional counts over the table) | – | 11 | ${median(baseline).toFixed(0)} | ${Math.min(...baseline).toFixed(0)}–${Math.max(...baseline).toFixed(0)} |`);
  console.log(rows.at(-1));
  return rows;
}

async function describeData(database: Database) {
  const { rows } = await sql<{ cases: number; table: string; measure_index: string; open_overdue: number }>`
    SELECT count(*)::int AS cases, pg_size_pretty(pg_table_size('appeals')) AS table,
      pg_size_pretty(pg_relation_size('appeals_measures_idx')) AS measure_index,
      (SELECT count(*)::int FROM appeals WHERE state NOT IN ('closed', 'merged') AND due_at < now()) AS open_overdue
    FROM appeals`.execute(database.db);
  return rows[0];
}

/** CPU milliseconds the PostgreSQL backend spends on the province-by-city query without parallel workers (null when the server is not local). */
async function serverCpuOfProvinceQuery(url: string): Promise<number | null> {
  // One connection, so the session setting and the backend's process id hold for every run.
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const { pid } = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0];
    const statFile = `/proc/${pid}/stat`;
    if (!existsSync(statFile)) return null;
    // utime + stime, in clock ticks of 10 ms (fields 14 and 15 of /proc/PID/stat).
    const cpuMs = () => {
      const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    await sql`SET max_parallel_workers_per_gather = 0`.execute(db);
    const { start, end } = periodRange(shanghaiDate(new Date(Date.now() - 365 * 86400_000)), shanghaiDate(new Date()));
    const query = () => countAppealMeasures(db, { regionCode: '13', start, end }, { kind: 'region', codeLength: 4 });
    await query();
    const samples: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = cpuMs();
      await query();
      samples.push(cpuMs() - before);
    }
    return median(samples);
  } finally {
    await db.destroy();
  }
}

/** Runs the appeal measures benchmark on PostgreSQL and PGlite; returns markdown. */
export async function runAppealMeasuresBench(): Promise<string> {
  const runs = Number(process.env.APPEAL_BENCH_RUNS ?? 7);
  const postgresRows = Number(process.env.APPEAL_BENCH_ROWS ?? 2_000_000);
  const pgliteRows = Number(process.env.APPEAL_BENCH_PGLITE_ROWS ?? postgresRows);
  const table = ['| backend | query | cases | groups / items | median ms | range ms |', '| --- | --- | ---: | ---: | ---: | ---: |'];
  const notes: string[] = [];
  const loadAtStart = loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

  const throwaway = await createThrowawayDatabase('dundian_bench_appeals');
  try {
    const database = await openDatabase({ databaseUrl: throwaway.url });
    await prepareDatabase(database, { seed: 'full', withDemoPlan: false });
    // Temporary tables and session settings of the generator need one session.
    const client = new pg.Client({ connectionString: throwaway.url });
    await client.connect();
    const started = Date.now();
    await generateAppeals(async (statement) => (await client.query(statement)).rows, postgresRows);
    const settings = (await client.query<{ name: string; setting: string }>(
      "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'max_parallel_workers_per_gather', 'shared_buffers', 'work_mem') ORDER BY name DESC",
    )).rows;
    await client.end();
    const data = await describeData(database);
    notes.push(
      `PostgreSQL: ${data.cases.toLocaleString('en-US')} cases generated and indexed in ${((Date.now() - started) / 1000).toFixed(0)} s; table ${data.table}, measure index ${data.measure_index}; ${data.open_overdue.toLocaleString('en-US')} open cases overdue. Settings: ${settings.map((row) => `${row.name} ${row.setting.split(' ')[0]}`).join(', ')}.`,
    );
    table.push(...(await measureBackend(database, runs, 'PostgreSQL')));
    await database.close();
    const cpu = await serverCpuOfProvinceQuery(throwaway.url);
    if (cpu !== null)
      notes.push(
        `Server CPU time of the target query in one process (no parallel workers; read from /proc, so independent of the other work on the machine): median ${cpu.toFixed(0)} ms. With the 2 parallel workers it is shared by 3 processes: on 2 idle cores the wall time would be about half of it (not measured: the cores were never idle).`,
      );
  } finally {
    await throwaway.drop();
  }

  const dataDir = tempDir('dundian-appeal-bench');
  try {
    const database = await openDatabase({ dataDir: `${dataDir}/pglite` });
    await prepareDatabase(database, { seed: 'full', withDemoPlan: false });
    const started = Date.now();
    await generateAppeals(async (statement) => (await sql.raw(statement).execute(database.db)).rows, pgliteRows);
    const data = await describeData(database);
    notes.push(
      `PGlite: ${data.cases.toLocaleString('en-US')} cases generated and indexed in ${((Date.now() - started) / 1000).toFixed(0)} s; table ${data.table}, measure index ${data.measure_index}. One connection, no parallel workers.`,
    );
    table.push(...(await measureBackend(database, runs, 'PGlite')));
    await database.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  return [
    `A year of appeals over every village of the province (54,145 village codes; the full demo's units and points), generated in SQL (\`generateAppeals\`: ${describeShares}), then each query through the use case the API calls (\`computeAppealMeasures\`, \`browseOverdueAppeals\`: SQL, group names, formulas), signed in as the province. One warm-up, then the median of ${runs} runs. Target: the province by city in under 1 s on PostgreSQL. How the query reaches it: docs/appeal-measures.md ("Performance").`,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    ...table,
    '',
    `Load average (1 / 5 / 15 min) on these 2 cores when the bench started: ${loadAtStart}; when it ended: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ')} (other work shares this machine; the wall times include waiting for it).`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runAppealMeasuresBench());
