// Search: Japanese IME composition in the hidden input, kana/width-insensitive hits
// highlighted and stepped, and the archive scope.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, inkSignature, openViewer, quiet, state, useSession } from './harness.mjs';

const session = useSession();

// Waits until `check(arg)` holds in the page, then returns the state.
// The check runs in the page as a function Playwright passes (the page's CSP refuses
// building one from text), so a wait that never holds fails the test.
async function searchWhen(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 5000 });
  return state(page);
}
test('"/" opens search; IME composition shows but only committed text is searched', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`, { width: 1280, height: 800 });
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'search-input');
  // The input lies over the drawn search box, so the IME candidate window opens there.
  const box = await page.locator('#search-input').boundingBox();
  assert.ok(box.y > 48 && box.y < 120 && box.width > 100, `input over the search box: ${JSON.stringify(box)}`);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ぱすきー', selectionStart: 4, selectionEnd: 4 });
  let s = await searchWhen(page, () => window.digestViewer.state().search.composing === 'ぱすきー');
  assert.equal(s.search.open, true);
  assert.equal(s.search.composing, 'ぱすきー');
  assert.equal(s.search.query, '');
  assert.equal(s.search.hits, 0, 'nothing is searched while composing');
  await page.screenshot({ path: path.join(artifacts, 'search-composing.png') });

  await cdp.send('Input.insertText', { text: 'ぱすきー' });  // the IME commits
  s = await searchWhen(page, () => window.digestViewer.state().search.query === 'ぱすきー' && window.digestViewer.state().search.hits > 0);
  assert.equal(s.search.composing, '');
  assert.equal(s.search.query, 'ぱすきー');
  // Hiragana finds the katakana パスキー in the issue.
  assert.ok(s.search.hits >= 5, `hits for ぱすきー: ${s.search.hits}`);
  await page.screenshot({ path: path.join(artifacts, 'search-hits.png') });
  await context.close();
});

test('Enter and Shift+Enter step through hits and scroll to them', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`, { width: 1280, height: 800 });
  // "/" focuses the box at once, not at the viewer's next frame: keys typed right after
  // it are not lost (checked in the same task as the key, so no frame runs between).
  const focused = await page.evaluate(() => {
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    document.activeElement.dispatchEvent(event);
    return { id: document.activeElement.id, prevented: event.defaultPrevented };
  });
  assert.deepEqual(focused, { id: 'search-input', prevented: true });
  await page.keyboard.type('ＱＲ');  // full-width: matches "QR"
  assert.equal(await page.inputValue('#search-input'), 'ＱＲ', 'no "/" in the box, nothing lost');
  let s = await searchWhen(page, () => window.digestViewer.state().search.query === 'ＱＲ' && window.digestViewer.state().search.hits > 0);
  assert.ok(s.search.hits >= 3, `hits for ＱＲ: ${s.search.hits}`);
  const first = s.search.current;
  const before = await inkSignature(page);
  await page.keyboard.press('Enter');
  s = await searchWhen(page, (want) => window.digestViewer.state().search.current === want, first + 1);
  await page.waitForFunction(() => window.digestViewer.state().scrollY > 300, null, { timeout: 5000 }).catch(() => {});
  s = await state(page);
  assert.equal(s.search.current, first + 1);
  assert.ok(s.scrollY > 300, `scrolled to the hit (${s.scrollY})`);
  assert.notEqual(await inkSignature(page), before);
  await page.keyboard.press('Shift+Enter');
  assert.equal((await searchWhen(page, (want) => window.digestViewer.state().search.current === want, first)).search.current, first);
  await page.keyboard.press('Escape');
  s = await searchWhen(page, () => !window.digestViewer.state().search.open);
  assert.equal(s.search.open, false);
  assert.equal(await page.isHidden('#search-input'), true);
  // Keys go back to the reader: j moves to an article again.
  await page.keyboard.press('j');
  await page.waitForFunction(() => window.digestViewer.state().article !== null, null, { timeout: 5000 }).catch(() => {});
  assert.ok((await state(page)).article);
  await context.close();
});

test('a click on the search bar\'s scope keeps the typing in the box', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`, { width: 1280, height: 800 });
  await page.keyboard.press('/');
  await page.keyboard.type('パス');
  await quiet(page);
  // Where the scope button is drawn: its mirrored element lies over it (and lets the
  // pointer through to the canvas).
  const scope = await page.locator('#mirror [data-key="search.scope"]').boundingBox();
  await page.mouse.click(scope.x + scope.width / 2, scope.y + scope.height / 2);
  await searchWhen(page, () => window.digestViewer.state().search.scope === 'archive');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'the box keeps the focus');
  await page.keyboard.type('キー');
  await searchWhen(page, () => window.digestViewer.state().search.query === 'パスキー');
  await context.close();
});

test('Ctrl+F opens the same search; typing j there does not move articles', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`);
  await page.keyboard.press('Control+f');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'search-input');
  await page.keyboard.type('jp');
  const s = await searchWhen(page, () => window.digestViewer.state().search.query === 'jp');
  assert.equal(s.search.query, 'jp');
  assert.equal(s.scrollY, 0);
  await context.close();
});

test('the archive scope lists results by issue and article', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`, { width: 1280, height: 800 });
  await page.evaluate(() => window.digestViewer.search('鍵', 'archive'));
  await page.waitForFunction(() => window.digestViewer.state().search.results.length > 0);
  const s = await state(page);
  assert.equal(s.search.scope, 'archive');
  const issues = new Set(s.search.results.map((r) => r.issue));
  assert.ok(issues.size >= 2, `results from several issues: ${JSON.stringify(s.search.results)}`);
  assert.ok(s.search.results.some((r) => r.issue === '2026-11-24' && r.article === 'passkey-bank'));
  const dates = s.search.results.map((r) => r.issue);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest issue first');
  await page.screenshot({ path: path.join(artifacts, 'search-archive.png') });
  // Arrows choose a result and Enter opens it, in its own issue, at its article.
  const target = s.search.results.findIndex((r) => r.issue === '2026-11-24');
  await page.focus('#search-input');
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.digestViewer.state().issue === '2026-11-24');
  await quiet(page);
  const opened = await state(page);
  assert.equal(opened.article, s.search.results[target].article);
  assert.equal(opened.search.scope, 'issue');
  assert.ok(opened.search.hits >= 1, 'the query is highlighted in the opened issue');
  assert.match(page.url(), new RegExp(`\\?issue=2026-11-24#${s.search.results[target].article}$`));
  await context.close();
});
