// The query set archive search is measured against (issue 12): at least 200 queries
// drawn deterministically from the archive `make archive` wrote, each with its
// expected results computed by brute force (`digest search`: plain substring search
// over the folded text of every article). Kinds: kanji compounds and fragments of
// them, substrings from the middle of words, hiragana for katakana words, full-width
// and other-case Latin, Latin words, CVE ids, numbers, one character, and queries that
// match nothing.
//
//   node tools/archive_queries.mjs [--archive DIR] [--out FILE]
//
// Writes DIR/queries.json: {format: "digest-archive-queries/1", queries: [{query,
// kind, results: [{issue, article}]}]} (results newest first).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const ARCHIVE = path.resolve(option('--archive', path.join(root, 'build/archive')));
const OUT = path.resolve(option('--out', path.join(ARCHIVE, 'queries.json')));
const INDEX = path.join(ARCHIVE, 'issues/index.json');

// mulberry32 with a fixed seed: the same archive gives the same queries.
let seed = 20261128;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

// Text of a sample of articles (every 37th issue), as the reader sees it.
const issues = JSON.parse(readFileSync(INDEX, 'utf8')).issues;
const texts = [];
for (let i = 0; i < issues.length; i += 37) {
  const issue = JSON.parse(readFileSync(path.join(ARCHIVE, 'issues', issues[i].path), 'utf8'));
  for (const a of issue.articles) texts.push([a.title, a.summary, a.commentary, a.body.replace(/[#*`~-]/g, '')].join('\n'));
}
const all = texts.join('\n');
const runs = (pattern) => [...new Set(all.match(pattern) || [])];

const queries = [];
const add = (kind, query) => {
  if (query && !queries.some((q) => q.query === query)) queries.push({ kind, query });
};
const take = (kind, list, count, map = (x) => x) => {
  for (let i = 0; i < count * 4 && queries.filter((q) => q.kind === kind).length < count; i++) add(kind, map(pick(list)));
};

const kanji = runs(/[\u4e00-\u9fff]{2,6}/g);
take('kanji compound', kanji.filter((k) => k.length >= 3), 40);
// Fragments of compounds: the part a segmenter never indexes (新幹線 -> 幹線).
take('compound fragment', kanji.filter((k) => k.length >= 3), 30, (k) => {
  const start = 1 + Math.floor(random() * (k.length - 2));
  return k.slice(start, start + 2);
});
// From the middle of a sentence, across word boundaries and scripts.
take('mid-word substring', texts, 40, (t) => {
  const chars = [...t.replace(/\s+/g, '')];
  const length = 2 + Math.floor(random() * 5);
  const start = Math.floor(random() * Math.max(1, chars.length - length));
  return chars.slice(start, start + length).join('');
});
const katakana = runs(/[\u30a1-\u30fc]{3,8}/g);
take('hiragana for katakana', katakana, 20, (k) => k.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)));
take('katakana', katakana, 10);
const latin = runs(/[A-Za-z]{2,12}/g);
take('full-width Latin', latin, 15, (w) => w.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
take('other-case Latin', latin, 15, (w) => (w === w.toUpperCase() ? w.toLowerCase() : w.toUpperCase()));
take('Latin word', latin, 10);
take('CVE id', runs(/CVE-\d{4}-\d{4,5}/g), 10);
take('number', runs(/\d[\d,]*\d/g), 10);
take('one character', [...new Set([...all.replace(/\s/g, '')])], 15);
// Likely to match nothing: kanji pairs reversed, and words that are not there.
take('no hit', kanji.filter((k) => k.length === 2), 10, (k) => [...k].reverse().join('') + '鑑');
for (const q of ['量子もつれ暗号化装置', 'zzyzx', 'ＸＹＺＺＹ', 'CVE-1999-00001', 'ぬゑゐ']) add('no hit', q);

const answer = JSON.parse(execFileSync(path.join(root, 'build/native/digest'),
  ['search', INDEX, '--json', ...queries.map((q) => q.query)], { maxBuffer: 1 << 30, encoding: 'utf8' }));
const results = new Map(answer.queries.map((q) => [q.query, q.results]));
const out = {
  format: 'digest-archive-queries/1',
  archive: { issues: issues.length },
  queries: queries.map((q) => ({ ...q, results: results.get(q.query) })),
};
writeFileSync(OUT, JSON.stringify(out) + '\n');
const counts = out.queries.map((q) => q.results.length).sort((a, b) => a - b);
console.log(`wrote ${out.queries.length} queries to ${OUT}: results per query median ${counts[counts.length >> 1]}, ` +
  `max ${counts[counts.length - 1]}; ${counts.filter((c) => c === 0).length} with none`);
