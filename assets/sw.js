/* Service worker: the app opens offline. Hashed build assets are cached for good (their names change with
   their content); pages are network-first with the cached copy, then the offline page, as fallback.
   Never cached: /_event (websocket), /_upload, /api (private PDFs, documents, session routes). */
const VERSION = "caf-v2";
const SHELL = ["/", "/connexion/", "/mon-compte/", "/allocations/", "/demarches/", "/profil/", "/menu/",
               "/hors-ligne.html", "/styles.css", "/shell.js", "/manifest.webmanifest", "/favicon.ico",
               "/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png"];
const PRIVATE = [/^\/_event/, /^\/_upload/, /^\/api\//, /^\/dev\//];

async function precache() {
  const cache = await caches.open(VERSION);
  await cache.addAll(SHELL);
  // The hashed bundles each page names (scripts, styles, module preloads).
  for (const page of SHELL.filter((url) => url.endsWith("/"))) {
    const html = await (await cache.match(page)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    await cache.addAll([...new Set(assets)]);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || PRIVATE.some((re) => re.test(url.pathname))) {
    return;  // the network only
  }
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/pictos/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request).then((response) => {
      const copy = response.clone();
      if (response.ok) { caches.open(VERSION).then((cache) => cache.put(event.request, copy)); }
      return response;
    })));
    return;
  }
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok && event.request.mode === "navigate") {
      const copy = response.clone();
      caches.open(VERSION).then((cache) => cache.put(url.pathname, copy));
    }
    return response;
  }).catch(async () => {
    // "/mon-compte" and "/mon-compte/" are the same page (the build writes the second).
    const other = url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname + "/";
    return (await caches.match(url.pathname)) || (await caches.match(other)) || (await caches.match(event.request))
      || (await caches.match("/hors-ligne.html"));
  }));
});
