#!/usr/bin/env node
// `npm start`: builds the web console and the cadre's phone app (/m/) on first use, then starts the
// server (TypeScript through tsx).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

if (!existsSync(new URL('../dist/web/index.html', import.meta.url))) {
  console.log('building the web console (first start only)…');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(new URL('../dist/mobile/index.html', import.meta.url))) {
  console.log('building the phone app (first start only)…');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.mobile.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
register();
await import('../src/server/server.ts');
