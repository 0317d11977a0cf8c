// The service worker: after the first visit the page works offline. This is a template:
// scripts/sw.sh (a Trunk post_build hook, so `trunk build` alone does it) writes dist/sw.js from it with
// the build's files and a version taken from their contents. Each deployment (each version) has its
// own cache; activating a new one deletes the older caches of this scope, and only those.
const ASSETS = [/*ASSETS*/];
const VERSION = '/*VERSION*/';
const PREFIX = `conv2d-playground ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
// The page itself and the charts' worker script (its name has no hash) are fetched fresh; the other
// files have hashed names, so any copy of them is right.
const FRESH = new Set(['./', 'index.html', 'sweep-worker.js']);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(['./', ...ASSETS].map((u) => new Request(u, { cache: FRESH.has(u) ? 'reload' : 'default' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new deployment shows as soon as there is a network; the cached page
    // (any query string: the state is in the URL) when there is none.
    event.respondWith(fetch(request).catch(async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match('./')) ?? Response.error();
    }));
    return;
  }
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request))
    .then((hit) => hit ?? fetch(request)));
});
