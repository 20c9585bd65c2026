// The reading log: articles read (their end seen, 3 s in them) stay read after a
// reload, 続きから読む offers the article left unfinished, 新着 marks what was published
// since the last visit, and clearing forgets it all. Kept in IndexedDB only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, inkSignature, openViewer, quiet, root, settled, until, useSession } from './harness.mjs';

const session = useSession();
const reading = (page) => page.evaluate(() => window.digestViewer.state().reading);
// Waits until `check` (a function of state().reading, run in the page) holds.
const waitReading = (page, check, arg) => page.waitForFunction(check, arg, { timeout: 10000 });

// What IndexedDB holds: {read: count, unfinished: place | null}.
const stored = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('digest-reading');
  open.onsuccess = () => {
    const tx = open.result.transaction(['read', 'meta']);
    const count = tx.objectStore('read').count();
    const unfinished = tx.objectStore('meta').get('unfinished');
    tx.oncomplete = () => {
      open.result.close();
      resolve({ read: count.result, unfinished: unfinished.result ? unfinished.result.place : null });
    };
    tx.onerror = () => reject(tx.error);
  };
}));
// Waits until the writes the viewer asked for are in IndexedDB (before leaving the page).
async function storedWhen(page, check) {
  try {
    await until(async () => check(await stored(page)), 'the reading log in IndexedDB', { every: 100 });
  } catch (error) {
    assert.fail(`IndexedDB: ${JSON.stringify(await stored(page))}`);
  }
}

async function reload(page) {
  await page.reload();
  await settled(page);
  await waitReading(page, () => window.digestViewer.state().reading.loaded);
}

test('read articles, 続きから読む, 新着 and clearing, across reloads', async () => {
  // A tall window: the first article is on screen whole, so 3 s in it read it.
  const { page, context, errors } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`,
    { width: 1280, height: 2400 });
  // The log comes from IndexedDB just after the viewer starts.
  await waitReading(page, () => window.digestViewer.state().reading.loaded);
  let r = await reading(page);
  assert.equal(r.newIssues, 0, 'a first visit: nothing is new');
  assert.equal(r.read, 0);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.keyboard.press('j');  // the first article
  await waitReading(page, () => window.digestViewer.state().reading.readHere.length === 1);
  const first = (await reading(page)).readHere[0];
  assert.equal(first, (await page.evaluate(() => window.digestViewer.state().article)));
  assert.ok(!requests.some((u) => !u.startsWith(session.url)), 'nothing leaves the site');

  // A phone: a long article read for 3 s but not to its end is the unfinished one.
  await page.setViewportSize({ width: 390, height: 600 });
  // The issue's longest article: at 600 px its end is far below its start.
  const issue = JSON.parse(readFileSync(path.join(root, 'web/issues/2026-11-25.json'), 'utf8'));
  const size = (a) => JSON.stringify(a).length;
  const long = issue.articles.filter((a) => a.id !== first).sort((a, b) => size(b) - size(a))[0].id;
  await page.evaluate((id) => window.digestViewer.open('2026-11-25', id), long);
  await waitReading(page, () => window.digestViewer.state().reading.unfinished !== null);
  r = await reading(page);
  assert.deepEqual(r.unfinished, { issue: '2026-11-25', article: long });
  await storedWhen(page, (db) => db.read === 1 && db.unfinished && db.unfinished.article === long);

  // After a reload: the same, from IndexedDB.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${session.url}?issue=2026-11-24`);
  await settled(page);
  await waitReading(page, () => window.digestViewer.state().reading.loaded);
  r = await reading(page);
  assert.equal(r.read, 1);
  assert.deepEqual(r.unfinished, { issue: '2026-11-25', article: long });
  // 続きから読む in the archive panel opens it.
  const before = await inkSignature(page);
  await page.mouse.click(378, 22);
  await page.waitForFunction(() => window.digestViewer.state().panels.some((p) => p.name === 'archive'));
  await quiet(page);
  assert.notEqual(await inkSignature(page), before);
  await page.screenshot({ path: path.join(artifacts, 'reading-archive-panel.png') });
  const panel = (await page.evaluate(() => window.digestViewer.state().panels)).find((p) => p.name === 'archive');
  await page.mouse.click(panel.x + 80, panel.y + 45);  // the 続きから読む button, first in the panel
  await page.waitForFunction((id) => window.digestViewer.state().issue === '2026-11-25' &&
    window.digestViewer.state().article === id, long, { timeout: 5000 });

  // 新着: as if the last visit had seen issues up to 11-23.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('digest-reading');
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'lastNewest', date: '2026-11-23' });
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await reload(page);
  assert.equal((await reading(page)).newIssues, 2, '11-24 and 11-25 are new');
  await page.mouse.click(378, 22);
  await page.waitForFunction(() => window.digestViewer.state().panels.some((p) => p.name === 'archive'));
  await quiet(page);
  await page.screenshot({ path: path.join(artifacts, 'reading-new.png') });
  await reload(page);
  assert.equal((await reading(page)).newIssues, 0, 'seen on the previous visit: no longer new');

  // Cleared: gone, also after a reload.
  await page.evaluate(() => window.digestViewer.clearReading());
  assert.equal((await reading(page)).read, 0);
  await reload(page);
  r = await reading(page);
  assert.equal(r.read, 0);
  assert.equal(r.unfinished, null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('clearing site data while the viewer is open is not blocked, and the reading log opens again after', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-25`);
  // The viewer has the database open (it loaded the log at start).
  await page.evaluate(() => window.DigestReading.load(null));
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('digest-reading');
    request.onblocked = () => resolve('blocked');
    request.onsuccess = () => resolve('deleted');
    request.onerror = () => resolve(`error ${request.error}`);
  }));
  assert.equal(outcome, 'deleted');
  await page.evaluate(() => window.DigestReading.markRead('2026-11-25', 'router-firmware-backdoor'));
  assert.equal((await stored(page)).read, 1);
  await context.close();
});
