// Action checklists as a reader meets them: the text layer's real checkboxes over the
// drawn boxes, ticks kept through a reload, the network cut and a browser restart; the
// 対策 panel listing exactly the open items of the issues read; its Markdown export;
// a portal turning checklists off; and what the reader sees, light and dark, phone and
// desktop (screenshots in build/test-artifacts/).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, launchProfile, openViewer, quiet, root, settled, startServer, state, tempDir, until, useSession } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const session = useSession();

const ISSUE = '2026-11-24'; // qr-parking-scam: three items under 今すぐやるべき対策
const checklists = (page) => page.evaluate(() => window.digestViewer.state().checklists);
const loaded = async (page) => {
  await page.waitForFunction(() => window.digestViewer.state().checklists.loaded, null, { timeout: 10000 });
  await settled(page);
};

// The text layer's boxes of an article: [{name, checked, rect}].
const boxes = (page, article) => page.$$eval(`article[data-article="${article}"] input[type=checkbox]`,
  (inputs) => inputs.map((i) => ({ name: i.getAttribute('aria-label'), checked: i.checked, rect: i.getBoundingClientRect().toJSON() })));

// The ticks in IndexedDB: ["issue article text"].
const storedTicks = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('digest-reading');
  open.onsuccess = () => {
    if (!open.result.objectStoreNames.contains('checks')) { open.result.close(); resolve([]); return; }
    const tx = open.result.transaction(['checks']);
    const all = tx.objectStore('checks').getAll();
    tx.oncomplete = () => { open.result.close(); resolve(all.result.map((c) => `${c.issue} ${c.article} ${c.text}`).sort()); };
    tx.onerror = () => reject(tx.error);
  };
}));

// Where the canvas drew a box, in the screenshot: the share of accent-coloured pixels
// (a ticked box is filled with the accent) inside `rect` at devicePixelRatio `dpr`.
function filled(png, rect, dpr) {
  let accent = 0, total = 0;
  for (let y = Math.round(rect.y * dpr) + 2; y < Math.round((rect.y + rect.height) * dpr) - 2; ++y) {
    for (let x = Math.round(rect.x * dpr) + 2; x < Math.round((rect.x + rect.width) * dpr) - 2; ++x) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]];
      total += 1;
      if (b > r + 60 && b > g + 20) accent += 1; // the palette's blue accents
    }
  }
  return total ? accent / total : 0;
}

test('ticks stay through a reload, the network cut and a browser restart; the 対策 panel lists the open items of read issues; export', async () => {
  const site = tempDir('digest-site-');
  cpSync(path.join(root, 'build/web'), site, { recursive: true });
  const server = await startServer(site);
  const profile = tempDir('digest-profile-');
  // The article whole in view at its top: three seconds in it read it.
  let { context, page } = await launchProfile(profile, { width: 1280, height: 1200 });
  await page.goto(`${server.url}?issue=${ISSUE}#qr-parking-scam`);
  await settled(page);
  await page.evaluate(() => DigestOffline.controlled());
  await loaded(page);
  let list = await boxes(page, 'qr-parking-scam');
  assert.deepEqual(list.map((b) => b.name), ['QRコードの上にシールが重ねられていないか確認する',
    '開いたページのアドレスを確認する', '不審に思ったら精算機の現金・カード払いを使う']);
  assert.ok(list.every((b) => !b.checked && b.rect.width > 10 && Math.abs(b.rect.width - b.rect.height) < 0.5));
  // Two ticks: a click on the first box, the keyboard on the third (Tab lands on the
  // real checkbox; Space ticks it).
  await page.mouse.click(list[0].rect.x + list[0].rect.width / 2, list[0].rect.y + list[0].rect.height / 2);
  await page.focus(`article[data-article="qr-parking-scam"] input[aria-label="${list[2].name}"]`);
  await page.keyboard.press('Space');
  await until(async () => (await checklists(page)).ticked.length === 2, 'two ticks');
  await until(async () => (await storedTicks(page)).length === 2, 'two ticks in IndexedDB');
  list = await boxes(page, 'qr-parking-scam');
  assert.deepEqual(list.map((b) => b.checked), [true, false, true]);
  // The canvas draws them: the ticked boxes filled, the other an outline.
  await quiet(page);
  const shot = decodePng(await page.screenshot());
  assert.ok(filled(shot, list[0].rect, 1) > 0.5, 'the first box is drawn ticked');
  assert.ok(filled(shot, list[1].rect, 1) < 0.1, 'the second box is drawn empty');

  // Reading the article (its end in view for 3 s) makes its issue "read".
  await page.waitForFunction((id) => window.digestViewer.state().reading.readHere.includes(id), 'qr-parking-scam',
    { timeout: 15000 });
  // Written to IndexedDB before the page goes (a write in flight may not survive it).
  await until(() => page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('digest-reading');
    open.onsuccess = () => {
      const tx = open.result.transaction(['read', 'lists']);
      const read = tx.objectStore('read').count(), lists = tx.objectStore('lists').count();
      tx.oncomplete = () => { open.result.close(); resolve(read.result === 1 && lists.result === 1); };
    };
  })), 'the read article and the checklist in IndexedDB');
  // Reload: the same ticks.
  await page.reload();
  await settled(page);
  await loaded(page);
  assert.deepEqual((await boxes(page, 'qr-parking-scam')).map((b) => b.checked), [true, false, true]);
  await context.close();

  // The network cut for real and the browser restarted: still ticked.
  await server.stop();
  ({ context, page } = await launchProfile(profile, { width: 1280, height: 1200 }));
  await context.route(`${server.url}**`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${server.url}?issue=${ISSUE}#qr-parking-scam`);
  await settled(page);
  await page.waitForFunction(() => window.digestViewer.state().offline.online === false, null, { timeout: 10000 });
  await loaded(page);
  assert.deepEqual((await boxes(page, 'qr-parking-scam')).map((b) => b.checked), [true, false, true]);
  assert.deepEqual((await checklists(page)).ticked, ['QRコードの上にシールが重ねられていないか確認する',
    '不審に思ったら精算機の現金・カード払いを使う']);

  // The 対策 panel: exactly the open item of the issue read (the others were not read).
  await page.keyboard.press('x');
  await page.waitForSelector('#mirror [role=dialog][aria-label="対策"]');
  const c = await checklists(page);
  assert.deepEqual(c.open, [[ISSUE, 'qr-parking-scam', '開いたページのアドレスを確認する']]);
  const mirrored = await page.$$eval('#mirror [role=dialog][aria-label="対策"] [role=checkbox]',
    (els) => els.map((e) => [e.textContent, e.getAttribute('aria-checked')]));
  assert.deepEqual(mirrored, [['開いたページのアドレスを確認する', 'false']]);
  // The focus went into the dialog; the bar's button says 対策 and is expanded.
  assert.equal(await page.$eval('#mirror [data-key="bar.actions"]', (b) => [b.textContent, b.getAttribute('aria-expanded')].join()),
    '対策,true');
  await page.screenshot({ path: path.join(artifacts, 'checklists-panel-offline.png') });

  // The Markdown export (copied): the open item as a task, linked to its article.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#mirror [data-key="actions.export.markdown.copy"]', { force: true });
  await until(async () => (await page.evaluate(() => navigator.clipboard.readText())).startsWith('# 対策リスト'), 'the export copied');
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(markdown, /^# 対策リスト\(未完了 1件\)\n/);
  assert.ok(markdown.includes('- [ ] 開いたページのアドレスを確認する\n'), markdown);
  assert.ok(markdown.includes(`?issue=${ISSUE}#qr-parking-scam>)`), markdown);
  assert.ok(!markdown.includes('シールが重ねられて'), 'ticked items are not exported');
  // Ticking the last one in the panel (keyboard: Space on the mirrored checkbox) empties it.
  await page.focus('#mirror [role=checkbox]');
  await page.keyboard.press('Space');
  await until(async () => (await checklists(page)).open.length === 0, 'nothing open');
  assert.equal((await storedTicks(page)).length, 3);
  await context.close();
});

test('a portal with checklists off shows plain lists; the static page has read-only boxes', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?embed=1&checklists=0&issue=${ISSUE}`);
  await loaded(page);
  assert.equal((await page.$$('#text-layer input')).length, 0);
  const c = await checklists(page);
  assert.equal(c.enabled, false);
  assert.equal(c.open.length, 0);
  await page.keyboard.press('x');
  assert.equal((await state(page)).checklists.panel, false);
  await context.close();

  const html = await (await fetch(`${session.url}issues/${ISSUE}.html`)).text();
  assert.equal((html.match(/<input type="checkbox" disabled aria-label="/g) || []).length, 3);
});

test('what the reader sees: boxes and the 対策 panel, light and dark, 360 and 1280 px', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [width, dpr] of [[360, 2], [1280, 1]]) {
      const { page, context } = await openViewer(session.browser, `${session.url}?issue=${ISSUE}#qr-parking-scam`,
        { width, height: width < 400 ? 1800 : 1200, deviceScaleFactor: dpr, colorScheme: scheme });
      await loaded(page);
      const list = await boxes(page, 'qr-parking-scam');
      assert.equal(list.length, 3);
      await page.mouse.click(list[1].rect.x + list[1].rect.width / 2, list[1].rect.y + list[1].rect.height / 2);
      await until(async () => (await checklists(page)).ticked.length === 1, 'one tick');
      await quiet(page);
      const shot = decodePng(await page.screenshot({ path: path.join(artifacts, `checklist-${scheme}-${width}.png`) }));
      const ticked = filled(shot, list[1].rect, dpr), empty = filled(shot, list[0].rect, dpr);
      assert.ok(ticked > 0.5 && empty < 0.1, `${scheme} ${width}: ticked ${ticked}, empty ${empty}`);
      // The panel: the bar's 対策 (or 表示 → 対策 on the narrowest phones).
      // Read (its end in view for 3 s), so its open item is listed.
      await page.waitForFunction((id) => window.digestViewer.state().reading.readHere.includes(id), 'qr-parking-scam',
        { timeout: 15000 });
      // The focus was on the box just clicked: the panel takes it, Esc gives it back.
      await page.keyboard.press('x');
      await page.waitForSelector('#mirror [role=dialog][aria-label="対策"]');
      await page.waitForFunction(() => document.activeElement.closest('[role=dialog][aria-label="対策"]') !== null);
      await quiet(page);
      await page.screenshot({ path: path.join(artifacts, `checklist-panel-${scheme}-${width}.png`) });
      // What a screen reader is given: the dialog, its open items as checkboxes, and the
      // page's own boxes, each named by its item.
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const named = (role) => nodes.filter((n) => !n.ignored && n.role && n.role.value === role)
        .map((n) => [n.name && n.name.value, (n.properties || []).find((p) => p.name === 'checked')?.value.value]);
      assert.ok(named('dialog').some(([name]) => name === '対策'), 'the 対策 dialog');
      const checkboxes = named('checkbox');
      assert.ok(checkboxes.some(([name, checked]) => name === list[0].name && checked === 'false'), JSON.stringify(checkboxes));
      assert.ok(checkboxes.some(([name, checked]) => name === list[1].name && checked === 'true'), JSON.stringify(checkboxes));
      await page.keyboard.press('Escape');
      await page.waitForFunction((name) => document.activeElement.getAttribute('aria-label') === name, list[1].name);
      await context.close();
    }
  }
});
