// The Vite plugin that turns the /m/ build into an installable offline app: it emits the web app
// manifest and its icons, compiles the hand-written service worker (src/mobile/sw.ts) with the
// list of every built file to precache and a version derived from their contents, and writes
// .gz and .br siblings of every text file so @fastify/static (preCompressed) serves them compressed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { minify, transformWithOxc, type Plugin } from 'vite';
import { drawIconPng } from './png-icon.ts';

const base = '/m/';
const compressible = /\.(js|css|html|webmanifest|json|svg)$/;

/** The web app manifest: Chinese first, installable, confined to /m/. */
export function manifestJson(): string {
  return JSON.stringify(
    {
      name: '蹲点服务 · 干部手机端',
      short_name: '蹲点',
      description: '蹲点干部记录走访、诉求、座谈与日志，离线可用 / Stationed cadres log visits, appeals, meetings and days on site, offline first',
      lang: 'zh-CN',
      id: base,
      start_url: base,
      scope: base,
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#ffffff',
      theme_color: '#c41e24',
      icons: [
        { src: `${base}icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
        { src: `${base}icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
      ],
    },
    null,
    2,
  );
}

/** Compiles the service worker source with its precache list and cache version prepended. */
async function buildServiceWorker(sourcePath: string, precacheUrls: string[], version: string): Promise<string> {
  const source = readFileSync(sourcePath, 'utf8');
  const compiled = await transformWithOxc(source, 'sw.ts', { lang: 'ts' });
  const prelude = `const precacheUrls = ${JSON.stringify(precacheUrls)};\nconst cacheVersion = ${JSON.stringify(version)};\n`;
  const minified = await minify('sw.js', prelude + compiled.code, {});
  return minified.code;
}

/** See the file comment; `serviceWorkerSource` is the path of sw.ts. */
export function mobileBuildPlugin(options: { serviceWorkerSource: string }): Plugin {
  let outDir = '';
  return {
    name: 'dundian-mobile-build',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async generateBundle(_output, bundle) {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: manifestJson() });
      this.emitFile({ type: 'asset', fileName: 'icon-192.png', source: drawIconPng(192) });
      this.emitFile({ type: 'asset', fileName: 'icon-512.png', source: drawIconPng(512) });
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const name of files) {
        const item = bundle[name];
        hash.update(name);
        hash.update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      hash.update(readFileSync(options.serviceWorkerSource));
      const version = hash.digest('hex').slice(0, 12);
      const precacheUrls = [...new Set([...files, 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'])].map((name) => base + name);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: await buildServiceWorker(options.serviceWorkerSource, precacheUrls, version) });
    },
    writeBundle(_output, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!compressible.test(name)) continue;
        const path = join(outDir, name);
        const raw = readFileSync(path);
        if (raw.length < 256) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
      }
    },
  };
}
