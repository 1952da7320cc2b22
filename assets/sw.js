/* Service worker: the app opens offline. Hashed build assets are cached for good (their names change with
   their content); pages are network-first with the cached copy, then the offline page, as fallback.
   Never cached: /_event (websocket), /_upload, /api (private PDFs, documents, session routes).
   One cache per build: the page registers /sw.js?build=<hash of the build's route manifest>, so a new build
   installs a new worker with a fresh cache, and the old cache (old bundles included) goes at activation. */
const BUILD = new URL(self.location.href).searchParams.get("build") || "0";
const VERSION = "caf-" + BUILD;
const PICTOS = ["autres", "chomage", "esat", "indemnites", "non_salarie", "pensions", "pensions_alimentaires",
                "salaires", "situation"].map((name) => `/pictos/${name}.svg`);
// What the pages need besides themselves. The pages come from the route registry (caf_app/routes.py), which
// writes /precache.json: "shell", needed offline from the first visit (the bottom bar's pages and the shortcuts'
// targets, with their bundles); "later", cached once the page has been quiet for a while (it posts
// "plus-tard"), so that on a slow network they do not compete with the first page (a failure is retried at the
// next visit).
const FILES = ["/hors-ligne.html", "/styles.css", "/manifest.webmanifest", "/favicon.ico",
               "/apple-touch-icon.png", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png",
               ...PICTOS];
async function pages(kind) {
  const response = await fetch("/precache.json", {cache: "no-store"});
  return (await response.json())[kind];
}
const PRIVATE = [/^\/_event/, /^\/_upload/, /^\/api\//, /^\/dev\//];

// The hashed bundles a page names (scripts, styles, module preloads), and the scripts of assets/ its head names
// (theme.js, session.js...: caf_app.py head_components), so that list is written in one place.
async function bundles(cache, page) {
  const hit = await cache.match(page);
  const html = hit ? await hit.text() : "";
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+|\/[\w-]+\.js)"/g)].map((match) => match[1]))];
}

async function precache(pages, required) {
  const cache = await caches.open(VERSION);
  // The later ones: what this build's cache already holds is not fetched again (the page asks at each visit).
  const store = required ? (urls) => cache.addAll(urls)
    : (urls) => Promise.allSettled(urls.map(async (u) => (await cache.match(u)) || cache.add(u)));
  await store(pages);
  for (const page of pages.filter((url) => url.endsWith("/"))) {
    await store(await bundles(cache, page));
  }
}
self.addEventListener("install", (event) => {
  event.waitUntil(pages("shell").then((shell) => precache([...shell, ...FILES], true)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data === "plus-tard") { event.waitUntil(pages("later").then((later) => precache(later, false))); }
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
