// Bad input reaching the viewer: every case shows a clear message, nothing crashes,
// and what was on screen stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openViewer, settled, useSession } from './harness.mjs';

const session = useSession();
const state = (page) => page.evaluate(() => window.digestViewer.state());

test('?src= from another origin is refused', async () => {
  const { page, context, errors } = await openViewer(session.browser, `${session.url}?src=https://evil.example/issue.json`);
  const s = await state(page);
  assert.match(s.error, /このサイト以外の号は開けません/);
  assert.equal(await page.isVisible('#failure'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('HTML where the issue should be says so', async () => {
  const context = await session.browser.newContext();
  await context.route('**/test/not-json.json', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>404</title>' }));
  const page = await context.newPage();
  await page.goto(`${session.url}?src=test/not-json.json`);
  await settled(page);
  assert.match((await state(page)).error, /this is HTML, not JSON; check the address of the issue file/);
  await context.close();
});

test('a server error and a missing file give the status', async () => {
  const context = await session.browser.newContext();
  await context.route('**/test/broken.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
  const page = await context.newPage();
  await page.goto(`${session.url}?src=test/broken.json`);
  await settled(page);
  assert.match((await state(page)).error, /サーバーの応答 500/);
  await page.goto(`${session.url}?src=test/missing.json`);
  await settled(page);
  assert.match((await state(page)).error, /サーバーの応答 404/);
  await context.close();
});

test('an invalid issue says where, and an unreachable one keeps the current issue', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`);
  await context.route('**/issues/2026-11-24.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ format: 'digest-issue/1', id: '2026-11-24', date: '2026-11-24', articles: [{ id: 'a', title: 42 }] }),
  }));
  assert.equal(await page.evaluate(() => window.digestViewer.open('2026-11-24')), false);
  let s = await state(page);
  assert.equal(s.issue, '2026-11-25');
  assert.match(s.error, /\/articles\/0\/title: expected a string, got 42/);
  await context.route('**/issues/2026-11-23.json', (route) => route.abort('internetdisconnected'));
  assert.equal(await page.evaluate(() => window.digestViewer.open('2026-11-23')), false);
  s = await state(page);
  assert.equal(s.issue, '2026-11-25');
  assert.match(s.error, /ネットワークにつながっていないため、この号\(2026-11-23\)を開けません/);
  await context.close();
});

test('settings still work when storage refuses to save (quota, private mode)', async () => {
  const context = await session.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('quota exceeded', 'QuotaExceededError'); };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${session.url}?issue=2026-11-25`);
  await settled(page);
  await page.keyboard.press('+');
  await page.keyboard.press('t');
  await page.waitForTimeout(200);
  const s = await state(page);
  assert.equal(s.fontScale, 1.1);
  assert.equal(s.theme, 'dark');
  assert.equal(s.error, null);
  assert.deepEqual(errors, []);
  await context.close();
});

// The viewer validates the archive index; one it rejects is never routed through,
// and the reader is told which file is wrong and where. ?src= still works without it.
test('an index the viewer rejects is not routed through', async () => {
  const context = await session.browser.newContext();
  await context.route('**/issues/index.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ format: 'digest-index/1', issues: [{ id: '2026-11-25', date: '2026-11-25' }] }),
  }));
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=latest`);
  await settled(page);
  const s = await state(page);
  assert.equal(s.issue, null, 'nothing was opened through the rejected index');
  assert.match(s.error, /index\.json/);
  assert.match(s.error, /\/issues\/0: missing required field "path"/);
  await page.goto(`${session.url}?src=issues/2026-11-24.json`);
  await settled(page);
  assert.equal((await state(page)).issue, '2026-11-24');
  await context.close();
});
