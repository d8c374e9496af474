// Appeal intake through the authenticated staff API on PostgreSQL, sustained: POST /api/appeals
// from N keep-alive connections in closed loops for 60 s, against pgbench writing the same three
// rows (case, register event, audit entry) in one transaction, on the same database in the same run.
// Knobs (environment): APPEAL_BENCH_SECONDS (60), APPEAL_BENCH_PGBENCH_SECONDS (30),
// APPEAL_BENCH_CLIENTS (16), APPEAL_BENCH_ROUNDS (3), DB_POOL_SIZE, LOG_LEVEL and SESSION_CACHE_MS of
// the server (the production defaults, 10, info and 5000), PGBENCH (the pgbench binary).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { normalizeText } from '../src/server/lib/chinese-text.ts';
import { createThrowawayDatabase, loginOverHttp, median, percentile, startServer, tempDir } from './lib.ts';

const seconds = Number(process.env.APPEAL_BENCH_SECONDS ?? 60);
const pgbenchSeconds = Number(process.env.APPEAL_BENCH_PGBENCH_SECONDS ?? 30);
const clients = Number(process.env.APPEAL_BENCH_CLIENTS ?? 16);
const rounds = Number(process.env.APPEAL_BENCH_ROUNDS ?? 3);
const serverEnv = { DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', SESSION_CACHE_MS: process.env.SESSION_CACHE_MS ?? '5000' };
const target = { casesPerSecond: 1000, p99Ms: 100 };

const problems = [
  '村东头垃圾池好几天没人清运，气味很大',
  '路口的垃圾桶满了没人倒，野狗翻得到处都是',
  '河沟边堆了建筑垃圾，雨天冲进沟里',
  '村里的保洁员这个月没来，街道上塑料袋很多',
  '垃圾转运车半夜作业噪音太大，影响休息',
  '小学门口有人乱倒生活垃圾，孩子上学要绕行',
  '秸秆和垃圾混在一起焚烧，烟很呛人',
  '集市散了以后垃圾没人收拾，已经三天了',
];
const names = ['王秀兰', '李建国', '张桂英', '刘志强', '陈淑珍', '杨明', '赵海燕', '黄德胜'];

/** Where the cases are: 沧州's villages, half of them named by contact point and half by village code. */
export interface IntakeTargets {
  points: { id: number; regionCode: string; name: string }[];
  villages: { code: string; name: string }[];
}

export async function sampleTargets(databaseUrl: string): Promise<IntakeTargets> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const points = (await client.query<{ id: number; region_code: string; name: string }>(`SELECT id, region_code, name FROM points WHERE region_code LIKE '1309%' AND length(region_code) = 12 ORDER BY id % 997, id LIMIT 500`)).rows;
  const villages = (await client.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE code LIKE '1309%' AND level = 5 ORDER BY code::bigint % 991, code LIMIT 500`)).rows;
  await client.end();
  return { points: points.map((row) => ({ id: row.id, regionCode: row.region_code, name: row.name })), villages };
}

export interface IntakeFields {
  clientId: string;
  channel: 'hotline';
  categoryCode: string;
  pointId?: number;
  regionCode?: string;
  description: string;
  contactName: string;
  contactPhone: string;
}

/** The index-th intake: a fresh client id, a varying problem and caller, a point or a village. */
export function intakeFields(targets: IntakeTargets, index: number): IntakeFields {
  const point = index % 2 === 0 ? targets.points[Math.floor(index / 2) % targets.points.length] : undefined;
  return {
    clientId: randomUUID(),
    channel: 'hotline',
    categoryCode: 'garbage',
    ...(point ? { pointId: point.id } : { regionCode: targets.villages[Math.floor(index / 2) % targets.villages.length].code }),
    description: `${problems[index % problems.length]}（第${index}号来电）`,
    contactName: names[index % names.length],
    contactPhone: `138${String(10_000_000 + (index % 89_999_999))}`,
  };
}

export interface DriveResult {
  created: number;
  errors: number;
  errorSamples: string[];
  latencies: number[];
  /** Cases created in each whole second of the run. */
  perSecond: number[];
  elapsedMs: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive sockets, each sending the next intake as
 * soon as the last one is answered, for `seconds`. Only 201 Created counts as a success.
 */
export async function driveIntake(options: { url: string; cookie: string; connections: number; seconds: number; body: (index: number) => string }): Promise<DriveResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const { hostname, port } = new URL(options.url);
  const latencies: number[] = [];
  const perSecond: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const post = (payload: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers = { cookie: options.cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
      const outgoing = request({ agent, hostname, port, path: '/api/appeals', method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const payload = options.body(counter++);
        const sent = performance.now();
        const answer = await post(payload).catch((error: unknown) => ({ status: 0, text: String(error) }));
        const done = performance.now();
        if (answer.status === 201) {
          latencies.push(done - sent);
          const second = Math.floor((done - started) / 1000);
          perSecond[second] = (perSecond[second] ?? 0) + 1;
        } else {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { created: latencies.length, errors, errorSamples, latencies, perSecond: Array.from(perSecond.slice(0, options.seconds), (value) => value ?? 0), elapsedMs };
}

/** CPU seconds a process has used so far (Linux /proc; 0 when it is gone). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The server processes of the connections to the bench database (other than the probe's own), optionally of one application. */
async function backendPids(probe: pg.Client, applicationName?: string): Promise<number[]> {
  const { rows } = await probe.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND ($1::text IS NULL OR application_name = $1)`,
    [applicationName ?? null],
  );
  return rows.map((row) => row.pid);
}

const sumCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** CPU seconds of each database server process now; with `since`, the CPU used after it (a process started meanwhile counts whole). */
async function databaseCpu(probe: pg.Client, since?: Map<number, number>): Promise<{ byPid: Map<number, number>; used: number }> {
  const byPid = new Map((await backendPids(probe)).map((pid) => [pid, cpuSeconds(pid)]));
  let used = 0;
  for (const [pid, seconds] of byPid) used += seconds - (since?.get(pid) ?? 0);
  return { byPid, used };
}

interface RowCounts {
  appeals: number;
  registerEvents: number;
  auditRows: number;
}

async function countRows(probe: pg.Client): Promise<RowCounts> {
  const { rows } = await probe.query<RowCounts>(`SELECT
      (SELECT count(*)::int FROM appeals) AS "appeals",
      (SELECT count(*)::int FROM appeal_events WHERE event = 'register') AS "registerEvents",
      (SELECT count(*)::int FROM audit_log WHERE action = 'appeal.submitted') AS "auditRows"`);
  return rows[0];
}

const difference = (after: RowCounts, before: RowCounts): RowCounts => ({
  appeals: after.appeals - before.appeals,
  registerEvents: after.registerEvents - before.registerEvents,
  auditRows: after.auditRows - before.auditRows,
});

// The three rows the API writes, with the same columns and values of the same shape (the texts from
// a table of the bench's own intakes), the ids taken from the first insert; -M prepared.
const pgbenchScript = `\\set k random(1, :texts)
BEGIN;
INSERT INTO appeals (client_id, tracking_code, channel, category_code, urgency, region_code, point_id, title, description, search_text,
    contact_name, contact_phone, is_anonymous, is_confidential, level, created_by, created_at, updated_at)
  SELECT gen_random_uuid(), 'PB-' || upper(substr(md5(random()::text), 1, 10)), 'hotline', 'garbage', 'general', t.region_code, t.point_id,
    t.title, t.description, t.search_text, t.contact_name, t.contact_phone, false, false, 1, :account, now(), now()
  FROM bench_intake_texts t WHERE t.n = :k
  ON CONFLICT (client_id) DO NOTHING RETURNING id AS appeal_id, region_code \\gset
INSERT INTO appeal_events (appeal_id, event, from_state, to_state, actor_account_id, actor_kind, actor_name, details, at)
  VALUES (:appeal_id, 'register', NULL, 'registered', :account, 'staff', :actor_name, '{"channel": "hotline"}', now());
INSERT INTO audit_log (actor_account_id, actor_name, action, entity_type, entity_id, region_code, before, after, details)
  SELECT :account, :actor_name, 'appeal.submitted', 'appeal', :appeal_id, :region_code, NULL, NULL,
    jsonb_build_object('channel', 'hotline', 'categoryCode', 'garbage', 'pointId', t.point_id)
  FROM bench_intake_texts t WHERE t.n = :k;
END;
`;

interface PgbenchSetup {
  account: number;
  actorName: string;
  texts: number;
}

/** A table of 1,000 intakes as the API stores them (title, search text), for pgbench to copy. */
async function preparePgbench(probe: pg.Client, targets: IntakeTargets): Promise<PgbenchSetup> {
  const account = (await probe.query<{ id: number; display_name: string }>(`SELECT id, display_name FROM accounts WHERE username = 'office'`)).rows[0];
  const category = (await probe.query<{ name_zh: string }>(`SELECT name_zh FROM appeal_categories WHERE code = 'garbage'`)).rows[0];
  await probe.query(`CREATE TABLE bench_intake_texts (n integer PRIMARY KEY, region_code text NOT NULL, point_id integer,
    title text NOT NULL, description text NOT NULL, search_text text NOT NULL, contact_name text, contact_phone text)`);
  const texts = 1000;
  for (let n = 1; n <= texts; n += 1) {
    const fields = intakeFields(targets, n);
    const point = targets.points.find((item) => item.id === fields.pointId);
    // The title the API gives a case without one: the category and the place.
    const title = `${category.name_zh} · ${point?.name ?? targets.villages.find((village) => village.code === fields.regionCode)!.name}`;
    await probe.query('INSERT INTO bench_intake_texts VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      n,
      point?.regionCode ?? fields.regionCode,
      point?.id ?? null,
      title,
      fields.description,
      normalizeText(`${title} ${fields.description}`),
      fields.contactName,
      fields.contactPhone,
    ]);
  }
  return { account: account.id, actorName: account.display_name, texts };
}

function pgbenchBinary(): string {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  const installed = ['17', '16', '15'].map((version) => `/usr/lib/postgresql/${version}/bin/pgbench`).find((path) => existsSync(path));
  return installed ?? 'pgbench';
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  p50: number;
  p99: number;
  /** PostgreSQL CPU per transaction (µs), measured over the middle of the run. */
  databaseCpuUs: number;
}

/** Runs pgbench with the intake script; tps, per-transaction latency percentiles (ms) from its log, and the server CPU it cost. */
async function runPgbench(databaseUrl: string, probe: pg.Client, setup: PgbenchSetup, options: { clients: number; seconds: number }): Promise<PgbenchResult> {
  const folder = tempDir('dundian-pgbench');
  try {
    const script = join(folder, 'intake.sql');
    writeFileSync(script, pgbenchScript);
    const args = ['-n', '-M', 'prepared', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), '-f', script, '-l', '--log-prefix', join(folder, 'log')];
    args.push('-D', `account=${setup.account}`, '-D', `texts=${setup.texts}`, '-D', `actor_name=${setup.actorName}`, databaseUrl);
    const child = spawn(pgbenchBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pgbench exited with ${code}:\n${output}`))));
    });
    // The CPU its server processes use over the middle of the run, per case written meanwhile.
    const margin = Math.min(3, options.seconds / 5) * 1000;
    await new Promise((resolve) => setTimeout(resolve, margin));
    const pids = await backendPids(probe, 'pgbench');
    const lastId = async () => (await probe.query<{ id: number }>('SELECT max(id)::int AS id FROM appeals')).rows[0].id;
    const [cpuBefore, idBefore] = [sumCpu(pids), await lastId()];
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000 - 2 * margin));
    const [cpuAfter, idAfter] = [sumCpu(pids), await lastId()];
    await exited;
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN);
    if (!Number.isFinite(tps)) throw new Error(`pgbench gave no tps:\n${output}`);
    const latencies: number[] = [];
    for (const file of readdirSync(folder).filter((name) => name.startsWith('log'))) {
      for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    return {
      tps,
      transactions: Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? NaN),
      failed: Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      databaseCpuUs: ((cpuAfter - cpuBefore) / (idAfter - idBefore)) * 1e6,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface Round {
  http: DriveResult;
  /** The machine's 1-minute load average when the API part of the round ended (all processes, ours and others'). */
  load: number;
  rows: RowCounts;
  /** CPU per case (µs) of the server process, the database's server processes and the load generator. */
  cpu: { server: number; database: number; loadGenerator: number };
  pgbench: PgbenchResult;
  pgbenchRows: RowCounts;
}

const rate = (result: DriveResult) => result.created / (result.elapsedMs / 1000);

/** Runs the intake benchmark: a 10 s warm-up, then `rounds` × (60 s through the API, then pgbench); returns markdown. */
export async function runAppealIntakeBench(): Promise<string> {
  const postgres = await createThrowawayDatabase();
  const results: Round[] = [];
  try {
    const server = await startServer({ DATABASE_URL: postgres.url, SEED: 'small', ...serverEnv });
    const probe = new pg.Client({ connectionString: postgres.url });
    await probe.connect();
    try {
      const cookie = await loginOverHttp(server.url, 'office');
      const targets = await sampleTargets(postgres.url);
      const pgbenchSetup = await preparePgbench(probe, targets);
      let sent = 0;
      const body = (index: number) => JSON.stringify(intakeFields(targets, sent + index));
      // Warm-up: the JIT, the pool's connections, the plan caches.
      const before = await countRows(probe);
      const warm = await driveIntake({ url: server.url, cookie, connections: clients, seconds: 10, body });
      sent += warm.created + warm.errors + clients;
      const warmRows = difference(await countRows(probe), before);
      if (warm.errors || warmRows.appeals !== warm.created) throw new Error(`warm-up: ${warm.errors} errors (${warm.errorSamples.join(' | ')}), ${warmRows.appeals} rows for ${warm.created} cases`);
      console.log(`warm-up: ${rate(warm).toFixed(0)} cases/s`);
      for (let round = 1; round <= rounds; round += 1) {
        const start = await countRows(probe);
        // The pool closes idle connections while pgbench runs, so the server processes are counted at the end too.
        const cpuStart = { server: cpuSeconds(server.child.pid!), database: (await databaseCpu(probe)).byPid, loadGenerator: process.cpuUsage() };
        const http = await driveIntake({ url: server.url, cookie, connections: clients, seconds, body });
        const loadGenerator = process.cpuUsage(cpuStart.loadGenerator);
        const load = loadavg()[0];
        const cpu = {
          server: ((cpuSeconds(server.child.pid!) - cpuStart.server) / http.created) * 1e6,
          database: ((await databaseCpu(probe, cpuStart.database)).used / http.created) * 1e6,
          loadGenerator: (loadGenerator.user + loadGenerator.system) / http.created,
        };
        sent += http.created + http.errors + clients;
        const afterHttp = await countRows(probe);
        const pgbench = await runPgbench(postgres.url, probe, pgbenchSetup, { clients, seconds: pgbenchSeconds });
        const afterPgbench = await countRows(probe);
        results.push({ http, load, rows: difference(afterHttp, start), cpu, pgbench, pgbenchRows: difference(afterPgbench, afterHttp) });
        console.log(
          `round ${round}: API ${rate(http).toFixed(0)} cases/s, p99 ${percentile(http.latencies, 99).toFixed(1)} ms, ${http.errors} errors; pgbench ${pgbench.tps.toFixed(0)} tps; ratio ${(rate(http) / pgbench.tps).toFixed(2)}`,
        );
      }
    } finally {
      await probe.end();
      await server.stop();
    }
  } finally {
    await postgres.drop();
  }
  return report(results);
}

function report(results: Round[]): string {
  const f0 = (value: number) => value.toFixed(0);
  const f1 = (value: number) => value.toFixed(1);
  const medianOf = (pick: (round: Round) => number) => median(results.map(pick));
  const httpRate = medianOf((round) => rate(round.http));
  const p99 = medianOf((round) => percentile(round.http.latencies, 99));
  const pgbenchTps = medianOf((round) => round.pgbench.tps);
  const errors = results.reduce((sum, round) => sum + round.http.errors, 0);
  const rowsMatch = results.every((round) => round.rows.appeals === round.http.created && round.rows.registerEvents === round.http.created && round.rows.auditRows === round.http.created);
  const pgbenchRowsMatch = results.every(
    (round) => round.pgbenchRows.appeals === round.pgbench.transactions && round.pgbenchRows.registerEvents === round.pgbench.transactions && round.pgbenchRows.auditRows === round.pgbench.transactions,
  );
  const isMet = httpRate >= target.casesPerSecond && p99 < target.p99Ms && errors === 0 && rowsMatch;
  const ratio = httpRate / pgbenchTps;
  return [
    `\`POST /api/appeals\` signed in as the province office (a session cookie), on PostgreSQL 15: a throwaway database with \`SEED=small\` (the 沧州 demo), the server started as \`npm start\` starts it, with the production defaults \`LOG_LEVEL=${serverEnv.LOG_LEVEL}\` (one access-log line per request), \`DB_POOL_SIZE=${serverEnv.DB_POOL_SIZE}\` and \`SESSION_CACHE_MS=${serverEnv.SESSION_CACHE_MS}\`. ` +
      `${clients} keep-alive connections in closed loops (each sends the next case as soon as the last is answered) for ${seconds} s per round, after a 10 s warm-up; every case has a fresh client id, half name a contact point and half a village code. ` +
      `**The load generator, the server and PostgreSQL share one ${cpus().length}-core machine** (with other work running). ` +
      `After each round \`pgbench -M prepared -c ${clients} -j 2 -T ${pgbenchSeconds}\` runs on the same database with a script that writes the same three rows (case, register event, audit entry) in one transaction. ` +
      `Target: ≥ ${target.casesPerSecond.toLocaleString('en')} cases/s with p99 < ${target.p99Ms} ms, aiming at half of pgbench. Latencies in ms; medians of ${results.length} rounds.`,
    '',
    `**${f0(httpRate)} cases/s at p99 ${f1(p99)} ms; pgbench ${f0(pgbenchTps)} tps; ratio ${ratio.toFixed(2)} (aim ≥ 0.50). Target ${isMet ? 'met' : 'NOT met'}.**`,
    '',
    '| round | cases | cases/s | slowest second | p50 | p95 | p99 | errors | rows added (case / event / audit) | pgbench tps | pgbench p50 | pgbench p99 | ratio |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
    ...results.map(
      (round, index) =>
        `| ${index + 1} | ${round.http.created.toLocaleString('en')} | ${f0(rate(round.http))} | ${Math.min(...round.http.perSecond)} | ${f1(percentile(round.http.latencies, 50))} | ${f1(percentile(round.http.latencies, 95))} | ${f1(percentile(round.http.latencies, 99))} | ${round.http.errors} | ${round.rows.appeals} / ${round.rows.registerEvents} / ${round.rows.auditRows} | ${f0(round.pgbench.tps)} | ${f1(round.pgbench.p50)} | ${f1(round.pgbench.p99)} | ${(rate(round.http) / round.pgbench.tps).toFixed(2)} |`,
    ),
    '',
    `The machine's 1-minute load average at the end of each round's API part: ${results.map((round) => round.load.toFixed(1)).join(', ')} (on ${cpus().length} cores; other sessions' tests and benchmarks run beside this one, and only benchmarks take turns). ` +
      `Rows added ${rowsMatch ? 'match' : 'do NOT match'} the cases answered 201 (one case, one register event, one audit entry each); pgbench's rows ${pgbenchRowsMatch ? 'match' : 'do NOT match'} its transactions. "slowest second": the fewest cases completed in any one second of the round.`,
    '',
    `Where the CPU goes, per case (µs, medians): the server process ${f0(medianOf((round) => round.cpu.server))}, PostgreSQL ${f0(medianOf((round) => round.cpu.database))}, the load generator ${f0(medianOf((round) => round.cpu.loadGenerator))}; ` +
      `pgbench's transaction costs PostgreSQL ${f0(medianOf((round) => round.pgbench.databaseCpuUs))}. An intake is two prepared statements on the pooled connection (one read of the client id, category, point and village, one write of the case, its register event and its audit row); the session is looked up, also prepared, once per ${serverEnv.SESSION_CACHE_MS} ms per server process (the session cache) rather than per request. pgbench sends five prepared statements per transaction and has no HTTP, JSON, session or validation to handle.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runAppealIntakeBench());
