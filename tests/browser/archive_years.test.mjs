// The archive panel's year buttons on a generated archive of five years: each button
// shows that year's issues, checked by their dates (rows show only the day), while
// the other year files load around it; the line under the list names the months on
// screen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, openViewer, useArchiveSession } from './harness.mjs';

// 2022-10-18 … 2026-11-25: index.json holds the newest 60, a file per year the rest.
const session = useArchiveSession(1500);

// The panel's rows on screen once nothing has changed for 400 ms (years loading).
async function settledRows(page) {
  let last = '';
  let since = Date.now();
  for (const started = Date.now(); Date.now() - started < 10000;) {
    const s = await page.evaluate(() => window.digestViewer.state().archive);
    const now = JSON.stringify([s.shown, s.years]);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > 400) {
      return s;
    }
    await page.waitForTimeout(50);
  }
  return page.evaluate(() => window.digestViewer.state().archive);
}

test('every year button lists that year\'s issues, newest first, while the other years load', async () => {
  const { page, context } = await openViewer(session.browser, session.url, { width: 1280, height: 800 });
  await page.mouse.click(378, 22);  // アーカイブ
  await page.waitForFunction(() => window.digestViewer.state().panels.some((p) => p.name === 'archive'));
  // Where the year buttons are now (the panel sizes itself to its rows over a few frames).
  const buttons = async () => Object.fromEntries((await page.evaluate(() => window.digestViewer.state().panels))
    .filter((p) => p.name.startsWith('year ')).map((p) => [p.name.slice(5), p]));
  await settledRows(page);
  assert.deepEqual(Object.keys(await buttons()).sort(), ['2022', '2023', '2024', '2025', '2026']);
  // Oldest first (the reader's report: 2016 listed 2026's rows), then back and forth.
  const wrong = [];
  for (const year of ['2022', '2026', '2024', '2023', '2025', '2022']) {
    const rect = (await buttons())[year];
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    const archive = await settledRows(page);
    const issues = archive.shown.filter((row) => row.kind === 'issue').map((row) => row.label);
    const first = archive.shown[0];
    const newestMonth = `${year}年${year === '2026' ? 11 : 12}月`;
    if (issues.length < 5 || issues.some((date) => !date.startsWith(year)) || first.label !== newestMonth ||
        !archive.months.startsWith(newestMonth)) {
      wrong.push(`${year}: ${first?.label}, ${issues[0]} … ${issues.at(-1)}; "${archive.months}"`);
    }
    if (year === '2024') await page.screenshot({ path: path.join(artifacts, 'archive-year-2024.png') });
  }
  assert.deepEqual(wrong, []);
  await context.close();
});
