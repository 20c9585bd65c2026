import { launchBrowser, settled, startServer } from './harness.mjs';
const server = await startServer('/tmp/profsite/site');
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: process.env.SW || 'allow' })).newPage();
await page.goto(server.url);
await settled(page);
const search = (text) => page.evaluate(async (t) => {
  const t0 = performance.now();
  const marks = [];
  const orig = window.fetch;
  window.fetch = (...a) => { const s = performance.now(); return orig(...a).then((r) => { marks.push([String(a[0]).split('/').slice(-2).join('/'), Math.round(s - t0), Math.round(performance.now() - t0)]); return r; }); };
  await window.digestViewer.search(t, 'archive');
  window.fetch = orig;
  return { ms: Math.round(performance.now() - t0), n: window.digestViewer.state().search.results.length, marks };
}, text);
for (const q of ['準備', '五言古詩', '五言古詩', 'と話します。', 'と話します。', 'ぱすきー']) {
  await page.waitForTimeout(1500);
  const r = await search(q);
  console.log(q, r.ms, r.n, JSON.stringify([r.marks.length, Math.min(...r.marks.map((m) => m[2])), Math.max(...r.marks.map((m) => m[1])), Math.max(...r.marks.map((m) => m[2])), r.marks.filter((m) => m[0].includes("/p")).map((m) => m[1] + "-" + m[2]).slice(0,3), r.marks.filter((m) => m[0].includes("/i")).map((m) => m[1] + "-" + m[2]).slice(0,3)]), r.marks.length);
}
await browser.close();
await server.stop();
