// tools/check_protocol.py: the host protocol as the header declares it, src/ builds it,
// docs/host-protocol.md describes it and web/ uses it must agree; renaming a call or an
// event in one place only fails make test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = (dir) => spawnSync('/usr/bin/python3', [path.join(root, 'tools/check_protocol.py'), '--root', dir],
  { encoding: 'utf8' });

test('the header, src/, the docs and web/ agree on every call and event', () => {
  const run = check(root);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^host protocol: \d+ calls and \d+ events agree/);
});

test('an event or a call renamed in one place only is named, with where it is missing; so is page code that bypasses the bridge', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-protocol-'));
  try {
    for (const part of ['src', 'docs', 'web']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    const edit = (file, from, to) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      assert.ok(text.includes(from), `${file} holds ${from}`);
      writeFileSync(path.join(dir, file), text.replace(from, to));
    };
    // The page handles the event under another name.
    edit('web/resources.js', '        need: onNeed,', '        needs: onNeed,');
    let run = check(dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /need: missing from events handled by web\//);
    assert.match(run.stderr, /needs: missing from events declared in host_protocol\.hpp; events built in src\/; events in docs/);
    edit('web/resources.js', '        needs: onNeed,', '        need: onNeed,');
    // A call renamed in the docs only.
    edit('docs/host-protocol.md', '| `digest_reading_tick(', '| `digest_reading_ticks(');
    run = check(dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /digest_reading_tick: missing from calls in docs\/host-protocol\.md/);
    edit('docs/host-protocol.md', '| `digest_reading_ticks(', '| `digest_reading_tick(');
    // Page code other than the bridge reaching into the module.
    edit('web/fonts.js', "'use strict';", "'use strict';\nconst peek = (m) => m._digest_state_json();");
    run = check(dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /web\/fonts\.js touches the Emscripten module: only web\/bridge\.js may/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
