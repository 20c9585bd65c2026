// Browser benchmarks (figures, never pass/fail), in one headless Chromium run:
//  - cold load: time to first article text, viewer vs the same issue as static HTML
//    (`digest html`), median of 9 interleaved runs each: in a new tab of a running
//    browser, in a freshly started browser process, and in a new tab with the CPU
//    throttled 4x (CDP; a mid-range phone); the viewer's timeline (wasm, font, issue),
//    the first screen painted from the issue's prepaint file and the canvas taking
//    over (layout shift), and the same cold start without the prepaint file; an
//    unpublished preview (`?src=`, the holdout sample) against its own static page
//    (`--preview-only`: that pair alone);
//  - warm start: the second visit in the same browser (HTTP and worker caches);
//  - idle: frames drawn in 2 s without input after 0.5 s settle;
//  - scrolling an issue of 1,000 articles: frame CPU time (median, p95);
//  - warm start offline: the issue read once, the browser restarted with the server
//    stopped: first article text from the service worker's cache (median of 9;
//    `--warm-only`: that alone).
//  - other arrivals: a deep link into an older issue, a share link to it, the newest
//    issue at 517 px, an embed at an article, with and without its first screen
//    (`--arrivals-only`: those pairs alone, with the newest issue at its top);
// Served by Debian's nginx with the build's nginx.conf (`--serve-py`: tools/serve.py).
// Usage: node tools/bench_browser.mjs [--preview-only | --arrivals-only | --warm-only] [--serve-py] [--runs=N]
//        (after `make web native`)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstPageOffset, keepFirstPageOrigin, launchBrowser, launchProfile, root, startServer } from '../tests/browser/harness.mjs';
import { serveSites } from '../tests/browser/nginx.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Interleaved runs per row (`--runs=N`: more, for a steadier median on a busy machine).
const RUNS = Number((process.argv.find((a) => a.startsWith('--runs=')) || '--runs=9').slice(7)) || 9;

const benchDir = path.join(root, 'build/web/bench');
mkdirSync(benchDir, { recursive: true });
writeFileSync(path.join(benchDir, 'static-2026-11-25.html'),
  execFileSync(path.join(root, 'build/native/digest'), ['html', path.join(root, 'web/issues/2026-11-25.json')]));
writeFileSync(path.join(benchDir, 'static-2026-11-24.html'),
  execFileSync(path.join(root, 'build/native/digest'), ['html', path.join(root, 'web/issues/2026-11-24.json')]));
// The holdout sample as an unpublished preview (`?src=`) and as its static page.
const HOLDOUT = path.join(root, 'tests/fixtures/holdout/2026-11-26.json');
writeFileSync(path.join(benchDir, 'static-holdout.html'), execFileSync(path.join(root, 'build/native/digest'), ['html', HOLDOUT]));

// 1,000 articles cycled from the samples.
const pool = ['2026-11-23', '2026-11-24', '2026-11-25']
  .flatMap((id) => JSON.parse(readFileSync(path.join(root, `web/issues/${id}.json`), 'utf8')).articles);
const big = JSON.parse(readFileSync(path.join(root, 'web/issues/2026-11-25.json'), 'utf8'));
big.id = 'bench-1000';
big.sections = [];
big.articles = Array.from({ length: 1000 }, (_, i) => ({ ...pool[i % pool.length], id: `article-${i}` }));
writeFileSync(path.join(benchDir, 'big.json'), JSON.stringify(big));
// The holdout sample (ours, not bundled): the scroll baseline of an everyday issue.
cpSync(HOLDOUT, path.join(benchDir, 'holdout.json'));

// The site as a host serves it (Debian's nginx with the build's nginx.conf: every
// request in parallel, precompressed copies), or with `--serve-py` our dev server.
async function startSite() {
  if (process.argv.includes('--serve-py')) return startServer();
  const nginx = await serveSites([path.join(root, 'build/web')]);
  return { url: nginx.urls[0], stop: nginx.stop };
}
const server = await startSite();
const browser = await launchBrowser();

// A new page in `context`, the CPU throttled `slowdown` times (CDP) if asked.
async function newPage(context, slowdown) {
  const page = await context.newPage();
  if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  return page;
}

// The viewer's first article text and its timeline (ms since navigation start).
// With `takeover`, also waits for the canvas's own first text, and adds the page's
// layout shift up to then (the painted first screen must not move when it takes over).
async function viewerFirstText(page, { takeover = false, query = '?issue=2026-11-25' } = {}) {
  // The times count from the first page's request: a share link or a deep link may
  // send the reader on to another page (index.html's head.js, share.js).
  await keepFirstPageOrigin(page);
  const fromFirstPage = async (timing) => {
    const offset = await firstPageOffset(page);
    const moved = { ...timing };
    for (const key of ['wasmReady', 'fontReady', 'issueReady', 'firstText', 'canvasFirstText'])
      if (typeof moved[key] === 'number') moved[key] += offset;
    return moved;
  };
  if (takeover) {
    await page.addInitScript(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
  }
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null,
    null, { timeout: 60000 });
  if (!takeover) return fromFirstPage(await page.evaluate(() => window.digestViewer.timing()));
  await page.waitForFunction(() => window.digestViewer.timing().canvasFirstText !== null, null, { timeout: 60000 });
  await page.waitForTimeout(100);
  return fromFirstPage(await page.evaluate(() => ({ ...window.digestViewer.timing(), layoutShift: window.layoutShift })));
}

async function staticFirstPaint(page, file = 'static-2026-11-25.html') {
  // (A #fragment: the static page opens at that article, as the viewer does.)
  await page.goto(`${server.url}bench/${file}`);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
}

// Cold: nothing cached. `fresh`: a browser process started for each run (a reader
// tapping a link in another app), else a new context of the running one (a new tab).
// `noPrepaint`: the prepaint file refused and the page's own first screen taken out (its
// style sheet renamed, so start.js finds none), so the canvas draws the first text.
// `query` and `staticFile`: another issue or place and its static page; `width`: the window's.
async function coldPair({ fresh = false, slowdown = 1, noPrepaint = false, query, staticFile, width = 1280 } = {}) {
  const runs = { viewer: [], static: [], timelines: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['static', 'viewer']) {
      const owner = fresh ? await launchBrowser() : browser;
      const context = await owner.newContext({ viewport: { width, height: 800 } });
      if (noPrepaint) {
        await context.route('**/prepaint/**', (route) => route.abort());
        await context.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace('<style id="first-screen"', '<style id="no-first-screen"');
          const headers = { ...response.headers() };
          delete headers['content-encoding'];
          delete headers['content-length'];
          await route.fulfill({ status: response.status(), headers, body });
        });
      }
      const page = await newPage(context, slowdown);
      if (kind === 'static') {
        runs.static.push(await staticFirstPaint(page, staticFile));
      } else {
        const t = await viewerFirstText(page, { takeover: true, query });
        runs.viewer.push(t.firstText);
        runs.timelines.push(t);
      }
      await context.close();
      if (fresh) await owner.close();
    }
  }
  return runs;
}

// An unpublished preview: no prepaint file, no slice of its own (frequency slices).
// `--preview-only`: this pair alone (a quick check of the ?src= path).
const arrivalsOnly = process.argv.includes('--arrivals-only');
// `--warm-only`: the warm start offline alone.
const warmOnly = process.argv.includes('--warm-only');
const coldPreview = arrivalsOnly || warmOnly ? null : await coldPair({ query: '?src=bench/holdout.json', staticFile: 'static-holdout.html' });
const runsOf = (xs) => xs.map((t) => t.toFixed(0)).join(', ');
function printPair(label, runs, bar = 1.5) {
  const mv = median(runs.viewer);
  const ms = median(runs.static);
  console.log(`${label}: first article text, viewer ${mv.toFixed(0)} ms, static HTML first paint ${ms.toFixed(0)} ms, ` +
    `ratio ${(mv / ms).toFixed(2)}x (bar: <= ${bar}x)`);
  // Each viewer run against the static run just before it: a busy moment of the machine
  // weighs on both, so this ratio spreads less than the medians' between runs of the bench.
  const paired = median(runs.viewer.map((v, i) => v / runs.static[i]));
  console.log(`  viewer runs: ${runsOf(runs.viewer)} ms; static runs: ${runsOf(runs.static)} ms; ` +
    `paired ratio (median of the runs' own): ${paired.toFixed(2)}x`);
  if (!runs.timelines) return;
  const at = (key) => median(runs.timelines.map((t) => t[key])).toFixed(0);
  console.log(`  viewer timeline (medians): wasm ready ${at('wasmReady')}, font slice 0 in ${at('fontReady')}, ` +
    `issue open ${at('issueReady')}, first text ${at('firstText')}, the canvas's first text ${at('canvasFirstText')} ms`);
  const painted = (kind) => runs.timelines.filter((t) => t.prepainted === kind).length;
  const shift = Math.max(...runs.timelines.map((t) => t.layoutShift));
  console.log(`  painted before the viewer, of ${runs.timelines.length}: by the page itself ${painted('page')}, ` +
    `from the prepaint file ${painted('cold')}, laid out in the page (a preview) ${painted('preview')}, ` +
    `from the last screen ${painted('warm')}; ` +
    `layout shift up to the canvas's first text: max ${shift.toFixed(4)} (bar: <= 0.05)`);
}
const PREVIEW_LABEL = 'cold, new tab, an unpublished issue (?src=: the holdout, its frequency slices; against its static page)';
if (process.argv.includes('--preview-only')) {
  printPair(PREVIEW_LABEL, coldPreview, 2);
  await browser.close();
  await server.stop();
  process.exit(0);
}

// Other ways a reader arrives, each against the static page opened the same way: a
// link to an article in the middle of an older issue, and the newest issue in a window
// of a width no list names. New tab, freshly started browser, 4x CPU throttle.
// `--arrivals-only`: these alone.
const ARRIVALS = [
  // (The full run measures the top in its own rows below.)
  ...(arrivalsOnly ? [{ label: 'the newest issue at its top (1280 px)', query: '?issue=2026-11-25' }] : []),
  // index.html's head.js sends it on to the article's share page (the newest issues').
  { label: 'a deep link into an older issue (?issue=2026-11-24#qr-parking-scam, 1280 px)',
    query: '?issue=2026-11-24#qr-parking-scam', staticFile: 'static-2026-11-24.html#qr-parking-scam' },
  // A section of it: no share page, painted by index.html from the issue's prepaint file
  // (the static page has no anchor for sections: at the article).
  { label: 'a deep link to a section (?issue=2026-11-24#qr-parking-scam-s2, 1280 px)',
    query: '?issue=2026-11-24#qr-parking-scam-s2', staticFile: 'static-2026-11-24.html#qr-parking-scam',
    newTabOnly: true },
  { label: 'the newest issue at 517 px', query: '?issue=2026-11-25', width: 517 },
  // The link 🔗 リンクをコピー gives (a/<issue>/<article>.html): the newest issues' share
  // pages hold the article's screen and boot the viewer in place; an older one's sends
  // the reader on to the viewer at the article.
  { label: 'a share link (a/2026-11-24/qr-parking-scam.html, 1280 px)', query: 'a/2026-11-24/qr-parking-scam.html',
    staticFile: 'static-2026-11-24.html#qr-parking-scam' },
  // A portal's embed at an article (the frame's own document, opened on its own: the
  // host page's load is the host's), against the static page at the same article.
  { label: 'an embed at an article (?embed=1&issue=2026-11-24&article=qr-parking-scam, 600 x 800)',
    query: '?embed=1&issue=2026-11-24&article=qr-parking-scam', staticFile: 'static-2026-11-24.html#qr-parking-scam',
    width: 600 },
  // The same without its prepaint file: what an embed waited for before it had a first screen.
  { label: 'the same embed without its first screen (the canvas)', query: '?embed=1&issue=2026-11-24&article=qr-parking-scam',
    staticFile: 'static-2026-11-24.html#qr-parking-scam', width: 600, noPrepaint: true, newTabOnly: true },
];
const arrivals = [];
for (const { newTabOnly, ...arrival } of warmOnly ? [] : ARRIVALS) {
  for (const [how, options] of [['new tab', {}], ['freshly started browser', { fresh: true }],
    ['new tab, CPU throttled 4x', { slowdown: 4 }]].slice(0, newTabOnly ? 1 : 3)) {
    arrivals.push([`cold, ${how}, ${arrival.label}`, await coldPair({ ...arrival, ...options })]);
  }
}
if (arrivalsOnly) {
  for (const [label, runs] of arrivals) printPair(label, runs, 1.2);
  await browser.close();
  await server.stop();
  process.exit(0);
}
const coldTab = warmOnly ? null : await coldPair();
const coldFresh = warmOnly ? null : await coldPair({ fresh: true });
const coldSlow = warmOnly ? null : await coldPair({ slowdown: 4 });
const coldCanvas = warmOnly ? null : await coldPair({ noPrepaint: true });
const viewerTimes = coldTab?.viewer;
const staticTimes = coldTab?.static;

// Warm: a second visit in the same browser (HTTP cache, and the service worker the
// first visit installed), against the static page's second visit.
const warmVisit = { viewer: [], static: [] };
for (let i = 0; i < (warmOnly ? 0 : RUNS); i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await staticFirstPaint(page);
  warmVisit.static.push(await staticFirstPaint(await context.newPage()));
  await viewerFirstText(page);
  await page.evaluate(() => DigestOffline.controlled()).catch(() => {});
  await page.waitForTimeout(300);
  warmVisit.viewer.push((await viewerFirstText(await context.newPage())).firstText);
  await context.close();
}

// Warm start offline: read once online, then each run restarts the browser (same
// profile) with the server stopped and every request to it refused.
const offlineRoot = path.join(root, 'build/bench-offline');
rmSync(offlineRoot, { recursive: true, force: true });
cpSync(path.join(root, 'build/web'), offlineRoot, { recursive: true });
const offlineServer = await startServer(offlineRoot);
const profile = mkdtempSync(path.join(tmpdir(), 'digest-bench-profile-'));
{
  const { context, page } = await launchProfile(profile);
  await page.goto(`${offlineServer.url}?issue=2026-11-25`);
  await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null);
  await page.evaluate(() => DigestOffline.controlled());
  await page.waitForFunction(() => window.digestViewer.state().offline.available.includes('2026-11-25'));
  await page.waitForTimeout(1500);  // a reader reads a moment: the place and the snapshot are kept
  await context.close();
}
await offlineServer.stop();
const warmTimes = [];
const warmCanvas = [];
let warmPrepainted = 0;
for (let i = 0; i < RUNS; i++) {
  const { context, page } = await launchProfile(profile);
  await context.route(`${offlineServer.url}**`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${offlineServer.url}?issue=2026-11-25`);
  await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null);
  // The snapshot paints before the issue opens: wait for the open (or its failure).
  await page.waitForFunction(() => { const st = window.digestViewer.state(); return st.issue || st.error; });
  const opened = await page.evaluate(() => window.digestViewer.state());
  if (opened.issue !== '2026-11-25') throw new Error(`offline start failed: ${opened.error}`);
  await page.waitForFunction(() => window.digestViewer.timing().canvasFirstText !== null);
  const t = await page.evaluate(() => window.digestViewer.timing());
  warmTimes.push(t.firstText);
  warmCanvas.push(t.canvasFirstText);
  if (t.prepainted === 'warm') warmPrepainted++;
  await context.close();
}
rmSync(profile, { recursive: true, force: true });
if (warmOnly) {
  console.log(`warm start offline: first article text ${median(warmTimes).toFixed(0)} ms (bar: <= 300 ms); runs: ` +
    `${warmTimes.map((t) => t.toFixed(0)).join(', ')} ms; painted from the snapshot in ${warmPrepainted} of ${RUNS}`);
  await browser.close();
  await server.stop();
  process.exit(0);
}

// Idle frames.
const idleContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const idlePage = await idleContext.newPage();
await idlePage.goto(`${server.url}?issue=2026-11-25`);
await idlePage.waitForFunction(() => window.digestViewer);  // its scripts load after the first paint
await idlePage.evaluate(() => window.digestViewer.ready);
// Idle means everything has arrived: the bold weight, and the service worker in control.
await idlePage.waitForFunction(() => window.digestViewer.state().boldFont);
await idlePage.evaluate(() => DigestOffline.controlled());
await idlePage.waitForTimeout(500);
const idleBefore = await idlePage.evaluate(() => window.digestViewer.state().framesDrawn);
await idlePage.waitForTimeout(2000);
const idleFrames = (await idlePage.evaluate(() => window.digestViewer.state().framesDrawn)) - idleBefore;
await idleContext.close();

// Scrolling 1,000 articles: one scroll step per animation frame for 240 frames, the
// page's own frame intervals (what the reader feels) and the viewer's CPU time per
// frame taken apart; the holdout sample scrolled the same way in the same run is the
// baseline (it turns back at its ends).
const scrollPass = (page, delta) => page.evaluate((d) => new Promise((resolve) => {
  const scroller = document.getElementById('scroller');
  const times = [];
  let step = d;
  const next = (t) => {
    times.push(t);
    const before = scroller.scrollTop;
    scroller.scrollTop += step;
    if (scroller.scrollTop === before) {
      step = -step;
      scroller.scrollTop += step;
    }
    if (times.length < 240) requestAnimationFrame(next);
    else setTimeout(() => resolve(times.slice(1).map((x, i) => x - times[i])), 100);
  };
  requestAnimationFrame(next);
}), delta);
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
async function scrollRun(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => window.digestViewer);
  await page.evaluate(() => window.digestViewer.ready);
  await page.waitForFunction(() => window.digestViewer.state().framesDrawn > 0);
  const height = await page.evaluate(() => window.digestViewer.state().pageHeight);
  const downIntervals = await scrollPass(page, 300); // new text, glyphs made on first sight
  const down = await page.evaluate(() => window.digestViewer.timing());
  const scrollY = await page.evaluate(() => window.digestViewer.state().scrollY);
  const upIntervals = await scrollPass(page, -300); // back over the same text: glyphs cached
  const up = await page.evaluate(() => window.digestViewer.timing());
  await context.close();
  return { height, scrollY, down, up, downP95: p95(downIntervals), upP95: p95(upIntervals) };
}
const bigScroll = await scrollRun('?src=bench/big.json');
const holdoutScroll = await scrollRun('?src=bench/holdout.json');

// Memory: the wasm heap with a ~10 MB archive loaded and searched (7 issues of
// 1,000 articles each, 1.5 MB apiece), served from a web root of their own.
const archiveRoot = path.join(root, 'build/bench-archive');
cpSync(path.join(root, 'build/web'), archiveRoot, { recursive: true });
const archiveIndex = { format: 'digest-index/1', issues: [] };
let archiveBytes = 0;
for (let day = 1; day <= 7; day++) {
  const id = `2026-10-0${day}`;
  const text = JSON.stringify({ ...big, id, date: id });
  archiveBytes += Buffer.byteLength(text);
  writeFileSync(path.join(archiveRoot, 'issues', `${id}.json`), text);
  archiveIndex.issues.unshift({ id, date: id, title: 'Bench', headline: 'bench', path: `${id}.json` });
}
writeFileSync(path.join(archiveRoot, 'issues/index.json'), JSON.stringify(archiveIndex));
const archiveServer = await startServer(archiveRoot);
const memoryContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const memoryPage = await memoryContext.newPage();
await memoryPage.goto(`${archiveServer.url}?issue=latest`);
await memoryPage.waitForFunction(() => window.digestViewer);
await memoryPage.evaluate(() => window.digestViewer.ready);
const heapOneIssue = await memoryPage.evaluate(() => window.digestViewer.timing().heapBytes);
await memoryPage.evaluate(() => window.digestViewer.search('鍵', 'archive'));
await memoryPage.waitForFunction(() => window.digestViewer.state().search.results.length > 0, null, { timeout: 60000 });
const heapArchive = await memoryPage.evaluate(() => window.digestViewer.timing().heapBytes);
await memoryContext.close();
archiveServer.stop();

await browser.close();
await server.stop();

const v = median(viewerTimes);
const s = median(staticTimes);
console.log('## Browser (headless Chromium, SwiftShader WebGL2, 1280x800, loopback server)');
for (const [label, runs] of [['cold, new tab of a running browser', coldTab],
  ['cold, freshly started browser process', coldFresh], ['cold, new tab, CPU throttled 4x', coldSlow],
  ['cold, new tab, without the prepaint file (the canvas draws the first text)', coldCanvas],
  [PREVIEW_LABEL, coldPreview], ['warm, second visit (HTTP and worker caches)', warmVisit]]) {
  printPair(label, runs, runs === coldPreview ? 2 : 1.5);
}
for (const [label, runs] of arrivals) printPair(label, runs, 1.2);
const w = median(warmTimes);
console.log(`warm start offline (service worker cache, server stopped, browser restarted): first article text ${w.toFixed(0)} ms ` +
  `(bar: <= 300 ms); ${(w / v).toFixed(2)}x the cold start, ${(w / s).toFixed(2)}x the static page's first paint`);
console.log(`  runs: ${warmTimes.map((t) => t.toFixed(0)).join(', ')} ms; painted from the last screen's snapshot in ` +
  `${warmPrepainted} of ${RUNS}; the canvas's own first frame at median ${median(warmCanvas).toFixed(0)} ms`);
console.log(`idle: ${idleFrames} frames drawn in 2 s after 0.5 s settle (bar: 0)`);
const { down, up } = bigScroll;
console.log(`scrolling 1,000 articles (page ${bigScroll.height} px), 300 px per frame, 240 frames (bar: <= 2 ms):`);
console.log(`  down to ${bigScroll.scrollY} px, new glyphs: frame CPU median ${down.medianMs.toFixed(2)} ms, p95 ${down.p95Ms.toFixed(2)} ms`);
console.log(`  back up, glyphs cached: frame CPU median ${up.medianMs.toFixed(2)} ms, p95 ${up.p95Ms.toFixed(2)} ms`);
// Each part's median / p95, and its mean over the slowest 5% of frames.
const parts = (t) => Object.entries(t.parts).map(([name, p]) =>
  `${name} ${p.medianMs.toFixed(2)}/${p.p95Ms.toFixed(2)}/${p.slowMeanMs.toFixed(2)}`).join(', ');
for (const [name, run] of [['1,000 articles', bigScroll], [`holdout (page ${holdoutScroll.height} px)`, holdoutScroll]]) {
  console.log(`  ${name}: frame intervals p95 ${run.downP95.toFixed(1)} ms down, ${run.upP95.toFixed(1)} ms back up;`);
  console.log(`    CPU per frame, median/p95/slowest-5% mean in ms, down: ${parts(run.down)}`);
  console.log(`    back up: ${parts(run.up)}`);
}
console.log(`  frame interval p95, 1,000 articles / holdout: ${(bigScroll.downP95 / holdoutScroll.downP95).toFixed(2)}x down, ` +
  `${(bigScroll.upP95 / holdoutScroll.upP95).toFixed(2)}x back up (bar: <= 1.2x)`);
console.log(`wasm heap: ${(heapOneIssue / 1048576).toFixed(1)} MB with one 1,000-article issue open; ` +
  `${(heapArchive / 1048576).toFixed(1)} MB with the ${(archiveBytes / 1e6).toFixed(1)} MB archive (7 issues, 7,000 articles) loaded and searched (bar: <= 64 MB)`);
