// tools/check_layout.py: the README's layout block names every file of the repository;
// a file added without a word there fails make test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = (...args) => spawnSync('/usr/bin/python3', [path.join(root, 'tools/check_layout.py'), ...args],
  { encoding: 'utf8', cwd: root });

test('the README names every file of the repository', () => {
  const run = check();
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^README layout: all \d+ files named/);
});

test('a file the README does not name is listed; a test or a fixture needs no word of its own', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-layout-'));
  try {
    const list = path.join(dir, 'files.txt');
    writeFileSync(list, ['src/core/issue.cpp', 'src/core/new_thing.cpp', 'web/helper.js', 'tests/core/test_new.cpp',
      'tests/fixtures/issues/x.json', 'src/ui/paint_extra.cpp'].join('\n'));
    const run = check('--files', list);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stderr.trim().split('\n').slice(1).map((line) => line.trim()), ['src/core/new_thing.cpp', 'web/helper.js']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
