// Bad input reaching the viewer: every case shows a clear message, nothing crashes,
// and what was on screen stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openViewer, settled, state, stateWhen, useSession } from './harness.mjs';
import { decodePng, region } from './pixels.mjs';

const session = useSession();

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
  await stateWhen(page, 'theme', 'dark');
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

// The page's wasm module, caught as viewer.js creates it (tests only).
const catchModule = () => {
  let factory;
  Object.defineProperty(window, 'createDigestViewer', {
    configurable: true,
    get() { return factory; },
    set(make) { factory = (options) => make(options).then((module) => { window.testModule = module; return module; }); },
  });
};

// Fills the wasm heap to its maximum, leaving nothing for the viewer: down to the
// smallest chunk, since a free fragment of a few dozen bytes is enough for the next
// call's strings, and the buffer that call frees could then hold a small issue (a CI
// run once opened one on a heap filled only down to 64-byte chunks).
const fillHeap = () => {
  const m = window.testModule;
  for (const size of [64 << 20, 1 << 20, 4096, 64, 1]) while (m._malloc(size)) { /* keep it */ }
  return m.HEAPU8.length;
};

test('out of memory: the error screen says so with the reason, Reload works, state().error tells', async () => {
  const context = await session.browser.newContext();
  await context.addInitScript(catchModule);
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=2026-11-24`);
  await settled(page);
  assert.equal((await state(page)).error, null);

  // 1. The page asks for memory the heap no longer has (opening another issue).
  const heap = await page.evaluate(fillHeap);
  assert.ok(heap <= 1 << 30, `the heap stops at its 1 GiB maximum (${heap})`);
  assert.equal(await page.evaluate(() => window.digestViewer.open('2026-11-25')), false);
  await page.waitForSelector('#failure', { state: 'visible' });
  assert.match((await state(page)).error, /^メモリが足りなくなり、ビューアーが停止しました。再読み込みしてください。\(out of memory/);
  assert.equal(await page.textContent('#retry'), '再読み込み');
  // What the reader sees: the message drawn, readable (composited pixels, not the DOM).
  const box = await page.locator('#failure-text').boundingBox();
  const seen = region(decodePng(await page.screenshot()), box);
  assert.ok(seen.ink > 0.02 && seen.contrast > 4.5, `the message is on screen (ink ${seen.ink}, contrast ${seen.contrast})`);

  // Reload: a fresh viewer reads again.
  await Promise.all([page.waitForNavigation(), page.click('#retry')]);
  await settled(page);
  assert.equal((await state(page)).error, null);

  // 2. The C++ side runs out (operator new fails and aborts): the same screen.
  await page.evaluate(async () => {
    const m = window.testModule;
    const bytes = new Uint8Array(await (await fetch('issues/2026-11-25.json')).arrayBuffer());
    const ptr = m._malloc(bytes.length + 1);
    m.HEAPU8.set(bytes, ptr);
    m.HEAPU8[ptr + bytes.length] = 0;
    const article = m._malloc(1);
    m.HEAPU8[article] = 0;
    const fill = () => { for (const size of [64 << 20, 1 << 20, 4096, 64, 8]) while (m._malloc(size)) { /* keep */ } };
    fill();
    try { m._digest_open_issue(ptr, bytes.length, article); } catch (error) { /* the abort unwinds here */ }
  });
  await page.waitForSelector('#failure', { state: 'visible' });
  assert.equal((await state(page)).error,
    'メモリが足りなくなり、ビューアーが停止しました。再読み込みしてください。(out of memory: the viewer\'s heap (at most 1 GiB) is full)');
  await context.close();
});
