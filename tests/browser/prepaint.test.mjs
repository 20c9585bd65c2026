// A cold start paints the issue's first screen as text before the viewer runs: the
// newest issue's top from index.html itself (kind 'page', `digest prepaint
// --first-screen`), any other from prepaint/<issue>.json (kind 'cold', `digest
// prepaint`, docs/prepaint.md); the canvas then draws the same lines in the same
// places: nothing moves when it takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { artifacts, PATIENT_COLD_START, root, settled, stretchTimer, useSession } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const session = useSession();

// Opens the viewer with its wasm held back until release() is called, so the page
// shows only what it painted before the viewer runs.
async function openHeld(url, { width, height, deviceScaleFactor = 1, colorScheme = 'light', init = null, routes = null }) {
  const context = await session.browser.newContext({ viewport: { width, height }, deviceScaleFactor, colorScheme });
  if (init) await context.addInitScript(init);
  if (routes) await routes(context);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route('**/viewer*.wasm', async (route) => { await released; await route.continue(); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.addInitScript(stretchTimer, PATIENT_COLD_START);  // the viewer is held back anyway
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page, release, errors };
}

// Every block of the text layer in the window below the top bar: its place on the
// screen and its text.
function blocksOnScreen(page) {
  return page.evaluate(() => [...document.querySelectorAll('#text-layer [data-box]')]
    .map((el) => {
      const r = el.getBoundingClientRect();
      return { box: el.dataset.box, text: el.innerText, x: r.x, y: r.y, width: r.width, bottom: r.bottom };
    })
    .filter((b) => b.bottom > 48 && b.y < innerHeight));
}

// The fraction of pixels in the rectangle (CSS px) that differ clearly from the page's background.
function inkIn(shot, rect, ratio) {
  const bg = [shot.rgba[0], shot.rgba[1], shot.rgba[2]];
  let ink = 0, total = 0;
  for (let y = Math.round(rect.y * ratio); y < Math.round((rect.y + rect.height) * ratio); y++) {
    for (let x = Math.round(rect.x * ratio); x < Math.round((rect.x + rect.width) * ratio); x++) {
      const i = (y * shot.width + x) * 4;
      total++;
      if (Math.abs(shot.rgba[i] - bg[0]) + Math.abs(shot.rgba[i + 1] - bg[1]) + Math.abs(shot.rgba[i + 2] - bg[2]) > 90) ink++;
    }
  }
  return ink / Math.max(1, total);
}

// The same blocks, lines and places: what the viewer laid out is what was painted.
// (A range of widths shares one painted layout, placed by moving the page: the blocks'
// x in page px may differ, their place on the screen may not.)
function assertSameBlocks(painted, drawn) {
  const rowOf = (box) => box.split(' ').slice(1).join(' ');
  for (const block of painted) {
    const same = drawn.find((d) => rowOf(d.box) === rowOf(block.box) && d.text === block.text) ||
      drawn.find((d) => rowOf(d.box) === rowOf(block.box));
    assert.ok(same, `the viewer has the painted block at ${block.box} ("${block.text.slice(0, 20)}")`);
    assert.equal(same.text, block.text, `the same lines at ${block.box}`);
    assert.ok(Math.abs(same.x - block.x) < 0.5 && Math.abs(same.y - block.y) < 0.5,
      `in the same place at ${block.box}: painted ${block.x},${block.y}, drawn ${same.x},${same.y}`);
  }
}

const SCREENS = [
  { name: 'desktop-light-dpr1', width: 1280, height: 800, deviceScaleFactor: 1, colorScheme: 'light' },
  { name: 'desktop-dark-dpr2', width: 1280, height: 800, deviceScaleFactor: 2, colorScheme: 'dark' },
  { name: 'tablet-light-dpr1', width: 900, height: 700, deviceScaleFactor: 1, colorScheme: 'light' },
  // A width no list names: the column holds whole characters, so its class has an entry.
  { name: 'between-dark-dpr1', width: 517, height: 760, deviceScaleFactor: 1, colorScheme: 'dark' },
  // Deep links into an older issue (a shared link, a search engine): the screen at the
  // section, at a width between classes, from the prepaint file; at an article on a
  // phone, from the article's share page, where head.js sends the link before the rest
  // of index.html is parsed (the address is the link's again); the afterword, at the
  // page's end, where the viewer stops short of the place.
  { name: 'deep-section-light-dpr1', width: 517, height: 800, deviceScaleFactor: 1, colorScheme: 'light',
    query: '?issue=2026-11-24#qr-parking-scam-s2', kind: 'cold', place: true },
  { name: 'deep-article-dark-dpr2', width: 390, height: 844, deviceScaleFactor: 2, colorScheme: 'dark',
    query: '?issue=2026-11-23#smart-meter-privacy', kind: 'page', place: true, sentOn: true },
  { name: 'deep-afterword-light-dpr1', width: 1280, height: 800, deviceScaleFactor: 1, colorScheme: 'light',
    query: '#afterword', kind: 'cold', place: true },
  // An older issue's top: from its prepaint file.
  { name: 'older-top-dark-dpr1', width: 700, height: 800, deviceScaleFactor: 1, colorScheme: 'dark',
    query: '?issue=2026-11-20', kind: 'cold' },
  // Embedded (a portal's iframe, opened here on its own): below the 40 px header, with
  // the window's whole width (no contents column, also at 1,100 px and wider), at the
  // article the embed asks for, in the theme it asks for (not the system's).
  { name: 'embed-article-light-dpr1', width: 600, height: 720, deviceScaleFactor: 1, colorScheme: 'light',
    query: '?embed=1&issue=2026-11-24&article=qr-parking-scam', kind: 'cold', place: true, embed: true },
  { name: 'embed-wide-themed-dark-dpr1', width: 1280, height: 720, deviceScaleFactor: 1, colorScheme: 'light',
    query: '?embed=1&theme=dark', kind: 'cold', embed: true, dark: true },
  { name: 'embed-height-auto-dark-dpr2', width: 390, height: 720, deviceScaleFactor: 2, colorScheme: 'dark',
    query: '?embed=1&height=auto', kind: 'cold', embed: true, heightAuto: true },
  { name: 'phone-light-dpr2', width: 390, height: 844, deviceScaleFactor: 2, colorScheme: 'light' },
  { name: 'phone-dark-dpr2', width: 360, height: 740, deviceScaleFactor: 2, colorScheme: 'dark' },
  // A preview (?src=): no published file; prepaint.wasm lays the window's screen out in
  // the page from the issue's JSON, at its top and at an article.
  { name: 'preview-top-light-dpr1', width: 1280, height: 800, deviceScaleFactor: 1, colorScheme: 'light',
    query: '?src=issues/2026-11-24.json', kind: 'preview' },
  { name: 'preview-article-dark-dpr2', width: 390, height: 844, deviceScaleFactor: 2, colorScheme: 'dark',
    query: '?src=issues/2026-11-20.json#city-hall-interpreter', kind: 'preview', place: true },
];

for (const screen of SCREENS) {
  test(`cold start, ${screen.name}: the first screen is painted before the viewer runs, and the canvas draws it in place`, async () => {
    const { context, page, release, errors } = await openHeld(session.url + (screen.query || ''), screen);
    try {
      await page.waitForFunction(() => document.getElementById('text-layer').classList.contains('prepaint'));
      await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null);
      const timing = await page.evaluate(() => window.digestViewer.timing());
      assert.equal(timing.prepainted, screen.kind || 'page');
      assert.equal(timing.canvasFirstText, null, 'painted while the viewer was still held back');
      const scrolled = await page.evaluate(() => document.getElementById('scroller').scrollTop);
      if (screen.place) assert.ok(scrolled > 500, `painted at the place linked to (scrollTop ${scrolled})`);
      // The page that answered: index.html, or the share page it sent the link on to.
      const served = await page.evaluate(() => ({ share: document.documentElement.dataset.share ?? null, url: location.href }));
      assert.equal(served.url, session.url + (screen.query || ''), 'the address is the one opened');
      assert.equal(served.share !== null, Boolean(screen.sentOn), `answered by ${served.share ? 'a share page' : 'index.html'}`);
      const painted = await blocksOnScreen(page);
      assert.ok(painted.length >= 4, `the first screen has its blocks (${painted.length})`);
      const shotPainted = await page.screenshot();
      writeFileSync(path.join(artifacts, `prepaint-${screen.name}-painted.png`), shotPainted);
      if (screen.embed) {
        const chrome = await page.evaluate(() => ({
          header: !document.getElementById('embed-header').hidden,
          topBar: !document.getElementById('prepaint-bar').hidden,
          pageTop: document.getElementById('scroller').getBoundingClientRect().top,
        }));
        assert.deepEqual(chrome, { header: true, topBar: false, pageTop: 40 }, 'the embed header over the page');
      }
      if (screen.dark !== undefined) {
        // The page's background beside the column, as the reader sees it.
        const shot = decodePng(shotPainted);
        const i = (Math.round(120 * screen.deviceScaleFactor) * shot.width + 4) * 4;
        const light = (shot.rgba[i] + shot.rgba[i + 1] + shot.rgba[i + 2]) / 3;
        assert.ok(screen.dark ? light < 80 : light > 180, `the ${screen.dark ? 'dark' : 'light'} theme asked for (${light})`);
      }

      release();
      await settled(page);
      const after = await page.evaluate(() => ({ timing: window.digestViewer.timing(), shift: window.layoutShift,
        prepaint: document.getElementById('text-layer').classList.contains('prepaint') }));
      assert.equal(after.prepaint, false, 'the canvas took over');
      assert.ok(after.timing.canvasFirstText > after.timing.firstText, 'the painted text came first');
      const opened = await page.evaluate(() => document.getElementById('scroller').scrollTop);
      assert.ok(Math.abs(opened - scrolled) < 1, `the viewer opened where the painted screen is (${opened}, ${scrolled})`);
      assertSameBlocks(painted, await blocksOnScreen(page));
      assert.ok(after.shift <= 0.05, `layout shift ${after.shift}`);

      // What the reader sees: ink where the painted blocks are, both before and after.
      const shotDrawn = await page.screenshot();
      writeFileSync(path.join(artifacts, `prepaint-${screen.name}-drawn.png`), shotDrawn);
      const [a, b] = [decodePng(shotPainted), decodePng(shotDrawn)];
      const ratio = screen.deviceScaleFactor;
      const visible = painted.filter((p) => p.y + 20 < screen.height && p.y > 48 && p.text.trim().length > 8);
      assert.ok(visible.length >= 3, 'text blocks in view');
      for (const block of visible) {
        const rect = { x: block.x, y: block.y, width: Math.min(block.width, screen.width - block.x), height: 14 };
        assert.ok(inkIn(a, rect, ratio) > 0.02, `painted text is visible at ${block.box}`);
        assert.ok(inkIn(b, rect, ratio) > 0.02, `drawn text is visible at ${block.box}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('cold start: no prepaint where it would not match the viewer (text size, a resume point, a width without an entry, checklists without boxes)', async () => {
  // The published file with the entry for 517 px left out (a file written before its
  // width had one, or for a screen only the platform can measure).
  const withoutEntry = (context) => context.route('**/prepaint/**', async (route) => {
    const file = await (await route.fetch()).json();
    file.entries = file.entries.filter((e) => !(e.from <= 517 && (e.to === null || 517 <= e.to)));
    await route.fulfill({ json: file });
  });
  const cases = [
    { why: 'a larger text size', width: 1280, height: 800, init: () => localStorage.setItem('digest.fontScale', '1.2') },
    { why: 'a resume point', width: 1280, height: 800,
      init: () => localStorage.setItem('digest.resume.2026-11-25', 'a:0:0') },
    { why: 'a width without an entry', width: 517, height: 800, routes: withoutEntry, query: '?issue=2026-11-24' },
    { why: 'a place the issue does not have', width: 1280, height: 800, query: '#no-such-article' },
    { why: 'a preview at a larger text size', width: 1280, height: 800, query: '?src=issues/2026-11-24.json',
      init: () => localStorage.setItem('digest.fontScale', '1.2') },
    { why: 'a preview at a place the issue does not have', width: 517, height: 800,
      query: '?src=issues/2026-11-24.json#no-such-article' },
    // Checklist items without their boxes are set further left than the file has them.
    { why: 'checklists=0', width: 1280, height: 800, query: '?checklists=0' },
    { why: 'an embed with checklists=0', width: 600, height: 720, query: '?embed=1&checklists=0' },
    // With height=auto in a window of its own, the viewer scrolls the window to the
    // place (in a frame the issue's top is painted: embed.test.mjs).
    { why: 'an embed as tall as the issue, at an article, not framed', width: 600, height: 720,
      query: '?embed=1&height=auto&article=qr-parking-scam&issue=2026-11-24' },
  ];
  for (const c of cases) {
    const { context, page, release } = await openHeld(session.url + (c.query || ''), c);
    try {
      release();
      await settled(page);
      const timing = await page.evaluate(() => window.digestViewer.timing());
      assert.equal(timing.prepainted, false, c.why);
    } finally {
      await context.close();
    }
  }
});

// A reader who chose a larger text size has no published first screen (the files are
// laid out at 1.0): coming back, the last screen is painted at that size instead.
test('a saved text size: the last screen is painted at that size, and the canvas draws it in place', async () => {
  // No service worker: the second visit would take viewer.wasm from its cache, past the
  // route that holds it back, and the viewer would replace the painted screen at once.
  const context = await session.browser.newContext({ viewport: { width: 700, height: 800 }, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    if (localStorage.getItem('digest.fontScale') === null) localStorage.setItem('digest.fontScale', '1.3');
  });
  try {
    const first = await context.newPage();
    await first.goto(session.url + '?issue=2026-11-24');
    await settled(first);
    await first.evaluate(() => { document.getElementById('scroller').scrollTop = 900; });
    // The place and the screen are kept when scrolling stops (and when the page goes away).
    await first.waitForFunction(() => {
      const snapshot = JSON.parse(localStorage.getItem('digest.snapshot') || 'null');
      return snapshot && snapshot.scrollY > 800 && snapshot.pageHeight > 0;
    });
    await first.close();

    let release;
    const released = new Promise((resolve) => { release = resolve; });
    await context.route('**/viewer*.wasm', async (route) => { await released; await route.continue(); });
    const page = await context.newPage();
    await page.addInitScript(stretchTimer, PATIENT_COLD_START);
    await page.goto(session.url + '?issue=2026-11-24', { waitUntil: 'commit' });
    await page.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null);
    assert.equal(await page.evaluate(() => window.digestViewer.timing().prepainted), 'warm');
    const painted = await blocksOnScreen(page);
    const held = await page.evaluate(() => document.getElementById('text-layer').classList.contains('prepaint'));
    assert.ok(held, 'the painted screen, not yet the viewer');
    assert.ok(painted.length >= 3, `the last screen has its blocks (${painted.length})`);
    // At the saved size: body text 17 px x 1.3.
    assert.ok(painted.some((b) => Number(b.box.split(' ')[2]) > 21), 'painted at the larger size');
    release();
    await settled(page);
    assert.equal(await page.evaluate(() => window.digestViewer.state().fontScale), 1.3);
    assertSameBlocks(painted, await blocksOnScreen(page));
  } finally {
    await context.close();
  }
});

// A share link (a/<issue>/<article>.html, what 🔗 リンクをコピー gives) of one of the
// newest issues: the page is the viewer's, with the article's first screen placed and
// scrolled by its own style sheet, so the article is on screen before any script or
// second request; the viewer then boots in place and draws the same lines.
test("a share link's page holds its article's screen: on screen before any script, then the viewer's lines in place", async () => {
  const titles = (issue) => JSON.parse(readFileSync(path.join(root, `web/issues/${issue}.json`), 'utf8')).articles;
  for (const screen of [
    { name: 'share-light-dpr1', width: 1280, height: 800, deviceScaleFactor: 1, colorScheme: 'light', at: '2026-11-24/qr-parking-scam' },
    { name: 'share-dark-dpr2', width: 517, height: 760, deviceScaleFactor: 2, colorScheme: 'dark', at: '2026-11-23/smart-meter-privacy' },
    { name: 'share-phone-dpr2', width: 360, height: 740, deviceScaleFactor: 2, colorScheme: 'light', at: '2026-11-25/ci-secret-leak' },
    // The last article in a tall window: the viewer stops the jump at the page's end.
    { name: 'share-end-light-dpr1', width: 1280, height: 1400, deviceScaleFactor: 1, colorScheme: 'light', at: '2026-11-24/rural-telework' },
  ]) {
    const [issue, id] = screen.at.split('/');
    const title = titles(issue).find((a) => a.id === id).title;
    let releaseScripts;
    const scriptsHeld = new Promise((resolve) => { releaseScripts = resolve; });
    const routes = (context) => context.route(/\.js(\?|$)|\/prepaint\//, async (route) => { await scriptsHeld; await route.continue(); });
    const { context, page, release, errors } = await openHeld(`${session.url}a/${screen.at}.html`, { ...screen, routes });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      const first = await page.evaluate((title) => ({
        url: location.href,
        scripts: typeof window.createDigestViewer,
        title: [...document.querySelectorAll('#text-layer [class]')].find((el) => el.textContent === title)
          ?.getBoundingClientRect().toJSON(),
      }), title);
      assert.equal(first.url, `${session.url}?issue=${issue}#${id}`, 'the viewer\'s address, at once');
      assert.equal(first.scripts, 'undefined', 'no script of the viewer has run');
      assert.ok(first.title && first.title.y >= 48 && first.title.bottom < screen.height,
        `${screen.name}: the article's title on screen (${first.title?.y})`);
      if (!screen.name.includes('end')) assert.ok(first.title.y < 140, `${screen.name}: at the top (${first.title.y})`);
      // (Through the DevTools protocol: page.screenshot() waits for the document's fonts,
      // which wait for the held scripts.)
      const cdp = await context.newCDPSession(page);
      const shot = Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64');
      writeFileSync(path.join(artifacts, `prepaint-${screen.name}-scriptless.png`), shot);
      await page.waitForFunction(() => !document.documentElement.classList.contains('first-screen'));
      const painted = await blocksOnScreen(page);
      const visible = painted.filter((b) => b.y + 20 < screen.height && b.text.trim().length > 8);
      assert.ok(visible.length >= 3, `${screen.name}: blocks in view (${visible.length})`);
      const pixels = decodePng(shot);
      for (const block of visible) {
        // Its first line (the box's last number is the line height).
        const rect = { x: block.x, y: block.y, width: Math.min(block.width, screen.width - block.x),
          height: Number(block.box.split(' ')[3]) };
        assert.ok(inkIn(pixels, rect, pixels.width / screen.width) > 0.02, `${screen.name}: text visible at ${block.box}`);
      }

      releaseScripts();
      release();
      await settled(page);
      const after = await page.evaluate(() => ({ timing: window.digestViewer.timing(), state: window.digestViewer.state(),
        shift: window.layoutShift }));
      assert.equal(after.timing.prepainted, 'page');
      assert.equal(after.state.issue, issue);
      // (At the page's end the view's top may be above the article: the afterword counts then.)
      if (!screen.name.includes('end')) assert.equal(after.state.article, id);
      assertSameBlocks(painted, await blocksOnScreen(page));
      assert.ok(after.shift <= 0.05, `layout shift ${after.shift}`);
      writeFileSync(path.join(artifacts, `prepaint-${screen.name}-drawn.png`), await page.screenshot());
      assert.deepEqual(errors, []);
    } finally {
      releaseScripts();
      await context.close();
    }
  }
  // A section of the article asked for: not the page's screen (its prepaint file's).
  const { context, page, release } = await openHeld(`${session.url}a/2026-11-24/qr-parking-scam.html#qr-parking-scam-s2`,
    { width: 1280, height: 800 });
  try {
    release();
    await settled(page);
    const timing = await page.evaluate(() => window.digestViewer.timing());
    assert.equal(timing.prepainted, 'cold');
  } finally {
    await context.close();
  }
});

// Every script file and prepaint file held back: what index.html shows on its own (its
// inline scripts, start.js and prepaint.js, only).
async function openScriptless(url, options) {
  const held = (context) => context.route(/\.js(\?|$)|\/prepaint\//, () => new Promise(() => {}));
  const opened = await openHeld(url, { ...options, routes: held });
  await opened.page.waitForFunction(() => document.readyState !== 'loading');
  return opened;
}

test("the newest issue's top is in index.html itself: on screen before any script, and only where the viewer opens it", async () => {
  for (const screen of [
    { name: 'page-light-dpr1', width: 1280, height: 800, deviceScaleFactor: 1, colorScheme: 'light' },
    { name: 'page-dark-dpr2', width: 517, height: 760, deviceScaleFactor: 2, colorScheme: 'dark', query: '?issue=latest' },
    { name: 'page-phone-dpr2', width: 360, height: 740, deviceScaleFactor: 2, colorScheme: 'light', query: '?issue=2026-11-25' },
  ]) {
    const { context, page } = await openScriptless(session.url + (screen.query || ''), screen);
    try {
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      // (prepaint.js, inline, makes it a painted screen after the first frame.)
      const state = await page.evaluate(() => ({
        shown: getComputedStyle(document.getElementById('scroller')).display !== 'none',
        scripts: typeof window.createDigestViewer,
        blocks: [...document.querySelectorAll('#text-layer [data-box]')].map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent, x: r.x, y: r.y, width: r.width, height: r.height };
        }).filter((b) => b.y > 48 && b.y + 20 < innerHeight && b.text.trim().length > 8),
        title: document.querySelector('#text-layer h1')?.getBoundingClientRect().toJSON(),
      }));
      assert.equal(state.shown, true, `${screen.name}: the page's first screen is shown`);
      assert.equal(state.scripts, 'undefined', 'no script of the viewer has run');
      assert.ok(state.blocks.length >= 3, `${screen.name}: blocks in view (${state.blocks.length})`);
      assert.ok(state.title && state.title.y >= 48 && state.title.y < 120, `the issue's title under the top bar (${state.title?.y})`);
      // (Through the DevTools protocol: page.screenshot() waits for the document's fonts,
      // which wait for the held script.)
      const cdp = await context.newCDPSession(page);
      const shot = Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64');
      writeFileSync(path.join(artifacts, `prepaint-${screen.name}-scriptless.png`), shot);
      const pixels = decodePng(shot);
      for (const block of state.blocks) {
        const rect = { x: block.x, y: block.y, width: Math.min(block.width, screen.width - block.x), height: 14 };
        assert.ok(inkIn(pixels, rect, pixels.width / screen.width) > 0.02, `${screen.name}: text visible at ${block.y} ("${block.text.slice(0, 12)}")`);
      }
      // A line per range: only this width's breaks are shown.
      const lines = await page.evaluate(() => [...document.querySelectorAll('#text-layer br')]
        .filter((br) => getComputedStyle(br).display !== 'none').length);
      assert.ok(lines > 0, 'some of the line breaks are shown');
    } finally {
      await context.close();
    }
  }
  // Where the viewer would open something else, the page's screen never shows.
  const cases = [
    { why: 'an article linked to', query: '#router-firmware-backdoor' },
    { why: 'an older issue', query: '?issue=2026-11-24' },
    { why: 'an embed', query: '?embed=1' },
    // (A preview paints its own screen, laid out in the page: not index.html's.)
    { why: 'a preview', query: '?src=issues/2026-11-25.json', ownScreen: true },
    { why: 'a larger text size', init: () => localStorage.setItem('digest.fontScale', '1.2') },
    { why: 'a resume point', init: () => localStorage.setItem('digest.resume.2026-11-25', 'a:0:0') },
    { why: 'a window taller than the screen', height: 1600 },
  ];
  for (const c of cases) {
    const { context, page } = await openScriptless(session.url + (c.query || ''), { width: 1280, height: 800, ...c });
    try {
      const state = await page.evaluate(() => ({
        shown: document.documentElement.classList.contains('first-screen'),
        children: document.getElementById('first-screen-column') ? -1 : document.getElementById('text-layer').childElementCount,
        scroller: getComputedStyle(document.getElementById('scroller')).display,
      }));
      if (c.ownScreen) {
        await page.waitForFunction(() => window.DigestPrepaint && window.DigestPrepaint.painted);
        const painted = await page.evaluate(async () => (await window.DigestPrepaint.painted)?.kind ?? null);
        assert.equal(painted, 'preview', c.why);
        assert.equal(state.shown, false, c.why);
        assert.ok(state.children >= 0, `${c.why}: not index.html's screen`);
      } else {
        assert.deepEqual(state, { shown: false, children: 0, scroller: 'none' }, c.why);
      }
    } finally {
      await context.close();
    }
  }
});
