#!/usr/bin/env node
// Runs the whole test suite in one node:test run: unit tests beside the code (src/**/*.test.ts),
// integration tests (tests/integration, on PGlite and also on PostgreSQL when DATABASE_URL is set)
// and browser tests (tests/e2e; they skip themselves, saying why, when Chromium is missing).
//   --unit  only the unit tests     --e2e  only the browser tests
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));

function findFiles(dir, pattern) {
  let found = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(findFiles(path, pattern));
    else if (pattern.test(entry)) found.push(path);
  }
  return found.sort();
}

const unit = findFiles('src', /\.test\.ts$/);
const integration = findFiles('tests/integration', /\.test\.ts$/);
const e2e = findFiles('tests/e2e', /\.test\.ts$/);
const files = args.has('--unit') ? unit : args.has('--e2e') ? e2e : [...unit, ...integration, ...e2e];

if (!args.has('--unit')) {
  console.log(process.env.DATABASE_URL ? '# integration tests run on PGlite and on PostgreSQL (DATABASE_URL)' : '# integration tests run on PGlite only (set DATABASE_URL to add PostgreSQL)');
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
