// The site as a publisher deploys it: `make site` (tools/site.py) on the three sample
// issues plus one of the tests' own, for the address it is served from, served by
// Debian's nginx with the nginx.conf the build wrote, a portal on another origin served
// by the same nginx. Smoke tests of reading, offline, embedding and sharing against it,
// and a retraction that reaches a reader's saved copies through the worker's update.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifacts, launchBrowser, launchProfile, root, settled } from './harness.mjs';
import { freePort, startNginx } from './nginx.mjs';

const EXTRA = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/site/2026-11-27.json'), 'utf8'));
const session = {};

function makeSite() {
  const r = spawnSync('/usr/bin/python3', [path.join(root, 'tools/site.py'), '--issues', session.issues,
    '--site-url', session.siteUrl, '--out', session.site, '--config', session.config], { encoding: 'utf8' });
  assert.equal(r.status, 0, `make site failed:\n${r.stdout}\n${r.stderr}`);
}

async function serve() {
  session.nginx = await startNginx(session.dir, [
    { port: session.port, root: session.site, include: path.join(session.site, 'nginx.conf') },
    { port: session.portalPort, root: session.portalRoot },
  ]);
}

before(async () => {
  session.dir = mkdtempSync(path.join(tmpdir(), 'digest-nginx-'));
  session.issues = path.join(session.dir, 'issues');
  session.site = path.join(session.dir, 'site');
  session.portalRoot = path.join(session.dir, 'portal');
  session.port = await freePort();
  session.portalPort = await freePort();
  session.siteUrl = `http://127.0.0.1:${session.port}`;
  session.url = `${session.siteUrl}/`;
  session.portal = `http://127.0.0.1:${session.portalPort}`;
  for (const name of ['2026-11-23.json', '2026-11-24.json', '2026-11-25.json']) {
    cpSync(path.join(root, 'web/issues', name), path.join(session.issues, name));
  }
  writeFileSync(path.join(session.issues, '2026-11-27.json'), JSON.stringify(EXTRA));
  session.config = path.join(session.dir, 'config.json');
  writeFileSync(session.config, JSON.stringify({ embedHosts: [session.portal], sources: [] }));
  makeSite();
  mkdirSync(session.portalRoot);
  writeFileSync(path.join(session.portalRoot, 'index.html'),
    readFileSync(path.join(root, 'tools/demo/portal.html'), 'utf8').replaceAll('{{VIEWER}}', session.siteUrl));
  await serve();
  session.browser = await launchBrowser();
});

after(async () => {
  await session.browser?.close();
  await session.nginx?.stop();
  rmSync(session.dir, { recursive: true, force: true });
});

// [(pattern, {name: value})] from the site's _headers, as a static host reads it.
function headerRules() {
  const rules = [];
  for (const line of readFileSync(path.join(session.site, '_headers'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push([line.trim(), {}]);
    else rules.at(-1)[1][line.trim().split(':')[0].toLowerCase()] = line.trim().slice(line.trim().indexOf(':') + 1).trim();
  }
  return rules;
}

const matches = (pattern, urlPath) => pattern.endsWith('*') ? urlPath.startsWith(pattern.slice(0, -1)) : pattern === urlPath;

test('nginx sends every header _headers gives, the right types, and the precompressed copies', async () => {
  const build = JSON.parse(readFileSync(path.join(session.site, 'index.html'), 'utf8')
    .match(/<script id="build" type="application\/json">(.*?)<\/script>/)[1]);
  const slice = JSON.parse(readFileSync(path.join(session.site, build.assets['fonts/slices.json']), 'utf8')).files.regular[1];
  const paths = {
    '/': 'text/html', '/index.html': 'text/html', [`/${build.assets['viewer.wasm']}`]: 'application/wasm',
    [`/${build.assets['app.js']}`]: 'text/javascript', '/sw.js': 'text/javascript',
    '/manifest.webmanifest': 'application/manifest+json', '/issues/index.json': 'application/json',
    '/issues/2026-11-27.json': 'application/json', '/issues/2026-11-27.html': 'text/html',
    '/a/2026-11-27/parcel-locker-spoof.html': 'text/html', '/a/2026-11-27/parcel-locker-spoof.png': 'image/png',
    '/oembed/2026-11-27/parcel-locker-spoof.json': 'application/json', [`/fonts/${slice}`]: 'font/ttf',
    '/fonts/issues/2026-11-27-bold.ttf': 'font/ttf', '/prepaint/2026-11-27.json': 'application/json',
    '/feed.xml': 'application/atom+xml', '/feed.json': 'application/feed+json', '/sitemap.xml': 'application/xml',
    '/robots.txt': 'text/plain', '/config.json': 'application/json', '/icons/icon-192.png': 'image/png',
  };
  const rules = headerRules();
  for (const [urlPath, type] of Object.entries(paths)) {
    const response = await fetch(session.siteUrl + urlPath, { headers: { 'accept-encoding': 'br, gzip' } });
    await response.arrayBuffer();
    assert.equal(response.status, 200, urlPath);
    assert.equal(response.headers.get('content-type').split(';')[0], type, `${urlPath} is ${type}`);
    const wanted = Object.assign({}, ...rules.filter(([pattern]) => matches(pattern, urlPath)).map(([, h]) => h));
    assert.ok(Object.keys(wanted).length >= 3, `${urlPath}: rules apply`);
    for (const [name, value] of Object.entries(wanted)) {
      assert.equal(response.headers.get(name), value, `${urlPath}: ${name}`);
    }
  }
  const encoded = async (urlPath, encoding) => {
    const response = await fetch(session.siteUrl + urlPath, { headers: { 'accept-encoding': encoding } });
    await response.arrayBuffer();
    return [response.headers.get('content-encoding'), response.headers.get('vary')];
  };
  assert.deepEqual(await encoded(`/${build.assets['viewer.wasm']}`, 'br, gzip'), ['br', 'Accept-Encoding']);
  assert.deepEqual(await encoded(`/${build.assets['viewer.wasm']}`, 'gzip'), ['gzip', 'Accept-Encoding']);
  assert.equal((await encoded('/feed.xml', 'br'))[0], 'br');
  // Never served: the build's own record, the host's rules, directory listings.
  for (const urlPath of ['/.site/manifest.json', '/_headers', '/nginx.conf']) {
    assert.equal((await fetch(session.siteUrl + urlPath)).status, 404, urlPath);
  }
  for (const urlPath of ['/fonts/', '/a/']) {
    const response = await fetch(session.siteUrl + urlPath);
    assert.equal(response.status, 403, `${urlPath}: no listing`);
    assert.ok(!(await response.text()).includes('.ttf'));
  }
});

test('reading from nginx: the viewer opens the new issue, titles and body drawn', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${session.url}?issue=2026-11-27`);
  await settled(page);
  const s = await page.evaluate(() => window.digestViewer.state());
  assert.equal(s.error, null);
  assert.equal(s.issue, '2026-11-27');
  const text = await page.locator('#text-layer').textContent();
  assert.ok(text.includes(EXTRA.articles[0].title) && text.includes(EXTRA.articles[1].title));
  await page.screenshot({ path: path.join(artifacts, 'nginx-reading.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('sharing from nginx: the share page, its card and its oEmbed answer, all on the site\'s address', async () => {
  const context = await session.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const shareUrl = `${session.url}a/2026-11-27/parcel-locker-spoof.html`;
  assert.equal((await page.goto(shareUrl)).status(), 200);
  const meta = (property) => page.locator(`meta[property="${property}"]`).getAttribute('content');
  assert.equal(await meta('og:url'), shareUrl);
  assert.equal(await meta('og:title'), EXTRA.articles[0].title);
  const card = await fetch(await meta('og:image'));
  assert.equal(card.status, 200);
  assert.equal(card.headers.get('content-type'), 'image/png');
  const oembedUrl = await page.locator('link[type="application/json+oembed"]').getAttribute('href');
  const oembed = await (await fetch(oembedUrl)).json();
  assert.ok(oembed.html.includes(`<script src="${session.siteUrl}/embed.js" defer></script>`));
  const feed = await page.locator('link[type="application/atom+xml"]').getAttribute('href');
  assert.equal((await fetch(feed)).status, 200);
  await context.close();
  // A reader's browser goes straight on to the viewer at the article.
  const reader = await session.browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(shareUrl);
  await readerPage.waitForURL(`${session.url}?issue=2026-11-27#parcel-locker-spoof`);
  await settled(readerPage);
  assert.equal((await readerPage.evaluate(() => window.digestViewer.state())).article, 'parcel-locker-spoof');
  await reader.close();
});

test('embedding from nginx: a portal on another origin frames the viewer twice and hears it', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${session.portal}/`);
  await page.waitForFunction(() => window.portalMessages &&
    ['auto-embed', 'fixed-embed'].every((id) => window.portalMessages.some((m) => m.embed === id && m.message.type === 'ready')),
  null, { timeout: 30000 });
  const ready = await page.evaluate(() => window.portalMessages.find((m) => m.message.type === 'ready').message);
  assert.equal(ready.source, 'digest-viewer');
  const frame = page.frames().find((f) => f.url().startsWith(session.url));
  assert.ok(frame, 'the viewer is framed from the site');
  const response = await fetch(frame.url());
  assert.match(response.headers.get('content-security-policy'), new RegExp(`frame-ancestors 'self' ${session.portal}(;|$)`));
  await context.close();
});

// Online: open the page and wait until the worker controls it.
async function openControlled(page, issue) {
  await page.goto(`${session.url}?issue=${issue}`);
  await settled(page);
  await page.evaluate(() => DigestOffline.controlled());
}

async function restartOffline(profile) {
  await session.nginx.stop();
  const { context, page } = await launchProfile(profile);
  await context.route(`${session.url}**`, (route) => route.abort('internetdisconnected'));
  return { context, page };
}

test('offline from nginx, then a retraction: the worker\'s update drops the retracted issue from saved copies', async () => {
  const profile = mkdtempSync(path.join(session.dir, 'profile-'));
  let { context, page } = await launchProfile(profile);
  await openControlled(page, '2026-11-25');
  const saved = await page.evaluate(() => DigestOffline.save(['issues/2026-11-27.json', 'issues/2026-11-24.json']));
  assert.deepEqual(saved.failed, []);
  const listed = async () => (await page.evaluate(() => DigestOffline.list())).map((e) => e.path).sort();
  assert.ok((await listed()).includes('issues/2026-11-27.json'));
  await context.close();

  // Offline after a restart: the saved issue reads.
  ({ context, page } = await restartOffline(profile));
  await page.goto(`${session.url}?issue=2026-11-27`);
  await settled(page);
  assert.equal((await page.evaluate(() => window.digestViewer.state())).issue, '2026-11-27');
  await context.close();

  // The publisher retracts it and rebuilds; the reader comes back online.
  rmSync(path.join(session.issues, '2026-11-27.json'));
  makeSite();
  await serve();
  ({ context, page } = await launchProfile(profile));
  await openControlled(page, '2026-11-25');
  const first = await page.evaluate(() => window.digestViewer.build);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector('#update', { state: 'visible', timeout: 20000 });
  await Promise.all([page.waitForNavigation(), page.click('#update-reload')]);
  await settled(page);
  assert.notEqual(await page.evaluate(() => window.digestViewer.build), first);
  await page.waitForFunction(() => DigestOffline.list().then((l) => !l.some((e) => e.path === 'issues/2026-11-27.json')),
    null, { timeout: 15000 });
  const after = await listed();
  assert.ok(after.includes('issues/2026-11-24.json'), `the other saved issue stays: ${after}`);
  const fonts = await page.evaluate(async () => (await (await caches.open('digest-fonts')).keys()).map((r) => r.url));
  assert.ok(!fonts.some((url) => url.includes('2026-11-27')), 'its font slices went with it');
  const keptIndex = await page.evaluate(async () => {
    const response = await caches.match(new URL('issues/index.json', location.href).href, { cacheName: 'digest-issues' });
    return response ? response.text() : '';
  });
  assert.ok(!keptIndex.includes('2026-11-27'), 'the kept index lists it no more');
  await context.close();

  // Offline again: it is gone.
  ({ context, page } = await restartOffline(profile));
  await page.goto(`${session.url}?issue=2026-11-27`);
  await page.waitForFunction(() => window.digestViewer !== undefined);
  await page.evaluate(() => window.digestViewer.ready).catch(() => {});
  await page.waitForFunction(() => window.digestViewer.state().error !== null, null, { timeout: 15000 });
  // Not a network failure: the kept index (the site's, since the update) lists it no more.
  assert.match((await page.evaluate(() => window.digestViewer.state())).error, /「2026-11-27」の号はアーカイブにありません/);
  await page.screenshot({ path: path.join(artifacts, 'nginx-retracted-offline.png') });
  await context.close();
  await serve();
});
