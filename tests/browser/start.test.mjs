// The start as the reader sees it, frame by frame: a screencast (CDP
// Page.startScreencast, the composited page) of cold, warm and preview starts at a phone's
// width, light and dark, with the CPU throttled 4x. No frame between the first screen
// and the settled canvas may be darker than the theme allows (a canvas whose WebGL
// context exists but has not drawn is black).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, quiet, settled, useSession } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const session = useSession();

// The share of pixels clearly darker (by `margin` of 255 in every channel's mean) than
// the settled page's background.
function darkShare(image, background, margin) {
  const limit = (background[0] + background[1] + background[2]) / 3 - margin;
  let dark = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if ((image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2]) / 3 < limit) dark++;
  }
  return dark / (image.width * image.height);
}

// The most common colour of an image: the page's background.
function commonColour(image) {
  const counts = new Map();
  for (let i = 0; i < image.rgba.length; i += 16) {
    const key = (image.rgba[i] << 16) | (image.rgba[i + 1] << 8) | image.rgba[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const [key] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return [key >> 16, (key >> 8) & 0xff, key & 0xff];
}

// Loads the viewer (or reloads it: a warm start) with a screencast running; resolves
// with the frames, in order, as decoded images.
async function recordStart(page, cdp, go) {
  const frames = [];
  const onFrame = ({ data, sessionId }) => {
    frames.push(Buffer.from(data, 'base64'));
    cdp.send('Page.screencastFrameAck', { sessionId }).catch(() => {});
  };
  cdp.on('Page.screencastFrame', onFrame);
  await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  await go();
  await settled(page);
  await quiet(page);  // the last frame is in the screencast
  await cdp.send('Page.stopScreencast');
  cdp.off('Page.screencastFrame', onFrame);
  return frames;
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme}: cold, warm and preview starts at 360 px, CPU 4x slower, never flash dark`, async () => {
    const context = await session.browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: scheme });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const report = [];
    // (A preview: its screen laid out in the page by prepaint.wasm, docs/prepaint.md.)
    const go = { cold: () => page.goto(session.url), warm: () => page.reload(),
      preview: () => page.goto(session.url + '?src=issues/2026-11-24.json') };
    for (const start of ['cold', 'warm', 'preview']) {
      const frames = await recordStart(page, cdp, go[start]);
      assert.ok(frames.length >= 3, `${start}: ${frames.length} frames recorded`);
      const images = frames.map(decodePng);
      const last = images.at(-1);
      const background = commonColour(last);
      // Dark text on a light page is darker than the background: the settled page's
      // own share is the allowance. A margin of a third of the background's brightness
      // (at most 40) tells a black canvas from the dark theme's background.
      const margin = Math.min(40, (background[0] + background[1] + background[2]) / 9);
      const allowed = darkShare(last, background, margin) + 0.1;
      const shares = images.map((image) => darkShare(image, background, margin));
      const worst = shares.indexOf(Math.max(...shares));
      writeFileSync(path.join(artifacts, `start-${scheme}-${start}-worst.png`), frames[worst]);
      if (shares[worst] > allowed) {
        report.push(`${start}: frame ${worst + 1}/${frames.length} is ${(shares[worst] * 100).toFixed(0)}% darker ` +
          `than the background (settled: ${((allowed - 0.1) * 100).toFixed(0)}%)`);
      }
    }
    assert.deepEqual(report, []);
    await context.close();
  });
}
