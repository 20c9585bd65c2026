// axe-core (npm, pinned in package-lock.json), the check the big sites run, on the page
// with each panel open, in the light and the dark scheme, on a phone and a desktop: no
// serious or critical violation. The page's Content-Security-Policy refuses injected
// scripts, so these contexts bypass it (only here: the page itself is unchanged).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, openViewer, quiet, root, useSession } from './harness.mjs';

const session = useSession();
const AXE = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

// Serious and critical violations on the page as it is now ("rule: target (summary)"),
// and how many elements axe checked for a button's and a dialog's name: proof that it
// saw the mirrored controls at all.
async function check(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const { violations, passes } = await window.axe.run(document);
    const checked = (id) => (passes.find((p) => p.id === id) || { nodes: [] }).nodes.length;
    return {
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary.split('\n')[1] || ''})`),
      })),
      buttons: checked('button-name'),
      dialogs: checked('aria-dialog-name'),
    };
  });
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n}`));
  return { serious, buttons: result.buttons, dialogs: result.dialogs };
}

// Each panel, opened as a keyboard user would, and what closes it again.
const PANELS = [
  { name: 'the page', open: async () => {} },
  { name: 'contents', open: (page) => page.keyboard.press('c'), phoneOnly: true },
  { name: 'archive', open: (page) => page.keyboard.press('a') },
  { name: 'display', open: (page) => page.keyboard.press('d'), phoneOnly: true },
  { name: 'help', open: (page) => page.keyboard.press('?') },
  { name: '対策', open: (page) => page.keyboard.press('x') },
  {
    name: 'search with results',
    open: async (page) => {
      await page.keyboard.press('/');
      await page.keyboard.type('パスキー');
    },
  },
  {
    name: 'archive search with results',
    open: (page) => page.evaluate(() => window.digestViewer.search('パスキー', 'archive')),
  },
  {
    // 読み上げ's player bar (a Japanese voice that never finishes a sentence); it stays
    // open under the panels after it.
    name: '読み上げ',
    bar: true,
    open: async (page) => {
      await page.evaluate(() => {
        const voice = { name: 'Fake', lang: 'ja-JP', localService: true, default: true, voiceURI: 'Fake' };
        const fake = { getVoices: () => [voice], speak: () => {}, cancel: () => {}, addEventListener() {} };
        Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
        window.SpeechSynthesisUtterance = class {
          constructor(text) {
            this.text = text;
          }
        };
      });
      await page.keyboard.press('l');
      await page.waitForSelector('#listen-bar:not([hidden])');
    },
  },
];

for (const colorScheme of ['light', 'dark']) {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    test(`axe: no serious or critical violation with each panel open, ${colorScheme}, ${width} px`, async () => {
      const { page, context } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`, {
        width, height, colorScheme, bypassCSP: true,
      });
      const found = [];
      for (const panel of PANELS) {
        if (panel.phoneOnly && width > 640) continue;
        await panel.open(page);
        await quiet(page);
        const { serious, buttons, dialogs } = await check(page);
        for (const line of serious) found.push(`${panel.name}: ${line}`);
        assert.ok(buttons >= 6, `${panel.name}: axe checked the mirrored buttons (${buttons})`);
        if (panel.name !== 'the page' && !panel.bar) assert.ok(dialogs >= 1, `${panel.name}: axe checked the open panel's name`);
        if (panel.name === 'archive search with results')
          await page.screenshot({ path: path.join(artifacts, `axe-${colorScheme}-${width}-archive-search.png`) });
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await quiet(page);
      }
      assert.deepEqual(found, []);
      await context.close();
    });
  }
}
