// The `digest` command, run as a user would: exit codes and exact output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const digest = path.join(root, 'build/native/digest');
const seed = path.join(root, '../shared/seed/000_67746825949b8ab2.txt');

function run(args, input) {
  const result = spawnSync(digest, args, { cwd: root, input, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Terminal cells: East Asian wide characters and emoji count two.
function cells(line) {
  let width = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0);
    if (cp === 0xfe0f || cp === 0x200d) continue;
    width += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff))) ? 2 : 1;
  }
  return width;
}

test('validate accepts the bundled samples', () => {
  const r = run(['validate', '--strict', 'web/issues/2026-11-23.json', 'web/issues/2026-11-24.json', 'web/issues/2026-11-25.json']);
  assert.equal(r.out, '');
  assert.equal(r.code, 0);
});

test('validate points at the problem and exits 1', () => {
  const r = run(['validate', 'tests/fixtures/invalid/wrong-type.json']);
  assert.equal(r.out, 'tests/fixtures/invalid/wrong-type.json: /articles/3/title: expected a string, got 42\n');
  assert.equal(r.code, 1);
});

test('validate lists every problem of a file, one per line', () => {
  const r = run(['validate', 'tests/fixtures/invalid/several.json']);
  const f = 'tests/fixtures/invalid/several.json';
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    `${f}: /id: "Not A Slug" is not a valid id; use 1 to 64 characters from a-z, 0-9 and "-"`,
    `${f}: /date: "2026-11-31" is not a date; write it as YYYY-MM-DD`,
    `${f}: /articles/1/id: duplicate id "a"; it is already used by /articles/0`,
    `${f}: /articles/2: missing required field "title"`,
    `${f}: /sections/0/articles/1: no article has the id "ghost"; fix the id or remove it from the section`,
  ]);
  assert.equal(r.code, 1);
});

test('validate gives line and column for broken JSON, and reads stdin', () => {
  const r = run(['validate', '-'], readFileSync(path.join(root, 'tests/fixtures/invalid/truncated.json')));
  assert.equal(r.out, "<stdin>: line 4, column 15 (byte 59): invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal\n");
  assert.equal(r.code, 1);
});

test('--strict reports unknown fields and fails; without it they pass', () => {
  assert.equal(run(['validate', 'tests/fixtures/invalid/unknown-fields.json']).code, 0);
  const r = run(['validate', '--strict', 'tests/fixtures/invalid/unknown-fields.json']);
  assert.match(r.out, /\/editor: warning: unknown field "editor" \(ignored\)/);
  assert.match(r.out, /\/articles\/0\/tags: warning: unknown field "tags" \(ignored\)/);
  assert.equal(r.code, 1);
});

test('a missing file is an error, and usage errors exit 2', () => {
  const r = run(['validate', 'no/such/file.json']);
  assert.equal(r.out, 'no/such/file.json: cannot open the file\n');
  assert.equal(r.code, 1);
  assert.equal(run([]).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['render', 'web/issues/2026-11-25.json', '--width', '3']).code, 2);
});

test('import-text turns the plain-text fixture into a valid issue', () => {
  const r = run(['import-text', 'tests/fixtures/plain/2026-11-20.txt']);
  assert.equal(r.code, 0, r.err);
  const issue = JSON.parse(r.out);
  assert.equal(issue.date, '2026-11-20', 'the date comes from the file name');
  assert.equal(issue.articles.length, 2);
  const v = run(['validate', '--strict', '-'], r.out);
  assert.equal(v.code, 0, v.out);
});

test('import-text of the seed validates with all seven articles, authors, references and the afterword', (t) => {
  if (!existsSync(seed)) { t.skip('../shared/seed is not present'); return; }
  const r = run(['import-text', seed, '--date', '2026-11-25']);
  assert.equal(r.code, 0, r.err);
  const v = run(['validate', '--strict', '-'], r.out);
  assert.equal(v.code, 0, v.out);
  const issue = JSON.parse(r.out);
  assert.equal(issue.articles.length, 7);
  assert.deepEqual(issue.sections[0].articles, issue.articles.map((a) => a.id));
  assert.deepEqual(issue.articles.map((a) => a.author),
    ['Aya Aegis', 'Haru Light', 'Aya Aegis', 'Haru Light', 'Aya Aegis', 'Haru Light', 'Aya Aegis']);
  for (const a of issue.articles) assert.equal(a.references.length, 1);
  assert.equal(issue.articles[0].references[0].title,
    'China-Linked Hackers Exploit VMware ESXi Zero-Days to Escape Virtual Machines');
  assert.equal(issue.afterword.title, '編集後記');
  assert.equal(issue.afterword.emoji, '✒️');
  assert.deepEqual(issue.categories.map((c) => c.emoji + c.id), ['🔐security', '🧠ai', '🌍society']);
});

test('index writes index.json newest first, identical to the committed one', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-index-'));
  try {
    for (const name of ['2026-11-23.json', '2026-11-24.json', '2026-11-25.json']) {
      cpSync(path.join(root, 'web/issues', name), path.join(dir, name));
    }
    const r = run(['index', dir]);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(path.join(dir, 'index.json'), 'utf8'),
      readFileSync(path.join(root, 'web/issues/index.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index refuses to write when an issue is invalid', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-index-'));
  try {
    cpSync(path.join(root, 'tests/fixtures/invalid/wrong-type.json'), path.join(dir, 'bad.json'));
    const r = run(['index', dir]);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.json: \/articles\/3\/title: expected a string, got 42/);
    assert.equal(existsSync(path.join(dir, 'index.json')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('html writes a standalone page with every article', () => {
  const r = run(['html', 'tests/fixtures/issues/2026-11-25.json']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^<!doctype html>\n<html lang="ja">/);
  assert.equal((r.out.match(/<article id=/g) || []).length, 4);
  assert.doesNotMatch(r.out, /<script/);
});

test('render wraps at the requested width', () => {
  for (const width of [20, 40, 80]) {
    const r = run(['render', 'tests/fixtures/issues/2026-11-25.json', '--width', String(width)]);
    assert.equal(r.code, 0);
    for (const line of r.out.split('\n')) {
      if (line.includes('://')) continue;  // a URL is never broken
      assert.ok(cells(line) <= width, `width ${width}: "${line}" is ${cells(line)} cells`);
    }
  }
});

// Runs that may not start a line (small kana and 、 chained, ？！」』, rows of brackets):
// the breaker moves them whole, or splits them where a line is full -- it never stacks
// them one character a line.
test('render never degenerates on runs of characters that may not start a line', () => {
  const forbidden = /^[、。，．」』）】〕・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？]/u;
  const marker = /^(・ |   )/;
  for (let width = 20; width <= 47; width++) {
    const r = run(['render', 'tests/fixtures/stress/line-breaks.json', '--width', String(width)]);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k].replace(marker, '');
      if (!line || line.includes('://')) continue;
      const next = (lines[k + 1] || '').replace(marker, '');
      assert.ok([...line].length > 1 || [...next].length !== 1,
        `width ${width}: one character a line: "${lines[k]}", "${lines[k + 1]}"`);
      if (forbidden.test(line)) {
        // Only where a run wider than a line had to be split: the line above is full.
        assert.ok(cells(lines[k - 1]) >= width - 2,
          `width ${width}: "${lines[k]}" starts with a forbidden character after a short line "${lines[k - 1]}"`);
      }
    }
  }
});
