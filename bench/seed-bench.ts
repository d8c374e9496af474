// The demo province seed on PGlite (fresh data folder each run: time, rows, peak memory) and the
// server's start-up to a healthy /api/health, first start (seeding) and second start (seeded).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median, startServer, tempDir } from './lib.ts';

interface SeedRun {
  /** Seconds from "geography loaded" to "database ready": the seed transaction alone. */
  seedSeconds: number;
  /** Seconds of the whole command: process start, migrations, geography, seed. */
  totalSeconds: number;
  peakRssMiB: number;
  counts: Record<string, number>;
}

// Runs `npm run seed` (without the demo plan) in a child process and reads its report.
function runSeedCommand(size: 'full' | 'small'): Promise<SeedRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const dataDir = tempDir('dundian-seed-bench');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/seed/seed-command.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, SEED: size, DEMO_PLAN: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`seed command exited with ${code}:\n${output}`));
      const at = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? NaN);
      const counts = Object.fromEntries([...output.matchAll(/^ {2}(\w+)\s+([\d,]+)$/gm)].map((m) => [m[1], Number(m[2].replace(/,/g, ''))]));
      resolve({
        seedSeconds: at(/\[([\d.]+) s\] database ready/) - at(/\[([\d.]+) s\] geography loaded/),
        totalSeconds: (Date.now() - started) / 1000,
        peakRssMiB: at(/peak RSS (\d+) MiB/),
        counts,
      });
    });
  });
}

/** Runs the seed benchmark; returns a markdown section. */
export async function runSeedBench(): Promise<string> {
  const runs = Number(process.env.SEED_BENCH_RUNS ?? 3);
  const full: SeedRun[] = [];
  for (let i = 0; i < runs; i++) full.push(await runSeedCommand('full'));
  const small = await runSeedCommand('small');
  const lines = [
    `Demo province on PGlite in a fresh data folder, \`npm run seed\` with \`DEMO_PLAN=false\`, ${runs} runs of \`full\`. "seed" is reading the divisions, generating, search keys, COPY, index builds and ANALYZE in one transaction; "command" adds process start, migrations and loading the 56,712-region geography.`,
    '',
    '| size | seed s (median) | seed s (runs) | command s (median) | peak RSS MiB |',
    '| --- | ---: | --- | ---: | ---: |',
    `| full | ${median(full.map((run) => run.seedSeconds)).toFixed(1)} | ${full.map((run) => run.seedSeconds.toFixed(1)).join(', ')} | ${median(full.map((run) => run.totalSeconds)).toFixed(1)} | ${Math.max(...full.map((run) => run.peakRssMiB))} |`,
    `| small (沧州) | ${small.seedSeconds.toFixed(1)} | – | ${small.totalSeconds.toFixed(1)} | ${small.peakRssMiB} |`,
    '',
    '| table | full | small |',
    '| --- | ---: | ---: |',
    ...Object.keys(full[0].counts).map((table) => `| ${table} | ${full[0].counts[table].toLocaleString('en-US')} | ${(small.counts[table] ?? 0).toLocaleString('en-US')} |`),
    '',
  ];

  // Start-up: the first start migrates, loads, seeds and publishes the demo plan; the second finds it all done.
  const dataDir = tempDir('dundian-start-bench');
  const timeoutMs = Number(process.env.SEED_BENCH_START_TIMEOUT ?? 900) * 1000;
  const startRows: string[] = [];
  for (const label of ['first start (empty folder, SEED=full)', 'second start (same folder)']) {
    try {
      const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'full' }, timeoutMs);
      startRows.push(`| ${label} | ${(server.startMs / 1000).toFixed(1)} |`);
      await server.stop();
    } catch (error) {
      // Keep going: if the first start died after the seed committed, the second start still measures a seeded folder.
      startRows.push(`| ${label} | failed: ${(error as Error).message} |`);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  lines.push('Server start (`node --import tsx src/server/server.ts`, PGlite) until `GET /api/health` answers 200; the first start includes migrations, the geography and the full seed; the demo plan of the province is then solved in the background on a worker thread while the server already answers.', '', '| start | seconds |', '| --- | ---: |', ...startRows, '');
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await runSeedBench());
