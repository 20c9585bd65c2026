// The service worker: the reader works with the network gone.
//
// - The app shell of one build (page, scripts, wasm, fonts, manifest, icons) is cached
//   whole under a name made of the build's id, and served from there: one build at a
//   time, never half old and half new. BUILD, in front of this file, is written by
//   tools/stamp_web.py from what the build produced.
// - Issues and the archive index: network first with a short timeout, else the copy
//   kept from the last read. Kept in a cache of their own, capped in entries and
//   bytes; the least recently read go first, except issues the reader saved.
// - Font slices (docs/fonts.md): the frequency slices (fonts/slices/, content-hashed,
//   never changing) are kept once fetched and served from there; an issue's own slices
//   (fonts/issues/<stem>-<weight>.ttf) are network first like issues, kept while their
//   issue is kept, fetched with it when the reader saves it, and go with it.
// - The page asks for saving, removing and listing through messages (see `commands`).
// - A new build installs in the background and waits; the page shows the update prompt
//   and, when the reader accepts, tells it to take over (skipWaiting) and reloads.
// - Retraction: when a build takes over, every kept or saved issue that the site's index
//   no longer lists is deleted, with its font slices, and the kept index files are
//   replaced by the site's (a site that retracts an issue changes its build id, so
//   readers get this update: tools/site.py).
//
// [SECTION] Install and activate
// [SECTION] Serving
// [SECTION] The issue cache (least recently read, capped)
// [SECTION] The font cache
// [SECTION] Retraction
// [SECTION] Commands from the page
// @ts-check
'use strict';

// The worker's own global scope: tsc's library declares `self` as a plain worker's.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const SHELL_CACHE = `digest-shell-${BUILD.version}`;
const SHELL_PREFIX = 'digest-shell-';
const ISSUE_CACHE = 'digest-issues';
const FONT_CACHE = 'digest-fonts';
const META_URL = new URL('offline-meta.json', worker.registration.scope).href; // never fetched: a cache entry
const NETWORK_TIMEOUT_MS = 3000;
const MAX_ENTRIES = 500; // issues and index files kept from reading
const MAX_BYTES = 64 * 1024 * 1024; // and their size, saved issues included

const scope = new URL(worker.registration.scope);
const shellUrls = new Set(BUILD.shell.map((path) => new URL(path, scope).href));
const pageUrl = new URL('index.html', scope).href;

//-----------------------------------------------------------------------------
// [SECTION] Install and activate
//-----------------------------------------------------------------------------

worker.addEventListener('install', (event) => {
  // `reload`: the network's copy, not the HTTP cache's, so the shell is this build's.
  // A shell that does not fit (the quota) or does not download leaves no empty cache
  // behind: the install fails whole, and the page says why (offline.js status()).
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll([...shellUrls].map((url) => new Request(url, { cache: 'reload' }))))
      .catch(async (error) => {
        await caches.delete(SHELL_CACHE).catch(() => {});
        // The pages say why (offline.js): the quota, or what did not download.
        const reason =
          error && error.name === 'QuotaExceededError' ? 'quota' : String((error && error.message) || error);
        for (const page of await worker.clients.matchAll({ includeUncontrolled: true, type: 'window' })) {
          page.postMessage({ type: 'installFailed', reason });
        }
        throw error;
      }),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      }
      await queue(dropRetracted).catch(() => {}); // offline or a damaged index: next update
      await worker.clients.claim();
    })(),
  );
});

//-----------------------------------------------------------------------------
// [SECTION] Serving
//-----------------------------------------------------------------------------

// Issues and the index's files (index.json, a big archive's index-YYYY.json); not the
// search index under issues/search/, which is only used online (offline, archive search
// goes through the issues kept here).
function isIssueData(url) {
  return (
    url.pathname.startsWith(scope.pathname + 'issues/') &&
    url.pathname.endsWith('.json') &&
    !url.pathname.startsWith(scope.pathname + 'issues/search/')
  );
}

function isFontSlice(url) {
  return url.pathname.startsWith(scope.pathname + 'fonts/slices/') && url.pathname.endsWith('.ttf');
}

function isIssueFont(url) {
  return url.pathname.startsWith(scope.pathname + 'fonts/issues/') && url.pathname.endsWith('.ttf');
}

function isPage(request, url) {
  return request.mode === 'navigate' && (url.pathname === scope.pathname || url.href.split(/[?#]/)[0] === pageUrl);
}

// A share page (a/<issue>/<article>.html, `digest share`) opened: {issue, article}.
const SHARE_PAGE = /^a\/([a-z0-9-]{1,64})\/([a-z0-9-]{1,64})\.html$/;
function sharedArticle(request, url) {
  if (request.mode !== 'navigate' || !url.pathname.startsWith(scope.pathname)) return null;
  const match = SHARE_PAGE.exec(url.pathname.slice(scope.pathname.length));
  return match && { issue: match[1], article: match[2] };
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  const shared = sharedArticle(request, url);
  if (shared) {
    // Straight to the viewer at the article (a #section of the link is kept by the
    // redirect), online or not: the share page would only send the reader on. Offline
    // the viewer reads it if the issue was kept, or says which issues it can read.
    const viewer = new URL(`?issue=${shared.issue}&article=${shared.article}`, scope).href;
    event.respondWith(Response.redirect(viewer, 302));
  } else if (isPage(request, url)) {
    event.respondWith(fromShell(pageUrl, request));
  } else if (shellUrls.has(url.href.split(/[?#]/)[0])) {
    event.respondWith(fromShell(url.href.split(/[?#]/)[0], request));
  } else if (isIssueData(url)) {
    event.respondWith(networkFirst(request));
  } else if (isFontSlice(url)) {
    event.respondWith(fontCacheFirst(request));
  } else if (isIssueFont(url)) {
    event.respondWith(fontNetworkFirst(request));
  }
});

async function fromShell(key, request) {
  const cached = await caches.match(key, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

// The network's answer within the timeout (kept for later), else the kept copy.
async function networkFirst(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  let response = null;
  try {
    response = await fetch(request, { signal: controller.signal });
  } catch (error) {
    response = null; // offline, refused or too slow
  } finally {
    clearTimeout(timer);
  }
  if (response && response.ok) {
    if (storable(response)) {
      const copy = response.clone();
      queue(() => keep(request.url, copy, false).catch(() => {}));
    }
    return response;
  }
  const kept = await caches.match(request.url, { cacheName: ISSUE_CACHE, ignoreSearch: true });
  if (kept) {
    queue(() => touch(request.url));
    return markKept(kept);
  }
  return response || Response.error();
}

// Tells the page that this is the copy kept from an earlier read (it shows the
// offline badge).
function markKept(response) {
  const headers = new Headers(response.headers);
  headers.set('x-digest-source', 'kept');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Same-origin 200 JSON only: never an error page or a redirect to another site.
function storable(response) {
  const type = response.headers.get('content-type') || '';
  return response.status === 200 && response.type === 'basic' && /^application\/json\b/.test(type);
}

//-----------------------------------------------------------------------------
// [SECTION] The issue cache (least recently read, capped)
//-----------------------------------------------------------------------------

// One change to the bookkeeping at a time.
let chain = Promise.resolve();
function queue(task) {
  const run = chain.then(task);
  chain = run.catch(() => {});
  return run;
}

// {url: {read: ms, bytes, saved}} for every entry of ISSUE_CACHE. Stored data is
// input (an older build, a crash mid-write): anything but an object of such records
// is read as empty, and a record's wrong fields as 0 / not saved, so that keeping,
// evicting and listing never throw on it (a null record once stopped every later
// issue from being kept).
async function readMeta(cache) {
  const response = await cache.match(META_URL);
  if (!response) return {};
  let stored;
  try {
    stored = await response.json();
  } catch (error) {
    return {};
  }
  const meta = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return meta;
  const number = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  for (const [url, record] of Object.entries(stored)) {
    if (!url.startsWith(scope.href)) continue;
    const r = record && typeof record === 'object' ? record : {};
    meta[url] = { read: number(r.read), bytes: number(r.bytes), saved: r.saved === true };
  }
  return meta;
}

function writeMeta(cache, meta) {
  return cache.put(META_URL, new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }));
}

async function keep(url, response, saved) {
  const bytes = (await response.clone().arrayBuffer()).byteLength;
  const cache = await caches.open(ISSUE_CACHE);
  await cache.put(url, response);
  const meta = await readMeta(cache);
  const before = meta[url];
  meta[url] = { read: Date.now(), bytes, saved: saved || Boolean(before && before.saved) };
  await evict(cache, meta);
  await writeMeta(cache, meta);
}

async function touch(url) {
  const cache = await caches.open(ISSUE_CACHE);
  const meta = await readMeta(cache);
  if (!meta[url]) return;
  meta[url].read = Date.now();
  await writeMeta(cache, meta);
}

// Least recently read first, never a saved issue, until within both caps.
async function evict(cache, meta) {
  const urls = Object.keys(meta);
  let bytes = urls.reduce((sum, url) => sum + meta[url].bytes, 0);
  let count = urls.length;
  const candidates = urls.filter((url) => !meta[url].saved).sort((a, b) => meta[a].read - meta[b].read);
  for (const url of candidates) {
    if (count <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    await cache.delete(url);
    await forgetIssueFonts(url);
    bytes -= meta[url].bytes;
    count--;
    delete meta[url];
  }
}

//-----------------------------------------------------------------------------
// [SECTION] The font cache
//-----------------------------------------------------------------------------

// A TrueType file from this site: never an error page standing in for one.
function storableFont(response) {
  return (
    response.status === 200 &&
    response.type === 'basic' &&
    !/^text\/html\b/.test(response.headers.get('content-type') || '')
  );
}

// Keeps a copy of a font answer from the network, if it is one (not waited for).
function keepFont(url, response) {
  if (!storableFont(response)) return;
  const copy = response.clone();
  caches
    .open(FONT_CACHE)
    .then((cache) => cache.put(url, copy))
    .catch(() => {});
}

async function fontCacheFirst(request) {
  const cached = await caches.match(request.url, { cacheName: FONT_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  keepFont(request.url, response);
  return response;
}

async function fontNetworkFirst(request) {
  try {
    const response = await fetch(request);
    keepFont(request.url, response);
    if (response.ok) return response;
  } catch (error) {
    /* offline: the kept copy */
  }
  const kept = await caches.match(request.url, { cacheName: FONT_CACHE });
  return kept || Response.error();
}

// issues/2026-11-25.json -> its slices fonts/issues/2026-11-25-{regular,bold}.ttf.
function issueFontUrls(issueUrl) {
  const match = /\/issues\/([^/]+)\.json$/.exec(new URL(issueUrl).pathname);
  if (!match || !issueUrl.startsWith(scope.href)) return [];
  return ['regular', 'bold'].map((weight) => new URL(`fonts/issues/${match[1]}-${weight}.ttf`, scope).href);
}

async function saveIssueFonts(issueUrl) {
  const cache = await caches.open(FONT_CACHE);
  for (const url of issueFontUrls(issueUrl)) {
    const response = await fetch(url, { cache: 'no-cache' }).catch(() => null);
    if (response && storableFont(response)) await cache.put(url, response);
  }
}

async function forgetIssueFonts(issueUrl) {
  const cache = await caches.open(FONT_CACHE);
  for (const url of issueFontUrls(issueUrl)) await cache.delete(url);
}

//-----------------------------------------------------------------------------
// [SECTION] Retraction
//-----------------------------------------------------------------------------

const INDEX_FILE = /\/issues\/index(-[0-9]{4})?\.json$/;

async function fetchIndexFile(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok || !storable(response)) throw new Error(`${url}: HTTP ${response.status}`);
  const index = await response.clone().json();
  if (!index || !Array.isArray(index.issues)) throw new Error(`${url}: not an index`);
  return { index, response };
}

// Deletes every kept issue the site's index (index.json and the year files it names)
// does not list. Any doubt (offline, an index that does not read) deletes nothing.
async function dropRetracted() {
  const cache = await caches.open(ISSUE_CACHE);
  const meta = await readMeta(cache);
  const issuesBase = new URL('issues/', scope).href;
  const kept = Object.keys(meta).filter((url) => url.startsWith(issuesBase) && !INDEX_FILE.test(new URL(url).pathname));
  const keptIndexes = Object.keys(meta).filter(
    (url) => url.startsWith(issuesBase) && INDEX_FILE.test(new URL(url).pathname),
  );
  if (kept.length === 0 && keptIndexes.length === 0) return;
  const top = await fetchIndexFile(new URL('index.json', issuesBase).href);
  const listed = new Set(top.index.issues.map((entry) => new URL(String(entry.path), issuesBase).href));
  const years = new Map(
    (Array.isArray(top.index.years) ? top.index.years : []).map((year) => [
      String(year.year),
      new URL(String(year.path), issuesBase).href,
    ]),
  );
  // The year files that may list an issue index.json does not: its id's year when it
  // starts with one, else every year; and those this reader has kept.
  const wanted = new Set(keptIndexes.filter((url) => [...years.values()].includes(url)));
  for (const url of kept.filter((u) => !listed.has(u))) {
    const year = /^([0-9]{4})-/.exec(url.slice(issuesBase.length));
    if (!year) years.forEach((yearUrl) => wanted.add(yearUrl));
    else if (years.has(year[1])) wanted.add(years.get(year[1]));
  }
  /** @type {Array<[string, Response]>} */
  const fresh = [[new URL('index.json', issuesBase).href, top.response]];
  for (const url of wanted) {
    const file = await fetchIndexFile(url);
    file.index.issues.forEach((entry) => listed.add(new URL(String(entry.path), issuesBase).href));
    fresh.push([url, file.response]);
  }
  for (const url of [...kept, ...keptIndexes]) {
    if (listed.has(url) || fresh.some(([freshUrl]) => freshUrl === url)) continue;
    await cache.delete(url);
    await forgetIssueFonts(url);
    delete meta[url];
  }
  // The kept index files become the site's, so offline the archive lists no retracted issue.
  for (const [url, response] of fresh) {
    if (!meta[url]) continue;
    meta[url].bytes = (await response.clone().arrayBuffer()).byteLength;
    await cache.put(url, response);
  }
  await writeMeta(cache, meta);
}

//-----------------------------------------------------------------------------
// [SECTION] Commands from the page
//-----------------------------------------------------------------------------

// Each message is {type, ...} with a MessagePort to answer on (progress, then done).
const commands = {
  version: async () => ({ version: BUILD.version }),

  // Takes over from the build in use; the page reloads on controllerchange.
  skipWaiting: async () => {
    await worker.skipWaiting();
    return {};
  },

  // {paths}: fetch each issue (relative to the scope) and keep it as saved.
  save: async ({ paths }, port) => {
    let done = 0;
    const failed = [];
    for (const path of paths) {
      const url = new URL(path, scope).href;
      try {
        const response = await fetch(url, { cache: 'no-cache' });
        if (!response.ok || !storable(response)) throw new Error(`HTTP ${response.status}`);
        await queue(() => keep(url, response, true));
        await saveIssueFonts(url);
      } catch (error) {
        if (error && error.name === 'QuotaExceededError') {
          return { done, total: paths.length, failed, error: 'quota' };
        }
        failed.push(path);
      }
      done++;
      port.postMessage({ progress: { done, total: paths.length } });
    }
    return { done, total: paths.length, failed };
  },

  // {paths} or {all: true}: forget saved and kept issues.
  remove: async ({ paths, all }) =>
    queue(async () => {
      const cache = await caches.open(ISSUE_CACHE);
      const meta = await readMeta(cache);
      const urls = all ? Object.keys(meta) : paths.map((path) => new URL(path, scope).href);
      for (const url of urls) {
        await cache.delete(url);
        await forgetIssueFonts(url);
        delete meta[url];
      }
      await writeMeta(cache, meta);
      return { removed: urls.length };
    }),

  // What is available offline: [{path, saved, bytes, read}] relative to the scope.
  // Queued behind the bookkeeping, so an issue just read is listed.
  list: async () =>
    queue(async () => {
      const cache = await caches.open(ISSUE_CACHE);
      const meta = await readMeta(cache);
      const entries = Object.entries(meta)
        .filter(([url]) => url.startsWith(scope.href))
        .map(([url, m]) => ({ path: url.slice(scope.href.length), saved: m.saved, bytes: m.bytes, read: m.read }));
      return { entries };
    }),
};

worker.addEventListener('message', (event) => {
  const message = event.data || {};
  const port = event.ports && event.ports[0];
  const command = commands[message.type];
  if (!command || !port) return;
  event.waitUntil(
    command(message, port)
      .then((answer) => port.postMessage({ done: answer }))
      .catch((error) => port.postMessage({ done: { error: String((error && error.message) || error) } })),
  );
});
