import { launchBrowser, settled, startServer } from './harness.mjs';
const server = await startServer('/tmp/profsite/site');
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(server.url);
await settled(page);
await page.waitForTimeout(1000);
console.log(await page.evaluate(async () => {
  const out = [];
  for (const u of ['issues/search/s3fee8320ce4af693/l1.bin', 'issues/search/s3fee8320ce4af693/l2.bin', 'issues/search/s3fee8320ce4af693/i0.txt', 'config.json?x', 'issues/index-2019.json']) { const t = performance.now(); await (await fetch(u)).arrayBuffer(); out.push(u.slice(-12) + ' ' + Math.round(performance.now() - t)); }
  const t = performance.now(); await Promise.all([1,2,3,4,5,6,7,8].map((i) => fetch('issues/search/s3fee8320ce4af693/l' + (10 + i) + '.bin').then((r) => r.arrayBuffer()))); out.push('8 parallel ' + Math.round(performance.now() - t));
  return out;
}));
await browser.close(); await server.stop();
