// Offline reading as a reader meets it: install, read, cut the network for real (the
// server stopped, and every request to it aborted, the service worker's own included:
// Playwright's offline mode alone does not reach them, microsoft/playwright #2311),
// restart the browser, and read again. Each test serves its own copy of build/web so
// that it can stop the server or put a new build in place.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, launchProfile, quiet, root, settled, startServer, state, tempDir, until } from './harness.mjs';
import { decodePng, editDistance, readJapanese, region } from './pixels.mjs';


// A copy of the built site, served on its own port.
async function serveCopy() {
  const site = tempDir('digest-site-');
  cpSync(path.join(root, 'build/web'), site, { recursive: true });
  const server = await startServer(site);
  return { site, server, url: server.url };
}


// Online: open the page and wait until the worker controls it and keeps the issue.
async function readOnline(page, url, issue) {
  await page.goto(`${url}?issue=${issue}`);
  await settled(page);
  await page.evaluate(() => DigestOffline.controlled());
  await page.waitForFunction((id) => window.digestViewer.state().offline.available.includes(id), issue,
    { timeout: 15000 });
}

// The browser started again with the network cut for real: the server gone, and
// anything still asking it refused, the service worker's own fetches included.
async function restartOffline(profile, server) {
  await server.stop();
  const { context, page } = await launchProfile(profile);
  await context.route(`${server.url}**`, (route) => route.abort('internetdisconnected'));
  return { context, page };
}

async function waitForViewer(page) {
  await page.waitForFunction(() => window.digestViewer !== undefined);
  await page.evaluate(() => window.digestViewer.ready);
}

test('the manifest, icons and headers make an installable, cacheable site', async () => {
  const { server, url, site } = await serveCopy();
  const { context, page } = await launchProfile(tempDir('digest-profile-'));
  try {
    await page.goto(url);
    await settled(page);
    const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
    const manifest = await page.evaluate((href) => fetch(href).then((r) => r.json()), manifestHref);
    for (const field of ['name', 'short_name', 'description', 'start_url', 'scope', 'theme_color', 'background_color']) {
      assert.ok(typeof manifest[field] === 'string' && manifest[field].length > 0, `manifest.${field}`);
    }
    assert.equal(manifest.lang, 'ja');
    assert.equal(manifest.display, 'standalone');
    const themeColors = await page.$$eval('meta[name="theme-color"]', (metas) => metas.map((m) => m.media));
    assert.deepEqual(themeColors, ['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)']);
    const purposes = new Set();
    for (const icon of manifest.icons) {
      const bytes = Buffer.from(await page.evaluate((src) =>
        fetch(src).then((r) => r.arrayBuffer()).then((b) => Array.from(new Uint8Array(b))), icon.src));
      const image = decodePng(bytes);
      assert.equal(`${image.width}x${image.height}`, icon.sizes, `${icon.src} decodes at its stated size`);
      purposes.add(`${icon.purpose} ${icon.sizes}`);
    }
    assert.ok(purposes.has('any 192x192') && purposes.has('any 512x512') && purposes.has('maskable 512x512'));
    await page.evaluate(() => DigestOffline.controlled());
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), `${url}sw.js`);

    // Headers as a static host sends them (from the site's own _headers).
    const head = async (file, encoding = 'br, gzip') => {
      const response = await fetch(url + file, { headers: { 'accept-encoding': encoding } });
      await response.arrayBuffer();
      return response.headers;
    };
    const build = JSON.parse(readFileSync(path.join(root, 'build/web/index.html'), 'utf8')
      .match(/<script id="build" type="application\/json">(.*?)<\/script>/)[1]);
    const wasm = await head(build.assets['viewer.wasm']);
    assert.equal(wasm.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(wasm.get('content-type'), 'application/wasm');
    assert.equal(wasm.get('content-encoding'), 'br');
    assert.equal((await head(build.assets['app.js'], 'gzip')).get('content-encoding'), 'gzip');
    assert.equal((await head('sw.js')).get('cache-control'), 'no-cache');
    assert.equal((await head('issues/index.json')).get('cache-control'), 'no-cache');
    assert.equal((await head('')).get('x-content-type-options'), 'nosniff');
    assert.equal((await fetch(`${url}fonts/`)).status, 404, 'no directory listing');
    assert.equal((await head('')).get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.match((await head('')).get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
    // Nothing outside the root: a link out of it, dot-files, traversal.
    symlinkSync('/etc/passwd', path.join(site, 'issues/passwd.json'));
    for (const file of ['issues/passwd.json', '_headers', '.stamp', '..%2f..%2fetc%2fpasswd', 'issues/..%2f..%2f..%2fetc/passwd']) {
      const response = await fetch(url + file);
      const body = await response.text();
      assert.equal(response.status, 404, file);
      assert.ok(!body.includes('root:'), `${file} shows nothing of /etc/passwd`);
    }
  } finally {
    await context.close();
    await server.stop();
  }
});

test('an issue read once opens with the network cut, after a browser restart, where the reader left it', async () => {
  const { server, url } = await serveCopy();
  const profile = tempDir('digest-profile-');
  let { context, page } = await launchProfile(profile);
  await readOnline(page, url, '2026-11-24');
  await page.keyboard.press('+');
  await page.keyboard.press('t');
  // Two articles down: the second article's title at the top of the view.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.waitForFunction(() => window.digestViewer.state().article === 'ai-code-review-bugs');
  // The glide ends and the page keeps the place and the last screen (a second after
  // scrolling stops; closing a context does not always run pagehide). Waited for, not
  // slept: under load the glide and the save take longer.
  await page.waitForFunction(() => {
    const snapshot = JSON.parse(localStorage.getItem('digest.snapshot') || 'null');
    const s = window.digestViewer.state();
    return snapshot && snapshot.issue === s.issue && Math.abs(snapshot.scrollY - s.scrollY) < 1;
  }, null, { timeout: 10000 });
  const before = await state(page);
  await context.close();  // pagehide saves the place too

  ({ context, page } = await restartOffline(profile, server));
  // Where the warm start's first paint (the last screen's snapshot) put the title, and
  // any layout shift from it to the canvas taking over.
  await context.addInitScript(() => {
    window.prepaintSeen = null;
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    const look = () => {
      const layer = document.getElementById('text-layer');
      // On screen: the newest issue's screen that index.html holds is hidden until
      // prepaint.js takes it out (a paint may come while the page is parsed).
      const title = layer && layer.classList.contains('prepaint') && layer.querySelector('article h2');
      if (title && title.checkVisibility()) {
        window.prepaintSeen = { id: title.closest('article').id, rect: title.getBoundingClientRect().toJSON() };
        return;
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(`${url}?issue=2026-11-24`);
  await settled(page);
  await page.waitForFunction(() => window.digestViewer.state().offline.online === false, null, { timeout: 10000 });
  const timing = await page.evaluate(() => window.digestViewer.timing());
  assert.equal(timing.prepainted, 'warm', 'the last screen was painted before the canvas was ready');
  assert.ok(timing.firstText < timing.canvasFirstText, `first text ${timing.firstText} ms, canvas ${timing.canvasFirstText} ms`);
  const seen = await page.evaluate(() => window.prepaintSeen);
  assert.equal(seen.id, before.article);
  const finalRect = await page.locator(`#${before.article} h2`).boundingBox();
  assert.ok(Math.abs(finalRect.x - seen.rect.x) < 1 && Math.abs(finalRect.y - seen.rect.y) < 1,
    `the title stays put when the canvas takes over: ${JSON.stringify(seen.rect)} -> ${JSON.stringify(finalRect)}`);
  assert.ok(await page.evaluate(() => window.layoutShift) <= 0.05, 'layout shift');
  const s = await state(page);
  assert.equal(s.error, null);
  assert.equal(s.issue, '2026-11-24');
  assert.equal(s.article, before.article);
  assert.ok(Math.abs(s.scrollY - before.scrollY) < 2, `resumed at ${s.scrollY}, left at ${before.scrollY}`);
  assert.equal(s.fontScale, 1.1);
  assert.equal(s.theme, 'dark');
  // What the reader sees: the article's title, drawn and readable.
  await quiet(page);
  const title = await page.locator(`#${s.article} h2`).boundingBox();
  const shot = await page.screenshot({ path: path.join(artifacts, 'offline-restart.png') });
  const facts = region(decodePng(shot), title, 1);
  assert.ok(facts.ink > 0.05 && facts.contrast >= 4.5, `title drawn offline (ink ${facts.ink}, ${facts.contrast}:1)`);
  const expected = await page.locator(`#${s.article} h2`).textContent();
  const read = readJapanese(await page.screenshot({ clip: title }));
  assert.ok(editDistance(read, expected) <= Math.ceil(expected.length / 10), `OCR read "${read}" for "${expected}"`);
  await context.close();
});

test('offline, an issue never read says so and lists what can be read', async () => {
  const { server, url } = await serveCopy();
  const profile = tempDir('digest-profile-');
  let { context, page } = await launchProfile(profile);
  await readOnline(page, url, '2026-11-24');
  await context.close();
  ({ context, page } = await restartOffline(profile, server));
  await page.goto(`${url}?issue=2026-11-23`);
  await waitForViewer(page);
  await page.waitForSelector('#failure-offline', { state: 'visible' });
  assert.match((await state(page)).error, /ネットワークにつながっていないため、この号\(2026-11-23\)を開けません/);
  const links = await page.$$eval('#failure-offline-list a', (as) => as.map((a) => [a.textContent, a.href]));
  assert.equal(links.length, 1);
  assert.match(links[0][0], /^2026-11-24 /);
  await page.screenshot({ path: path.join(artifacts, 'offline-missing.png') });
  await page.click('#failure-offline-list a');
  await settled(page);
  assert.equal((await state(page)).issue, '2026-11-24');
  await context.close();
});

test('the whole archive saved with Shift+S reads offline, every issue, after a restart; removing it works', async () => {
  const { server, url } = await serveCopy();
  const profile = tempDir('digest-profile-');
  let { context, page } = await launchProfile(profile);
  await readOnline(page, url, '2026-11-25');
  // What the toast says while saving, with the archive panel closed.
  await page.evaluate(() => {
    window.toastSaid = [];
    new MutationObserver(() => window.toastSaid.push(document.getElementById('toast').textContent))
      .observe(document.getElementById('toast'), { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Shift+S');
  await page.waitForFunction(() => {
    const o = window.digestViewer.state().offline;
    return o.saving === null && o.saved.length === 4;
  }, null, { timeout: 20000 });
  assert.deepEqual((await state(page)).offline.saved, ['2026-11-25', '2026-11-24', '2026-11-23', '2026-11-20']);
  // On screen (a dark pill on the light page, where the canvas has no ink) and to
  // assistive technology (a status).
  await page.waitForFunction(() => document.getElementById('toast').textContent.includes('保存しました'), null,
    { timeout: 10000 }).catch(() => {});
  const said = await page.evaluate(() => window.toastSaid.filter(Boolean));
  assert.equal(said[0], '4号をオフライン用に保存しています…');
  assert.equal(said.at(-1), '4号を保存しました。オフラインでも読めます');
  assert.match(await page.locator('#toast').ariaSnapshot(), /- status: 4号を保存しました。オフラインでも読めます/);
  const box = await page.locator('#toast').boundingBox();
  const shot = decodePng(await page.screenshot({ path: path.join(artifacts, 'offline-saved-toast.png') }));
  const toast = region(shot, { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 });
  assert.ok(toast.backgroundLuminance < 0.1 && toast.contrast > 7, `the toast: ${JSON.stringify(toast)}`);
  await context.close();
  ({ context, page } = await restartOffline(profile, server));
  for (const issue of ['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25']) {
    await page.goto(`${url}?issue=${issue}`);
    await settled(page);
    const s = await state(page);
    assert.equal(s.error, null, `${issue}: ${s.error}`);
    assert.equal(s.issue, issue);
    // Its font slices were saved with it: every character is drawn from them, none
    // given up on to the browser's font (docs/fonts.md).
    assert.equal(s.fonts.released, 0, `${issue}: font slices missing offline`);
    assert.ok(s.fonts.slices.includes(`issue:${issue}`), `${issue}: its own slice (${s.fonts.slices})`);
  }
  // A share link opened offline: the worker sends the reader to the viewer at the
  // article (and its section) instead of the browser's offline page.
  await page.goto(`${url}a/2026-11-24/passkey-bank.html#passkey-bank-s2`);
  await page.waitForFunction(() => window.digestViewer?.state().article === 'passkey-bank', null, { timeout: 10000 });
  await settled(page);
  assert.equal(new URL(page.url()).hash, '#passkey-bank-s2');
  assert.equal((await state(page)).issue, '2026-11-24');
  // Removing them: nothing is left to read offline.
  await page.evaluate(() => DigestOffline.remove({ all: true }));
  const left = await page.evaluate(() => DigestOffline.list());
  assert.deepEqual(left.filter((e) => e.path !== 'issues/index.json'), []);
  await context.close();
});

test('only same-origin 200 JSON is kept: not error pages, not HTML', async () => {
  const { site, server, url } = await serveCopy();
  const { context, page } = await launchProfile(tempDir('digest-profile-'));
  try {
    await readOnline(page, url, '2026-11-25');
    // A login page where an issue should be (200, text/html), and a missing issue.
    writeFileSync(path.join(site, 'issues', 'login.json'), '<!doctype html><title>Sign in</title>');
    appendFileSync(path.join(site, '_headers'), '/issues/login.json\n  Content-Type: text/html; charset=utf-8\n');
    const answers = await page.evaluate(async () => {
      const statuses = [];
      for (const path of ['issues/login.json', 'issues/missing.json', 'issues/2026-11-24.json']) {
        const response = await fetch(path);
        statuses.push(`${response.status} ${(response.headers.get('content-type') || '').split(';')[0]}`);
      }
      return statuses;
    });
    assert.deepEqual(answers, ['200 text/html', '404 text/html', '200 application/json']);
    const kept = (await page.evaluate(() => DigestOffline.list())).map((e) => e.path).sort();
    assert.deepEqual(kept, ['issues/2026-11-24.json', 'issues/2026-11-25.json', 'issues/index.json']);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a full quota is said and the issue on screen stays', async () => {
  const { server, url } = await serveCopy();
  const { context, page } = await launchProfile(tempDir('digest-profile-'));
  try {
    await readOnline(page, url, '2026-11-25');
    const [worker] = context.serviceWorkers();
    assert.ok(worker, 'the service worker runs');
    await worker.evaluate(() => {
      Cache.prototype.put = () => Promise.reject(new DOMException('the quota is used up', 'QuotaExceededError'));
    });
    await page.keyboard.press('s');
    await page.waitForFunction(() => {
      const s = window.digestViewer.state();
      return s.error !== null && s.offline.saving === null;
    }, null, { timeout: 10000 });
    const s = await state(page);
    assert.match(s.error, /空き容量が足りません/);
    assert.equal(s.issue, '2026-11-25', 'the issue stays');
    assert.equal(s.offline.saving, null);
  } finally {
    await context.close();
    await server.stop();
  }
});

// Puts build `salt` live on the copy of the site (tools/stamp_web.py, as a deploy would).
function deploy(site, salt) {
  execFileSync('/usr/bin/python3', [path.join(root, 'tools/stamp_web.py'), '--site', site,
    '--page', path.join(root, 'web/index.html'), '--worker', path.join(root, 'web/sw.js'), '--salt', salt]);
}

// The build a tab runs once `check(build)` holds (polled: the tab may be reloading),
// or the last one seen after `timeout` ms.
async function buildWhen(page, check, timeout = 30000) {
  let build;
  await until(async () => {
    build = await page.evaluate(() => window.digestViewer && window.digestViewer.build).catch(() => build);  // navigating
    return build && check(build);
  }, 'the build', { timeout, every: 200 }).catch(() => {});
  return build;
}

test('an update reaches every tab: two and three tabs, accepted in any of them, all end on the new build', async () => {
  const { site, server, url } = await serveCopy();
  const { context, page: first } = await launchProfile(tempDir('digest-profile-'));
  try {
    await readOnline(first, url, '2026-11-25');
    const tabs = [first];
    for (const issue of ['2026-11-24', '2026-11-23']) {
      const tab = await context.newPage();
      await tab.goto(`${url}?issue=${issue}`);
      await settled(tab);
      await tab.evaluate(() => DigestOffline.controlled());
      tabs.push(tab);
    }
    const original = await first.evaluate(() => window.digestViewer.build);

    // Two tabs in play (the third left aside in the background for this round): build
    // 2, accepted in the second tab; the first, with nothing unsaved, follows by itself.
    const third = tabs.pop();
    deploy(site, 'tabs-2');
    await first.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    for (const tab of tabs) await tab.waitForSelector('#update', { state: 'visible', timeout: 20000 });
    await tabs[1].click('#update-reload');
    const second = await buildWhen(tabs[1], (build) => build !== original);
    assert.notEqual(second, original);
    for (const tab of tabs) assert.equal(await buildWhen(tab, (b) => b === second), second, 'every tab runs build 2');
    // The third tab was open on build 1 all along, in the background: it followed too.
    assert.equal(await buildWhen(third, (b) => b === second), second, 'the background tab runs build 2');
    tabs.push(third);

    // Three tabs: build 3, the third tab has typed a search (a reload would lose it), the
    // first accepts. The second follows at once; the third keeps its words and its
    // banner, whose button works although the new build already took over.
    for (const tab of tabs) await settled(tab);
    await tabs[2].keyboard.press('/');
    await tabs[2].keyboard.type('firmware');
    deploy(site, 'tabs-3');
    await tabs[0].evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    for (const tab of tabs) await tab.waitForSelector('#update', { state: 'visible', timeout: 20000 });
    await tabs[0].click('#update-reload');
    const third3 = await buildWhen(tabs[0], (build) => build !== second);
    assert.notEqual(third3, second);
    assert.equal(await buildWhen(tabs[1], (b) => b === third3), third3, 'the second tab followed');
    // Fixed wait 4 of 4: the tab with unsaved words must not reload by itself in this
    // second (the second tab, with none, reloaded within it).
    await tabs[2].waitForTimeout(1000);
    assert.equal(await tabs[2].evaluate(() => window.digestViewer.build), second, 'unsaved words: no reload unasked');
    assert.equal(await tabs[2].inputValue('#search-input'), 'firmware');
    assert.equal(await tabs[2].isVisible('#update'), true);
    await tabs[2].click('#update-reload');
    assert.equal(await buildWhen(tabs[2], (b) => b === third3), third3, 'its button reloads it onto build 3');
    for (const tab of tabs) {
      await settled(tab);
      assert.equal((await tab.evaluate(() => window.digestViewer.state())).error, null);
    }
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a quota too small for the app shell: saving says so truly, and no empty shell cache is left', async () => {
  const { server, url } = await serveCopy();
  const { context, page } = await launchProfile(tempDir('digest-profile-'));
  try {
    // 200 KB for the whole site: less than the shell (wasm, scripts, fonts).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize: 200 * 1024 });
    await page.goto(`${url}?issue=2026-11-25`);
    await settled(page);
    await page.waitForFunction(() => DigestOffline.status() === 'failed', null, { timeout: 20000 });
    await page.keyboard.press('Shift+S');
    await page.waitForFunction(() => window.digestViewer.state().error !== null, null, { timeout: 10000 });
    const error = (await state(page)).error;
    assert.match(error, /^オフライン保存が使えません: このサイトに使える保存容量が足りず、オフライン用の準備ができませんでした。/);
    assert.doesNotMatch(error, /再読み込みで有効/, 'a reload would not help');
    const shells = await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('digest-shell-')));
    assert.deepEqual(shells, [], 'no empty shell cache');
    assert.equal((await state(page)).issue, '2026-11-25', 'the issue on screen stays');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a new build installs in the background, is offered, and replaces the old one whole', async () => {
  const { site, server, url } = await serveCopy();
  const { context, page } = await launchProfile(tempDir('digest-profile-'));
  try {
    await readOnline(page, url, '2026-11-25');
    const first = await page.evaluate(() => window.digestViewer.build);
    // Build 2 goes live on the server while the page is open.
    execFileSync('/usr/bin/python3', [path.join(root, 'tools/stamp_web.py'), '--site', site,
      '--page', path.join(root, 'web/index.html'), '--worker', path.join(root, 'web/sw.js'), '--salt', 'v2']);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('#update', { state: 'visible', timeout: 20000 });
    assert.equal((await page.textContent('#update')).replace(/\s+/g, ' ').trim(), '新しいバージョンがあります — 再読み込み');
    // The open page still works on its own build meanwhile.
    await page.keyboard.press('j');
    await page.waitForFunction(() => window.digestViewer.state().article === 'router-firmware-backdoor');
    await page.screenshot({ path: path.join(artifacts, 'offline-update.png') });
    await Promise.all([page.waitForNavigation(), page.click('#update-reload')]);
    await settled(page);
    const second = await page.evaluate(() => window.digestViewer.build);
    assert.notEqual(second, first);
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches.filter((name) => name.startsWith('digest-shell-')), [`digest-shell-${second}`]);
    // The wasm and the scripts the page runs are the new build's.
    const loaded = await page.evaluate(() => {
      const build = JSON.parse(document.getElementById('build').textContent);
      const names = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1));
      return { build, names };
    });
    for (const name of ['viewer.wasm', 'viewer.js', 'app.js']) {
      assert.ok(loaded.names.includes(loaded.build.assets[name]), `${name} came from build ${second}`);
    }
    const worker = await page.evaluate(() => DigestOffline.version());
    assert.equal(worker.version, second);
  } finally {
    await context.close();
    await server.stop();
  }
});
