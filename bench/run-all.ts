// `npm run bench [-- NAME …]`: runs the benchmarks (all, or those named) and writes their figures,
// with the machine and the date, to docs/benchmarks.md. Sections not run keep their last figures, and
// `<!-- figures:NAME -->` sections written by other tools (browser tests) are kept as they are.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';

interface Bench {
  name: string;
  title: string;
  run: () => Promise<string>;
}

const benches: Bench[] = [
  { name: 'seed', title: 'Demo province seed and start-up', run: async () => (await import('./seed-bench.ts')).runSeedBench() },
  { name: 'import', title: 'Roster import at province size: 150,000 cadres from .xlsx', run: async () => (await import('./import-bench.ts')).runImportBench() },
  { name: 'search', title: 'Roster search and filtered lists at province scale', run: async () => (await import('./search-bench.ts')).runSearchBench() },
  { name: 'matching', title: 'Matching the demo province: optimizer against the greedy baseline', run: async () => (await import('./matching-bench.ts')).runMatchingBench() },
  { name: 'solver', title: 'Min-cost flow solver against LEMON', run: async () => (await import('./solver-bench.ts')).runSolverBench() },
  { name: 'intake', title: 'Appeal intake: sustained through the staff API, against pgbench', run: async () => (await import('./appeal-intake-bench.ts')).runAppealIntakeBench() },
  { name: 'measures', title: 'Appeal measures', run: async () => (await import('./appeal-measures-bench.ts')).runAppealMeasuresBench() },
];

const file = new URL('../docs/benchmarks.md', import.meta.url);
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = wanted.length ? benches.filter((bench) => wanted.includes(bench.name)) : benches;
if (selected.length === 0) {
  console.error(`unknown benchmark; choose from: ${benches.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
const sections = new Map<string, string>();
for (const match of existing.matchAll(/<!-- bench:(\w+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(match[1], match[2]);
// Figures other tools measure (e.g. the phone budget, by its browser test) are kept as they are.
const otherFigures = [...existing.matchAll(/<!-- figures:([\w-]+) -->\n[\s\S]*?<!-- \/figures:\1 -->\n/g)].map((match) => match[0]);

// The file is rewritten after each section, so that a later failure keeps what was measured.
const write = () =>
  writeFileSync(
    file,
    [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (or `npm run bench -- NAME` for one section). These machines are noisy: figures are medians, and comparisons are run side by side in the same run.',
      '',
      ...benches.filter((bench) => sections.has(bench.name)).map((bench) => `<!-- bench:${bench.name} -->\n${sections.get(bench.name)}<!-- /bench:${bench.name} -->\n`),
      ...otherFigures,
    ].join('\n'),
  );

for (const bench of selected) {
  console.log(`== ${bench.name}: ${bench.title}`);
  const started = Date.now();
  const body = await bench.run();
  const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; took ${((Date.now() - started) / 1000).toFixed(0)} s._\n\n`;
  sections.set(bench.name, `## ${bench.title}\n\n${stamp}${body.trim()}\n\n`);
  console.log(body);
  write();
}
console.log(`written to docs/benchmarks.md`);
