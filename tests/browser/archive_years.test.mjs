// The archive panel's year buttons on a generated archive of five years: each button
// shows that year's issues, checked by their dates (rows show only the day), while
// the other year files load around it; the line under the list names the months on
// screen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, openViewer, quiet, until, useArchiveSession } from './harness.mjs';

// 2022-10-18 … 2026-11-25: index.json holds the newest 60, a file per year the rest.
const session = useArchiveSession(1500);

// The panel's rows on screen once they have stopped changing: the same for 400 ms
// (year files loading change them) and no frame pending.
async function settledRows(page) {
  let last = '';
  let since = Date.now();
  await until(async () => {
    const s = await page.evaluate(() => window.digestViewer.state().archive);
    const now = JSON.stringify([s.shown, s.years]);
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since > 400;
  }, 'the archive panel\'s rows stop changing');
  await quiet(page);
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

// What has the focus, by its accessible name, as the accessibility tree says (CDP).
async function focusedName(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const focused = nodes.filter((n) => !n.ignored && (n.properties || []).some((p) => p.name === 'focused' && p.value.value));
  const node = focused.pop();
  return node && node.role.value !== 'RootWebArea' ? (node.name && node.name.value) || '' : null;
}

test('keyboard alone: the archive, a year, one of its issues', async () => {
  const { page, context } = await openViewer(session.browser, session.url, { width: 1280, height: 800 });
  const cdp = await context.newCDPSession(page);
  const press = async (key) => {
    await page.keyboard.press(key);
    await quiet(page);
  };
  await press('a');
  await settledRows(page);
  assert.match(await focusedName(cdp), /^2026年11月25日 /, 'the focus is on the issue on screen');
  // Back to the years (Shift+Tab past the categories), along them with the arrows.
  for (let i = 0; i < 6 && !/^\d{4}年$/.test((await focusedName(cdp)) || ''); i++) await press('Shift+Tab');
  assert.equal(await focusedName(cdp), '2026年', 'the years are a stop for Tab');
  for (let i = 0; i < 4 && (await focusedName(cdp)) !== '2024年'; i++) await press('ArrowDown');
  assert.equal(await focusedName(cdp), '2024年');
  await press('Enter');
  await settledRows(page);
  assert.equal(await focusedName(cdp), '2024年', 'the focus stays on the year button');
  // Tab on to the list, now at 2024: its first issue, then Enter opens it.
  for (let i = 0; i < 6 && !/^\d{4}年\d+月\d+日 /.test((await focusedName(cdp)) || ''); i++) await press('Tab');
  const first = await focusedName(cdp);
  assert.match(first, /^2024年12月\d+日 /, `an issue of 2024: ${first}`);
  // The arrows go on past the rows in view (about 15): the list scrolls under them,
  // and 25 rows down from the 31st is the 6th.
  for (let i = 0; i < 25; i++) await press('ArrowDown');
  const chosen = await focusedName(cdp);
  const [, month, day] = chosen.match(/^2024年(\d+)月(\d+)日/) || [];
  assert.ok(month && (Number(month) < 12 || Number(day) <= 10), `25 rows further down: ${chosen} (from ${first})`);
  await press('Enter');
  const id = `2024-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  await page.waitForFunction((want) => window.digestViewer.state().issue === want, id, { timeout: 20000 });
  await context.close();
});

test('a year file that fails says which and why, with 再試行: not that the issue does not exist', async () => {
  // 404 from the server.
  const context = await session.browser.newContext();
  let serveYear = false;
  await context.route('**/issues/index-2023.json', (route) => (serveYear ? route.continue() : route.fulfill({ status: 404, body: 'gone' })));
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=2023-06-15`);
  await page.waitForSelector('#failure', { state: 'visible' });
  assert.equal(await page.textContent('#failure-text'),
    '2023年の号の一覧(issues/index-2023.json)を読み込めませんでした: サーバーの応答 404');
  assert.equal(await page.isVisible('#retry'), true);
  assert.equal(await page.isVisible('#failure-ways'), false, 'not offered other issues as if this one did not exist');
  // 再試行 once the file is there again: the issue opens.
  serveYear = true;
  await Promise.all([page.waitForNavigation(), page.click('#retry')]);
  await page.waitForFunction(() => window.digestViewer?.state().issue === '2023-06-15', null, { timeout: 20000 });

  // Offline, a year file that was never kept: said as such.
  await context.route('**/issues/index-2022.json', (route) => route.abort('internetdisconnected'));
  await page.goto(`${session.url}?issue=2022-11-20`);
  await page.waitForSelector('#failure', { state: 'visible' });
  assert.match(await page.textContent('#failure-text'),
    /^2022年の号の一覧\(issues\/index-2022\.json\)を読み込めませんでした: この年の一覧は保存されていません/);

  // In the archive panel: the year's row says why and 再試行 asks again.
  await page.goto(session.url);
  await page.waitForFunction(() => window.digestViewer?.state().framesDrawn > 0, null, { timeout: 20000 });
  await page.mouse.click(378, 22);  // アーカイブ
  await page.waitForFunction(() => window.digestViewer.state().panels.some((p) => p.name === 'year 2022'));
  await settledRows(page);  // the panel sizes itself to its rows over a few frames
  const button = (await page.evaluate(() => window.digestViewer.state().panels)).find((p) => p.name === 'year 2022');
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
  await page.waitForFunction(() => window.digestViewer.state().archive.years.find((y) => y.year === '2022').failed !== null,
    null, { timeout: 10000 });
  const year = (await page.evaluate(() => window.digestViewer.state().archive.years)).find((y) => y.year === '2022');
  assert.equal(year.failed, 'この年の一覧は保存されていません');
  assert.equal(year.loaded, false);
  await settledRows(page);
  await page.screenshot({ path: path.join(artifacts, 'archive-year-failed.png') });
  await context.unroute('**/issues/index-2022.json');
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);  // the year again: 再試行
  await page.waitForFunction(() => window.digestViewer.state().archive.years.find((y) => y.year === '2022').loaded,
    null, { timeout: 10000 });
  await context.close();
});
