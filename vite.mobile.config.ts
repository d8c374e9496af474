// Builds the cadre's phone app (src/mobile, Preact, no UI library) into dist/mobile, served at /m/.
// The plugin adds the manifest, icons, the service worker and precompressed .gz/.br files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mobileBuildPlugin } from './src/mobile/build/mobile-build-plugin.ts';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/mobile',
  base: '/m/',
  plugins: [mobileBuildPlugin({ serviceWorkerSource: fileURLToPath(new URL('./src/mobile/sw.ts', import.meta.url)) })],
  build: {
    outDir: '../../dist/mobile',
    emptyOutDir: true,
    // Chrome and every current phone browser support modulepreload natively: skip the polyfill's bytes.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
});
