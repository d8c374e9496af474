// Roster search over the full province at 20 concurrent clients: p95 on PostgreSQL and PGlite.
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { createThrowawayDatabase, loadTest, loginOverHttp, percentile, startServer, tempDir, waitForDemoPlan } from './lib.ts';

interface Scenario {
  name: string;
  paths: string[];
}

async function sampleQueries(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const names = (await client.query<{ name: string; initials: string; phone: string }>('SELECT name, initials, phone FROM cadres WHERE phone IS NOT NULL ORDER BY id % 997, id LIMIT 200')).rows;
  await client.end();
  return names;
}

function scenarios(samples: { name: string; initials: string; phone: string }[]): Scenario[] {
  return [
    { name: 'cadres by name', paths: samples.map((sample) => `/api/cadres?q=${encodeURIComponent(sample.name)}&pageSize=20`) },
    { name: 'cadres by pinyin initials', paths: samples.map((sample) => `/api/cadres?q=${sample.initials}&pageSize=20`) },
    { name: 'cadres by phone tail', paths: samples.map((sample) => `/api/cadres?q=${sample.phone.slice(-4)}&pageSize=20`) },
    {
      name: 'filtered lists with totals',
      paths: [
        '/api/cadres?regionCode=1307&isLeader=true&pageSize=20',
        '/api/points?regionCode=1308&need=poverty&minSeverity=2&pageSize=20',
        '/api/cadres?regionCode=130924&category=economic&pageSize=20',
        '/api/points?type=community&pageSize=20&page=3',
        '/api/units?regionCode=1309&level=county&pageSize=20',
        '/api/cadres?programme=first_secretary&pageSize=20',
      ],
    },
  ];
}

async function measure(url: string, cookie: string, list: Scenario[]) {
  const rows: string[] = [];
  for (const scenario of list) {
    // Warm up, then 10 s at 20 clients.
    await loadTest({ clients: 4, seconds: 2, next: (index) => ({ url: url + scenario.paths[index % scenario.paths.length], cookie }) });
    const result = await loadTest({ clients: 20, seconds: 10, next: (index) => ({ url: url + scenario.paths[index % scenario.paths.length], cookie }) });
    rows.push(`| ${scenario.name} | ${result.requests} | ${(result.requests / 10).toFixed(0)} | ${percentile(result.latencies, 50).toFixed(1)} | ${percentile(result.latencies, 95).toFixed(1)} | ${result.errors} |`);
  }
  return rows;
}

/** The load average right after a backend's scenarios (other work shares these cores). */
const loadNote = () => `Load average (1 / 5 / 15 min) after these scenarios: ${loadavg().map((value) => value.toFixed(1)).join(' / ')} on ${cpus().length} cores.`;

/** Runs the search benchmark on PostgreSQL and PGlite with a full province; returns markdown. */
export async function runSearchBench(): Promise<string> {
  const lines = ['Full demo province (SEED=full), measured after the background demo plan has finished; 20 concurrent keep-alive HTTP clients (closed loop, node:http) for 10 s per scenario, signed in as the province office; the load generator shares the 2 cores. Each list answers its page and exact total in one prepared statement, on PostgreSQL run on its generic plan (planned once per connection). Latencies in ms. Target: p95 ≤ 50 ms on PostgreSQL.', ''];
  const postgres = await createThrowawayDatabase();
  try {
    const server = await startServer({ DATABASE_URL: postgres.url, SEED: 'full', DB_POOL_SIZE: '10' });
    const cookie = await loginOverHttp(server.url, 'office');
    await waitForDemoPlan(server.url, cookie);
    const list = scenarios(await sampleQueries(postgres.url));
    lines.push('### PostgreSQL 15', '', '| scenario | requests | req/s | p50 | p95 | errors |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...(await measure(server.url, cookie, list)), '', loadNote(), '');
    await server.stop();
    const pgliteServer = await startServer({ DATA_DIR: tempDir('dundian-search-bench'), SEED: 'full' });
    const pgliteCookie = await loginOverHttp(pgliteServer.url, 'office');
    await waitForDemoPlan(pgliteServer.url, pgliteCookie);
    lines.push('### PGlite (embedded, one connection)', '', '| scenario | requests | req/s | p50 | p95 | errors |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...(await measure(pgliteServer.url, pgliteCookie, list)), '', loadNote(), '');
    await pgliteServer.stop();
  } finally {
    await postgres.drop();
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runSearchBench());
