// An A/B of first text between builds or addresses: interleaved cold new tabs on
// Debian's nginx (each site with its own nginx.conf), medians. For a question the full
// bench (tools/bench_browser.mjs) does not ask, e.g. one change against the build
// before it: build the other commit's site into a folder of its own and name both.
//
// First text: the viewer's (window.digestViewer.timing().firstText), or a static page's
// first contentful paint; timed from the first page's request (a page that sends the
// reader on, like head.js or share.js, is counted in).
//
// Usage: node tools/bench_ab.mjs [--slowdown=N] RUNS LABEL|SITE|ADDRESS ...   (after `make web`)
//   e.g. node tools/bench_ab.mjs 11 'static|build/web|bench/static-2026-11-24.html' \
//          'before|/tmp/site-before|?issue=2026-11-24#qr-parking-scam' 'after|build/web|?issue=2026-11-24#qr-parking-scam'
// (build/web/bench/ has the static pages once tools/bench_browser.mjs has run.)
import path from 'node:path';
import { firstPageOffset, keepFirstPageOrigin, launchBrowser } from '../tests/browser/harness.mjs';
import { serveSites } from '../tests/browser/nginx.mjs';

// `--slowdown=N`: the CPU throttled N times (CDP), as bench_browser's 4x rows.
const slowdownArg = process.argv.find((a) => a.startsWith('--slowdown='));
const slowdown = slowdownArg ? Number(slowdownArg.slice('--slowdown='.length)) : 1;
const args = process.argv.slice(2).filter((a) => a !== slowdownArg);
const runs = Number(args[0]);
const arms = args.slice(1).map((arg) => {
  const [label, site, address = ''] = arg.split('|');
  return { label, site: path.resolve(site), address };
});
if (!(runs > 0) || !arms.length || arms.some((a) => !a.label || !a.site)) {
  console.error('usage: node tools/bench_ab.mjs RUNS LABEL|SITE|ADDRESS ...');
  process.exit(2);
}
const sites = [...new Set(arms.map((a) => a.site))];
const nginx = await serveSites(sites);
const urlOf = (site) => nginx.urls[sites.indexOf(site)];
const browser = await launchBrowser();

const times = new Map(arms.map((a) => [a.label, []]));
for (let i = 0; i < runs; i++) {
  for (const arm of arms) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await keepFirstPageOrigin(page);
    await page.goto(urlOf(arm.site) + arm.address);
    const firstText = await page.waitForFunction(() => {
      const viewer = document.getElementById('scroller') !== null;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const t = viewer ? window.digestViewer && window.digestViewer.timing().firstText : fcp && fcp.startTime;
      return typeof t === 'number' ? t : null;
    }, null, { timeout: 60000, polling: 20 });
    times.get(arm.label).push((await firstText.jsonValue()) + (await firstPageOffset(page)));
    await context.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [label, xs] of times) {
  console.log(`${label}: first text, median ${median(xs).toFixed(0)} ms; runs ${xs.map((x) => x.toFixed(0)).join(', ')}`);
}
await browser.close();
await nginx.stop();
