import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeProvinceNetworkFile } from './generate-province-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';

const run = promisify(execFile);
const command = fileURLToPath(new URL('./solve-command.ts', import.meta.url));
const tsxBin = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));

/** Runs the CLI and returns exit code, stdout and stderr without throwing on failure. */
async function solveCli(args: string[], viaTsxBinary = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const [bin, argv] = viaTsxBinary ? [tsxBin, [command, ...args]] : [process.execPath, ['--import', 'tsx', command, ...args]];
  try {
    const { stdout, stderr } = await run(bin, argv, { env: { ...process.env, DUNDIAN_SOLVER_STATS: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'solve-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the command prints one JSON line with feasibility, cost and seconds, solving a city network on worker threads', async () => {
  const file = join(dir, 'city.min');
  const network = await writeProvinceNetworkFile({ seed: 8, cadres: 2000, points: 900, arcs: 30000, variant: 'city' }, file);
  const expected = solveMinCostFlow(network).cost;
  for (const viaTsxBinary of [false, true]) {
    const { code, stdout, stderr } = await solveCli([file, '--verify'], viaTsxBinary);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const result = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(result), ['feasible', 'cost', 'seconds']);
    assert.equal(result.feasible, true);
    assert.equal(result.cost, expected);
    assert.ok(result.seconds > 0);
    const stats = JSON.parse(stderr.trim().split('\n').pop()!);
    assert.equal(stats.certificate, true);
    assert.match(stats.decomposition, /11 components/);
  }
});

test('the command reports an infeasible problem as feasible false', async () => {
  const file = join(dir, 'infeasible.min');
  writeFileSync(file, 'p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 4 1\n');
  const { code, stdout } = await solveCli([file]);
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).feasible, false);
});

test('a malformed file exits with code 2 and names the line', async () => {
  const file = join(dir, 'bad.min');
  writeFileSync(file, 'p min 2 1\nn 1 5\na 1 two 0 4 1\n');
  const { code, stdout, stderr } = await solveCli([file]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /line 3: expected arc target/);
});

test('a missing file exits with code 2', async () => {
  const { code, stderr } = await solveCli([join(dir, 'nope.min')]);
  assert.equal(code, 2);
  assert.match(stderr, /ENOENT/);
});
