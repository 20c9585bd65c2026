import { launchBrowser, startServer, settled } from './harness.mjs';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
const server = await startServer();
const browser = await launchBrowser();
mkdirSync('build/web/test-big', { recursive: true });
const base = { format: 'digest-issue/1', date: '2026-11-25', title: 'Big' };
const cases = {
  headings: { ...base, id: 'headings', articles: [{ id: 'a', title: 'h', body: Array.from({ length: 30000 }, (_, i) => `# w${i}`).join('\n') }] },
  table: { ...base, id: 'table', articles: [{ id: 'a', title: 't', body: '| a | b |\n|---|---|\n' + Array.from({ length: 40000 }, (_, i) => `| x${i} | y |`).join('\n') }] },
  articles: { ...base, id: 'articles', articles: Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}`, title: `記事 ${i} のタイトル`, summary: '要約の文です。'.repeat(3), body: '本文の段落です。'.repeat(10) })) },
  sample: null,
};
for (const [name, issue] of Object.entries(cases)) {
  if (issue) writeFileSync(`build/web/test-big/${name}.json`, JSON.stringify(issue));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(issue ? `${server.url}?src=test-big/${name}.json` : `${server.url}?issue=2026-11-25`);
  await settled(page);
  const wall = Date.now() - t0;
  await page.waitForTimeout(1000);
  const r = await page.evaluate(() => ({ t: window.digestViewer.timing(), s: window.digestViewer.state(), dom: document.querySelectorAll('#text-layer *').length, tasks: window.longTasks }));
  const after = r.tasks.filter(([start]) => start >= r.t.firstText);
  console.log(name, 'wall', wall, 'firstText', Math.round(r.t.firstText), 'error', r.s.error, 'pieces', JSON.stringify(r.s.textLayer), 'dom', r.dom, 'longest after first text', Math.max(0, ...after.map((x) => x[1])), 'all long', JSON.stringify(r.tasks.slice(0, 8)));
  await context.close();
}
rmSync('build/web/test-big', { recursive: true });
await browser.close(); await server.stop();
