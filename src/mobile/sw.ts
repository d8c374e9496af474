// The service worker of the cadre's phone app (scope /m/). Hand-written and small:
// - install: precache the app shell (index.html, every JS/CSS chunk, manifest, icons) of this build;
// - navigations under /m/ get the cached index.html, so the app opens with no network at all;
// - built files are cache-first (their names carry content hashes);
// - the reads the app needs offline (who am I, my points, households, categories, field lists,
//   the questionnaires to fill)
//   are network-first with the last good answer as fallback, marked with `x-dundian-offline: 1`;
// - writes are NOT handled here: the page's sync loop sends its IndexedDB outbox and retries, so a
//   dead server is just a failed fetch the page sees.
// mobile-build-plugin.ts prepends `precacheUrls` and `cacheVersion` when it compiles this file.
declare const precacheUrls: string[];
declare const cacheVersion: string;

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScopeLike {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScopeLike;
const shellPrefix = 'dundian-m-shell-';
const shellCache = shellPrefix + cacheVersion;
/** Shared with the page, which empties it on sign-out. */
const readCache = 'dundian-m-reads';
const shellUrl = '/m/index.html';
const cachedReads = /^\/api\/(auth\/me$|appeal-categories$|field\/|questionnaires(\/\d+)?$)/;

worker.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache so a new version never precaches a stale file.
  event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll(precacheUrls.map((url) => new Request(url, { cache: 'reload' })))));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(shellPrefix) && name !== shellCache).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

// The page asks a waiting new version to take over when the cadre taps "reload".
worker.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/'))) event.respondWith(serveShell(request));
  else if (url.pathname.startsWith('/m/') && url.pathname !== '/m/sw.js') event.respondWith(cacheFirst(request));
  else if (cachedReads.test(url.pathname)) event.respondWith(networkFirst(request));
});

async function serveShell(request: Request): Promise<Response> {
  const cached = await caches.match(shellUrl, { cacheName: shellCache });
  return cached ?? fetch(request);
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { ignoreVary: true, ignoreSearch: true });
  return cached ?? fetch(request);
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(readCache);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      return response;
    }
    // A restarting server answers 503: the last good answer is more useful than an error.
    if (response.status < 500) return response;
    return (await fromCache(cache, request)) ?? response;
  } catch {
    return (await fromCache(cache, request)) ?? Response.error();
  }
}

async function fromCache(cache: Cache, request: Request): Promise<Response | undefined> {
  const cached = await cache.match(request, { ignoreVary: true });
  if (!cached) return undefined;
  const headers = new Headers(cached.headers);
  headers.set('x-dundian-offline', '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}
