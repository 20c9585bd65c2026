// What this browser stored is input (issue 22): every stored field, corrupted in turn
// (wrong type, missing, huge), is dropped or ignored and the reader reads on, reload
// after reload; and if the viewer stops anyway, the error screen offers to clear this
// site's stored data, and the console names the record it was reading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PATIENT_COLD_START, settled, stretchTimer, until, useSession } from './harness.mjs';

const session = useSession();
const ISSUE = '2026-11-25';

// Writes records into the reading log's IndexedDB as an older build, an extension or
// a crash mid-write might have left them (the stores as web/reading.js creates them).
const putRecords = (page, records) => page.evaluate((records) => new Promise((resolve, reject) => {
  const open = indexedDB.open('digest-reading');
  open.onupgradeneeded = () => {
    open.result.createObjectStore('read', { keyPath: 'key' });
    open.result.createObjectStore('meta', { keyPath: 'key' });
  };
  open.onsuccess = () => {
    let tx;
    try {
      tx = open.result.transaction([...new Set(records.map((r) => r.store))], 'readwrite');
    } catch (error) {
      reject(error);  // no such store: fail, not hang
      return;
    }
    for (const { store, value } of records) {
      // A BigInt and a cycle survive structured cloning but not JSON.stringify.
      if (value.bigint) value.issue = 10n ** 30n;
      if (value.cycle) {
        value.place = { issue: value.cycle, article: 'a' };
        value.place.title = value.place;
      }
      tx.objectStore(store).put(value);
    }
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
}), records);

const countRecords = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('digest-reading');
  open.onsuccess = () => {
    const tx = open.result.transaction(['read', 'meta']);
    const read = tx.objectStore('read').count();
    const meta = tx.objectStore('meta').getAllKeys();
    tx.oncomplete = () => { open.result.close(); resolve({ read: read.result, meta: meta.result }); };
  };
  open.onerror = () => resolve(null);
}));

const huge = 'x'.repeat(2 << 20);
// Each row: what is stored, then checked after two reloads.
const CORRUPTIONS = [
  { name: 'unfinished.article null', idb: [{ store: 'meta', value: { key: 'unfinished', place: { issue: ISSUE, article: null, title: 't' } } }] },
  { name: 'unfinished.issue a number', idb: [{ store: 'meta', value: { key: 'unfinished', place: { issue: 5, article: 'a', title: 't' } } }] },
  { name: 'unfinished.title a number', idb: [{ store: 'meta', value: { key: 'unfinished', place: { issue: ISSUE, article: 'a', title: 7 } } }], keeps: true },
  { name: 'unfinished.title huge', idb: [{ store: 'meta', value: { key: 'unfinished', place: { issue: ISSUE, article: 'a', title: huge } } }], keeps: true },
  { name: 'unfinished.title a cycle', idb: [{ store: 'meta', value: { key: 'unfinished', cycle: ISSUE } }], keeps: true },
  { name: 'unfinished.place missing', idb: [{ store: 'meta', value: { key: 'unfinished' } }] },
  { name: 'lastNewest.date an object', idb: [{ store: 'meta', value: { key: 'lastNewest', date: { y: 2026 } } }] },
  { name: 'lastNewest.date huge', idb: [{ store: 'meta', value: { key: 'lastNewest', date: huge } }] },
  { name: 'read.issue a BigInt', idb: [{ store: 'read', value: { key: 'b', bigint: true, article: 'a' } }] },
  { name: 'read.article missing', idb: [{ store: 'read', value: { key: 'm', issue: ISSUE } }] },
  { name: 'read.article huge', idb: [{ store: 'read', value: { key: 'h', issue: ISSUE, article: huge } }] },
  { name: 'read key a number', idb: [{ store: 'read', value: { key: 42, issue: [ISSUE], article: 'a' } }] },
  { name: 'checks.item not a key', idb: [{ store: 'checks', value: { key: 'c', issue: ISSUE, article: 'a', item: 'zz', text: 't' } }] },
  { name: 'checks.text huge', idb: [{ store: 'checks', value: { key: 'h', issue: ISSUE, article: 'a', item: '0123456789abcdef', text: huge } }] },
  { name: 'lists.list missing', idb: [{ store: 'lists', value: { key: ISSUE } }] },
  { name: 'lists.articles a string', idb: [{ store: 'lists', value: { key: ISSUE, list: { issue: ISSUE, articles: 'x' } } }] },
  { name: 'follows.topic a number', idb: [{ store: 'follows', value: { key: 'k', follow: { topic: 7, checked: '', found: [] } } }] },
  { name: 'follows.found a string', idb: [{ store: 'follows', value: { key: 'ルーター', follow: { topic: 'ルーター', checked: '2026-11-24', found: 'x' } } }] },
  { name: 'follows.checked huge', idb: [{ store: 'follows', value: { key: 'ルーター', follow: { topic: 'ルーター', checked: huge, found: [] } } }] },
  { name: 'follows.topic with a line break', idb: [{ store: 'follows', value: { key: 'a\nb', follow: { topic: 'a\nb', checked: '', found: [] } } }] },
  { name: 'digest.theme huge', local: { 'digest.theme': huge } },
  { name: 'digest.fontScale NaN', local: { 'digest.fontScale': 'NaN' } },
  { name: 'digest.fontScale huge', local: { 'digest.fontScale': '9'.repeat(5000) } },
  { name: `digest.resume.${ISSUE} @nan`, local: { [`digest.resume.${ISSUE}`]: 'no-such-article@nan' } },
  { name: `digest.resume.${ISSUE} huge`, local: { [`digest.resume.${ISSUE}`]: huge } },
  { name: 'digest.snapshot of the wrong types', local: { 'digest.snapshot': '{"build":1,"width":"x","html":5,"left":{}}' } },
  { name: 'digest.snapshot not JSON', local: { 'digest.snapshot': '{"build":' } },
  { name: 'digest.path.latest outside the site', local: { 'digest.path.latest': '../../../etc/passwd' } },
  { name: 'digest.path.latest huge', local: { 'digest.path.latest': huge } },
];

test('every stored field, corrupted in turn, is dropped or ignored: the reader reads on, reload after reload', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${session.url}?issue=${ISSUE}`);
  await settled(page);
  const ready = async (what) => {
    await settled(page);
    await page.waitForFunction(() => window.digestViewer.state().reading.loaded, null, { timeout: 10000 });
    const s = await page.evaluate(() => window.digestViewer.state());
    assert.equal(s.error, null, `${what}: ${s.error}`);
    assert.equal(s.issue, ISSUE, what);
    assert.ok(s.framesDrawn > 0, what);
    assert.ok(Number.isFinite(s.scrollY) && s.scrollY >= 0, `${what}: scrollY ${s.scrollY}`);
    assert.ok(s.fontScale >= 0.75 && s.fontScale <= 2, `${what}: fontScale ${s.fontScale}`);
    return s;
  };
  for (const row of CORRUPTIONS) {
    if (row.idb) await putRecords(page, row.idb);
    if (row.local) await page.evaluate((items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }, row.local);
    warnings.length = 0;
    await page.reload();
    const first = await ready(`${row.name}, first reload`);
    if (row.idb) {
      const isDropped = (w) => w.startsWith('reading log:') && /dropped/.test(w);
      // A store read after the first frame (the follows are) says so when it is read:
      // waited for, not assumed done with the reading log.
      if (!row.keeps) await until(() => warnings.some(isDropped), `${row.name}: the drop is said`).catch(() => {});
      const dropped = warnings.filter(isDropped);
      if (row.keeps) {
        assert.equal(first.reading.unfinished?.article, 'a', `${row.name}: the place is kept without its title`);
      } else {
        assert.equal(dropped.length, 1, `${row.name}: said once (${warnings.join(' | ')})`);
      }
    }
    // The bad record is gone (or kept in the form this build reads): the second start
    // is clean and says nothing.
    warnings.length = 0;
    await page.reload();
    await ready(`${row.name}, second reload`);
    assert.deepEqual(warnings.filter((w) => /^reading log:/.test(w)), [], `${row.name}: said once only`);
    assert.deepEqual(errors, [], row.name);
    // Back to a clean slate for the next row.
    await page.evaluate(() => localStorage.clear());
    await page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('digest-reading');
      open.onsuccess = () => {
        const tx = open.result.transaction(['read', 'meta'], 'readwrite');
        tx.objectStore('read').clear();
        tx.objectStore('meta').clear();
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    }));
  }
  const left = await countRecords(page);
  assert.equal(left.read, 0);
  await context.close();
});

test('the viewer stops while reading the stored reading log: the screen offers to clear it, the console names it, clearing works', async () => {
  const context = await session.browser.newContext();
  // Tests only: the viewer runs out of memory inside the call that hands it the stored
  // reading log, as an abort there would (the page's own code is unchanged).
  await context.addInitScript(() => {
    let factory;
    Object.defineProperty(window, 'createDigestViewer', {
      configurable: true,
      get() { return factory; },
      set(make) {
        factory = (options) => make(options).then((m) => {
          const setReading = m._digest_set_reading;
          m._digest_set_reading = (ptr) => {
            if (localStorage.getItem('test.stop') === '1') {
              for (const size of [64 << 20, 1 << 20, 4096, 64, 1]) while (m._malloc(size)) { /* keep it */ }
            }
            return setReading(ptr);
          };
          return m;
        });
      },
    });
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  await page.goto(`${session.url}?issue=${ISSUE}`);
  await settled(page);
  await page.evaluate(() => {
    localStorage.setItem('digest.theme', 'dark');
    localStorage.setItem('test.stop', '1');
  });
  await putRecords(page, [{ store: 'read', value: { key: 'x\ny', issue: 'x', article: 'y' } }]);
  await page.reload();
  await page.waitForSelector('#failure-stored', { state: 'visible', timeout: 20000 });
  assert.match(await page.textContent('#failure-text'), /ビューアーが停止しました/);
  // It names the reading log (with whatever else was read in the same moment: the
  // reading position, when the issue opened just before).
  assert.ok(consoleErrors.some((e) => /stopped .*while reading what this browser stored: (.*, )?IndexedDB digest-reading/.test(e)),
    consoleErrors.join(' | '));
  // What the reader is told and can reach: a button by its name, described.
  const button = page.getByRole('button', { name: '保存したデータを消して再読み込み' });
  assert.equal(await button.isVisible(), true);
  assert.match(await page.textContent('#failure-stored-text'), /読んだ記事の記録、続きから読む位置、文字の大きさとテーマの設定/);
  await page.evaluate(() => localStorage.removeItem('test.stop'));
  await Promise.all([page.waitForNavigation(), button.click()]);
  await settled(page);
  const s = await page.evaluate(() => window.digestViewer.state());
  assert.equal(s.error, null);
  assert.equal(await page.evaluate(() => localStorage.getItem('digest.theme')), null, 'settings cleared');
  await page.waitForFunction(() => window.digestViewer.state().reading.loaded, null, { timeout: 10000 });
  assert.equal((await countRecords(page)).read, 0, 'the reading log cleared');
  await context.close();
});

// Pieces a tampered first screen may carry, and how each would show if inserted.
const HOSTILE = '<meta http-equiv="refresh" content="0;url=moved.html"><base href="https://evil.example/">' +
  '<form action="https://evil.example/"><input name="q"></form><iframe src="about:blank"></iframe>' +
  '<object data="x"></object><img src="x" onerror="window.pwned=1"><p data-box="0 0 0 0;background:red" ' +
  'onclick="window.pwned=1" style="color:red">hostile</p><a href="javascript:window.pwned=1">j</a>';
// Watches the text layer for anything of HOSTILE (tests only), from the first paint.
const watchLayer = () => {
  window.hostileSeen = [];
  new MutationObserver(() => {
    const layer = document.getElementById('text-layer');
    if (!layer) return;
    for (const el of layer.querySelectorAll('meta, base, form, iframe, object, img, input:not([type=checkbox]), [onclick], [onerror], [style*="red"], a[href^="javascript"]')) {
      window.hostileSeen.push(el.outerHTML.slice(0, 80));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
};

test('a tampered first screen (the stored snapshot, a prepaint file) cannot add markup or move the page', async () => {
  // Warm: the snapshot the last visit stored, with hostile markup spliced in.
  const context = await session.browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addInitScript(watchLayer);
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=${ISSUE}`);
  await settled(page);
  await page.keyboard.press('j');
  await page.waitForFunction(() => {
    const snapshot = JSON.parse(localStorage.getItem('digest.snapshot') || 'null');
    const s = window.digestViewer.state();
    return snapshot && s.article && snapshot.issue === s.issue && Math.abs(snapshot.scrollY - s.scrollY) < 1;
  }, null, { timeout: 10000 });
  await page.evaluate((hostile) => {
    const snapshot = JSON.parse(localStorage.getItem('digest.snapshot'));
    snapshot.html = hostile + snapshot.html.replace('<p ', `<p onclick="window.pwned=1" `);
    localStorage.setItem('digest.snapshot', JSON.stringify(snapshot));
  }, HOSTILE);
  await page.goto(`${session.url}?issue=${ISSUE}`);  // without the #article of j: at the remembered place
  await settled(page);
  assert.equal(await page.evaluate(() => window.digestViewer.timing().prepainted), 'warm', 'the snapshot was painted');
  // No refresh can be pending: there is no such element (a 0 s one would also have left
  // the page long before settled()).
  assert.equal(await page.evaluate(() => document.querySelectorAll('meta[http-equiv="refresh"]').length), 0);
  assert.equal(page.url(), `${session.url}?issue=${ISSUE}`);
  assert.deepEqual(await page.evaluate(() => window.hostileSeen), []);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();

  // Cold: the issue's published first screen, tampered on the server.
  const cold = await session.browser.newContext({ viewport: { width: 1000, height: 800 } });
  await cold.addInitScript(stretchTimer, PATIENT_COLD_START);
  await cold.addInitScript(watchLayer);
  // Made before the page asks (fetching it inside the route took longer than the
  // half second a cold start waits for its file).
  // An older issue: the newest one's top is in index.html itself.
  const older = (await (await fetch(`${session.url}issues/index.json`)).json()).issues[1];
  const file = await (await fetch(`${session.url}prepaint/${older.path}`)).json();
  file.html = HOSTILE + file.html.replace('<p ', `<p onclick="window.pwned=1" `);  // the page's text, once
  await cold.route(`**/prepaint/${older.path}`, (route) => route.fulfill({ json: file }));
  const coldPage = await cold.newPage();
  await coldPage.goto(`${session.url}?issue=${older.id}`);
  await settled(coldPage);
  assert.equal(await coldPage.evaluate(() => window.digestViewer.timing().prepainted), 'cold', 'the file was painted');
  assert.equal(await coldPage.evaluate(() => document.querySelectorAll('meta[http-equiv="refresh"]').length), 0);
  assert.ok(coldPage.url().startsWith(session.url) && !coldPage.url().includes('moved.html'), coldPage.url());
  assert.deepEqual(await coldPage.evaluate(() => window.hostileSeen), []);
  assert.equal(await coldPage.evaluate(() => window.pwned), undefined);
  await cold.close();
});

test('the first-screen reader, fuzzed: only the text layer\'s own elements and attributes come out', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=${ISSUE}`);
  await settled(page);
  const { fuzzFirstScreen } = await import('./snapshot_fuzz.mjs');
  const { runs, failures } = await fuzzFirstScreen(page, Number(process.env.SNAPSHOT_FUZZ_SECONDS || 8));
  assert.deepEqual(failures, []);
  assert.ok(runs > 100, `${runs} inputs`);
  await context.close();
});

test('the offline bookkeeping in the Cache, corrupted, is read as far as it goes: issues are still kept and listed', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${session.url}?issue=${ISSUE}`);
  await settled(page);
  await page.evaluate(() => DigestOffline.controlled());
  await page.waitForFunction((id) => window.digestViewer.state().offline.available.includes(id), ISSUE, { timeout: 15000 });
  // A null record, fields of the wrong type, a record outside the site, not an object.
  await page.evaluate(async (issue) => {
    const cache = await caches.open('digest-issues');
    const scope = new URL('./', location.href).href;
    const meta = {
      [`${scope}issues/${issue}.json`]: null,
      [`${scope}issues/index.json`]: { read: 'yesterday', bytes: '12', saved: 'yes' },
      'https://elsewhere.example/x.json': { read: 1, bytes: 1, saved: true },
      __proto__: 5,
    };
    await cache.put(`${scope}offline-meta.json`, new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }));
  }, ISSUE);
  for (let i = 0; i < 2; i++) {
    await page.goto(`${session.url}?issue=2026-11-2${3 + i}`);
    await settled(page);
    const id = `2026-11-2${3 + i}`;
    await page.waitForFunction((wanted) => window.digestViewer.state().offline.available.includes(wanted), id,
      { timeout: 15000 });
    assert.equal((await page.evaluate(() => window.digestViewer.state())).error, null);
  }
  const kept = (await page.evaluate(() => DigestOffline.list())).map((e) => e.path).sort();
  assert.deepEqual(kept, ['issues/2026-11-23.json', 'issues/2026-11-24.json', `issues/${ISSUE}.json`, 'issues/index.json']);
  assert.deepEqual(errors, []);
  await context.close();
});
