/**
 * CLI: npm run solve -- FILE.min [--single] [--verify] [--workers N]
 *
 * Prints exactly one JSON line: {"feasible":true,"cost":123,"seconds":4.2}
 * where seconds is the wall time since process start (file reading
 * included). Parse errors go to stderr with their line number, exit code 2.
 * With DUNDIAN_SOLVER_STATS=1 a second JSON line with details and peak
 * memory (maxRSS) is written to stderr.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DimacsParseError, readDimacsMinFile } from './dimacs.ts';
import { SolverPool, solveMinCostFlowParallel } from './parallel-solve.ts';
import { verifyCertificate } from './verify-certificate.ts';

/** Runs the command line and returns the process exit code. */
export async function runSolveCommand(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  const single = argv.includes('--single');
  const verify = argv.includes('--verify');
  const workersFlag = argv.indexOf('--workers');
  const workers = workersFlag >= 0 ? Number(argv[workersFlag + 1]) : availableParallelism();
  if (!file) {
    process.stderr.write('usage: solve-command FILE.min [--single] [--verify] [--workers N]\n');
    return 2;
  }
  // Start the workers before reading so their start-up overlaps parsing.
  const pool = single || workers < 2 ? undefined : new SolverPool(workers);
  try {
    const readStart = performance.now();
    let network;
    try {
      network = readDimacsMinFile(file);
    } catch (error) {
      if (error instanceof DimacsParseError) {
        process.stderr.write(`${file}: ${error.message}\n`);
      } else {
        process.stderr.write(`${file}: ${(error as Error).message}\n`);
      }
      return 2;
    }
    const solveStart = performance.now();
    const { solution, plan } = await solveMinCostFlowParallel(network, { pool, single: single || !pool });
    const solveEnd = performance.now();
    const result = {
      feasible: solution.feasible,
      cost: solution.feasible ? solution.cost : null,
      seconds: Math.round(performance.now()) / 1000,
    };
    let certificate: boolean | undefined;
    if (verify && solution.feasible) {
      const report = verifyCertificate(network, solution.flow, solution.potential);
      certificate = report.ok;
      if (!report.ok) process.stderr.write(`certificate check failed: ${report.violations.map((v) => v.message).join('; ')}\n`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (process.env.DUNDIAN_SOLVER_STATS === '1') {
      const stats = {
        readSeconds: (solveStart - readStart) / 1000,
        solveSeconds: (solveEnd - solveStart) / 1000,
        pivots: solution.pivots,
        decomposition: plan.reason,
        parts: plan.parts.length,
        certificate,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      };
      process.stderr.write(`${JSON.stringify(stats)}\n`);
    }
    return certificate === false ? 1 : 0;
  } finally {
    await pool?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSolveCommand(process.argv.slice(2));
}
