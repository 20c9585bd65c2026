// Sharing: the share page of an article as a link unfurler sees it (no script: the
// metadata, the article, the card, the oEmbed answer) and as a reader's browser sees
// it (straight on to the viewer at the article, the share page not left in history).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root, settled, useSession } from './harness.mjs';
import { decodePng, editDistance, readJapanese, region } from './pixels.mjs';

const session = useSession();
const siteUrl = JSON.parse(readFileSync(path.join(root, 'build/web/config.json'), 'utf8')).siteUrl;
const issue = JSON.parse(readFileSync(path.join(root, 'web/issues/2026-11-25.json'), 'utf8'));
const article = issue.articles.find((a) => a.id === 'ci-secret-leak');

// A site URL from the metadata, fetched from the test server instead.
const local = (url) => {
  assert.ok(url.startsWith(siteUrl + '/'), `${url} is absolute, on siteUrl ${siteUrl}`);
  return session.url + url.slice(siteUrl.length + 1);
};

// The smallest edit distance between `wanted` and any stretch of `text` as long.
function bestMatch(text, wanted) {
  let best = Infinity;
  const chars = Array.from(text), n = Array.from(wanted).length;
  for (let i = 0; i + n <= chars.length || i === 0; i++) {
    best = Math.min(best, editDistance(chars.slice(i, i + n).join(''), wanted));
  }
  return best;
}

test('an article\'s share page carries its card metadata, the article and a card of its title', async () => {
  // As a link unfurler: no script runs, so the page stays.
  const context = await session.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const shareUrl = `${session.url}a/2026-11-25/ci-secret-leak.html`;
  const response = await page.goto(shareUrl);
  assert.equal(response.status(), 200);
  assert.equal(page.url(), shareUrl);
  const meta = async (selector) => page.locator(selector).getAttribute('content');
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[property="og:title"]'), article.title);
  assert.equal(await meta('meta[name="twitter:title"]'), article.title);
  assert.equal(await meta('meta[property="og:site_name"]'), issue.title);
  const description = await meta('meta[property="og:description"]');
  assert.ok(article.summary.replace(/\s+/g, '').startsWith(description.replace(/…$/, '').replace(/\s+/g, '')),
    `og:description is the lead (${description})`);
  assert.equal(await meta('meta[property="og:url"]'), `${siteUrl}/a/2026-11-25/ci-secret-leak.html`);
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), `${siteUrl}/a/2026-11-25/ci-secret-leak.html`);
  const image = await meta('meta[property="og:image"]');
  assert.equal(image, `${siteUrl}/a/2026-11-25/ci-secret-leak.png`);
  assert.equal(await meta('meta[name="twitter:image"]'), image);
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
  assert.equal(await meta('meta[property="og:image:width"]'), '1200');
  assert.equal(await meta('meta[property="og:image:height"]'), '630');
  assert.equal(await meta('meta[property="article:published_time"]'), '2026-11-25');
  // The article itself, readable without script (the newest issues' share pages carry
  // the viewer too: the article is what their <noscript> shows), and the way on to the viewer.
  assert.equal(await page.locator('article#ci-secret-leak h1').textContent(), article.title);
  assert.ok(await page.locator('article#ci-secret-leak h1').isVisible(), 'the article is on screen');
  assert.ok((await page.locator('article#ci-secret-leak').textContent()).includes(article.summary.slice(0, 20)));
  const other = await page.locator('nav a').first().evaluate((a) => a.href);
  assert.match(other, new RegExp(`^${session.url}a/2026-11-25/[a-z0-9-]+\\.html$`), 'links to the other articles');
  assert.equal(await page.locator('#open-viewer').evaluate((a) => a.href), `${session.url}?issue=2026-11-25#ci-secret-leak`);

  // The card: served as a PNG, 1200×630 in Chromium and in our decoder, the title
  // legible in it (OCR), dark text on a light card.
  const pngResponse = await page.request.get(local(image));
  assert.equal(pngResponse.headers()['content-type'], 'image/png');
  const png = await pngResponse.body();
  const decoded = decodePng(png);
  assert.deepEqual([decoded.width, decoded.height], [1200, 630]);
  const titleArea = region(decoded, { x: 72, y: 220, width: 1056, height: 200 });
  assert.ok(titleArea.ink > 0.08 && titleArea.contrast > 7, `the title is drawn (ink ${titleArea.ink}, contrast ${titleArea.contrast})`);
  const title = article.title.replace(/\s+/g, '');
  const distance = bestMatch(readJapanese(png), title);
  assert.ok(distance <= Math.ceil(title.length / 10), `OCR finds the title in the card (${distance} edits)`);
  await context.close();

  const viewerPage = await (await session.browser.newContext()).newPage();
  await viewerPage.goto(local(image));
  assert.deepEqual(await viewerPage.evaluate(() => [document.images[0].naturalWidth, document.images[0].naturalHeight]), [1200, 630]);
  await viewerPage.context().close();
});

test('the oEmbed answer and the issue\'s static page describe the same things', async () => {
  const context = await session.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${session.url}a/2026-11-25/ci-secret-leak.html`);
  const oembedUrl = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
  assert.equal(oembedUrl, `${siteUrl}/oembed/2026-11-25/ci-secret-leak.json`);
  const oembed = await (await page.request.get(local(oembedUrl))).json();
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.type, 'rich');
  assert.equal(oembed.title, article.title);
  assert.ok(oembed.width > 0 && oembed.height > 0);
  assert.ok(oembed.html.includes('data-digest-issue="2026-11-25"') && oembed.html.includes('data-article="ci-secret-leak"'));
  assert.ok(oembed.html.includes(`<script src="${siteUrl}/embed.js" defer></script>`));
  assert.equal(oembed.thumbnail_url, `${siteUrl}/a/2026-11-25/ci-secret-leak.png`);

  // The issue's static page: its own card and oEmbed answer.
  await page.goto(`${session.url}issues/2026-11-25.html`);
  assert.equal(await page.locator('meta[property="og:image"]').getAttribute('content'), `${siteUrl}/a/2026-11-25.png`);
  assert.equal(await page.locator('meta[property="og:url"]').getAttribute('content'), `${siteUrl}/issues/2026-11-25.html`);
  const issueOembed = await (await page.request.get(
    local(await page.locator('link[type="application/json+oembed"]').getAttribute('href')))).json();
  assert.equal(issueOembed.type, 'rich');
  assert.ok(!issueOembed.html.includes('data-article'));
  const card = decodePng(await (await page.request.get(`${session.url}a/2026-11-25.png`)).body());
  assert.deepEqual([card.width, card.height], [1200, 630]);
  await context.close();
});

test('a reader opening a share link reads the viewer there, at the article; an older issue\'s goes on to it', async () => {
  let context = await session.browser.newContext();
  let page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // (Not the browser's own request for /favicon.ico, which the site has no need of: it
  // asks after the 404 page this test starts from, and may still be waiting at the end.)
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  const documents = [];
  page.on('request', (request) => { if (request.resourceType() === 'document') documents.push(request.url()); });
  await page.goto(`${session.url}issues/index.html`);

  // The newest issues' share pages are viewer pages: one request, the viewer's address
  // (Back returns to where the link was opened), a section asked for kept.
  documents.length = 0;
  await page.goto(`${session.url}a/2026-11-24/passkey-bank.html#passkey-bank-s2`);
  assert.equal(page.url(), `${session.url}?issue=2026-11-24#passkey-bank-s2`);
  await settled(page);
  assert.deepEqual(documents, [`${session.url}a/2026-11-24/passkey-bank.html`], 'the share page only: no second page');
  let state = await page.evaluate(() => window.digestViewer.state());
  assert.deepEqual([state.issue, state.article], ['2026-11-24', 'passkey-bank']);
  // Addresses resolve from the viewer's address: "#..." stays in this page.
  assert.equal(await page.evaluate(() => document.baseURI), page.url());
  assert.equal(await page.locator('#skip-link').evaluate((a) => a.href), `${session.url}?issue=2026-11-24#scroller`);
  const heading = await page.locator('#passkey-bank-s2').boundingBox();
  assert.ok(heading.y > 0 && heading.y < 250, `the section is in view (${heading.y})`);
  await page.goBack();
  assert.equal(page.url(), `${session.url}issues/index.html`);

  // An older issue's share page (`digest share`'s own, as the site serves it past its
  // newest issues; the build keeps it in .site/) goes on to the viewer before it is
  // drawn: no flash of it, then a blank page; replace(): not left in history.
  // (A new tab without a worker: a returning reader's answers the link itself, below.)
  await context.close();
  context = await session.browser.newContext({ serviceWorkers: 'block' });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  // What each page showed at its first frame, if it had one (kept across the tab's pages).
  await context.addInitScript(() => requestAnimationFrame(() => sessionStorage.setItem('frame ' + location.pathname,
    `${getComputedStyle(document.documentElement).visibility} ${document.body ? document.body.innerText.length : 0}`)));
  await page.goto(`${session.url}issues/index.html`);
  const plain = readFileSync(path.join(root, 'build/web/.site/share-pages/2026-11-24/passkey-bank.html'), 'utf8');
  assert.ok(!plain.includes('data-share'), 'the kept page is the plain one');
  await context.route('**/a/2026-11-24/passkey-bank.html', (route) =>
    route.fulfill({ body: plain, contentType: 'text/html; charset=utf-8' }));
  await page.goto(`${session.url}a/2026-11-24/passkey-bank.html#passkey-bank-s2`);
  await page.waitForURL(`${session.url}?issue=2026-11-24#passkey-bank-s2`);
  await settled(page);
  const frame = await page.evaluate(() => sessionStorage.getItem('frame /a/2026-11-24/passkey-bank.html'));
  assert.ok(frame === null || frame.startsWith('hidden '), `the share page was not drawn (${frame})`);
  state = await page.evaluate(() => window.digestViewer.state());
  assert.deepEqual([state.issue, state.article], ['2026-11-24', 'passkey-bank']);
  await page.goBack();
  assert.equal(page.url(), `${session.url}issues/index.html`);
  // At the article itself: the viewer's deep link, which index.html's head.js sends to
  // the article's share page for the newest issues; a page that sent the reader from
  // there is not sent back to (a host serving a plain copy would make a loop).
  const visits = [];
  page.on('request', (request) => { if (request.isNavigationRequest()) visits.push(new URL(request.url()).pathname); });
  await page.goto(`${session.url}a/2026-11-24/passkey-bank.html`);
  await page.waitForURL(`${session.url}?issue=2026-11-24#passkey-bank`);
  await settled(page);
  state = await page.evaluate(() => window.digestViewer.state());
  assert.deepEqual([state.issue, state.article], ['2026-11-24', 'passkey-bank']);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.share ?? null), null, 'index.html shows it');
  assert.deepEqual(visits, ['/a/2026-11-24/passkey-bank.html', '/'], 'one request each, no loop');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a returning reader (the worker installed) goes from a share link to the viewer without the page', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${session.url}?issue=2026-11-25`);
  await settled(page);
  await page.evaluate(() => DigestOffline.controlled());
  // The worker answers the link with a redirect: the share page is neither fetched nor shown.
  const response = await page.goto(`${session.url}a/2026-11-24/passkey-bank.html#passkey-bank-s2`);
  const from = response.request().redirectedFrom();
  assert.ok(from, `the share page was answered with a redirect (${response.url()})`);
  assert.equal(from.url(), `${session.url}a/2026-11-24/passkey-bank.html`);
  await page.waitForFunction(() => window.digestViewer?.state().article === 'passkey-bank');
  await settled(page);
  assert.equal(new URL(page.url()).hash, '#passkey-bank-s2');
  assert.equal((await page.evaluate(() => window.digestViewer.state())).issue, '2026-11-24');
  await context.close();
});
