// The text layer: selection and copy, the accessibility tree, and the browser's own
// find, all on the DOM text that lies transparent over the canvas.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, inkSignature, openViewer, quiet, state, useSession } from './harness.mjs';

const session = useSession();


test('drag-select across lines and paragraphs, then Ctrl+C copies the text without wrap breaks', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`, { width: 1000, height: 700 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url });
  // From the start of the lead (first article) into the editor's comment below it.
  const lead = await page.locator('#router-firmware-backdoor p.lead').boundingBox();
  const comment = await page.locator('#router-firmware-backdoor p.commentary').first().boundingBox();
  await page.mouse.move(lead.x + 1, lead.y + lead.height / 8);
  await page.mouse.down();
  await page.mouse.move(comment.x + 60, comment.y + 10, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^国内で広く使われる家庭用ルーターの自動更新サーバーが不正アクセスを受け、遠隔操作機能を仕込んだ/);
  assert.match(copied, /呼びかけています。\n自動更新/, 'one newline between paragraphs, none at wraps');
  assert.doesNotMatch(copied.split('\n')[0], /\n/);
  await page.screenshot({ path: path.join(artifacts, 'text-layer-selection.png') });
  await context.close();
});

test('select all and copy: the issue\'s text, without the copy-link buttons', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`, { width: 1000, height: 700 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /家庭用ルーターの更新サーバーが改ざん/);
  assert.match(copied, /編集後記/);
  assert.doesNotMatch(copied, /リンクをコピー|🔗/);
  // Nor the names of the canvas's controls (web/mirror.js), nor the skip link.
  assert.doesNotMatch(copied, /前の号|アーカイブ|本文へ移動/);
  // Still there for the keyboard and screen readers: a button per article, a link per
  // section named by it.
  assert.ok((await page.getByRole('button', { name: 'リンクをコピー', exact: true }).count()) >= 4);
  assert.ok((await page.getByRole('link', { name: /^この節へのリンク: .+/ }).count()) >= 4);
  await context.close();
});

test('double-click selects a run of one script', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`, { width: 1000, height: 700 });
  // "家庭用ルーターの…": a double-click on 家 selects the kanji run 家庭用.
  const title = await page.locator('#router-firmware-backdoor h2').boundingBox();
  await page.mouse.dblclick(title.x + 10, title.y + title.height / 4);
  assert.equal(await page.evaluate(() => window.getSelection().toString()), '家庭用');
  await context.close();
});

test('the accessibility tree has the headings, text and links of the issue', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`);
  const snapshot = await page.locator('#text-layer').ariaSnapshot();
  assert.match(snapshot, /heading "Tech Digest" \[level=1\]/);
  assert.match(snapshot, /heading "地方銀行がパスキーに全面移行、ワンタイムパスワードのSMSを廃止へ" \[level=2\]/);
  assert.match(snapshot, /heading "何があった\?" \[level=3\]/);
  assert.match(snapshot, /link "インターネットバンキングのログイン方式変更のお知らせ"/);
  assert.match(snapshot, /heading "✒️ 編集後記" \[level=2\]/);
  assert.match(snapshot, /パスキーは偽サイトでは使えないため、フィッシングに強い/);
  const href = await page.locator('a', { hasText: 'インターネットバンキングのログイン方式変更のお知らせ' }).getAttribute('href');
  assert.equal(href, 'https://example.jp/bank/info/passkey');
  assert.equal(await page.locator('canvas').getAttribute('aria-hidden'), 'true');
  await context.close();
});

test("the browser's find locates text and scrolls the canvas to it", async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`, { width: 1000, height: 700 });
  const before = await inkSignature(page);
  // window.find is Chromium's find-in-page for scripts: it selects and scrolls.
  const found = await page.evaluate(() => {
    if (!window.find('公共図書館の電子書籍')) return false;
    // What the find bar does next: bring the match into view (in the scroller).
    window.getSelection().getRangeAt(0).startContainer.parentElement.scrollIntoView({ block: 'center' });
    return true;
  });
  assert.equal(found, true);
  await page.waitForFunction(() => window.digestViewer.state().scrollY > 1000, null, { timeout: 5000 }).catch(() => {});
  await quiet(page);
  const s = await state(page);
  assert.ok(s.scrollY > 1000, `scrolled to the match (${s.scrollY}px)`);
  const rect = await page.evaluate(() => {
    const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: innerHeight };
  });
  assert.ok(rect.top > 48 && rect.bottom < rect.height, `the match is in view: ${JSON.stringify(rect)}`);
  assert.notEqual(await inkSignature(page), before, 'the canvas follows the scroll');
  await page.screenshot({ path: path.join(artifacts, 'text-layer-find.png') });
  await context.close();
});

test('Tab reaches the links, with a visible focus ring, and Enter opens them', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-23`, { width: 1000, height: 700 });
  await context.route('https://example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>stub</title>' }));
  // Copy-links of the article and its sub-sections come first, then the reference.
  let focused = null;
  for (let i = 0; i < 10 && !(focused && focused.href.startsWith('https://')); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => ({ href: document.activeElement.href || '', outline: getComputedStyle(document.activeElement).outlineStyle }));
  }
  assert.equal(focused.href, 'https://example.com/blog/extension-ownership');
  assert.equal(focused.outline, 'solid');
  const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await popup.waitForLoadState();
  assert.equal(popup.url(), 'https://example.com/blog/extension-ownership');
  await context.close();
});
