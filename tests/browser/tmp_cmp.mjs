import { startServer, launchBrowser } from './harness.mjs';
const servers = { base: await startServer(), pre: await startServer('/tmp/pre') };
const browser = await launchBrowser();
const res = { base: [], pre: [] };
for (let i = 0; i < 9; i++) {
  for (const k of ['base', 'pre']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${servers[k].url}?issue=2026-11-25`);
    await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null);
    res[k].push(await page.evaluate(() => window.digestViewer.timing()));
    await context.close();
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const k of Object.keys(res)) {
  const f = (key) => med(res[k].map((t) => t[key])).toFixed(0);
  console.log(k, 'wasm', f('wasmReady'), 'font', f('fontReady'), 'issue', f('issueReady'), 'first', f('firstText'));
}
await browser.close(); for (const s of Object.values(servers)) s.stop();
