// tools/gen_constants.py: the constants C++, the page's scripts and its style sheet
// share come from src/platform/shared_constants.json; a generated file that differs
// from it, or a value copied by hand into a script, a style rule or the C++, fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (...args) => spawnSync('/usr/bin/python3', [path.join(root, 'tools/gen_constants.py'), ...args],
  { encoding: 'utf8' });

test('the repository agrees with its constants', () => {
  const result = run('--check');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /5 files agree/);
});

test('a drifted colour, a stale generated file and a key spelled by hand are each named', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-constants-'));
  try {
    for (const part of ['src', 'web']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    const edit = (file, from, to) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      assert.ok(text.includes(from), `${file} holds ${from}`);
      writeFileSync(path.join(dir, file), text.replace(from, to));
    };
    const check = () => run('--check', '--root', dir);
    // The drift issue 23 found: the page's background edited in the style sheet only.
    edit('web/style.css', '--page: #fafaf8;', '--page: #fafafa;');
    let result = check();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /web\/style\.css differs from src\/platform\/shared_constants\.json/);
    edit('web/style.css', '--page: #fafafa;', '--page: #fafaf8;');
    // The source changed and nothing regenerated: every generated file is stale.
    edit('src/platform/shared_constants.json', '"topBarHeight": 48', '"topBarHeight": 52');
    result = check();
    assert.equal(result.status, 1);
    for (const file of ['src/core/shared_constants.hpp', 'web/constants.js', 'web/style.css']) {
      assert.match(result.stderr, new RegExp(`${file.replace(/[./]/g, '\\$&')} differs`));
    }
    // Writing brings them back in step.
    assert.equal(run('--root', dir).status, 0);
    assert.equal(check().status, 0);
    assert.match(readFileSync(path.join(dir, 'src/core/shared_constants.hpp'), 'utf8'), /kTopBarHeight = 52\.0f/);
    // A storage key and a colour spelled in a page script, a setting key in the C++.
    edit('web/fonts.js', "'use strict';", "'use strict';\nconst scale = () => localStorage.getItem('digest.fontScale');");
    edit('web/text_layer.js', "'use strict';", "'use strict';\nconst ink = '#1d1d1f';");
    edit('src/ui/viewer.cpp', 'host_.load_setting(std::string(digest::shared::kSettingTheme))', 'host_.load_setting("theme")');
    result = check();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /web\/fonts\.js:\d+: a storage key spelled 'digest\.…'/);
    assert.match(result.stderr, /web\/text_layer\.js:\d+: a palette colour/);
    assert.match(result.stderr, /src\/ui\/viewer\.cpp:\d+: a setting key spelled in place/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
