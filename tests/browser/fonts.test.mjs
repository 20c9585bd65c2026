// The reading font in slices (docs/fonts.md): a first view fetches slice 0 and the
// issue's own slice and nothing more; characters the reader types or another issue
// needs come in their slice, and no character a slice holds is drawn by the
// browser's font first (the late-glyph switch) or as 〓 — except an issue's first
// frame, which draws square slices' characters at once in the places their slices
// will take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { artifacts, quiet, root, settled, state, stretchTimer, useSession } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const session = useSession();
const TABLE = JSON.parse(readFileSync(path.join(root, 'build/web/fonts/slices.json'), 'utf8'));
const SLICED = new Set(TABLE.chars.join(''));
const SAMPLES = readFileSync(path.join(root, 'web/issues/index.json'), 'utf8');
const ISSUE_IDS = JSON.parse(SAMPLES).issues.map((issue) => issue.id);
const FIXTURE = readFileSync(path.join(root, 'tests/fixtures/browser/screen.json'), 'utf8');

const fontFiles = (urls) => urls.map((url) => new URL(url, 'http://x/').pathname.replace(/^\//, ''));

// Opens the viewer recording every font file the page requests, with its size.
async function open(url, { routes = null, wait = settled } = {}) {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/test/screen.json', (r) => r.fulfill({ contentType: 'application/json', body: FIXTURE }));
  if (routes) await routes(context);
  const page = await context.newPage();
  const fonts = [];
  // For each request of the slice table: was the canvas showing when it was asked for?
  const tableAsked = [];
  page.on('request', (request) => {
    if (!/\/fonts\/slices\.(\w+\.)?json$/.test(new URL(request.url()).pathname)) return;
    tableAsked.push(page.evaluate(() => document.documentElement.classList.contains('canvas-drawn')).catch(() => null));
  });
  page.on('response', async (response) => {
    const file = new URL(response.url()).pathname;
    if (!file.includes('/fonts/')) return;
    fonts.push({ file: file.slice(1), status: response.status(), bytes: (await response.body().catch(() => '')).length });
  });
  await page.goto(url);
  await wait(page);
  return { context, page, fonts, tableAsked };
}

// The fraction of pixels in `rect` (CSS px, DPR 1) that differ between two screenshots.
function changedFraction(a, b, rect) {
  let changed = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * a.width + x) * 4;
      if (Math.abs(a.rgba[i] - b.rgba[i]) + Math.abs(a.rgba[i + 1] - b.rgba[i + 1]) + Math.abs(a.rgba[i + 2] - b.rgba[i + 2]) > 60) changed++;
    }
  }
  return changed / (rect.width * rect.height);
}

// No character a slice holds went to the browser's font or to 〓.
function assertDrawnFromSlices(s, where) {
  const borrowed = [...s.platformGlyphs].filter((c) => SLICED.has(c));
  assert.deepEqual(borrowed, [], `${where}: drawn by the browser's font instead of a slice`);
  const missing = [...s.missingGlyphs].filter((c) => SLICED.has(c));
  assert.deepEqual(missing, [], `${where}: drawn as 〓`);
  assert.equal(s.fonts.released, 0, `${where}: no slice was given up on`);
}

test('a bundled issue\'s first view fetches slice 0 and its own slice, and draws every character from them', async () => {
  for (const id of ISSUE_IDS) {
    const { context, page, fonts, tableAsked } = await open(`${session.url}?issue=${id}`);
    const s = await state(page);
    assert.equal(s.issue, id);
    // Its own slice covers it: the slice table is no part of its first view (asked for
    // once, after the canvas shows, for what comes next).
    assert.deepEqual(await Promise.all(tableAsked), [true], `${id}: the slice table asked for once the canvas shows`);
    const regular = fonts.filter((f) => !/bold/i.test(f.file) && f.file.endsWith('.ttf'));
    assert.deepEqual(regular.map((f) => f.file.replace(/\.[0-9a-f]{12}\.ttf$/, '.ttf')).sort(),
      ['fonts/BIZUDPGothic-Regular.s00.ttf', `fonts/issues/${id}-regular.ttf`], `${id}: regular font files`);
    assert.ok(!fonts.some((f) => f.file.startsWith('fonts/slices/')), `${id}: no frequency slice (${fontFiles(s.fonts.fetched)})`);
    const bytes = regular.reduce((sum, f) => sum + f.bytes, 0);
    assert.ok(bytes < 260000, `${id}: the regular font is ${bytes} B uncompressed (the whole font was 2,018,024 B)`);
    assert.deepEqual(s.fonts.slices, ['s0', `issue:${id}`]);
    assert.ok(s.fonts.bold, 'the bold weight is in');
    assertDrawnFromSlices(s, id);
    await context.close();
  }
});

// The rows of a screenshot that hold ink (any pixel far from the row's first pixel),
// as bands [first, last]: where the lines of text are.
function inkBands(png) {
  const bands = [];
  for (let y = 0; y < png.height; y++) {
    const row = y * png.width * 4;
    let ink = false;
    for (let x = 1; x < png.width && !ink; x++) {
      const i = row + x * 4;
      ink = Math.abs(png.rgba[i] - png.rgba[row]) + Math.abs(png.rgba[i + 1] - png.rgba[row + 1]) > 120;
    }
    if (!ink) continue;
    if (bands.length && bands[bands.length - 1][1] === y - 1) bands[bands.length - 1][1] = y;
    else bands.push([y, y]);
  }
  return bands;
}

test('an issue from elsewhere (?src=) is drawn at once; the slices its characters are in take the same places', async () => {
  // The frequency slices are held back until the first frame is on the screen, and
  // the fonts' wait for a late slice (GLYPH_WAIT_MS, 1 s) is made a minute long: the
  // frame must come because the issue does not wait for these slices, not because
  // the wait ran out.
  let letThrough;
  const gate = new Promise((resolve) => (letThrough = resolve));
  const { context, page } = await open(`${session.url}?src=test/screen.json`, {
    routes: async (c) => {
      await c.addInitScript(stretchTimer, { script: String.raw`/fonts\.(\w+\.)?js`, ms: 1000, to: 60000 });
      await c.route('**/fonts/slices/**', async (route) => {
        await gate;
        await route.continue();
      });
    },
    wait: (p) => p.waitForFunction(() => window.digestViewer && window.digestViewer.state().framesDrawn > 0 &&
      window.digestViewer.state().boldFont),
  });
  await quiet(page);
  let s = await state(page);
  const kanji = [...new Set(JSON.parse(FIXTURE).articles[0].title)].filter((c) => SLICED.has(c) && !TABLE.chars[0].includes(c));
  assert.ok(kanji.length > 0);
  assert.ok(s.fonts.released > 0, 'drawn before its slices came, by the browser\'s font');
  for (const c of kanji) assert.ok(s.platformGlyphs.includes(c), `${c} drawn at once by the browser's font`);
  const before = { shot: decodePng(await page.screenshot({ path: path.join(artifacts, 'fonts-src-before-slices.png') })), height: s.pageHeight };
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('#text-layer [data-box]')].map((e) => e.dataset.box));
  const boxesBefore = await boxes();

  letThrough();
  await page.waitForFunction(() => window.digestViewer.state().fonts.pending === 0 &&
    window.digestViewer.state().fonts.released === 0, null, { timeout: 20000 });
  await quiet(page);
  s = await state(page);
  const after = decodePng(await page.screenshot({ path: path.join(artifacts, 'fonts-src-after-slices.png') }));
  // Nothing moved: the same page height, blocks and lines of ink on the screen.
  assert.equal(s.pageHeight, before.height, 'the page height');
  assert.deepEqual(await boxes(), boxesBefore, 'the text layer\'s blocks');
  // (a band's edge may move by a pixel: the browser's glyph and the slice's are
  // antialiased apart; a moved line moves by its line height, 20 px and more).
  const [bandsAfter, bandsBefore] = [inkBands(after), inkBands(before.shot)];
  assert.equal(bandsAfter.length, bandsBefore.length, 'as many lines on the screen');
  bandsAfter.forEach(([top, bottom], i) => {
    const [wasTop, wasBottom] = bandsBefore[i];
    assert.ok(Math.abs(top - wasTop) <= 1 && Math.abs(bottom - wasBottom) <= 1,
      `line ${i} stays at rows ${wasTop}-${wasBottom} (now ${top}-${bottom})`);
  });

  // It got exactly slices its characters are in (JSON keys and escapes aside, the
  // fixture's text is its characters), and it has no slice of its own.
  const chars = new Set(FIXTURE);
  const needed = TABLE.chars.map((c, i) => i).filter((i) => i > 0 && [...TABLE.chars[i]].some((c) => chars.has(c)));
  const regular = s.fonts.slices.filter((key) => /^s\d+$/.test(key) && key !== 's0').map((key) => Number(key.slice(1)));
  for (const i of regular) assert.ok(needed.includes(i), `slice ${i} holds none of the issue's characters`);
  assert.ok(regular.length >= 3, `the issue's kanji are spread over slices (${regular})`);
  assert.ok(!s.fonts.fetched.some((url) => url.includes('/fonts/issues/')));
  assert.deepEqual([...s.missingGlyphs].filter((c) => SLICED.has(c)), [], 'nothing drawn as 〓');
  await context.close();
});

test('opening another issue in the page brings its slices before drawing; archive results are drawn at once', async () => {
  const { context, page } = await open(`${session.url}?issue=${ISSUE_IDS[0]}`);
  const other = ISSUE_IDS[ISSUE_IDS.length - 1];
  assert.equal(await page.evaluate((id) => window.digestViewer.open(id), other), true);
  await settled(page);
  let s = await state(page);
  assert.equal(s.issue, other);
  assert.ok(s.fonts.slices.includes(`issue:${other}`), `its own slice is given (${s.fonts.slices})`);
  assertDrawnFromSlices(s, `opened ${other}`);
  // Archive results list other issues' titles and excerpts: drawn at once, what no
  // loaded slice has in the browser's font (archive_search.test.mjs: no slice fetched);
  // the issue on the page still entirely from its slices.
  const fetchedBefore = s.fonts.fetched.length;
  await page.evaluate(() => window.digestViewer.search('認証', 'archive'));
  await page.waitForFunction(() => window.digestViewer.state().search.results.length > 0 &&
    window.digestViewer.state().fonts.pending === 0);
  await quiet(page);
  s = await state(page);
  const issueText = await page.evaluate(async (id) => (await fetch(`issues/${id}.json`)).text(), other);
  const borrowed = [...s.platformGlyphs].filter((c) => SLICED.has(c));
  assert.deepEqual(borrowed.filter((c) => issueText.includes(c)), [], 'none of the open issue\'s characters borrowed');
  assert.deepEqual(fontFiles(s.fonts.fetched.slice(fetchedBefore)), [], 'no slice fetched for the results');
  assert.deepEqual([...s.missingGlyphs].filter((c) => SLICED.has(c)), [], 'nothing drawn as 〓');
  assert.equal(s.fonts.released, 0, 'no slice was given up on');
  await context.close();
});

test('typing a rare kanji in search fetches its slice, and it is drawn from it', async () => {
  const { context, page } = await open(`${session.url}?issue=${ISSUE_IDS[0]}`);
  const before = (await state(page)).fonts.fetched.length;
  const rare = '鬱';
  const slice = TABLE.chars.findIndex((chars) => chars.includes(rare));
  assert.ok(slice > 0, 'the kanji is in a frequency slice');
  // The start of the search field (1280 px wide page), before and after typing.
  const field = { x: 484, y: 64, width: 80, height: 24 };
  await page.keyboard.press('Control+f');
  await page.waitForFunction(() => window.digestViewer.state().search.open);
  await quiet(page);
  const empty = decodePng(await page.screenshot({ path: path.join(artifacts, 'fonts-search-empty.png') }));
  await page.keyboard.type(rare);
  await page.waitForFunction(() => window.digestViewer.state().fonts.pending === 0 &&
    window.digestViewer.state().fonts.slices.length > 2);
  await quiet(page);
  const s = await state(page);
  const fetched = fontFiles(s.fonts.fetched.slice(before));
  assert.deepEqual(fetched, [`fonts/${TABLE.files.regular[slice]}`], 'just its regular slice');
  assertDrawnFromSlices(s, 'search');
  // The field shows it (composited pixels, not the viewer's word): its pixels changed.
  const typed = decodePng(await page.screenshot({ path: path.join(artifacts, 'fonts-search-typed.png') }));
  const changed = changedFraction(empty, typed, field);
  assert.ok(changed > 0.03, `the typed kanji is drawn in the search field (${changed} of its pixels changed)`);
  await context.close();
});

test('a slice that cannot be fetched: its characters are drawn by the browser\'s font, the page goes on', async () => {
  const { context, page } = await open(`${session.url}?src=test/screen.json`, {
    routes: (c) => c.route('**/fonts/slices/**', (r) => r.abort()),
  });
  const s = await state(page);
  assert.equal(s.error, null);
  assert.ok(s.fonts.released > 0, 'the slices\' characters were given to the browser\'s font');
  const kanji = [...new Set(JSON.parse(FIXTURE).articles[0].title)].filter((c) => SLICED.has(c) && !TABLE.chars[0].includes(c));
  assert.ok(kanji.length > 0);
  for (const c of kanji) assert.ok(s.platformGlyphs.includes(c), `${c} drawn by the browser's font`);
  assert.ok(s.framesDrawn > 0);
  await context.close();
});
