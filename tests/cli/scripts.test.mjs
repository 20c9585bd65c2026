// The page's scripts are type-checked and formatted: every web/*.js starts with
// `// @ts-check`, and TypeScript (npm, pinned in package-lock.json) checks them against
// the DOM library (web/sw.js against the service worker's), with the shared namespaces
// declared in tools/types/; Prettier (npm, pinned; .prettierrc.json) finds them
// formatted. A DOM property misused, a name that does not exist, or a hand-formatted
// line fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const prettier = path.join(root, 'node_modules/prettier/bin/prettier.cjs');
const check = (dir, config) => spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tools/types', config)],
  { encoding: 'utf8' });

test('every page script asks to be checked, and the page and the worker check clean', () => {
  for (const name of readdirSync(path.join(root, 'web')).filter((n) => n.endsWith('.js'))) {
    assert.match(readFileSync(path.join(root, 'web', name), 'utf8'), /^\/\/ @ts-check$/m, `web/${name}`);
  }
  for (const config of ['tsconfig.page.json', 'tsconfig.worker.json']) {
    const result = check(root, config);
    assert.equal(result.status, 0, `${config}:\n${result.stdout}${result.stderr}`);
  }
});

test('a misused DOM property and an unknown name are each reported with file and line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-types-'));
  try {
    for (const part of ['web', 'tools/types']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    const edit = (file, from, to) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      assert.ok(text.includes(from), `${file} holds ${from}`);
      writeFileSync(path.join(dir, file), text.replace(from, to));
    };
    edit('web/search_input.js', 'searchInput.select();', 'searchInput.selectAll();');
    edit('web/sw.js', 'worker.skipWaiting()', 'worker.skipWaitingNow()');
    const page = check(dir, 'tsconfig.page.json');
    assert.equal(page.status, 2);
    assert.match(page.stdout, /web\/search_input\.js\(\d+,\d+\): error TS\d+: Property 'selectAll' does not exist on type 'HTMLInputElement'/);
    const worker = check(dir, 'tsconfig.worker.json');
    assert.equal(worker.status, 2);
    assert.match(worker.stdout, /web\/sw\.js\(\d+,\d+\): error TS\d+: Property 'skipWaitingNow' does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the page\'s scripts are formatted as .prettierrc.json says, and a hand-formatted line is named', () => {
  const scripts = readdirSync(path.join(root, 'web')).filter((n) => n.endsWith('.js')).map((n) => `web/${n}`);
  const run = (cwd) => spawnSync(process.execPath, [prettier, '--check', ...scripts], { cwd, encoding: 'utf8' });
  const clean = run(root);
  assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}\n(npx prettier --write web/*.js formats them)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-format-'));
  try {
    cpSync(path.join(root, 'web'), path.join(dir, 'web'), { recursive: true });
    for (const file of ['.prettierrc.json', '.prettierignore']) cpSync(path.join(root, file), path.join(dir, file));
    const file = path.join(dir, 'web/archive.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'use strict';", "'use strict' ;"));
    const dirty = run(dir);
    assert.equal(dirty.status, 1);
    assert.match(dirty.stdout + dirty.stderr, /web\/archive\.js/);
    assert.doesNotMatch(dirty.stdout + dirty.stderr, /web\/app\.js/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
