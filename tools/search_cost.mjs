// What an archive search costs the reader: everything fetched after the query is typed
// (the search index, the issues read for excerpts, font slices, anything else), in a
// fresh browser context per query, with the viewer settled before and after. Part of
// tools/bench_archive.mjs; alone on a built site:
//   node tools/search_cost.mjs SITE_DIR [QUERIES.json] [COUNT]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, settled, startServer } from '../tests/browser/harness.mjs';

const kinds = [
  ['index', (u) => u.includes('/issues/search/')],
  ['excerpts', (u) => /\/issues\/[^/]*\.json/.test(u)],
  ['fonts', (u) => u.includes('/fonts/')],
  ['other', () => true],
];

// Per query: { query, results, expected, bytes: {index, excerpts, fonts, other, total}, files }.
export async function searchCost(browser, url, queries) {
  const out = [];
  for (const { query, results } of queries) {
    // Without the service worker: its own fetches (keeping the newest issue for
    // offline reading) are not the search's, and its requests hide their sizes.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url);
    await settled(page);
    const fetched = [];
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
      fetched.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    });
    const found = await page.evaluate(async (q) => {
      await window.digestViewer.search(q, 'archive');
      return window.digestViewer.state().search.results.length;
    }, query);
    await settled(page);  // the rows drawn, any font they asked for here
    await page.waitForTimeout(150);  // the last responses' sizes
    const bytes = { index: 0, excerpts: 0, fonts: 0, other: 0, total: 0 };
    for (const f of fetched) {
      const [kind] = kinds.find(([, test]) => test(f.url));
      bytes[kind] += f.bytes;
      bytes.total += f.bytes;
    }
    out.push({ query, results: found, expected: results.length, bytes, files: fetched.length,
      fontFiles: fetched.filter((f) => f.url.includes('/fonts/')).length });
    await context.close();
  }
  return out;
}

export function summarise(costs) {
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  const of = (k) => costs.map((c) => c.bytes[k]);
  const worst = costs.reduce((a, b) => (a.bytes.total >= b.bytes.total ? a : b));
  return [
    `| archive search, fresh browser, all bytes after the query (headers included) | median ${kb(median(of('total')))}, max ${kb(Math.max(...of('total')))} (${worst.query}) |`,
    `| of which: index / excerpts / font slices / other (medians) | ${kb(median(of('index')))} / ${kb(median(of('excerpts')))} / ${kb(median(of('fonts')))} / ${kb(median(of('other')))} |`,
    `| font files fetched after the query | median ${median(costs.map((c) => c.fontFiles))}, max ${Math.max(...costs.map((c) => c.fontFiles))} |`,
    `| result counts unlike brute force | ${costs.filter((c) => c.results !== c.expected).length} of ${costs.length} |`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const site = process.argv[2];
  const queriesFile = process.argv[3] || path.join(path.dirname(site), 'queries.json');
  const count = Number(process.argv[4] || 12);
  const { queries } = JSON.parse(readFileSync(queriesFile, 'utf8'));
  const step = Math.max(1, Math.floor(queries.length / count));
  const chosen = queries.filter((_, i) => i % step === 0).slice(0, count);
  const server = await startServer(site);
  const browser = await launchBrowser();
  try {
    const costs = await searchCost(browser, server.url, chosen);
    for (const c of costs) {
      console.log(`${c.query}\t${c.results}/${c.expected} results\t${JSON.stringify(c.bytes)}\t${c.fontFiles} font files`);
    }
    console.log(summarise(costs));
  } finally {
    await browser.close();
    await server.stop();
  }
}
