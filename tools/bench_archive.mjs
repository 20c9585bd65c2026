// Archive benchmarks on the ten-year archive of `make archive` (figures, never
// pass/fail; docs/benchmarks.md keeps them):
//  - the search index: full build time and size, and adding one day (bytes rewritten,
//    time), the way a daily publisher runs `digest index`;
//  - every query of build/archive/queries.json through the index, natively: results
//    against brute force (false positives, misses), bytes read (raw, and as a host
//    sends them with the .br copies), files;
//  - the same queries in the viewer in headless Chromium: bytes fetched with a cold
//    cache, time to complete results (search() resolving) cold and warm; and on 20 of
//    them in a fresh browser each, every byte fetched after the query (tools/search_cost.mjs);
//  - the first view with the ten-year archive against the bundled one;
//  - the mirror's cost (web/mirror.js): time per update with the archive panel open and
//    its list scrolling, against the frames' own CPU time.
// Usage: node tools/bench_archive.mjs   (after `make archive web`)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser, root, settled, startServer } from '../tests/browser/harness.mjs';
import { searchCost, summarise } from './search_cost.mjs';

const digest = path.join(root, 'build/native/digest');
const archive = path.join(root, 'build/archive');
if (!existsSync(path.join(archive, 'queries.json'))) {
  console.error('no build/archive/queries.json: run `make archive` first');
  process.exit(2);
}
const { queries } = JSON.parse(readFileSync(path.join(archive, 'queries.json'), 'utf8'));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pick = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const median = (xs) => pick(xs, 0.5);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const seconds = (start) => (performance.now() - start) / 1000;

// Files under `dir`, recursively, without the .br/.gz copies.
function tree(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = tree(full);
      bytes += sub.bytes;
      files += sub.files;
    } else if (!/\.(br|gz)$/.test(entry.name)) {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

const work = mkdtempSync(path.join(tmpdir(), 'digest-bench-archive-'));
try {
  // --- building: the issues (hard links), indexed from nothing -----------------------
  const issues = path.join(work, 'site/issues');
  cpSync(path.join(root, 'build/web'), path.join(work, 'site'), { recursive: true });
  rmSync(issues, { recursive: true, force: true });
  execFileSync('cp', ['-al', path.join(archive, 'issues'), issues]);
  rmSync(path.join(issues, 'search'), { recursive: true, force: true });
  for (const name of readdirSync(issues)) if (/^index(-\d{4})?\.json$/.test(name)) rmSync(path.join(issues, name));
  // The newest days are the bundled issues (with their font slices and first screens),
  // so that the first view differs from the bundled site's by the archive's size only.
  for (const id of ['2026-11-23', '2026-11-24', '2026-11-25']) {
    rmSync(path.join(issues, `${id}.json`));
    cpSync(path.join(root, `web/issues/${id}.json`), path.join(issues, `${id}.json`));
  }
  let start = performance.now();
  execFileSync(digest, ['index', issues]);
  const fullBuild = seconds(start);
  // The index files compressed as the web build's stamp does for the bundled site.
  for (const name of readdirSync(issues).filter((n) => /^index(-\d{4})?\.json$/.test(n))) {
    const bytes = readFileSync(path.join(issues, name));
    writeFileSync(path.join(issues, `${name}.br`), zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  const index = tree(path.join(issues, 'search'));
  const issueBytes = readdirSync(issues).filter((n) => /^\d{4}-\d\d-\d\d\.json$/.test(n))
    .reduce((sum, n) => sum + statSync(path.join(issues, n)).size, 0);

  // --- the first view: the bundled site against the same newest issue with ten years
  // behind it (bytes received, headers included, until the viewer has settled) ---------
  const browser = await launchBrowser();
  const firstView = async (webRoot) => {
    const server = await startServer(webRoot);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const received = new Map();
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => received.set(requestId, encodedDataLength));
    await page.goto(server.url);
    await settled(page);
    await page.waitForTimeout(300);
    await context.close();
    await server.stop();
    return [...received.values()].reduce((a, b) => a + b, 0);
  };
  const bundledRuns = [];
  const archiveRuns = [];
  for (let i = 0; i < 3; ++i) {  // interleaved
    bundledRuns.push(await firstView(path.join(root, 'build/web')));
    archiveRuns.push(await firstView(path.join(work, 'site')));
  }
  const bundledFirstView = median(bundledRuns);
  const archiveFirstView = median(archiveRuns);
  const indexBytes = statSync(path.join(issues, 'index.json.br')).size;

  for (const name of readdirSync(issues).filter((n) => n.endsWith('.json.br'))) rmSync(path.join(issues, name));

  // One more day, as the next morning's publishing.
  const next = path.join(work, 'next');
  execFileSync('node', [path.join(root, 'tools/make_archive.mjs'), '--out', next, '--days', '1', '--end', '2026-11-26']);
  cpSync(path.join(next, 'issues/2026-11-26.json'), path.join(issues, '2026-11-26.json'));
  start = performance.now();
  const added = execFileSync(digest, ['index', issues], { encoding: 'utf8' });
  const addTime = seconds(start);
  const [, written, writtenBytes] = added.match(/; (\d+) written \((\d+) bytes\)/);
  const yearFiles = ['index.json', 'index-2026.json'].reduce((sum, n) => sum + statSync(path.join(issues, n)).size, 0);
  execFileSync('/usr/bin/python3', [path.join(root, 'tools/stamp_web.py'), '--site', path.join(issues, 'search'),
    '--compress-only']);

  // --- every query natively, against brute force (the day added is in neither answer
  // only if it holds the query: brute force runs again on the same issues) ----------
  const texts = queries.map((q) => q.query);
  const brute = JSON.parse(execFileSync(digest, ['search', path.join(issues, 'index.json'), '--json', ...texts],
    { encoding: 'utf8', maxBuffer: 256 << 20 })).queries;
  const native = JSON.parse(execFileSync(digest, ['search', path.join(issues, 'index.json'), '--index', '--json',
    ...texts], { encoding: 'utf8', maxBuffer: 256 << 20 })).queries;
  let falsePositives = 0;
  let misses = 0;
  let differentOrder = 0;
  for (let q = 0; q < texts.length; ++q) {
    const expected = brute[q].results.map((r) => `${r.issue}/${r.article}`);
    const got = native[q].results.map((r) => `${r.issue}/${r.article}`);
    const want = new Set(expected);
    const have = new Set(got);
    falsePositives += got.filter((x) => !want.has(x)).length;
    misses += expected.filter((x) => !have.has(x)).length;
    differentOrder += expected.join() !== got.join();
  }

  // --- in the viewer --------------------------------------------------------------------
  const server = await startServer(path.join(work, 'site'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url);
  await settled(page);
  // Bodies as received (what a host sends: the .txt files compressed; Chromium asks for
  // gzip rather than brotli over plain HTTP, so these are gzip sizes).
  const fetched = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
    fetched.push({ url: request.url(), bytes: sizes.responseBodySize });
  });
  const search = (text) => page.evaluate(async (t) => {
    const t0 = performance.now();
    await window.digestViewer.search(t, 'archive');
    return { ms: performance.now() - t0, results: window.digestViewer.state().search.results.length };
  }, text);
  await search('準備');  // the manifest, once (a reader's first archive search)
  await cdp.send('Network.enable');
  const cold = [];
  const coldBytes = [];
  const warm = [];
  let browserWrong = 0;
  for (let q = 0; q < texts.length; ++q) {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    fetched.length = 0;
    const first = await search(texts[q]);
    await page.waitForTimeout(50);  // the last responses' sizes
    coldBytes.push([...fetched.values()].filter((f) => f.url.includes('/issues/search/'))
      .reduce((sum, f) => sum + f.bytes, 0));
    cold.push(first.ms);
    browserWrong += first.results !== brute[q].results.length;
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await search('');
    await search(texts[q]);  // fills the HTTP cache
    await search('');
    warm.push((await search(texts[q])).ms);
  }
  // The mirror (web/mirror.js) with the archive panel open on ten years: the reader
  // scrolls the list, each frame changes the rows in view, and the page updates their
  // elements. Its time per update, against the frame's own CPU time in the same run.
  const mirrorPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await mirrorPage.goto(server.url);
  await settled(mirrorPage);
  await mirrorPage.keyboard.press('a');
  await mirrorPage.waitForFunction(() => window.digestViewer.state().panels.some((p) => p.name === 'archive'));
  const list = (await mirrorPage.evaluate(() => window.digestViewer.state().panels)).find((p) => p.name === 'archive');
  await mirrorPage.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
  await mirrorPage.waitForTimeout(500);
  const before = await mirrorPage.evaluate(() => window.digestViewer.state().mirror);
  for (let i = 0; i < 60; i++) {
    await mirrorPage.mouse.wheel(0, 120);
    await mirrorPage.waitForTimeout(30);
  }
  await mirrorPage.waitForTimeout(300);
  const mirror = await mirrorPage.evaluate(() => window.digestViewer.state().mirror);
  const frames = await mirrorPage.evaluate(() => window.digestViewer.timing());
  // What a search costs a reader in a fresh browser: every byte after the query (index,
  // excerpts, font slices), on 20 queries spread over the list.
  const step = Math.max(1, Math.floor(texts.length / 20));
  const sample = texts.map((query, q) => ({ query, results: brute[q].results })).filter((_, q) => q % step === 0);
  const costs = await searchCost(browser, server.url, sample.slice(0, 20));
  await browser.close();
  await server.stop();

  const wire = native.map((q) => q.wireBytes);
  const raw = native.map((q) => q.bytes);
  const files = native.map((q) => q.files);
  const worst = native.reduce((a, b) => (a.wireBytes >= b.wireBytes ? a : b));
  const issueCount = readdirSync(issues).filter((n) => /^\d{4}-\d\d-\d\d\.json$/.test(n)).length;
  console.log(`## Archive search: ${issueCount.toLocaleString('en')} issues, ${queries.length} queries\n`);
  console.log('| figure | value |\n| --- | ---: |');
  console.log(`| issues' JSON | ${(issueBytes / 1e6).toFixed(1)} MB |`);
  console.log(`| search index on disk | ${(index.bytes / 1e6).toFixed(1)} MB in ${index.files.toLocaleString('en')} files |`);
  console.log(`| full build (\`digest index\`, validation included) | ${fullBuild.toFixed(1)} s |`);
  console.log(`| one day added: segments written | ${written}, ${kb(Number(writtenBytes))} (+ index.json and index-2026.json, ${kb(yearFiles)}) |`);
  console.log(`| one day added: time | ${addTime.toFixed(2)} s |`);
  console.log(`| results against brute force | ${falsePositives} false positives, ${misses} misses, ${differentOrder} in another order |`);
  console.log(`| bytes per query, as sent (brotli for .txt) | median ${kb(median(wire))}, p95 ${kb(pick(wire, 0.95))}, max ${kb(Math.max(...wire))} (${worst.query}) |`);
  console.log(`| bytes per query, raw | median ${kb(median(raw))}, max ${kb(Math.max(...raw))} |`);
  console.log(`| files per query | median ${median(files)}, max ${Math.max(...files)} |`);
  console.log(`| viewer, cold cache: bytes received (bodies, gzip for .txt) | median ${kb(median(coldBytes))}, max ${kb(Math.max(...coldBytes))} |`);
  console.log(`| viewer, cold cache: time to complete results | median ${median(cold).toFixed(0)} ms, p95 ${pick(cold, 0.95).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms |`);
  console.log(`| viewer, warm: time to complete results | median ${median(warm).toFixed(0)} ms, p95 ${pick(warm, 0.95).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms |`);
  console.log(`| viewer result counts unlike brute force | ${browserWrong} |`);
  console.log(summarise(costs));
  console.log(`| first view of the newest issue, bundled 3-issue site (median of 3, headers included) | ${kb(bundledFirstView)} |`);
  console.log(`| the same with ten years behind it | ${kb(archiveFirstView)} (${(archiveFirstView / bundledFirstView).toFixed(3)}×; index.json ${kb(indexBytes)} brotli) |`);
  // The panel's opening (its elements made, the focus moved in) apart from the scrolling.
  const opening = before.updateMs.samples;
  const scrolled = mirror.updateMs.samples.slice(-(mirror.updates - before.updates));
  console.log(`| mirror update, archive panel opening (${opening.length} updates, ${before.nodes} elements) | ` +
    `max ${Math.max(...opening).toFixed(2)} ms |`);
  console.log(`| mirror update, archive list scrolled (${scrolled.length} updates, ${mirror.nodes} elements) | ` +
    `median ${median(scrolled).toFixed(2)} ms, p95 ${pick(scrolled, 0.95).toFixed(2)} ms, max ${Math.max(...scrolled).toFixed(2)} ms; ` +
    `the frames' own CPU median ${frames.medianMs.toFixed(2)} ms, p95 ${frames.p95Ms.toFixed(2)} ms |`);
  // The baseline: today's search without an index downloads every issue.
  console.log(`\nWithout the index the viewer would fetch all ${issueCount.toLocaleString('en')} issues ` +
    `(${(issueBytes / 1e6).toFixed(1)} MB raw) for a first query.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
