// docs/publishing.md followed step by step: every ```sh block of the page runs, in
// order, with bash from the repository's root and a fresh home folder; after each, what
// the page promises is checked in the host's folder (~/www/digest).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAtomFeed } from 'feedsmith';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const home = mkdtempSync(path.join(tmpdir(), 'digest-publisher-'));
after(() => rmSync(home, { recursive: true, force: true }));
const host = path.join(home, 'www/digest');

const blocks = [...readFileSync(path.join(root, 'docs/publishing.md'), 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
  .map((m) => m[1]);

function runBlock(index) {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', blocks[index]], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, HOME: home },
  });
  assert.equal(r.status, 0, `block ${index + 1} of docs/publishing.md failed:\n${blocks[index]}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function hostFiles(prefix = '') {
  return readdirSync(path.join(host, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(prefix, entry.name);
    return entry.isDirectory() ? hostFiles(rel) : [rel];
  });
}

const mentions = (needle) => hostFiles().filter((rel) =>
  !rel.endsWith('.br') && !rel.endsWith('.gz') && readFileSync(path.join(host, rel)).includes(needle));
const feedEntries = () => parseAtomFeed(readFileSync(path.join(host, 'feed.xml'), 'utf8')).entries.map((e) => e.id);

test('the page has its four runnable steps: start, the daily routine, retraction, a new address', () => {
  assert.equal(blocks.length, 4);
});

test('the daily routine: import, validate, make site, copy to the host', () => {
  runBlock(0);
  // The day's mail, saved where the page says.
  mkdirSync(path.join(home, 'digest/mail'), { recursive: true });
  cpSync(path.join(root, 'tests/fixtures/plain/2026-11-20.txt'), path.join(home, 'digest/mail/2026-11-28.txt'));
  const r = runBlock(1);
  assert.match(r.stderr, /import-text: the date 2026-11-28 from the file name/);
  for (const rel of ['index.html', 'feed.xml', 'nginx.conf', 'issues/2026-11-28.json', 'issues/2026-11-28.html',
    'prepaint/2026-11-28.json', 'fonts/issues/2026-11-28-regular.ttf']) {
    assert.ok(existsSync(path.join(host, rel)), `${rel} is on the host`);
  }
  assert.ok(!existsSync(path.join(host, '.site')), 'the build\'s record stays at home');
  assert.equal(feedEntries()[0], 'https://digest.example/issues/2026-11-28.html');
  assert.equal(feedEntries().length, 4);
});

test('retraction: nothing on the host names the issue', () => {
  runBlock(2);
  assert.deepEqual(mentions('2026-11-28'), []);
  assert.equal(feedEntries().length, 3);
});

test('a new address: nothing on the host names the old one', () => {
  runBlock(3);
  assert.deepEqual(mentions('https://digest.example'), []);
  assert.ok(readFileSync(path.join(host, 'issues/2026-11-25.html'), 'utf8')
    .includes('<link rel="canonical" href="https://news.example/digest/issues/2026-11-25.html">'));
});
