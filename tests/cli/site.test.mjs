// `make site ISSUES=DIR SITE_URL=URL OUT=DIR` as a publisher runs it: the three sample
// issues plus one of the tests' own, built for an address that is not the default;
// feeds read by real feed parsers (feedsmith from npm, Debian's python3-feedparser);
// a second run writes nothing; an edited issue redoes only its own files; a retracted
// issue leaves no file that names it; a new address leaves no trace of the old.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE_URL = 'https://news.example/digest';
const HEADINGS = ['今すぐやるべき対策', '今後の注目点'];
const EXTRA = path.join(root, 'tests/fixtures/site/2026-11-27.json');
const extra = JSON.parse(readFileSync(EXTRA, 'utf8'));
let work, issues, out;

function makeSite(siteUrl = SITE_URL) {
  const r = spawnSync('make', ['--no-print-directory', 'site', `ISSUES=${issues}`, `SITE_URL=${siteUrl}`, `OUT=${out}`,
    `SITE_CONFIG=${path.join(work, 'config.json')}`],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `make site failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// Every file under `dir` (relative paths), with the build's own .site/ record left out.
function files(dir, prefix = '') {
  const list = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (rel !== '.site') list.push(...files(dir, rel));
    } else {
      list.push(rel);
    }
  }
  return list;
}

// A file's text as a reader gets it: .br and .gz copies decompressed.
function text(rel) {
  const bytes = readFileSync(path.join(out, rel));
  if (rel.endsWith('.br')) return zlib.brotliDecompressSync(bytes).toString('latin1');
  if (rel.endsWith('.gz')) return zlib.gunzipSync(bytes).toString('latin1');
  return bytes.toString('latin1');
}

const mtimes = () => Object.fromEntries(files(out).map((rel) => [rel, statSync(path.join(out, rel)).mtimeMs]));
// Searched as UTF-8 bytes read as latin1, so one indexOf works on binary files too.
const needle = (s) => Buffer.from(s, 'utf8').toString('latin1');

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'digest-site-'));
  issues = path.join(work, 'issues');
  out = path.join(work, 'out');
  for (const name of ['2026-11-23.json', '2026-11-24.json', '2026-11-25.json']) {
    cpSync(path.join(root, 'web/issues', name), path.join(issues, name));
  }
  cpSync(EXTRA, path.join(issues, '2026-11-27.json'));
  // A publisher's own config: the portal that may embed the viewer, and its checklist
  // headings (the default's and one more).
  writeFileSync(path.join(work, 'config.json'), JSON.stringify({ embedHosts: ['https://portal.example'], sources: [],
    checklistHeadings: HEADINGS }));
  makeSite();
});
after(() => rmSync(work, { recursive: true, force: true }));

test('make site writes every part of the site, for its address only', () => {
  for (const rel of ['index.html', 'sw.js', '_headers', 'nginx.conf', 'config.json', 'feed.xml', 'feed.json',
    'sitemap.xml', 'robots.txt', 'issues/index.json', 'issues/index.html', 'issues/search/manifest.json',
    'issues/2026-11-27.json', 'issues/2026-11-27.html', 'a/2026-11-27/parcel-locker-spoof.html',
    'a/2026-11-27/parcel-locker-spoof.png', 'a/2026-11-27.png', 'oembed/2026-11-27/tide-table-app.json',
    'fonts/issues/2026-11-27-regular.ttf', 'fonts/issues/2026-11-27-bold.ttf', 'prepaint/2026-11-27.json']) {
    assert.ok(existsSync(path.join(out, rel)), `${rel} is written`);
  }
  const index = JSON.parse(readFileSync(path.join(out, 'issues/index.json'), 'utf8'));
  assert.deepEqual(index.issues.map((e) => e.id), ['2026-11-27', '2026-11-25', '2026-11-24', '2026-11-23']);
  assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8')),
    { embedHosts: ['https://portal.example'], sources: [], siteUrl: SITE_URL, checklistHeadings: HEADINGS });
  // The static page ticks off the items under both headings (read-only boxes).
  const boxes = (readFileSync(path.join(out, 'issues/2026-11-25.html'), 'utf8')
    .match(/<input type="checkbox" disabled/g) || []).length;
  assert.equal(boxes, 8, 'six actions and two things to watch');
  // The viewer gets the same headings from its page, offline too (no request for them).
  const build = JSON.parse(/<script id="build" type="application\/json">(.*?)<\/script>/
    .exec(readFileSync(path.join(out, 'index.html'), 'utf8'))[1]);
  assert.deepEqual(build.checklistHeadings, HEADINGS);
  assert.match(readFileSync(path.join(out, '_headers'), 'utf8'), /frame-ancestors 'self' https:\/\/portal\.example/);
  // No trace of the default address, in any file or compressed copy.
  for (const rel of files(out)) {
    assert.ok(!text(rel).includes('127.0.0.1'), `${rel} names no loopback address`);
  }
  const page = readFileSync(path.join(out, 'issues/2026-11-27.html'), 'utf8');
  assert.ok(page.includes(`<link rel="canonical" href="${SITE_URL}/issues/2026-11-27.html">`));
  assert.ok(page.includes(`type="application/atom+xml" href="${SITE_URL}/feed.xml"`));
  const viewer = readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.ok(viewer.includes('<link rel="alternate" type="application/atom+xml" href="feed.xml"'));
  assert.ok(viewer.includes('<link rel="alternate" type="application/feed+json" href="feed.json"'));
  assert.match(readFileSync(path.join(out, 'robots.txt'), 'utf8'), new RegExp(`^Sitemap: ${SITE_URL}/sitemap.xml$`, 'm'));
});

// A feed link under the site's address names a file the site has.
function fileOf(url) {
  assert.ok(url.startsWith(SITE_URL + '/'), `${url} is under ${SITE_URL}`);
  const rel = new URL(url).pathname.slice(new URL(SITE_URL).pathname.length + 1) || 'index.html';
  assert.ok(existsSync(path.join(out, rel)), `${url}: ${rel} exists`);
  return rel;
}

test('the feeds parse in real feed libraries: an entry per issue, newest first, every link on the site', () => {
  const atom = parseAtomFeed(readFileSync(path.join(out, 'feed.xml'), 'utf8'));
  assert.equal(atom.entries.length, 4);
  assert.equal(atom.id, `${SITE_URL}/`);
  assert.deepEqual(atom.entries.map((e) => e.updated.slice(0, 10)), ['2026-11-27', '2026-11-25', '2026-11-24', '2026-11-23']);
  for (const entry of atom.entries) {
    const link = entry.links.find((l) => l.rel === 'alternate');
    assert.match(link.href, new RegExp(`^${SITE_URL}/\\?issue=2026-11-2[3-7]$`));
    fileOf(entry.id);
    const articles = [...entry.content.value.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(articles.length >= 2, `${entry.id} lists its articles`);
    articles.forEach(fileOf);
  }
  const first = atom.entries[0];
  assert.equal(first.summary.value, extra.articles[0].title);
  assert.ok(first.content.value.includes(extra.articles[1].title));

  const json = parseJsonFeed(JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')));
  assert.equal(json.items.length, 4);
  assert.equal(json.feed_url, `${SITE_URL}/feed.json`);
  for (const item of json.items) {
    fileOf(item.id);
    assert.ok(item.url.startsWith(`${SITE_URL}/?issue=`));
    for (const href of [...item.content_html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])) fileOf(href);
  }
  // Debian's feedparser: well-formed (bozo 0), the same four entries.
  const py = spawnSync('/usr/bin/python3', ['-c', `import feedparser, sys, json
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": int(d.bozo), "version": d.version, "n": len(d.entries), "links": [e.link for e in d.entries]}))`,
  path.join(out, 'feed.xml')], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const parsed = JSON.parse(py.stdout);
  assert.deepEqual([parsed.bozo, parsed.version, parsed.n], [0, 'atom10', 4]);

  const locs = [...readFileSync(path.join(out, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.equal(locs.length, 2 + 4 + 4 + 4 + 3 + 2, 'the viewer, the archive page, 4 issue pages, 13 share pages');
  locs.forEach(fileOf);
});

test('a second run writes nothing; an edited issue redoes its own files and the site\'s, no other issue\'s', () => {
  const before = mtimes();
  const again = makeSite();
  assert.match(again, /0 new or changed, 0 removed/);
  assert.deepEqual(mtimes(), before, 'no file was written again');

  const edited = JSON.parse(readFileSync(path.join(issues, '2026-11-24.json'), 'utf8'));
  edited.articles[0].title += '(訂正)';
  writeFileSync(path.join(issues, '2026-11-24.json'), JSON.stringify(edited, null, 2));
  assert.match(makeSite(), /1 new or changed, 0 removed/);
  const now = mtimes();
  const rewritten = Object.keys(now).filter((rel) => now[rel] !== before[rel]);
  const others = rewritten.filter((rel) => /2026-11-2[357]/.test(rel));
  assert.deepEqual(others, [], 'no other issue\'s page, card, slice or first screen');
  assert.ok(rewritten.some((rel) => rel === `a/2026-11-24/${edited.articles[0].id}.png`), 'its card is made again');
  assert.ok(rewritten.includes('feed.xml') && rewritten.includes('issues/index.json'));
});

test('a day that continues a story rewrites the days it links to, and only those; retracted, they are written back', () => {
  const before = mtimes();
  // A follow-up of 2026-11-24's passkey-bank: the bank's notice page again.
  const followUp = {
    format: 'digest-issue/1', id: '2026-11-26', date: '2026-11-26', title: 'Tech Digest',
    articles: [{ id: 'passkey-bank-sms-end', title: 'パスキーに移行した地方銀行、SMSによる確認の終了日を発表',
      summary: '移行を進めていた銀行が、ワンタイムパスワードのSMS送信を来年3月に終えると発表しました。',
      references: [{ title: 'ログイン方式変更のお知らせ(更新)', url: 'https://example.jp/bank/info/passkey' }] }],
  };
  writeFileSync(path.join(issues, '2026-11-26.json'), JSON.stringify(followUp, null, 2));
  const said = makeSite();
  assert.match(said, /1 new or changed, 0 removed/);
  assert.match(said, /threads: 5 issues: 1 new or changed, 0 removed, 4 read around them; 1 links \(0 kept, 1 made\); threads of 2 issues changed/);
  const now = mtimes();
  const rewritten = Object.keys(now).filter((rel) => now[rel] !== before[rel] && /2026-11-2[3457]/.test(rel));
  assert.deepEqual(rewritten.filter((rel) => !rel.includes('2026-11-24')), [], 'no other day\'s files');
  for (const rel of ['issues/2026-11-24.json', 'issues/2026-11-24.html', 'prepaint/2026-11-24.json']) {
    assert.ok(rewritten.includes(rel), `${rel} shows the thread`);
  }
  // Its cards do not show threads; its share pages hold the viewer's first screen of
  // their article, which does.
  assert.ok(!rewritten.some((rel) => rel.startsWith('a/2026-11-24') && !/\.html(\.br|\.gz)?$/.test(rel)),
    'its cards do not show threads');
  assert.ok(rewritten.includes('a/2026-11-24/passkey-bank.html'), 'its share page shows the thread');
  const copy = () => JSON.parse(readFileSync(path.join(out, 'issues/2026-11-24.json'), 'utf8'));
  assert.deepEqual(copy().articles.find((a) => a.id === 'passkey-bank').thread, { later: [{
    issue: '2026-11-26', article: 'passkey-bank-sms-end', date: '2026-11-26', title: followUp.articles[0].title }] });
  assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'issues/2026-11-26.json'), 'utf8')).articles[0].thread.earlier
    .map((e) => [e.issue, e.article]), [['2026-11-24', 'passkey-bank']]);
  const page = readFileSync(path.join(out, 'issues/2026-11-24.html'), 'utf8');
  assert.ok(page.includes('<h3>続報</h3>') && page.includes('<a href="2026-11-26.html#passkey-bank-sms-end">'));

  // Retracted: the day it linked to is written back as it was.
  rmSync(path.join(issues, '2026-11-26.json'));
  assert.match(makeSite(), /0 new or changed, 1 removed; threads: 4 issues: 0 new or changed, 1 removed, 0 read around them; 0 links/);
  assert.ok(copy().articles.every((a) => !('thread' in a)));
  assert.ok(!readFileSync(path.join(out, 'issues/2026-11-24.html'), 'utf8').includes('続報'));
});

test('a retracted issue leaves no file that names it, and changes the build id', () => {
  const versionBefore = /"version": "([0-9a-f]+)"/.exec(readFileSync(path.join(out, 'sw.js'), 'utf8'))[1];
  rmSync(path.join(issues, '2026-11-27.json'));
  assert.match(makeSite(), /0 new or changed, 1 removed/);
  const traces = [extra.id, ...extra.articles.map((a) => a.title), ...extra.articles.map((a) => a.id), extra.afterword.body];
  for (const rel of files(out)) {
    const content = text(rel);
    for (const trace of traces) assert.ok(!content.includes(needle(trace)), `${rel} names the retracted ${trace}`);
  }
  assert.ok(!readFileSync(path.join(out, '.site/manifest.json'), 'utf8').includes(extra.id));
  const versionAfter = /"version": "([0-9a-f]+)"/.exec(readFileSync(path.join(out, 'sw.js'), 'utf8'))[1];
  assert.notEqual(versionAfter, versionBefore, 'readers\' workers see an update');
  const atom = parseAtomFeed(readFileSync(path.join(out, 'feed.xml'), 'utf8'));
  assert.equal(atom.entries.length, 3);
});

test('a new address rewrites every absolute link: no trace of the old one', () => {
  const other = 'https://digest.example';
  makeSite(other);
  for (const rel of files(out)) {
    assert.ok(!text(rel).includes(needle(SITE_URL)), `${rel} still names ${SITE_URL}`);
  }
  const oembed = JSON.parse(readFileSync(path.join(out, 'oembed/2026-11-25/ci-secret-leak.json'), 'utf8'));
  assert.equal(oembed.thumbnail_url, `${other}/a/2026-11-25/ci-secret-leak.png`);
});

test('the newest seven issues\' share pages carry the viewer; an older issue\'s is `digest share`\'s own again', () => {
  const viewerPage = (rel) => readFileSync(path.join(out, rel), 'utf8').includes('<html lang="ja" data-share="');
  const oldest = readdirSync(path.join(out, 'a/2026-11-23')).filter((name) => name.endsWith('.html'));
  assert.ok(oldest.length > 0 && oldest.every((name) => viewerPage(`a/2026-11-23/${name}`)), 'three issues: all carry it');
  // Five newer days: 2026-11-23 is the eighth newest.
  const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'];
  for (const day of days) writeFileSync(path.join(issues, `${day}.json`), JSON.stringify({ ...extra, id: day, date: day }));
  makeSite();
  for (const name of oldest) {
    const page = readFileSync(path.join(out, 'a/2026-11-23', name), 'utf8');
    assert.ok(!viewerPage(`a/2026-11-23/${name}`) && page.includes('<script src="../../share.js"></script>'), name);
  }
  assert.ok(!existsSync(path.join(out, '.site/share-pages/2026-11-23')), 'its kept pages are gone');
  assert.ok(viewerPage(`a/2026-12-05/${extra.articles[0].id}.html`));
  // Retracted again: 2026-11-23 is among the newest seven, its pages carry the viewer.
  for (const day of days) rmSync(path.join(issues, `${day}.json`));
  makeSite();
  assert.ok(oldest.every((name) => viewerPage(`a/2026-11-23/${name}`)));
  assert.ok(!existsSync(path.join(out, 'a/2026-12-05')));
  assert.ok(!existsSync(path.join(out, '.site/share-pages/2026-12-05')));
});

test('make site refuses an invalid issue, a misnamed one and a bad address, changing nothing', () => {
  const before = mtimes();
  writeFileSync(path.join(issues, '2026-12-01.json'), '{"format": "digest-issue/1", "id": "2026-12-01"}');
  let r = spawnSync('/usr/bin/python3', ['tools/site.py', '--issues', issues, '--site-url', SITE_URL, '--out', out],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2026-12-01\.json: .*fix these first \(nothing in .* was changed\)|fix these first/s);
  rmSync(path.join(issues, '2026-12-01.json'));
  cpSync(path.join(issues, '2026-11-23.json'), path.join(issues, 'renamed.json'));
  r = spawnSync('/usr/bin/python3', ['tools/site.py', '--issues', issues, '--site-url', SITE_URL, '--out', out],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /renamed\.json: the issue's id is '2026-11-23': name the file 2026-11-23\.json/);
  rmSync(path.join(issues, 'renamed.json'));
  r = spawnSync('/usr/bin/python3', ['tools/site.py', '--issues', issues, '--site-url', 'digest.example/', '--out', out],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /SITE_URL='digest\.example\/' is not an address like https:\/\/digest\.example/);
  assert.deepEqual(mtimes(), before);
});
