// The `digest` command, run as a user would: exit codes and exact output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const digest = path.join(root, 'build/native/digest');
const seed = path.join(root, '../shared/seed/000_67746825949b8ab2.txt');

function run(args, input, options = {}) {
  const result = spawnSync(digest, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 128 << 20, ...options });
  return { code: result.status, out: result.stdout, err: result.stderr, signal: result.signal };
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
  assert.equal(r.out, "<stdin>: line 4, column 15 (byte 59): invalid JSON: unexpected end of the text; expected a value\n");
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
  assert.equal(r.out, 'no/such/file.json: cannot open the file (No such file or directory)\n');
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
  assert.equal(r.err, 'import-text: the date 2026-11-20 from the file name (--date sets another)\n');
  assert.equal(issue.articles.length, 2);
  const v = run(['validate', '--strict', '-'], r.out);
  assert.equal(v.code, 0, v.out);
});

test('import-text without a date takes today in the digest\'s time zone and says so', () => {
  const text = readFileSync(path.join(root, 'tests/fixtures/plain/2026-11-20.txt'), 'utf8');
  // Today in Tokyo (+09:00 all year), computed here the same way, on either side of midnight.
  const tokyo = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  const before = tokyo();
  const r = run(['import-text', '-'], text);
  const after = tokyo();
  assert.equal(r.code, 0, r.err);
  const date = JSON.parse(r.out).date;
  assert.ok(date === before || date === after, `${date} is today in Tokyo`);
  assert.equal(r.err, `import-text: the date ${date}, today in Asia/Tokyo (--date sets another)\n`);
  const utc = run(['import-text', '-', '--time-zone', 'UTC'], text);
  assert.match(utc.err, /today in UTC/);
  const bad = run(['import-text', '-', '--time-zone', 'Mars/Base'], text);
  assert.equal(bad.code, 2);
  assert.equal(bad.err, '--time-zone Mars/Base: not a time zone name like Asia/Tokyo (see /usr/share/zoneinfo)\n');
  assert.equal(run(['import-text', '-', '--date', '2026-12-01'], text).err, '');
});

test('every command answers --help on standard output with exit 0', () => {
  for (const command of ['validate', 'import-text', 'index', 'html', 'share', 'html-index', 'prepaint', 'speak', 'search', 'render']) {
    const r = run([command, '--help']);
    assert.equal(r.code, 0, command);
    assert.equal(r.err, '', command);
    assert.match(r.out, new RegExp(`^usage:\\n  digest ${command} `), command);
  }
  const unknown = run(['publish', '--help']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command "publish"/);
});

test('speak prints what 読み上げ says, in reading order, a sentence a line', () => {
  const r = run(['speak', 'tests/fixtures/issues/2026-11-25.json']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.slice(0, 3).map((s) => [s.part, s.ordinal, s.speech]), [
    ['', 0, 'Tech Digest'],
    ['', 1, 'Top Stories'],
    ['router-firmware-backdoor', 0, '家庭用ルーターの更新サーバーが改ざん、偽ファームウェアが数日間配布'],
  ]);
  for (const s of lines) {
    assert.doesNotMatch(s.speech, /https?:|🔗|\p{Extended_Pictographic}/u, s.speech);
    assert.ok([...s.speech].length <= 100 + 40, s.speech);  // a table row may run past a sentence's limit
  }
  assert.ok(lines.some((s) => s.speech === '文書の送信、手元のLLMは不要、クラウドのLLMは必要。'));
  assert.equal(run(['speak']).code, 2);
  assert.equal(run(['speak', 'no-such-file.json']).code, 1);
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
    for (const name of ['2026-11-20.json', '2026-11-23.json', '2026-11-24.json', '2026-11-25.json']) {
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
  // --site: the link-card metadata of the issue (its own card and oEmbed answer).
  const shared = run(['html', 'tests/fixtures/issues/2026-11-25.json', '--site', 'https://digest.example']);
  assert.equal(shared.code, 0);
  assert.ok(shared.out.includes('<meta property="og:url" content="https://digest.example/issues/2026-11-25.html">'));
  assert.ok(shared.out.includes('<meta property="og:image" content="https://digest.example/a/2026-11-25.png">'));
  assert.ok(shared.out.includes('<link rel="alternate" type="application/json+oembed" href="https://digest.example/oembed/2026-11-25.json"'));
  assert.doesNotMatch(shared.out, /<script/);
  // Action checklists: the items under 今すぐやるべき対策 as read-only boxes; another
  // site's headings instead.
  const boxes = (out) => (out.match(/<input type="checkbox" disabled aria-label="/g) || []).length;
  assert.equal(boxes(r.out), 6);
  const other = run(['html', 'tests/fixtures/issues/2026-11-25.json', '--checklist-heading', '今後の注目点']);
  assert.equal(other.code, 0);
  assert.equal(boxes(other.out), 2);
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

// PNG chunks with their CRCs checked, and the image data inflated (node's zlib).
function readPng(bytes) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (data) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
  const chunks = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const typeAndData = bytes.subarray(at + 4, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), crc32(typeAndData), 'chunk CRC');
    chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4) });
    at += 12 + length;
  }
  const header = chunks[0].data;
  const pixels = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  return { types: chunks.map((c) => c.type), width: header.readUInt32BE(0), height: header.readUInt32BE(4), pixels };
}

test('share writes a page, a card and an oEmbed answer per article, and one card and answer for the issue', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'digest-share-'));
  try {
    const r = run(['share', 'web/issues/2026-11-24.json', '--site', 'https://digest.example/news/', '--out', out]);
    assert.equal(r.err, '');
    assert.equal(r.out, `wrote 4 share pages, 5 cards and 5 oEmbed answers for 2026-11-24 under ${out}\n`);
    assert.equal(r.code, 0);
    const issue = JSON.parse(readFileSync('web/issues/2026-11-24.json', 'utf8'));
    for (const card of ['a/2026-11-24.png', ...issue.articles.map((a) => `a/2026-11-24/${a.id}.png`)]) {
      const png = readPng(readFileSync(path.join(out, card)));
      assert.deepEqual(png.types, ['IHDR', 'IDAT', 'IEND'], card);
      assert.deepEqual([png.width, png.height, png.pixels.length], [1200, 630, 630 * (1200 * 3 + 1)], card);
    }
    const page = readFileSync(path.join(out, 'a/2026-11-24/passkey-bank.html'), 'utf8');
    // The trailing slash of --site is dropped; every address is absolute.
    assert.ok(page.includes('<meta property="og:image" content="https://digest.example/news/a/2026-11-24/passkey-bank.png">'));
    assert.ok(page.includes('<script src="../../share.js"></script>\n</head>'), 'share.js runs before the page paints');
    const oembed = JSON.parse(readFileSync(path.join(out, 'oembed/2026-11-24.json'), 'utf8'));
    assert.equal(oembed.provider_url, 'https://digest.example/news/');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('share escapes what an issue says and refuses a bad --site or missing fonts', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'digest-share-'));
  try {
    const hostile = JSON.parse(readFileSync('web/issues/2026-11-23.json', 'utf8'));
    hostile.title = 'Digest"><script>alert(1)</script>';
    hostile.articles[0].title = '</title><img src=x onerror=alert(1)>「見出し」🔐';
    hostile.articles[0].author = '"><b>';
    const file = path.join(out, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostile));
    const r = run(['share', file, '--site', 'https://digest.example', '--out', out]);
    assert.equal(r.code, 0, r.err);
    // The emoji has no glyph in BIZ UDPGothic: said, not drawn as a box.
    assert.equal(r.err, `${file}: warning: U+1F510 (🔐) is in neither font; the cards leave it out\n`);
    const page = readFileSync(path.join(out, `a/2026-11-23/${hostile.articles[0].id}.html`), 'utf8');
    assert.ok(!page.includes('<script>alert') && !page.includes('<img src=x') && !page.includes('"><b>'));
    assert.ok(page.includes('&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;「見出し」🔐'));
    const oembed = JSON.parse(readFileSync(path.join(out, 'oembed/2026-11-23.json'), 'utf8'));
    assert.equal(oembed.provider_name, hostile.title);

    for (const site of ['javascript:alert(1)', 'https://a.example/?x=1', 'digest.example', 'https://a.example/"x']) {
      const bad = run(['share', file, '--site', site, '--out', out]);
      assert.equal(bad.code, 2, site);
      assert.match(bad.err, /^--site: .* is not a site address like https:\/\/digest\.example/, site);
    }
    const noFonts = run(['share', file, '--site', 'https://digest.example', '--out', out, '--fonts', out]);
    assert.equal(noFonts.code, 1);
    assert.match(noFonts.err, /BIZUDPGothic-Regular\.ttf and BIZUDPGothic-Bold\.ttf are needed/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

//-----------------------------------------------------------------------------
// Hostile input: what an attacker can hand the command (issue 10)
//-----------------------------------------------------------------------------

test('prepaint lays out the first screens as the web build did, and names what it cannot read', () => {
  const fonts = path.join(root, 'build/web/fonts');
  const args = ['prepaint', 'build/web/issues/2026-11-25.json',
    '--regular', `${fonts}/BIZUDPGothic-Regular.s00.ttf,${fonts}/issues/2026-11-25-regular.ttf`,
    '--bold', `${fonts}/BIZUDPGothic-Bold.s00.ttf,${fonts}/issues/2026-11-25-bold.ttf`];
  const r = run(args);
  assert.equal(r.code, 0, r.err);
  // make site ran the native command: the wasm one under Node gives the same bytes.
  assert.equal(r.out, readFileSync(path.join(root, 'build/web/prepaint/2026-11-25.json'), 'utf8'));
  const wasm = spawnSync('node', [path.join(root, 'build/wasm/digest.js'), ...args], { cwd: root, encoding: 'utf8' });
  assert.equal(wasm.status, 0, wasm.stderr);
  assert.equal(wasm.stdout, r.out);
  const file = JSON.parse(r.out);
  assert.equal(file.format, 'digest-prepaint/2');
  // Every width from 320 px on, in ranges no narrower than a character; the text once.
  let next = 320;
  for (const e of file.entries) {
    assert.equal(e.from, next);
    next = e.to === null ? null : e.to + 1;
    assert.ok(e.to === null || e.to - e.from + 1 >= 10, `range ${e.from}-${e.to}`);
    assert.equal(e.html, undefined);
  }
  assert.equal(next, null);
  assert.ok(file.html.includes('Tech Digest'));
  assert.ok(file.ids.includes('router-firmware-backdoor') && file.ids.includes('afterword'));

  const missing = run(['prepaint', 'web/issues/2026-11-25.json', '--regular', 'nowhere.ttf', '--bold', 'x.ttf']);
  assert.equal(missing.code, 2);
  assert.equal(missing.err, '--regular nowhere.ttf: cannot read the font file\n');
  const notFont = run(['prepaint', 'web/issues/2026-11-25.json', '--regular', 'web/issues/index.json', '--bold', 'x.ttf']);
  assert.equal(notFont.err, '--regular web/issues/index.json: not a TrueType/OpenType font stb_truetype can read\n');
  const noBold = run(['prepaint', 'web/issues/2026-11-25.json', '--regular', `${fonts}/BIZUDPGothic-Regular.s00.ttf`]);
  assert.equal(noBold.code, 2);
  assert.match(noBold.err, /needs --bold/);
});

test('the archive generator writes valid issues, the same bytes every time', () => {
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'digest-archive-')));
  for (const dir of dirs) {
    const made = spawnSync('node', [path.join(root, 'tools/make_archive.mjs'), '--out', dir, '--days', '40'],
      { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /^wrote 40 issues, \d+ articles/);
  }
  const index = run(['index', path.join(dirs[0], 'issues')]);
  assert.equal(index.code, 0, index.err);  // every issue valid
  const listed = JSON.parse(readFileSync(path.join(dirs[0], 'issues/index.json'), 'utf8')).issues;
  assert.equal(listed.length, 40);
  assert.equal(listed[0].id, '2026-11-25');
  assert.equal(listed[39].id, '2026-10-17');
  for (const { path: file } of listed) {
    assert.equal(readFileSync(path.join(dirs[0], 'issues', file), 'utf8'),
      readFileSync(path.join(dirs[1], 'issues', file), 'utf8'), `${file} is the same in both runs`);
  }
  const issue = JSON.parse(readFileSync(path.join(dirs[0], 'issues', listed[0].path), 'utf8'));
  assert.ok(issue.articles.length >= 6 && issue.articles.length <= 8);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('search finds every article holding a query, folded like the viewer, newest first', () => {
  const r = run(['search', 'web/issues/index.json', 'ぱすきー', 'ＱＲ']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0], /^ぱすきー: [1-9]\d* articles?$/);
  assert.ok(lines.some((l) => l.startsWith('  2026-11-24/') && l.includes('【パスキー】')), 'katakana found for hiragana');
  const json = JSON.parse(run(['search', 'web/issues/index.json', '--json', 'パスキー', 'qr', '鑑鑑鑑']).out);
  assert.equal(json.format, 'digest-search-results/1');
  const [passkey, qr, none] = json.queries;
  assert.ok(passkey.results.length > 0);
  assert.deepEqual(passkey.results.map((h) => h.issue), [...passkey.results.map((h) => h.issue)].sort().reverse());
  assert.ok(qr.results.length > 0, 'QR in any width and case');
  assert.deepEqual(none.results, []);
  assert.equal(run(['search', 'web/issues/index.json']).code, 2);
  assert.equal(run(['search', 'web/issues/index.json', '']).code, 2);
});

test('index writes a search index that answers as brute force does, and adding a day rewrites one segment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-search-'));
  try {
    const made = spawnSync('node', [path.join(root, 'tools/make_archive.mjs'), '--out', dir, '--days', '201'],
      { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const issues = path.join(dir, 'issues');
    // The newest day held back, to be published after the first index.
    const newest = path.join(issues, '2026-11-25.json');
    const held = readFileSync(newest);
    rmSync(newest);
    const first = run(['index', issues]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /search\/ \((\d+) segments, [\d.]+ MB; \1 written/);
    writeFileSync(newest, held);
    const second = run(['index', issues]);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /search\/ \(\d+ segments, [\d.]+ MB; 1 written \(\d+ bytes\)/);

    // Kanji, kana, width and case variants, a CVE id, one character, a phrase, no hit,
    // and substrings of the newest issue's text.
    const newestIssue = JSON.parse(held.toString('utf8'));
    const text = [...newestIssue.articles[0].title + newestIssue.articles[1].summary];
    const queries = ['脆弱性', '性', 'ぱすきー', 'ＱＲ', 'cve-20', 'します。', '鑑鑑鑑', 'ＵＲＬ',
      text.slice(0, 2).join(''), text.slice(2, 7).join(''), text.slice(5, 15).join('')];
    const index = path.join(issues, 'index.json');
    const brute = JSON.parse(run(['search', index, '--json', ...queries]).out).queries;
    const indexed = run(['search', index, '--index', '--json', ...queries]);
    assert.equal(indexed.code, 0, indexed.err);
    const answers = JSON.parse(indexed.out).queries;
    let found = 0;
    for (let q = 0; q < queries.length; ++q) {
      assert.deepEqual(answers[q].results, brute[q].results, `query ${queries[q]}`);
      assert.ok(answers[q].bytes > 0 && answers[q].files > 0);
      found += answers[q].results.length > 0;
    }
    assert.ok(found >= 9, `${found} of ${queries.length} queries found something`);
    // A followed topic's check of the newest day reads fewer files and still finds that
    // day's articles (older ones of the same segment may come too).
    const recent = run(['search', index, '--index', '--newest', '1', '--json', ...queries]);
    assert.equal(recent.code, 0, recent.err);
    const recentAnswers = JSON.parse(recent.out).queries;
    for (let q = 0; q < queries.length; ++q) {
      const newestHits = brute[q].results.filter((r) => r.issue === '2026-11-25');
      for (const hit of newestHits) assert.ok(recentAnswers[q].results.some((r) => r.article === hit.article && r.issue === hit.issue));
      assert.ok(recentAnswers[q].files <= answers[q].files, `query ${queries[q]}`);
    }
    assert.ok(recentAnswers.reduce((n, a) => n + a.files, 0) < answers.reduce((n, a) => n + a.files, 0));
    assert.equal(run(['search', index, '--newest', '1', '脆弱性']).code, 2);

    // A damaged file is named, with what to do.
    const segment = JSON.parse(readFileSync(path.join(issues, 'search/manifest.json'), 'utf8')).segments[0].name;
    for (const name of ['i0.txt']) writeFileSync(path.join(issues, 'search', segment, name), 'something else\n');
    const damaged = run(['search', index, '--index', '脆弱性']);
    assert.equal(damaged.code, 1);
    assert.match(damaged.err, /search\/s[0-9a-f]{16}\/i0\.txt: not an ids file of digest-search\/1; rebuild the search index with `digest index`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only regular files and standard input are read, and never more than the cap', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-hostile-'));
  try {
    // A directory or FIFO is a problem for that file; the others are still checked.
    spawnSync('mkfifo', [path.join(dir, 'fifo.json')]);
    const r = run(['validate', dir, path.join(dir, 'fifo.json'), 'web/issues/2026-11-23.json', 'no/such.json'],
      undefined, { timeout: 10000 });
    assert.equal(r.signal, null, 'no hang, no crash');
    assert.equal(r.code, 1);
    assert.equal(r.out,
      `${dir}: is a directory; give an issue file (digest index reads a directory)\n` +
      `${dir}/fifo.json: not a regular file (a FIFO, device or socket); give an issue file\n` +
      'no/such.json: cannot open the file (No such file or directory)\n');
    // Endless input stops one byte after the cap, in bounded memory.
    const endless = spawnSync('bash', ['-c', `head -c 200000000 /dev/zero | ${digest} validate -`],
      { encoding: 'utf8', timeout: 20000 });
    assert.equal(endless.status, 1);
    assert.equal(endless.stdout, '<stdin>: the file is more than 16777216 bytes; the limit is 16777216 bytes. Split it into smaller issues\n');
    // A file over the cap is refused before it is read.
    const big = path.join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(17 << 20, 0x20));
    assert.equal(run(['validate', big]).out,
      `${big}: the file is 17825792 bytes; the limit is 16777216 bytes. Split it into smaller issues\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index skips FIFOs, directories and links out of DIR, and says so', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-index-'));
  try {
    cpSync('web/issues/2026-11-23.json', path.join(dir, '2026-11-23.json'));
    spawnSync('mkfifo', [path.join(dir, 'fifo.json')]);
    spawnSync('mkdir', [path.join(dir, 'folder.json')]);
    spawnSync('ln', ['-s', '/etc/passwd', path.join(dir, 'passwd.json')]);
    spawnSync('ln', ['-s', '2026-11-23.json', path.join(dir, 'alias.json')]);  // inside DIR: fine
    const r = run(['index', dir], undefined, { timeout: 10000 });
    assert.equal(r.signal, null);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err,
      `${dir}/fifo.json: skipped: not a regular file (a directory, FIFO, device or socket)\n` +
      `${dir}/folder.json: skipped: not a regular file (a directory, FIFO, device or socket)\n` +
      `${dir}/passwd.json: skipped: a symbolic link to something outside ${dir}\n`);
    assert.ok(!r.err.includes('root:'), 'nothing of the link\'s target is echoed');
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    assert.deepEqual(index.issues.map((e) => e.path).sort(), ['2026-11-23.json', 'alias.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what an issue says cannot steer the terminal or forge lines; problems are capped', () => {
  // Keys and values with ESC, BEL, C1, bidi controls and newlines.
  const hostile = JSON.stringify({
    format: 'digest-issue/1', id: 'x\u001b]0;pwned\u0007\u202e', date: '2026-11-25', title: 'T\u009b2J',
    articles: [{ id: 'a', title: '\u001b[2Jcleared', body: 'text\u2066hidden\u2069' }],
    'k\nok.json: everything is fine': 1,
  });
  const v = run(['validate', '--strict', '-'], hostile);
  assert.equal(v.code, 1);
  assert.doesNotMatch(v.out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.equal(v.out.split('\n').filter((l) => l.startsWith('ok.json')).length, 0, 'no forged line');
  assert.match(v.out, /\/id: "x\\u001B\]0;pwned\\u0007\\u202E" is not a valid id/);
  assert.match(v.out, /\/k\\u000Aok\.json: everything is fine: warning: unknown field/);
  const valid = JSON.parse(hostile);
  valid.id = 'x';
  delete valid['k\nok.json: everything is fine'];
  const rendered = run(['render', '-'], JSON.stringify(valid));
  assert.equal(rendered.code, 0, rendered.err);
  assert.doesNotMatch(rendered.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.ok(rendered.out.includes('\\u001B[2Jcleared'));
  // A million duplicate keys: 100 lines and a count, fast.
  const many = '{"format":"digest-issue/1","x":{' + Array(1000000).fill('"k":1').join(',') + '}}';
  const started = Date.now();
  const d = run(['validate', '-'], many);
  assert.equal(d.code, 1);
  const lines = d.out.trimEnd().split('\n');
  assert.equal(lines.length, 101);
  assert.match(lines[100], /^<stdin>: … and \d+ more problems$/);
  assert.ok(Date.now() - started < 10000);
});

test('render output is bounded: 240,000 rules at 1,000 columns stop at 64 MiB with a message', () => {
  const rules = Array(60000).fill('***').join('\n\n');
  const issue = { format: 'digest-issue/1', id: 'r', date: '2026-11-25',
    articles: Array.from({ length: 4 }, (_, i) => ({ id: `a${i}`, title: 't', body: rules })) };  // 240,000 blocks: within the cap
  const r = run(['render', '-', '--width', '1000'], JSON.stringify(issue));
  assert.equal(r.code, 1);
  assert.ok(Buffer.byteLength(r.out) <= 64 << 20, `${Buffer.byteLength(r.out)} bytes`);
  assert.equal(r.err, '<stdin>: the text was cut at 67108864 bytes; render a narrower --width or a smaller issue\n');
});

test('memory stays bounded: 16 MB of empty objects and endless input fit in 200 MB of address space', () => {
  // prlimit caps the address space: the old loader built 550 MB from this file and the
  // old reader held all of standard input; both die under the cap.
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-memory-'));
  try {
    const empties = path.join(dir, 'empties.json');
    const n = Math.floor((16_400_000 - 40) / 3);
    writeFileSync(empties, '{"format":"digest-issue/1","x":[' + Array(n).fill('{}').join(',') + ']}');
    const capped = (args, input) => spawnSync('prlimit', ['--as=200000000', digest, ...args],
      { cwd: root, input, encoding: 'utf8', timeout: 30000 });
    const r = capped(['validate', empties]);
    assert.equal(r.signal, null, 'no crash');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /: \/x\/\d+: more than 500000 JSON values; an issue of 5,000 articles needs far fewer/);
    const endless = spawnSync('bash', ['-c', `head -c 300000000 /dev/zero | prlimit --as=200000000 ${digest} validate -`],
      { encoding: 'utf8', timeout: 30000 });
    assert.equal(endless.status, 1);
    assert.match(endless.stdout, /^<stdin>: the file is more than 16777216 bytes/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
