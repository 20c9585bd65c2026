// Embedding (docs/embed.md): the demo portal on one origin embeds the viewer from
// another through embed.js; a third origin, not in embedHosts, can neither frame the
// viewer nor drive it. The server runs with a config listing only the portal.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launchBrowser, quiet, root, settled, until } from './harness.mjs';
import { decodePng, region } from './pixels.mjs';

// Free loopback ports, chosen here because the config must name the portal's origin
// before the server starts.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const session = {};

before(async () => {
  const [viewerPort, portalPort, strangerPort] = [await freePort(), await freePort(), await freePort()];
  session.viewer = `http://127.0.0.1:${viewerPort}`;
  session.portal = `http://127.0.0.1:${portalPort}`;
  session.stranger = `http://127.0.0.1:${strangerPort}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'digest-embed-'));
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ embedHosts: [session.portal], sources: [] }));
  session.server = spawn('/usr/bin/python3', [path.join(root, 'tools/serve.py'), '--port', String(viewerPort),
    '--demo-port', String(portalPort), '--config', config, '--root', path.join(root, 'build/web')],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => {
    let out = '';
    session.server.stdout.on('data', (chunk) => { out += chunk; if (out.includes('Demo portal')) resolve(); });
  });
  // The stranger: an origin not in embedHosts, with a page that frames the viewer and
  // one that frames the portal (to reach the viewer's window and post to it).
  session.strangerServer = http.createServer((request, response) => {
    const pages = {
      '/frame-viewer': `<!doctype html><iframe id="v" src="${session.viewer}/?embed=1&issue=latest" width="600" height="400"></iframe>`,
      '/frame-portal': `<!doctype html><iframe id="p" src="${session.portal}/" width="1200" height="900"></iframe>`,
      // A portal on this origin that followed docs/embed.md but was never added to
      // embedHosts.
      '/embed-script': `<!doctype html><meta charset="utf-8"><h1>Portal</h1>
        <div id="e" data-digest-issue="2026-11-24" data-article="passkey-bank" data-wait="3"></div>
        <script src="${session.viewer}/embed.js"></script>
        <script>document.getElementById('e').addEventListener('digest:unavailable',
          (event) => { window.unavailable = event.detail; });</script>`,
      '/post-to-viewer': `<!doctype html><script>
        const viewer = window.opener.frames[1];
        viewer.postMessage({ type: 'setTheme', theme: 'dark' }, '*');
        viewer.postMessage({ type: 'open', issue: 'latest' }, '*');
        window.posted = true;
      </script>`,
    };
    const body = pages[request.url];
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(body || 'not found');
  });
  await new Promise((resolve) => session.strangerServer.listen(strangerPort, '127.0.0.1', resolve));
  session.browser = await launchBrowser();
});

after(async () => {
  await session.browser?.close();
  session.server?.kill();
  session.strangerServer?.close();
});

// The portal page with both embeds ready; its received messages are in
// window.portalMessages ({embed, message}).
async function openPortal({ colorScheme = 'light' } = {}) {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(session.portal + '/');
  await page.waitForFunction(() => window.portalMessages &&
    ['auto-embed', 'fixed-embed'].every((id) => window.portalMessages.some((m) => m.embed === id && m.message.type === 'ready')),
  null, { timeout: 30000 });
  const viewerFrame = (id) => page.frames().find((f) => f.parentFrame() === page.mainFrame() &&
    f.url().startsWith(session.viewer) && f.url().includes(id === 'auto-embed' ? 'height=auto' : 'accent='));
  return { context, page, errors, viewerFrame };
}

const messagesOf = (page, embed, type) => page.evaluate(([e, t]) =>
  window.portalMessages.filter((m) => m.embed === e && m.message.type === t).map((m) => m.message), [embed, type]);

test('the viewer page runs under its CSP (no inline script, no eval) with no violation', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(session.viewer + '/?issue=latest');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, new RegExp(`frame-ancestors 'self' ${session.portal}(;|$)`));
  assert.doesNotMatch(csp, /'unsafe-eval'|unsafe-inline/);
  await settled(page);
  // Use it a little: search (the input), the archive panel, a relayout.
  await page.keyboard.press('/');
  await page.keyboard.type('AI');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 400, height: 700 });
  await page.waitForFunction(() => document.querySelector('#text-layer [data-box]')?.style.left);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.equal((await page.evaluate(() => window.digestViewer.state())).error, null);
  // The static host's header file says the same.
  const headers = readFileSync(path.join(root, 'build/web/_headers'), 'utf8');
  assert.match(headers, /\n\/index\.html\n(  .*\n)*  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[\w+/=]+')*; style-src 'self'( 'sha256-[\w+/=]+')+;[^\n]*frame-ancestors 'self'/);
  await context.close();
});

test('the portal embeds the viewer twice: ready, resize, iframe attributes, auto height', async () => {
  const { context, page, errors, viewerFrame } = await openPortal();
  const ready = await messagesOf(page, 'auto-embed', 'ready');
  assert.equal(ready.length, 1);
  assert.equal(ready[0].source, 'digest-viewer');
  assert.equal(ready[0].version, 1);
  assert.match(ready[0].issue, /^\d{4}-\d{2}-\d{2}$/);
  // Auto height: the iframe is as tall as the viewer reported, and has no scrollbar.
  await page.waitForFunction(() => window.portalMessages.some((m) => m.embed === 'auto-embed' && m.message.type === 'resize'));
  const resize = (await messagesOf(page, 'auto-embed', 'resize')).at(-1);
  assert.ok(resize.height > 1500, `an issue is tall: ${resize.height}`);
  const frameBox = await page.locator('#auto-embed iframe').boundingBox();
  assert.equal(Math.round(frameBox.height), resize.height);
  const auto = viewerFrame('auto-embed');
  assert.equal(await auto.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1), true);
  // The fixed one sent no resize and kept its height.
  assert.equal((await messagesOf(page, 'fixed-embed', 'resize')).length, 0);
  assert.equal(Math.round((await page.locator('#fixed-embed iframe').boundingBox()).height), 640);
  const attributes = await page.locator('#auto-embed iframe').evaluate((f) => ({
    title: f.title, loading: f.loading, sandbox: f.getAttribute('sandbox'), referrer: f.referrerPolicy,
  }));
  assert.ok(attributes.title.length > 0);
  assert.equal(attributes.loading, 'lazy');
  assert.equal(attributes.sandbox, 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
  assert.equal(attributes.referrer, 'strict-origin-when-cross-origin');
  // Embed mode: the compact header, no top bar or contents column on the canvas.
  const state = await auto.evaluate(() => window.digestViewer.state());
  assert.equal(state.embed.enabled, true);
  assert.equal(state.embed.host, session.portal);
  assert.equal(state.embedded, true);
  assert.deepEqual(state.panels.filter((p) => p.name === 'contents'), []);
  assert.match(await auto.locator('#embed-date').textContent(), /^\d{4}-\d{2}-\d{2}$/);
  // Opening the issue did not scroll the portal.
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  const full = await auto.locator('#embed-full').evaluate((a) => ({ href: a.href, target: a.target, rel: a.rel }));
  assert.equal(full.target, '_blank');
  assert.equal(full.rel, 'noopener');
  assert.ok(full.href.startsWith(session.viewer + '/?issue='), full.href);
  assert.ok(!full.href.includes('embed=1'));
  // Scrolled far down the portal, the canvas is drawn where the reader looks.
  await page.mouse.move(300, 500);
  for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 200);
  await auto.waitForFunction(() => {
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    return canvas.top > 1000;
  }, null, { timeout: 5000 });
  const shot = decodePng(await page.screenshot());
  const visible = region(shot, { x: frameBox.x + 10, y: 100, width: frameBox.width - 20, height: 700 });
  assert.ok(visible.ink > 0.02, `text in view after scrolling the portal (ink ${visible.ink.toFixed(3)})`);
  assert.deepEqual(errors, []);
  await context.close();
});

// What embed.js makes by default: as tall as the issue, at an article. The host's page
// is not moved when the issue opens (docs/embed.md), so the frame's top shows the
// issue's top: painted from the prepaint file before the viewer runs, and drawn by the
// canvas in the same place.
test('an embed as tall as the issue, at an article, paints the issue\'s top before the viewer runs', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  // The demo portal's auto-height embed at an article of an older issue, as a portal
  // author writes it (set before embed.js, deferred, reads the page).
  await context.addInitScript(() => document.addEventListener('readystatechange', () => {
    const element = document.getElementById('auto-embed');
    if (document.readyState !== 'interactive' || !element) return;
    element.dataset.digestIssue = '2026-11-24';
    element.dataset.article = 'qr-parking-scam';
  }));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/\/viewer\.[0-9a-f]+\.wasm$/, async (route) => { await held; await route.continue(); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(session.portal + '/');
    await until(() => page.frames().some((f) => f.url().includes('article=qr-parking-scam')), 'the frame');
    const frame = page.frames().find((f) => f.url().includes('article=qr-parking-scam'));
    assert.match(frame.url(), /height=auto/);
    await frame.waitForFunction(() => window.digestViewer && window.digestViewer.timing().firstText !== null,
      null, { timeout: 30000 });
    const blocks = () => frame.evaluate(() => [...document.querySelectorAll('#text-layer [data-box]')]
      .map((b) => ({ text: b.textContent, top: b.getBoundingClientRect().top }))
      .filter((b) => b.text.trim() && b.top < innerHeight));
    const before = await frame.evaluate(() => ({ ...window.digestViewer.timing(),
      scrollTop: document.getElementById('scroller').scrollTop }));
    assert.equal(before.prepainted, 'cold');
    assert.equal(before.canvasFirstText, null, 'painted while the wasm was held back');
    assert.equal(before.scrollTop, 0, 'at the issue\'s top');
    const painted = await blocks();
    assert.ok(painted.length >= 4, `the first screen has its blocks (${painted.length})`);
    const frameBox = await page.locator('#auto-embed iframe').boundingBox();
    const png = await page.screenshot();
    writeFileSync(path.join(artifacts, 'embed-auto-article-painted.png'), png);
    const shot = decodePng(png);
    const text = region(shot, { x: frameBox.x + 10, y: frameBox.y + 48, width: frameBox.width - 20, height: 300 });
    assert.ok(text.ink > 0.02, `painted text in the frame (ink ${text.ink.toFixed(3)})`);

    release();
    await frame.waitForFunction(() => window.digestViewer.timing().canvasFirstText !== null, null, { timeout: 30000 });
    await frame.waitForFunction(() => !document.getElementById('text-layer').classList.contains('prepaint'));
    const drawn = await blocks();
    for (const block of painted) {
      assert.ok(drawn.some((d) => d.text === block.text && Math.abs(d.top - block.top) < 0.5),
        `the canvas's text layer has "${block.text.slice(0, 20)}" where it was painted (${block.top})`);
    }
    assert.equal(await page.evaluate(() => scrollY), 0, 'the host\'s page did not move');
    assert.deepEqual(errors, []);
  } finally {
    release();
    await context.close();
  }
});

test('open from the host navigates; resize follows; setTheme changes the drawn colours', async () => {
  const { context, page, errors, viewerFrame } = await openPortal();
  const auto = viewerFrame('auto-embed');
  const first = await auto.evaluate(() => window.digestViewer.state());
  const index = JSON.parse(readFileSync(path.join(root, 'build/web/issues/index.json'), 'utf8'));
  const other = index.issues.find((entry) => entry.id !== first.issue);
  const otherIssue = JSON.parse(readFileSync(path.join(root, 'build/web/issues', other.path), 'utf8'));
  const article = otherIssue.articles.at(-1).id;
  const heightBefore = (await messagesOf(page, 'auto-embed', 'resize')).at(-1).height;
  await page.evaluate(([issue, art]) => DigestEmbed.open(document.getElementById('auto-embed'), issue, art), [other.id, article]);
  await page.waitForFunction(([issue, art]) => window.portalMessages.some((m) => m.embed === 'auto-embed' &&
    m.message.type === 'navigate' && m.message.issue === issue && m.message.article === art), [other.id, article], { timeout: 10000 });
  assert.equal((await auto.evaluate(() => window.digestViewer.state())).issue, other.id);
  await page.waitForFunction((h) => window.portalMessages.filter((m) => m.embed === 'auto-embed' && m.message.type === 'resize')
    .at(-1).message.height !== h, heightBefore, { timeout: 10000 });
  // The other embed did not move.
  assert.equal((await viewerFrame('fixed-embed').evaluate(() => window.digestViewer.state())).issue, first.issue);

  // setTheme, seen in the pixels of the fixed embed (light portal, light system).
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the host asked; the portal did not move');
  const box = await page.locator('#fixed-embed iframe').boundingBox();
  const area = { x: box.x + 20, y: box.y + 60, width: box.width - 40, height: box.height - 80 };
  const fixed = viewerFrame('fixed-embed');
  const background = async () => region(decodePng(await page.screenshot()), area).backgroundLuminance;
  assert.ok(await background() > 0.8, 'light at first');
  await page.evaluate(() => DigestEmbed.setTheme(document.getElementById('fixed-embed'), 'dark'));
  await fixed.waitForFunction(() => window.digestViewer.state().theme === 'dark');
  await quiet(fixed);  // the frame after the change reaches the screen
  const dark = await background();
  assert.ok(dark < 0.05, `dark after setTheme (background luminance ${dark.toFixed(3)})`);
  const header = region(decodePng(await page.screenshot()), { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: 36 });
  assert.ok(header.backgroundLuminance < 0.05, 'the compact header follows');
  // Not remembered as the reader's own choice.
  assert.equal(await fixed.evaluate(() => localStorage.getItem('digest.theme')), null);
  await page.evaluate(() => DigestEmbed.setFontScale(document.getElementById('fixed-embed'), 1.5));
  await fixed.waitForFunction(() => window.digestViewer.state().fontScale === 1.5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('handleLinks: a clicked link comes to the host as a link message and opens nothing', async () => {
  const { context, page, viewerFrame } = await openPortal();
  const fixed = viewerFrame('fixed-embed');
  await page.evaluate(() => DigestEmbed.handleLinks(document.getElementById('fixed-embed'), true));
  await fixed.waitForFunction(() => window.digestViewer.state().embed.handleLinks === true);
  const href = await fixed.evaluate(() => {
    const link = [...document.querySelectorAll('#text-layer a[href^="http"]')][0];
    link.scrollIntoView();
    link.click();
    return link.href;
  });
  let popups = 0;
  context.on('page', () => { popups += 1; });
  await page.waitForFunction((url) => window.portalMessages.some((m) => m.message.type === 'link' && m.message.url === url), href);
  assert.equal(popups, 0);
  await context.close();
});

test('hostile messages change nothing and break nothing; a third origin cannot drive the viewer', async () => {
  const { context, page, errors, viewerFrame } = await openPortal();
  const fixed = viewerFrame('fixed-embed');
  const before = await fixed.evaluate(() => window.digestViewer.state());
  // From the listed host, but malformed: each is ignored and counted. (A null-prototype
  // object is not among them: structured cloning gives the receiver a plain object.)
  const sent = await page.evaluate(() => {
    const target = DigestEmbed.iframe(document.getElementById('fixed-embed')).contentWindow;
    const origin = DigestEmbed.origin;
    const cyclic = { type: 'setTheme', theme: 'dark' };
    cyclic.self = cyclic;
    const bad = [
      null, 42, 'setTheme', true, [], ['setTheme', 'dark'], {},
      { type: 'open' }, { type: 'open', issue: 5 }, { type: 'open', issue: '' }, { type: 'open', issue: 'x', article: 7 },
      { type: 'open', issue: 'x'.repeat(1 << 20) }, { type: 'setTheme', theme: 'dark'.repeat(600) },
      { type: 'setTheme', theme: 'purple' }, { type: 'setTheme', theme: 'dark', extra: 1 },
      { type: 'setFontScale', scale: '1.5' }, { type: 'setFontScale', scale: NaN }, { type: 'setFontScale', scale: 9 },
      { type: 'handleLinks', enabled: 'yes' }, { type: 'constructor' }, { type: 'toString' }, { type: '__proto__' },
      { type: 'hasOwnProperty', theme: 'dark' },
      JSON.parse('{"type": "setTheme", "theme": "dark", "__proto__": {"polluted": true}}'),
      cyclic, new Date(), { type: { toString: 'setTheme' }, theme: 'dark' },
    ];
    for (const message of bad) target.postMessage(message, origin);
    return bad.length;
  });
  await fixed.waitForFunction((n) => window.digestViewer.state().embed.rejected >= n, sent, { timeout: 5000 });
  const after = await fixed.evaluate(() => window.digestViewer.state());
  assert.equal(after.embed.rejected, sent);
  assert.equal(after.theme, before.theme);
  assert.equal(after.fontScale, before.fontScale);
  assert.equal(after.issue, before.issue);
  assert.equal(after.embed.handleLinks, false);
  assert.equal(await fixed.evaluate(() => ({}).polluted), undefined);
  // Still working: a good message after them.
  await page.evaluate(() => DigestEmbed.setTheme(document.getElementById('fixed-embed'), 'dark'));
  await fixed.waitForFunction(() => window.digestViewer.state().theme === 'dark');
  assert.deepEqual(errors, []);
  await context.close();

  // A window on an unlisted origin that holds a handle to the viewer's window (the
  // portal opened it; it reaches the viewer through window.opener.frames) posts to it:
  // wrong origin and wrong window, ignored.
  const second = await openPortal();
  const viewerFrame2 = second.viewerFrame('fixed-embed');
  const themeBefore = (await viewerFrame2.evaluate(() => window.digestViewer.state())).theme;
  const rejectedBefore = (await viewerFrame2.evaluate(() => window.digestViewer.state())).embed.rejected;
  const [popup] = await Promise.all([
    second.context.waitForEvent('page'),
    second.page.evaluate((url) => { window.open(url); }, session.stranger + '/post-to-viewer'),
  ]);
  await popup.waitForFunction(() => window.posted === true);
  await viewerFrame2.waitForFunction((n) => window.digestViewer.state().embed.rejected >= n + 2, rejectedBefore, { timeout: 5000 });
  const afterStranger = await viewerFrame2.evaluate(() => window.digestViewer.state());
  assert.equal(afterStranger.theme, themeBefore);
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

test('a flood of valid messages is coalesced, and a message is checked field by field before anything serialises it', async () => {
  const { context, page, errors, viewerFrame } = await openPortal();
  const fixed = viewerFrame('fixed-embed');
  // Tests only: count how often the viewer's page serialises something big.
  await fixed.evaluate(() => {
    const stringify = JSON.stringify;
    window.bigStringify = 0;
    JSON.stringify = function (value, ...rest) {
      const out = stringify.call(this, value, ...rest);
      if (out && out.length > 100000) window.bigStringify += 1;
      return out;
    };
  });
  const before = (await fixed.evaluate(() => window.digestViewer.state())).embed;
  const sent = 20000;
  await page.evaluate((n) => {
    const target = DigestEmbed.iframe(document.getElementById('fixed-embed')).contentWindow;
    for (let i = 0; i < n; i++) target.postMessage({ type: 'setFontScale', scale: i === n - 1 ? 1.5 : 1 + (i % 5) / 10 }, DigestEmbed.origin);
    // Big and wrong: rejected by its keys and fields, never serialised.
    const huge = 'x'.repeat(4 << 20);
    for (let i = 0; i < 20; i++) target.postMessage({ type: 'setTheme', theme: huge }, DigestEmbed.origin);
    for (let i = 0; i < 20; i++) target.postMessage({ type: 'setTheme', theme: 'dark', junk: huge }, DigestEmbed.origin);
  }, sent);
  await fixed.waitForFunction(([n, b]) => {
    const e = window.digestViewer.state().embed;
    return e.received - b.received === n && e.rejected - b.rejected === 40;
  }, [sent, before], { timeout: 60000 });
  await fixed.waitForFunction(() => window.digestViewer.state().fontScale === 1.5, null, { timeout: 10000 });
  const after = (await fixed.evaluate(() => window.digestViewer.state())).embed;
  // Applied once a frame at most: a few dozen frames for 20,000 messages.
  assert.ok(after.applied - before.applied < 200, `${after.applied - before.applied} of ${sent} applied`);
  assert.equal(await fixed.evaluate(() => window.bigStringify), 0, 'no big message was serialised');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page on an origin outside embedHosts cannot frame the viewer', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const blocked = [];
  page.on('console', (message) => { if (/frame-ancestors/.test(message.text())) blocked.push(message.text()); });
  let ready = false;
  await page.exposeFunction('sawMessage', () => { ready = true; });
  await page.addInitScript(() => window.addEventListener('message', () => window.sawMessage()));
  await page.goto(session.stranger + '/frame-viewer');
  // Once the refusal is reported the viewer cannot run there: nothing is left to wait for.
  await until(() => blocked.length > 0, 'the frame-ancestors refusal').catch(() => {});
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const hasViewer = await frame.evaluate(() => typeof window.digestViewer !== 'undefined').catch(() => false);
  assert.equal(hasViewer, false, 'no viewer runs in the frame');
  assert.ok(blocked.length > 0, 'the browser reports the frame-ancestors refusal');
  assert.equal(ready, false, 'nothing is sent to the stranger');
  // frame-ancestors holds for every ancestor: the portal framed by the stranger gets
  // empty frames where its embeds would be.
  const refused = blocked.length;
  await page.goto(session.stranger + '/frame-portal');
  await until(() => blocked.length >= refused + 2, 'both embeds refused').catch(() => {});
  const nested = page.frames().filter((f) => f.url().startsWith(session.viewer) || f.parentFrame()?.url().startsWith(session.portal));
  assert.ok(nested.length >= 2, `the portal's two frames are there (${nested.length})`);
  for (const f of nested) {
    assert.equal(await f.evaluate(() => typeof window.digestViewer !== 'undefined').catch(() => false), false);
  }
  await context.close();
});

test('embed.js on an origin outside embedHosts: a notice with a link, and why in the console', async () => {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  await page.goto(session.stranger + '/embed-script');
  await page.waitForFunction(() => window.unavailable, null, { timeout: 15000 }).catch(() => {});
  const detail = await page.evaluate(() => window.unavailable || null);
  assert.ok(detail, 'digest:unavailable reached the element');
  assert.equal(detail.url, `${session.viewer}/?issue=2026-11-24#passkey-bank`);
  const why = consoleErrors.find((text) => text.startsWith('DigestEmbed:'));
  assert.ok(why && why.includes(session.stranger) && why.includes('embedHosts') && why.includes('web/config.json'),
    `the console says why: ${why}`);
  // The reader sees words and a link instead of an empty frame.
  const notice = page.getByRole('status');
  assert.match(await notice.textContent(), /読み込めませんでした/);
  assert.equal(await page.getByRole('link', { name: 'ダイジェストを開く' }).getAttribute('href'), detail.url);
  assert.equal(await page.locator('#e iframe').isVisible(), false);
  await page.screenshot({ path: path.join(artifacts, 'embed-unavailable.png') });
  await context.close();
});

test('bad URL parameters are ignored with a warning, never a broken page', async () => {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 700 } });
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'warning' && message.text().includes('is ignored')) warnings.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(session.viewer + '/?embed=1&theme=purple&accent=javascript:alert(1)&fontScale=9&height=tall&article=');
  await settled(page);
  const state = await page.evaluate(() => window.digestViewer.state());
  assert.equal(state.error, null);
  assert.equal(state.embed.enabled, true);
  assert.equal(state.fontScale, 1);
  assert.equal(warnings.length, 5, warnings.join('\n'));
  assert.deepEqual(errors, []);
  // On a phone the compact header still holds the date and the whole link out.
  await page.setViewportSize({ width: 360, height: 700 });
  const link = await page.locator('#embed-full').boundingBox();
  const date = await page.locator('#embed-date').boundingBox();
  assert.ok(link.x + link.width <= 360 && link.width > 0, `the link out fits (${link.x}+${link.width})`);
  assert.ok(date.width > 0 && date.x + date.width <= link.x, 'the date is shown beside it');
  // Good ones apply: theme, text size, accent (made readable), article.
  await page.goto(session.viewer + '/?embed=1&theme=dark&accent=ffff00&fontScale=1.25&issue=latest');
  await settled(page);
  const good = await page.evaluate(() => window.digestViewer.state());
  assert.equal(good.theme, 'dark');
  assert.equal(good.fontScale, 1.25);
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent-light').trim());
  assert.notEqual(accent, '#ffff00', 'pale yellow is darkened to read on the light background');
  await context.close();
});

test('読み上げ in a height=auto embed: the header button, and the player bar at the foot of the part in view', async () => {
  const { context, page, viewerFrame } = await openPortal();
  try {
    const frame = viewerFrame('auto-embed');
    await frame.waitForFunction(() => window.digestViewer && window.digestViewer.state().framesDrawn > 0, null,
      { timeout: 30000 });
    // A Japanese voice that never ends a sentence (the frame's own speechSynthesis).
    await frame.evaluate(() => {
      const voice = { name: 'Fake', lang: 'ja-JP', localService: true, default: true, voiceURI: 'Fake' };
      window.__spoken = [];
      const fake = { getVoices: () => [voice], speak: (u) => window.__spoken.push(u.text), cancel() {}, addEventListener() {} };
      Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
      window.SpeechSynthesisUtterance = class {
        constructor(text) {
          this.text = text;
        }
      };
    });
    await frame.click('#embed-listen');
    await frame.waitForSelector('#listen-bar:not([hidden])');
    assert.ok((await frame.evaluate(() => window.__spoken.length)) > 0, 'speaking');
    const frameBox = await page.locator('#auto-embed iframe').boundingBox();
    assert.ok(frameBox.height > 1500, `the frame is as tall as the issue (${frameBox.height})`);
    const barInView = async () => {
      const bar = await frame.$eval('#listen-bar', (b) => b.getBoundingClientRect().toJSON());
      const box = await page.locator('#auto-embed iframe').boundingBox();
      const top = box.y + bar.y;
      return { top, bottom: top + bar.height, viewport: await page.evaluate(() => innerHeight) };
    };
    let seen = await barInView();
    assert.ok(seen.top >= 0 && seen.bottom <= seen.viewport, `the bar is in the host's view (${seen.top}..${seen.bottom})`);
    // The host page scrolls the frame's middle into view: the bar follows.
    await page.evaluate((y) => scrollTo(0, y), frameBox.y + frameBox.height / 2);
    await until(async () => {
      seen = await barInView();
      return seen.top >= 0 && seen.bottom <= seen.viewport;
    }, 'the bar in view after the host scrolled');
    await page.screenshot({ path: path.join(artifacts, 'embed-auto-listen.png') });
    await frame.click('#embed-listen');
    assert.ok(await frame.$eval('#listen-bar', (b) => b.hidden));
  } finally {
    await context.close();
  }
});
