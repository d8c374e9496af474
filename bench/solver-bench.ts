/**
 * Min-cost-flow solver benchmark against LEMON's dimacs-solver.
 *
 * Generates the two full-scale synthetic provinces (city and province
 * variant: 145,000 cadres, 63,500 points, about 9M arcs) into a temp dir,
 * then times, interleaved and in the same run, the whole commands
 *   dimacs-solver -long FILE /dev/null
 *   node --import tsx src/server/features/matching/solver/solve-command.ts FILE
 * (wall clock, file reading and process start included), takes medians,
 * checks that the optimal costs agree and reports peak memory.
 *
 * Runnable alone: `npx tsx bench/solver-bench.ts` prints the markdown.
 * SOLVER_BENCH_REPS (default 3) sets the repetitions.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeProvinceNetworkFile, type ProvinceVariant } from '../src/server/features/matching/solver/generate-province-network.ts';

const SOLVE_COMMAND = fileURLToPath(new URL('../src/server/features/matching/solver/solve-command.ts', import.meta.url));
const TIME_BIN = '/usr/bin/time';
const TARGET_RATIO: Record<ProvinceVariant, number> = { city: 1.0, province: 2.0 };
const MEMORY_TARGET_BYTES = 2 ** 30;

interface RunResult {
  seconds: number;
  cost: number | null;
  maxRssBytes: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, wrapped in /usr/bin/time -v when available, and measures its wall time. */
function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  const useTime = existsSync(TIME_BIN);
  const [bin, argv] = useTime ? [TIME_BIN, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${stderr.slice(-500)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ seconds, cost: null, maxRssBytes: rss ? Number(rss[1]) * 1024 : null, stdout, stderr });
    });
  });
}

/** Times LEMON's network simplex on a DIMACS file. */
async function runLemon(file: string): Promise<RunResult> {
  const result = await runTimed('dimacs-solver', ['-long', file, '/dev/null']);
  const cost = /Min flow cost: (-?\d+)/.exec(result.stderr);
  return { ...result, cost: cost ? Number(cost[1]) : null };
}

/** Times our solve command on a DIMACS file. */
async function runOurs(file: string): Promise<RunResult> {
  const result = await runTimed(process.execPath, ['--import', 'tsx', SOLVE_COMMAND, file], { ...process.env, DUNDIAN_SOLVER_STATS: '1' });
  const parsed = JSON.parse(result.stdout.trim()) as { feasible: boolean; cost: number | null };
  const stats = /\{"readSeconds".*\}/.exec(result.stderr);
  const maxRss = result.maxRssBytes ?? (stats ? (JSON.parse(stats[0]) as { maxRssBytes: number }).maxRssBytes : null);
  return { ...result, cost: parsed.cost, maxRssBytes: maxRss };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);
const mib = (bytes: number | null): string => (bytes === null ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MiB`);

function lemonAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('dimacs-solver', ['--help'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
}

/** Generates the full-scale instances, runs both solvers and returns a markdown section. */
export async function runSolverBench(): Promise<string> {
  const reps = Math.max(1, Number(process.env.SOLVER_BENCH_REPS ?? 3));
  const haveLemon = await lemonAvailable();
  const dir = mkdtempSync(join(tmpdir(), 'solver-bench-'));
  const rows: string[] = [];
  const notes: string[] = [];
  try {
    for (const variant of ['city', 'province'] as const) {
      const file = join(dir, `${variant}.min`);
      const network = await writeProvinceNetworkFile({ seed: 1, cadres: 145000, points: 63500, arcs: 9000000, variant }, file);
      const size = `${network.nodeCount.toLocaleString('en')} nodes, ${network.arcCount.toLocaleString('en')} arcs, ${mib(statSync(file).size)} file`;
      const lemon: RunResult[] = [];
      const ours: RunResult[] = [];
      for (let r = 0; r < reps; r++) {
        // Interleave so that machine noise hits both alike.
        if (haveLemon) lemon.push(await runLemon(file));
        ours.push(await runOurs(file));
      }
      const ourCost = ours[0].cost;
      const lemonCost = haveLemon ? lemon[0].cost : null;
      const agree = haveLemon ? ours.every((o) => o.cost === lemonCost) && lemon.every((l) => l.cost === lemonCost) : null;
      const ourTime = median(ours.map((o) => o.seconds));
      const lemonTime = haveLemon ? median(lemon.map((l) => l.seconds)) : NaN;
      const ratio = ourTime / lemonTime;
      const ourRss = Math.max(...ours.map((o) => o.maxRssBytes ?? 0));
      const lemonRss = haveLemon ? Math.max(...lemon.map((l) => l.maxRssBytes ?? 0)) : null;
      const stats = JSON.parse(/\{"readSeconds".*\}/.exec(ours[0].stderr)?.[0] ?? '{}') as Record<string, unknown>;
      const target = TARGET_RATIO[variant];
      const verdict = haveLemon ? (ratio <= target ? 'met' : 'missed') : 'n/a';
      rows.push(
        `| ${variant} | ${haveLemon ? fmt(lemonTime) : 'n/a'} s | ${fmt(ourTime)} s | ${haveLemon ? fmt(ratio) : 'n/a'} (≤ ${fmt(target, 1)}: ${verdict}) | ${mib(ourRss)}${ourRss < MEMORY_TARGET_BYTES ? '' : ' (over 1 GiB)'} | ${mib(lemonRss)} | ${ourCost} | ${agree === null ? 'n/a' : agree ? 'yes' : '**NO**'} |`,
      );
      const lemonRun = haveLemon ? /Run NetworkSimplex:.*real: ([\d.]+)s/.exec(lemon[0].stderr)?.[1] : undefined;
      notes.push(
        `- ${variant}: ${size}. Ours: read ${fmt(Number(stats.readSeconds ?? NaN))} s, solve ${fmt(Number(stats.solveSeconds ?? NaN))} s, ${stats.pivots} pivots; decomposition: ${stats.decomposition}.` +
          (lemonRun ? ` LEMON's own report: NetworkSimplex run ${fmt(Number(lemonRun))} s.` : '') +
          ` All wall times: ours ${ours.map((o) => fmt(o.seconds)).join(', ')} s` +
          (haveLemon ? `; LEMON ${lemon.map((l) => fmt(l.seconds)).join(', ')} s.` : '.'),
      );
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `Full-scale synthetic provinces from \`generate-province-network.ts\` (seed 1, 145,000 cadres, 63,500 points, 9M arcs). Wall clock of the whole command, process start and file reading included, median of ${reps} interleaved runs: \`dimacs-solver -long FILE /dev/null\` (LEMON ${haveLemon ? 'NetworkSimplex' : 'not installed'}) against \`node --import tsx src/server/features/matching/solver/solve-command.ts FILE\`. Peak memory is the maximum resident set size from \`/usr/bin/time -v\`.`,
    '',
    '| variant | LEMON | ours | ratio ours/LEMON (target) | our peak memory | LEMON peak memory | optimal cost | costs agree |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runSolverBench());
}
