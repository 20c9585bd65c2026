// Every control for every reader: the canvas's controls as a screen reader gets them
// (the accessibility tree through CDP, as Accessibility.getFullAXTree hands it to
// assistive technology) and as the keyboard alone reaches them (Tab, arrows, Enter,
// Esc; the test reads where the focus is from the same tree, and acts only with keys).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { artifacts, openViewer, quiet, state, useSession } from './harness.mjs';

const session = useSession();

// The accessibility tree's nodes that are not ignored: {role, name, focused, props}.
async function axTree(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((n) => !n.ignored && n.role)
    .map((n) => {
      const props = Object.fromEntries((n.properties || []).map((p) => [p.name, p.value.value]));
      const name = (n.name && n.name.value) || '';
      return { id: n.nodeId, children: n.childIds || [], role: n.role.value, name, focused: props.focused === true, props };
    });
}

// What has the focus, as the tree says: a named node (never the document itself, which
// the tree marks focused too when the focus is on nothing inside it).
async function focused(cdp) {
  const node = (await axTree(cdp)).filter((n) => n.focused).pop();
  assert.ok(node, 'something has the focus');
  assert.notEqual(node.role, 'RootWebArea', 'the focus is on a control, not on the page');
  assert.ok(node.name, `the focused ${node.role} has a name`);
  return node;
}

// Presses `key` and waits for the frames it starts (and the mirror after them).
async function press(page, key) {
  await page.keyboard.press(key);
  await quiet(page);
}

const BAR = ['前の号', '次の号', 'アーカイブ', '文字を小さく', '文字を大きく', 'ダークモード', '検索', 'ヘルプ'];

test('the top bar, the contents and the panels are in the accessibility tree by their names', async () => {
  const { page, context, errors } = await openViewer(session.browser, `${session.url}?issue=2026-11-24`);
  const cdp = await context.newCDPSession(page);
  let tree = await axTree(cdp);
  const named = (role, name) => tree.filter((n) => n.role === role && n.name === name);
  assert.equal(named('toolbar', '号の操作').length, 1);
  for (const name of BAR) assert.equal(named('button', name).length, 1, `one button 「${name}」`);
  assert.equal(named('navigation', '目次').length, 1);
  assert.equal(named('link', '本文へ移動').length, 1, 'a skip link');
  const pressed = (name) => named('button', name)[0].props.pressed;
  assert.equal(pressed('ダークモード'), 'false');

  // The archive as a named dialog, its issues as items starting with their full date,
  // as many as the canvas draws.
  const archive = (await state(page)).panels.find((p) => p.name === 'bar アーカイブ');
  await page.mouse.click(archive.x + archive.width / 2, archive.y + archive.height / 2);
  await quiet(page);
  tree = await axTree(cdp);
  assert.equal(named('dialog', 'アーカイブ').length, 1, 'the archive is a dialog named アーカイブ');
  assert.equal(named('button', 'アーカイブ')[0].props.expanded, true);
  const issues = tree.filter((n) => n.role === 'button' && /^2026年11月(2[345]|20)日 /.test(n.name));
  assert.equal(issues.length, 4, issues.map((n) => n.name).join(', '));
  // The list's items: the rows drawn (a month and its four issues).
  const list = named('list', '号の一覧')[0];
  const items = tree.filter((n) => list.children.includes(n.id) && n.role === 'listitem');
  assert.equal(items.length, 5, 'a month and its four issues');
  // No link is named only by an emoji.
  const bare = tree.filter((n) => n.role === 'link' && !/[\p{L}\p{N}]/u.test(n.name));
  assert.deepEqual(bare.map((n) => n.name), [], 'links named only by a symbol');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard alone: skip link, toolbar, archive, text size, theme, help, search; focus always on a named control', async () => {
  const { page, context, errors } = await openViewer(session.browser, session.url);
  const cdp = await context.newCDPSession(page);
  await press(page, 'Tab');
  assert.equal((await focused(cdp)).name, '本文へ移動');
  await press(page, 'Tab');
  assert.equal((await focused(cdp)).name, '前の号', 'the toolbar is next');
  // Arrows move within the toolbar: 次の号 (the newest issue: disabled, still a stop), アーカイブ.
  await press(page, 'ArrowRight');
  assert.equal((await focused(cdp)).name, '次の号');
  await press(page, 'ArrowRight');
  assert.equal((await focused(cdp)).name, 'アーカイブ');

  // The archive: the focus goes in, to the issue on screen; ↓ and Enter open the next.
  await press(page, 'Enter');
  let now = await focused(cdp);
  assert.match(now.name, /^2026年11月25日 /, 'the focus is on the issue on screen');
  await press(page, 'ArrowDown');
  now = await focused(cdp);
  assert.match(now.name, /^2026年11月24日 /);
  await press(page, 'Enter');
  await page.waitForFunction(() => window.digestViewer.state().issue === '2026-11-24');
  await quiet(page);
  assert.equal((await focused(cdp)).name, 'アーカイブ', 'the focus is back on the control that opened the panel');

  // Text size and theme from the toolbar.
  const scale = (await state(page)).fontScale;
  await press(page, 'End'); // ヘルプ
  assert.equal((await focused(cdp)).name, 'ヘルプ');
  for (const name of ['検索', '読み上げ', 'ダークモード', '文字を大きく']) {
    await press(page, 'ArrowLeft');
    assert.equal((await focused(cdp)).name, name);
  }
  await press(page, 'Enter');
  assert.ok((await state(page)).fontScale > scale, 'Enter on 文字を大きく made the text larger');
  await press(page, 'ArrowRight');
  await press(page, ' ');
  assert.equal((await state(page)).theme, 'dark', 'Space on ダークモード');
  assert.equal((await focused(cdp)).name, 'ダークモード');
  assert.equal((await focused(cdp)).props.pressed, 'true');

  // Help: a dialog that takes the focus; Esc closes it and gives the focus back.
  await press(page, 'End');
  await press(page, 'Enter');
  const tree = await axTree(cdp);
  assert.ok(tree.some((n) => n.role === 'dialog' && n.name === 'ヘルプ'));
  assert.equal((await focused(cdp)).name, '閉じる', 'the focus is in the help panel');
  await page.screenshot({ path: path.join(artifacts, 'a11y-help-focus.png') });
  await press(page, 'Escape');
  assert.equal((await state(page)).panels.some((p) => p.name === 'help'), false, 'Esc closed help');
  assert.equal((await focused(cdp)).name, 'ヘルプ');

  // Search: the box is labelled by its scope and the count is a status in words.
  await press(page, 'ArrowLeft'); // 検索
  await press(page, 'Enter');
  now = await focused(cdp);
  assert.equal(now.role, 'searchbox');
  assert.equal(now.name, 'この号を検索');
  await page.keyboard.type('パスキー');
  await quiet(page);
  const statuses = await page.locator('#mirror [role="status"]').allTextContents();
  assert.ok(statuses.some((text) => /^\d+件中1件目$/.test(text)), `a status says 「N件中1件目」: ${statuses}`);
  // Tab reaches the bar's controls; the scope becomes the archive, the box says so.
  await press(page, 'Tab');
  assert.equal((await focused(cdp)).name, '前の一致');
  await press(page, 'Tab');
  await press(page, 'Tab');
  assert.equal((await focused(cdp)).name, '検索範囲: この号');
  await press(page, 'Enter');
  assert.equal((await focused(cdp)).name, '検索範囲: アーカイブ');
  await page.waitForFunction(() => window.digestViewer.state().search.complete);
  const found = (await state(page)).search.results;
  assert.ok(found.length > 0, 'the archive has results');
  await press(page, 'Shift+Tab');
  now = await focused(cdp);
  assert.equal(now.role, 'searchbox');
  assert.equal(now.name, 'アーカイブを検索');
  // The arrows choose a result (said by the status), Enter opens it.
  await press(page, 'ArrowDown');
  const chosen = (await page.locator('#mirror [role="status"]').allTextContents()).find((t) => /件目: /.test(t));
  assert.ok(chosen, 'the status names the chosen result');
  const items = await page.locator('#mirror [aria-label="検索結果"] li').count();
  assert.equal(items, found.length, 'every result drawn is an item');
  await press(page, 'Enter');
  await page.waitForFunction((want) => window.digestViewer.state().article === want, found[0].article);
  now = await focused(cdp);
  assert.equal(now.role, 'searchbox', 'the focus stays in the box after opening a result');
  await press(page, 'Escape');
  assert.equal((await focused(cdp)).name, '検索', 'closing search gives the focus back to 検索');
  assert.deepEqual(errors, []);
  await context.close();
});
