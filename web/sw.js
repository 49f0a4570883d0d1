// Keeps a copy of pcn-explorer's own files so the page opens without a network. Network first:
// a newer build on the server is used as soon as it can be fetched; the copy otherwise.
var cacheName = 'pcn-explorer';
var filesToCache = [
  './',
  './index.html',
  './pcn-explorer.js',
  './pcn-explorer_bg.wasm',
];

self.addEventListener('install', function (e) {
  e.waitUntil(
    caches.open(cacheName).then(function (cache) {
      return cache.addAll(filesToCache);
    })
  );
});

self.addEventListener('fetch', function (e) {
  if (e.request.method !== 'GET') {
    return;
  }
  e.respondWith(
    fetch(e.request)
      .then(function (response) {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) {
          cache.put(e.request, copy);
        });
        return response;
      })
      .catch(function () {
        return caches.match(e.request);
      })
  );
});
