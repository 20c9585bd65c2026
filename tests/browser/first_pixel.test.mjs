// The first WebAssembly build: the page starts, draws the issue's titles with the
// Japanese font, and reports no error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifacts, inkRatio, launchBrowser, openViewer, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the latest sample issue renders with no error', async () => {
  const { page, context, errors } = await openViewer(browser, server.url);
  const state = await page.evaluate(() => window.digestViewer.state());
  assert.equal(state.error, null);
  assert.equal(state.issue, '2026-11-25');
  assert.ok(state.framesDrawn > 0, 'at least one frame was drawn');
  assert.equal(await page.isHidden('#loading'), true, 'the loading screen is gone');
  const ink = await inkRatio(page);
  assert.ok(ink > 0.005, `the canvas shows text (ink ratio ${ink})`);
  await page.screenshot({ path: path.join(artifacts, 'first-pixel-1280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('?issue= picks an issue from the archive, at devicePixelRatio 2', async () => {
  const { page, context, errors } = await openViewer(browser, `${server.url}?issue=2026-11-23`,
    { width: 390, height: 800, deviceScaleFactor: 2 });
  const state = await page.evaluate(() => window.digestViewer.state());
  assert.equal(state.issue, '2026-11-23');
  const size = await page.evaluate(() => [canvas.width, canvas.height, canvas.clientWidth]);
  assert.deepEqual(size, [780, 1600, 390], 'the backing store is CSS size x devicePixelRatio');
  await page.screenshot({ path: path.join(artifacts, 'first-pixel-390-dpr2.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown issue shows the error screen with Retry', async () => {
  const { page, context } = await openViewer(browser, `${server.url}?issue=1999-01-01`);
  const state = await page.evaluate(() => window.digestViewer.state());
  assert.match(state.error, /issue "1999-01-01" is not in the archive/);
  assert.equal(await page.isVisible('#failure'), true);
  assert.equal(await page.isVisible('#retry'), true);
  await context.close();
});
