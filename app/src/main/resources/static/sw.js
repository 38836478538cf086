// The workbench's service worker: keeps the page, its scripts and styles and the directory and field lists, so the
// workbench opens without a network. Network first (a fresh copy whenever the server answers), the kept copy when
// it does not. Cases are never kept here (they may carry parties' personal data); submissions made offline wait in
// the page's own queue (outbox.js), not here.
const CACHE = 'workbench-v1';

function kept(url) {
  if (url.origin !== self.location.origin) return false;
  const path = url.pathname;
  return path === '/' || path.startsWith('/js/') || path.startsWith('/css/') || path.startsWith('/icons/')
    || path === '/manifest.webmanifest' || path === '/api/fields' || path === '/api/regions'
    || path.startsWith('/api/regions/') || path === '/api/committees';
}

self.addEventListener('install', () => { self.skipWaiting(); });
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !kept(url)) return;
  // the page itself is one entry whatever its ?stage=&case=; API lists keep their query
  const key = url.pathname === '/' ? new Request('/') : request;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok && !response.redirected && response.type === 'basic') {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(key, copy));
    }
    return response;
  }).catch(() => caches.match(key).then((found) => found || Response.error())));
});
