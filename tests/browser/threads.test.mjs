// Story threads as a reader meets them: 「これまでの経緯」 at the end of the sample
// 2026-11-25's router article (its first report, 2026-11-20, shares the maker's notice
// page) and 「続報」 at the end of that first report; each a real link in the text layer,
// drawn by the canvas where the link is, opening the other issue in the viewer by
// pointer and by keyboard; the static pages' links; and what the reader sees, light and
// dark, phone and desktop (screenshots in build/test-artifacts/).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, openViewer, quiet, settled, state, useSession } from './harness.mjs';
import { decodePng } from './pixels.mjs';

const session = useSession();

const LATER = { issue: '2026-11-25', article: 'router-firmware-backdoor' };
const EARLIER = { issue: '2026-11-20', article: 'router-update-reports', title: '家庭用ルーターに身に覚えのない更新、利用者から報告が相次ぐ' };

// The thread's links of an article in the text layer, scrolled into view.
async function threadLinks(page, article) {
  const selector = `article[data-article="${article}"] a[data-issue]`;
  await page.waitForSelector(selector, { state: 'attached' });
  await page.evaluate((s) => {
    const link = document.querySelector(s);
    document.getElementById('scroller').scrollBy(0, link.getBoundingClientRect().y - innerHeight / 2);
  }, selector);
  await quiet(page);
  return page.$$eval(selector, (links) => links.map((a) => ({
    text: a.textContent, href: a.getAttribute('href'), issue: a.dataset.issue, goto: a.dataset.goto,
    heading: a.closest('article').textContent.includes('これまでの経緯') ? 'これまでの経緯' : '',
    rect: a.getBoundingClientRect().toJSON(),
  })));
}

// Share of the pixels inside `rect` that are the link colour (the palette's blue
// accents, light or dark) and that differ from the page background at all.
function inked(png, rect, dpr) {
  let accent = 0, ink = 0, total = 0;
  const bg = [png.rgba[0], png.rgba[1], png.rgba[2]];
  for (let y = Math.round(rect.y * dpr); y < Math.round((rect.y + rect.height) * dpr); ++y) {
    for (let x = Math.round(rect.x * dpr); x < Math.round((rect.x + rect.width) * dpr); ++x) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]];
      total += 1;
      if (b > r + 40 && b > g + 10) accent += 1;
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 60) ink += 1;
    }
  }
  return { accent: accent / total, ink: ink / total };
}

test('「これまでの経緯」 and 「続報」: links that open the other day in place, by pointer and keyboard; the static pages link too', async () => {
  const { page, context } = await openViewer(session.browser, `${session.url}?issue=${LATER.issue}#${LATER.article}`,
    { width: 1280, height: 900 });
  await settled(page);
  const links = await threadLinks(page, LATER.article);
  assert.deepEqual(links.map(({ text, href, issue, goto, heading }) => ({ text, href, issue, goto, heading })), [{
    text: EARLIER.title, href: `?issue=${EARLIER.issue}#${EARLIER.article}`, issue: EARLIER.issue,
    goto: EARLIER.article, heading: 'これまでの経緯',
  }]);
  // The timeline's date is said before the title (a screen reader reads the line whole).
  const line = await page.$eval(`article[data-article="${LATER.article}"] a[data-issue]`,
    (a) => a.closest('[data-box]').textContent);
  assert.equal(line, `${EARLIER.issue}　${EARLIER.title}`);
  // A screen reader finds the link by its title.
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  assert.ok(nodes.some((n) => !n.ignored && n.role?.value === 'link' && n.name?.value === EARLIER.title));

  // The pointer: the other day opens here, at the article, and the address follows.
  const { rect } = links[0];
  await page.mouse.click(rect.x + 20, rect.y + rect.height / 2);
  await page.waitForFunction((id) => window.digestViewer.state().issue === id, EARLIER.issue);
  await settled(page);
  assert.equal((await state(page)).article, EARLIER.article);
  assert.match(page.url(), new RegExp(`\\?issue=${EARLIER.issue}#${EARLIER.article}$`));
  // Its 「続報」 leads back; the keyboard follows it (Enter on the focused link).
  const back = await threadLinks(page, EARLIER.article);
  assert.deepEqual(back.map((l) => [l.issue, l.goto, l.heading]), [[LATER.issue, LATER.article, '']]);
  assert.ok(await page.$eval(`article[data-article="${EARLIER.article}"]`, (a) => a.textContent.includes('続報')));
  await page.focus(`article[data-article="${EARLIER.article}"] a[data-issue]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.digestViewer.state().issue === id, LATER.issue);
  await settled(page);
  assert.equal((await state(page)).article, LATER.article);
  // Back in history returns to the first report.
  await page.goBack();
  await page.waitForFunction((id) => window.digestViewer.state().issue === id, EARLIER.issue);
  await context.close();

  // The static pages: the same thread, linking the pages beside them.
  const later = await (await fetch(`${session.url}issues/${LATER.issue}.html`)).text();
  assert.ok(later.includes(`<h3>これまでの経緯</h3><ul class="thread"><li><time datetime="${EARLIER.issue}">${EARLIER.issue}</time>　<a href="${EARLIER.issue}.html#${EARLIER.article}">${EARLIER.title}</a></li></ul>`), 'static page: これまでの経緯');
  const earlier = await (await fetch(`${session.url}issues/${EARLIER.issue}.html`)).text();
  assert.ok(earlier.includes(`<h3>続報</h3>`) && earlier.includes(`<a href="${LATER.issue}.html#${LATER.article}">`), 'static page: 続報');
});

test('what the reader sees: the thread drawn where its links are, light and dark, 360 and 1280 px', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [width, dpr] of [[360, 2], [1280, 1]]) {
      const { page, context } = await openViewer(session.browser, `${session.url}?issue=${LATER.issue}#${LATER.article}`,
        { width, height: width < 400 ? 740 : 900, deviceScaleFactor: dpr, colorScheme: scheme });
      await settled(page);
      const [link] = await threadLinks(page, LATER.article);
      assert.ok(link.rect.y > 60 && link.rect.y + link.rect.height < (width < 400 ? 740 : 900), JSON.stringify(link.rect));
      const shot = decodePng(await page.screenshot({ path: path.join(artifacts, `thread-${scheme}-${width}.png`) }));
      // The title is drawn in the link colour right under its text-layer link.
      const seen = inked(shot, link.rect, dpr);
      assert.ok(seen.accent > 0.04 && seen.ink > 0.08, `${scheme} ${width}: ${JSON.stringify(seen)}`);
      await context.close();
    }
  }
});
