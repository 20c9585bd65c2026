// Followed topics as a reader meets them. A site is published up to 2026-11-24; the
// reader follows 「ファームウェア」 from the search bar by keyboard (it is in 2026-11-20
// already); the next day, 2026-11-25 (which mentions it), is published and indexed; the
// next visit, opened on an older issue, checks the new day from the static search index
// alone (network log: index files and that issue, no other) and marks its article 新着
// with the topic in the archive list and the 対策 panel's 「フォロー中」, for the eye and
// for a screen reader; a term selected in the text layer is followed by its button;
// 「フォロー解除」 forgets it; the search bar's 「フォロー」 fits a phone. Screenshots light and dark, 360 and 1280 px, in
// build/test-artifacts/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, launchProfile, quiet, root, settled, startServer, state, tempDir, until } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const TOPIC = 'ファームウェア';
const NEW_DAY = '2026-11-25';
const MATCH = 'router-firmware-backdoor';

// The built site without its newest day, or with it again: `digest index` writes
// index.json and the search index as publishing does (stale compressed copies go).
function publish(site, withNewDay) {
  const issues = path.join(site, 'issues');
  const aside = path.join(site, `${NEW_DAY}.json`);
  if (withNewDay) renameSync(aside, path.join(issues, `${NEW_DAY}.json`));
  else renameSync(path.join(issues, `${NEW_DAY}.json`), aside);
  const drop = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) drop(full);
      else if (/\.(br|gz)$/.test(entry.name) && /(index\.json|search)/.test(full)) rmSync(full);
    }
  };
  drop(issues);
  const done = spawnSync(path.join(root, 'build/native/digest'), ['index', issues], { encoding: 'utf8' });
  assert.equal(done.status, 0, done.stderr);
}

const follows = (page) => page.evaluate(() => window.digestViewer.state().follows);
const loaded = (page) => page.waitForFunction(() => window.digestViewer.state().follows.check.stage === 'done', null,
  { timeout: 15000 });

// Share of link-coloured (the palette's blue accents) pixels inside `rect`.
function accentShare(png, rect, dpr) {
  let accent = 0, total = 0;
  for (let y = Math.round(rect.y * dpr); y < Math.round((rect.y + rect.height) * dpr); ++y) {
    for (let x = Math.round(rect.x * dpr); x < Math.round((rect.x + rect.width) * dpr); ++x) {
      const i = (y * png.width + x) * 4;
      total += 1;
      if (png.rgba[i + 2] > png.rgba[i] + 40 && png.rgba[i + 2] > png.rgba[i + 1] + 10) accent += 1;
    }
  }
  return total ? accent / total : 0;
}

test('a followed term: the next visit marks the new day that mentions it 新着 with the topic, from the static index alone', async () => {
  const site = tempDir('digest-follow-site-');
  cpSync(path.join(root, 'build/web'), site, { recursive: true });
  publish(site, false);
  const server = await startServer(site);
  const profile = tempDir('digest-follow-profile-');
  let { context, page } = await launchProfile(profile, { width: 1280, height: 900 });
  await page.goto(`${server.url}?issue=2026-11-24`);
  await settled(page);
  await loaded(page);
  // The search bar, by keyboard: / opens it, the term is typed, Tab reaches 「フォロー」.
  await page.keyboard.press('/');
  await page.waitForSelector('#search-input:focus');
  await page.keyboard.type(TOPIC);
  const button = '#mirror [data-key="search.follow"]';
  await page.waitForSelector(button);
  assert.equal(await page.$eval(button, (b) => [b.textContent, b.getAttribute('aria-pressed')].join()),
    `「${TOPIC}」をフォロー,false`);
  await page.focus(button);
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector(b)?.getAttribute('aria-pressed') === 'true', button);
  let f = await follows(page);
  assert.deepEqual(f.topics.map((t) => [t.topic, t.checked, t.found.length]), [[TOPIC, '2026-11-24', 0]]);
  // Kept in IndexedDB before the browser goes.
  await until(() => page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('digest-reading');
    open.onsuccess = () => {
      const tx = open.result.transaction(['follows']);
      const all = tx.objectStore('follows').getAll();
      tx.oncomplete = () => { open.result.close(); resolve(all.result.length === 1); };
    };
  })), 'the topic in IndexedDB');
  await context.close();

  // The next day is published; the reader comes back to an older issue.
  publish(site, true);
  ({ context, page } = await launchProfile(profile, { width: 1280, height: 900 }));
  const issueFiles = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/issues/')) issueFiles.push(pathname.slice('/issues/'.length));
  });
  await page.goto(`${server.url}?issue=2026-11-23`);
  await settled(page);
  await loaded(page);
  f = await follows(page);
  assert.equal(f.check.error, null);
  assert.equal(f.check.indexed, true);
  assert.deepEqual(f.topics.map((t) => [t.topic, t.checked, t.new]), [[TOPIC, NEW_DAY, 1]]);
  assert.deepEqual(f.topics[0].found.map((m) => [m.issue, m.article]), [[NEW_DAY, MATCH]]);
  assert.ok(f.topics[0].found[0].title.includes('ルーター'), f.topics[0].found[0].title);
  // The network: the index, the issue opened, the search index's files and the one
  // matching issue; 2026-11-20 (which mentions it too, but is old) and 2026-11-24 never.
  const fetchedIssues = new Set(issueFiles.filter((p) => !p.startsWith('search/') && !p.startsWith('index')));
  assert.ok(issueFiles.every((p) => p.startsWith('search/') || p.endsWith('.json')), issueFiles.join());
  assert.deepEqual([...fetchedIssues].sort(), ['2026-11-23.json', `${NEW_DAY}.json`]);
  assert.ok(issueFiles.includes('search/manifest.json'), issueFiles.join());
  assert.ok(issueFiles.some((p) => /^search\/s[0-9a-f]+\//.test(p)), issueFiles.join());

  // The archive list names the topic on the new day's row, for the eye and the ear.
  await page.keyboard.press('a');
  const row = `#mirror [data-key="archive.issue.${NEW_DAY}"]`;
  await page.waitForSelector(row);
  const rowName = await page.$eval(row, (r) => r.textContent);
  assert.ok(rowName.includes(`新着、フォロー中の「${TOPIC}」`), rowName);
  assert.ok(!(await page.$eval('#mirror [data-key="archive.issue.2026-11-20"]', (r) => r.textContent)).includes('フォロー中'));
  await quiet(page);
  await page.screenshot({ path: path.join(artifacts, 'follow-archive-1280.png') });
  await page.keyboard.press('Escape');

  // 「フォロー中」 in the 対策 panel: the match opens its article (keyboard: Enter).
  await page.keyboard.press('x');
  const match = `#mirror [data-key="actions.match.ふぁーむうぇあ.${NEW_DAY}.${MATCH}"]`;
  await page.waitForSelector(match);
  assert.match(await page.$eval(match, (b) => b.textContent), /^記事を開く: .*ルーター.*、2026年11月25日、新着$/);
  await page.focus(match);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.digestViewer.state().issue === id, NEW_DAY);
  await settled(page);
  assert.equal((await state(page)).article, MATCH);
  await context.close();
  await server.stop();
});

test('a selected term is followed by its button; 「フォロー解除」 forgets it; light and dark, 360 and 1280 px', async () => {
  const server = await startServer();
  for (const scheme of ['light', 'dark']) {
    for (const [width, dpr] of [[360, 2], [1280, 1]]) {
      const profile = tempDir('digest-follow-select-');
      const { context, page } = await launchProfile(profile, { width, height: width < 400 ? 760 : 900,
        deviceScaleFactor: dpr, colorScheme: scheme });
      // The topic was followed on an earlier visit, before 2026-11-25.
      await page.goto(`${server.url}?issue=2026-11-20`);
      await settled(page);
      await loaded(page);
      await page.evaluate((t) => new Promise((resolve) => {
        const open = indexedDB.open('digest-reading');
        open.onsuccess = () => {
          const tx = open.result.transaction(['follows'], 'readwrite');
          tx.objectStore('follows').put({ key: t, follow: { topic: t, checked: '2026-11-24', found: [] } });
          tx.oncomplete = () => { open.result.close(); resolve(); };
        };
      }), TOPIC);
      await page.reload();
      await settled(page);
      await loaded(page);
      assert.equal((await follows(page)).topics[0].new, 1);

      // Select 「ルーター」 in the first article's title: the button appears by it.
      const range = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.getElementById('text-layer'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf('ルーター');
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(node, at);
          r.setEnd(node, at + 4);
          const rect = r.getBoundingClientRect();
          if (rect.top < 80 || rect.bottom > innerHeight - 80) continue;
          getSelection().removeAllRanges();
          getSelection().addRange(r);
          return rect.toJSON();
        }
        return null;
      });
      assert.ok(range, 'ルーター in view');
      await page.waitForSelector('button.follow-selection:not([hidden])');
      const box = await page.$eval('button.follow-selection', (b) => ({ label: b.getAttribute('aria-label'),
        rect: b.getBoundingClientRect().toJSON() }));
      assert.equal(box.label, '「ルーター」をフォロー');
      assert.ok(box.rect.x >= 0 && box.rect.x + box.rect.width <= width && box.rect.y > range.bottom - 1);
      await quiet(page);
      await page.screenshot({ path: path.join(artifacts, `follow-selection-${scheme}-${width}.png`) });
      await page.click('button.follow-selection');
      await until(async () => (await follows(page)).topics.some((t) => t.topic === 'ルーター'), 'ルーター followed');

      // The 対策 panel's 「フォロー中」: both topics, the new match drawn in the link colour.
      await page.keyboard.press('Escape');
      await page.evaluate(() => getSelection().removeAllRanges());
      await page.keyboard.press('x');
      const match = `#mirror [data-key="actions.match.ふぁーむうぇあ.${NEW_DAY}.${MATCH}"]`;
      await page.waitForSelector(match);
      await page.$eval(match, (b) => b.scrollIntoView({ block: 'center' }));
      await quiet(page);
      const rect = await page.$eval(match, (b) => b.getBoundingClientRect().toJSON());
      const shot = decodePng(await page.screenshot({ path: path.join(artifacts, `follow-panel-${scheme}-${width}.png`) }));
      if (rect.y >= 0 && rect.y + rect.height <= (width < 400 ? 760 : 900)) {
        assert.ok(accentShare(shot, rect, dpr) > 0.02, `${scheme} ${width}: the 新着 match in the link colour`);
      }
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const buttons = nodes.filter((n) => !n.ignored && n.role?.value === 'button').map((n) => n.name?.value);
      assert.ok(buttons.includes(`「${TOPIC}」のフォローを解除`), buttons.join());
      assert.ok(buttons.includes('「ルーター」のフォローを解除'), buttons.join());
      // 「フォロー解除」 by keyboard.
      await page.focus('#mirror [data-key="actions.unfollow.るーたー"]');
      await page.keyboard.press('Enter');
      await until(async () => (await follows(page)).topics.length === 1, 'ルーター unfollowed');
      // The search bar's 「フォロー」 and its close button both on screen (a phone: a row of
      // its own), the close button where a reader looks for it.
      await page.keyboard.press('Escape');
      await page.keyboard.press('/');
      await page.waitForSelector('#search-input:focus');
      await page.keyboard.type(TOPIC);
      await page.waitForSelector('#mirror [data-key="search.follow"][aria-pressed="true"]');
      await quiet(page);
      for (const key of ['search.follow', 'search.close']) {
        const r = await page.$eval(`#mirror [data-key="${key}"]`, (b) => b.getBoundingClientRect().toJSON());
        assert.ok(r.width > 10 && r.x >= 0 && r.x + r.width <= width, `${scheme} ${width}: ${key} at ${JSON.stringify(r)}`);
      }
      await page.screenshot({ path: path.join(artifacts, `follow-searchbar-${scheme}-${width}.png`) });
      await context.close();
    }
  }
  await server.stop();
});
