// A deterministic ten-year archive to measure archive search and browsing on
// (issue 12): one issue a day, 6-8 articles each, written from the sample issues'
// sentences recombined and varied (names, numbers, CVE ids, product and company
// names, topic words, and words from a Japanese dictionary), so that the text's
// character bigrams are as varied as a real digest's. The same arguments always give the same bytes. Kept out of git
// (build/archive/), built on demand by `make archive`.
//
//   node tools/make_archive.mjs [--out DIR] [--days N] [--end YYYY-MM-DD] [--chains FILE]
//
// Writes DIR/issues/<date>.json; `digest index DIR/issues` then validates them all
// and writes the index (the Makefile does both). With --chains, story chains are
// planted (issue 25: 2-6 articles across days sharing a CVE id, a reference page, or
// only their subject in other words) and FILE lists them, to measure story threads on
// (tools/bench_threads.mjs); without it the archive is the same as before.
//
// [SECTION] Randomness
// [SECTION] Vocabulary
// [SECTION] Sentences from the samples
// [SECTION] Issues
// [SECTION] Planted story chains
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const OUT = path.resolve(option('--out', path.join(root, 'build/archive')));
const DAYS = Number(option('--days', '3653'));
const END = option('--end', '2026-11-25');
const CHAINS = option('--chains', null);
if (!Number.isInteger(DAYS) || DAYS < 1 || !/^\d{4}-\d{2}-\d{2}$/.test(END)) {
  console.error('usage: node tools/make_archive.mjs [--out DIR] [--days N] [--end YYYY-MM-DD]');
  process.exit(2);
}

//-----------------------------------------------------------------------------
// [SECTION] Randomness
//-----------------------------------------------------------------------------
// mulberry32, seeded per issue from its date: an issue's text does not depend on
// how many issues came before it.
function generator(seedText) {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.codePointAt(0), 16777619) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, list) => list[Math.floor(random() * list.length)];
const between = (random, low, high) => low + Math.floor(random() * (high - low + 1));

//-----------------------------------------------------------------------------
// [SECTION] Vocabulary
//-----------------------------------------------------------------------------
// Topic words by field: a sentence's known topic word is swapped for another of its
// field, so compounds recur across years the way a news vocabulary does.
const TOPICS = [
  ['ルーター', 'スマートフォン', '監視カメラ', '複合機', '産業用制御装置', '車載ユニット', '決済端末', '電子カルテ',
    '新幹線の運行システム', '幹線ネットワーク', '基地局', '衛星通信', '量子暗号装置', '半導体製造装置'],
  ['パスキー', '多要素認証', 'ワンタイムパスワード', '電子署名', '公開鍵基盤', '生体認証', 'シングルサインオン',
    'ゼロトラスト', 'アクセス権限', '暗号鍵'],
  ['生成AI', '大規模言語モデル', '画像認識', '音声合成', '機械翻訳', '推薦アルゴリズム', '自動運転', '需要予測',
    'コードレビュー', '異常検知'],
  ['自治体', '地方銀行', '大学病院', '物流会社', '鉄道会社', '通信事業者', '公共図書館', '中小企業', '保険会社',
    '電力会社', '航空会社', '小売チェーン'],
];
const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const PRODUCT_ENDS = ['クラウド', 'ゲートウェイ', 'ストレージ', 'リンク', 'ボックス', 'ビュー', 'ポータル', 'エッジ'];
const LATIN = ['Nimbus', 'Orion', 'Kestrel', 'Vega', 'Atlas', 'Quill', 'Harbor', 'Lumen', 'Tessera', 'Juniper'];
const COMPANY_HEADS = ['北辰', '東雲', '若葉', '大和', '瑞穂', '青嶺', '白鷺', '朝霧', '千歳', '桜川', '霧島', '黒潮'];
const COMPANY_TAILS = ['電機', '通信', 'システムズ', '情報技術', 'ネットワークス', '精工', 'データ', 'ソフト'];
const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田'];
const GIVEN = ['葵', '蓮', '陽菜', '湊', '結衣', '蒼', '紬', '樹', '澪', '大和', '凛', '悠真'];
const LATIN_AUTHORS = ['Aya Aegis', 'Ken Mori', 'Rin Sato', 'Mio Kato', 'Sora Ito', 'Yuto Abe'];

function product(random) {
  if (random() < 0.4) return `${pick(random, LATIN)} ${between(random, 1, 12)}${random() < 0.3 ? '.' + between(random, 0, 9) : ''}`;
  let name = '';
  for (let i = between(random, 2, 3); i > 0; i--) name += pick(random, KANA);
  return name + pick(random, PRODUCT_ENDS);
}
const company = (random) => pick(random, COMPANY_HEADS) + pick(random, COMPANY_TAILS);
const person = (random) => pick(random, FAMILY) + pick(random, GIVEN);
const cve = (random, year) => `CVE-${year}-${between(random, 1000, 49999)}`;

// Words from a Japanese dictionary (Debian's skkdic, read here and never copied into
// the repository): kanji compounds and katakana words, so that ten years of text has
// the variety of real news vocabulary rather than the samples' few hundred words.
const DICTIONARY = '/usr/share/skk/SKK-JISYO.L';
function dictionaryWords() {
  let text;
  try {
    text = new TextDecoder('euc-jp').decode(readFileSync(DICTIONARY));
  } catch (error) {
    console.error(`${DICTIONARY}: cannot read the dictionary (Debian: skkdic; tools/setup.sh installs it)`);
    process.exit(1);
  }
  const kanji = new Set(), katakana = new Set();
  for (const line of text.split('\n')) {
    // Entries without okurigana: "よみ /候補;注釈/候補/"
    const match = /^[\u3041-\u309f]+ \/(.*)\/$/.exec(line);
    if (!match) continue;
    for (const candidate of match[1].split('/')) {
      const word = candidate.split(';')[0];
      if (/^[\u4e00-\u9fff]{2,5}$/.test(word)) kanji.add(word);
      else if (/^[\u30a1-\u30fc]{3,8}$/.test(word)) katakana.add(word);
    }
  }
  return { kanji: [...kanji].sort(), katakana: [...katakana].sort() };
}
const WORDS = dictionaryWords();

//-----------------------------------------------------------------------------
// [SECTION] Sentences from the samples
//-----------------------------------------------------------------------------
const SAMPLE_FILES = ['web/issues/2026-11-23.json', 'web/issues/2026-11-24.json', 'web/issues/2026-11-25.json',
  'tests/fixtures/holdout/2026-11-26.json'];
const samples = SAMPLE_FILES.map((file) => JSON.parse(readFileSync(path.join(root, file), 'utf8')));
const sentencesOf = (text) => (text || '').split(/(?<=。)/).map((s) => s.trim()).filter((s) => s.length > 8);
const pool = { title: [], summary: [], commentary: [], paragraph: [], heading: [], item: [], afterword: [] };
const categories = new Map();
for (const issue of samples) {
  for (const c of issue.categories) categories.set(c.id, c);
  pool.afterword.push(...sentencesOf(issue.afterword && issue.afterword.body));
  for (const a of issue.articles) {
    pool.title.push(a.title);
    pool.summary.push(...sentencesOf(a.summary));
    pool.commentary.push(...sentencesOf(a.commentary));
    for (const line of a.body.split('\n')) {
      if (line.startsWith('### ')) pool.heading.push(line.slice(4));
      else if (line.startsWith('- ')) pool.item.push(line.slice(2));
      else if (line.trim() && !/^(\||```|>)/.test(line)) pool.paragraph.push(...sentencesOf(line));
    }
  }
}

// A sample sentence made new: numbers changed, topic words swapped within their
// field, and now and then a product, company, person or CVE id worked in.
function vary(random, sentence, year, decorate = true) {
  // Not dates and times: "11月18日" must stay a date.
  // Not inside ids either ("CVE-2026-1234", "v2").
  let out = sentence.replace(/(?<![\w-])\d+(?:,\d{3})*(?:\.\d+)?(?![\d,.]*[年月日時])/g, (n) => {
    const value = Number(n.replace(/,/g, ''));
    const next = Math.max(1, Math.round(value * (0.5 + random() * 1.5)));
    return n.includes(',') ? next.toLocaleString('en-US') : String(next);
  });
  for (const field of TOPICS) {
    for (const word of field) {
      if (out.includes(word) && random() < 0.7) out = out.split(word).join(pick(random, field));
    }
  }
  // Some kanji compounds and katakana words become others from the dictionary.
  out = out.replace(/[\u4e00-\u9fff]{2,}/g, (w) => (random() < 0.3 ? pick(random, WORDS.kanji) : w));
  out = out.replace(/[\u30a1-\u30fc]{3,}/g, (w) => (random() < 0.3 ? pick(random, WORDS.katakana) : w));
  const roll = decorate ? random() : 1;
  if (roll < 0.12) out = `${company(random)}によると、${out}`;
  else if (roll < 0.22) out = out.replace(/。$/, `(${product(random)})。`);
  else if (roll < 0.28) out = out.replace(/。$/, `(${cve(random, year)})。`);
  else if (roll < 0.33) out = `${person(random)}氏は「${out.replace(/。$/, '')}」と話します。`;
  return out;
}
const sentences = (random, kind, count, year) =>
  Array.from({ length: count }, () => vary(random, pick(random, pool[kind]), year)).join('');

//-----------------------------------------------------------------------------
// [SECTION] Issues
//-----------------------------------------------------------------------------
function article(random, year, used) {
  const category = pick(random, [...categories.keys()]);
  let id;
  do id = `${category}-${between(random, 100, 99999)}`; while (used.has(id));
  used.add(id);
  const body = [];
  for (let s = between(random, 2, 4); s > 0; s--) {
    body.push(`### ${vary(random, pick(random, pool.heading), year, false)}`, '', sentences(random, 'paragraph', between(random, 1, 3), year), '');
    if (random() < 0.35) {
      for (let i = between(random, 2, 4); i > 0; i--) body.push(`- ${vary(random, pick(random, pool.item), year, false)}`);
      body.push('');
    }
  }
  // A sample title now and then; mostly the first clause of a new lead sentence, so
  // titles are as varied as the text.
  const lead = vary(random, pick(random, pool.summary), year, false).replace(/。$/, '');
  const clause = lead.split('、')[0];
  const title = random() < 0.2 ? vary(random, pick(random, pool.title), year, false)
    : clause.length >= 12 ? clause : lead;
  return {
    id,
    category,
    title: title.length > 60 ? title.slice(0, 60) : title,
    summary: sentences(random, 'summary', between(random, 1, 2), year),
    commentary: sentences(random, 'commentary', between(random, 1, 2), year),
    body: body.join('\n').trim(),
    author: random() < 0.5 ? pick(random, LATIN_AUTHORS) : person(random),
    references: [{ title: `${company(random)}の発表`, url: `https://example.com/news/${year}/${id}` }],
  };
}

function issueFor(date) {
  const random = generator(date);
  const year = Number(date.slice(0, 4));
  const used = new Set();
  const articles = Array.from({ length: between(random, 6, 8) }, () => article(random, year, used));
  for (const { slot, member } of planted.get(date) || []) plant(articles[slot], member, year);
  const present = new Set(articles.map((a) => a.category));
  return {
    format: 'digest-issue/1',
    id: date,
    date,
    lang: 'ja',
    title: 'Tech Digest',
    categories: [...categories.values()].filter((c) => present.has(c.id)),
    sections: [{ id: 'top', title: 'Top Stories', emoji: '🏆', articles: articles.slice(0, 3).map((a) => a.id) }],
    articles,
    afterword: { title: '編集後記', emoji: '✒️', body: sentences(random, 'afterword', 2, year), author: 'Tech Digest 編集部' },
  };
}

//-----------------------------------------------------------------------------
// [SECTION] Planted story chains
//-----------------------------------------------------------------------------
// A third of the chains share a CVE id no other article has, a third a reference page,
// a third only their subject (a company, a product and what happened to it) told in
// other words; each member's other text is as random as any article's.
const INCIDENTS = ['不正アクセス', '情報漏えい', '認証回避の脆弱性', '大規模障害', 'なりすまし被害', '遠隔操作の脆弱性',
  'ランサムウェア被害', '設定不備による公開', '偽アプリの配布', 'サポート詐欺'];
const TITLES = [
  (s) => `${s.company}の${s.product}に${s.incident}`,
  (s) => `${s.product}の${s.incident}、${s.company}が対策を発表`,
  (s) => `${s.incident}が続く${s.product}、${s.company}が調査結果`,
  (s) => `${s.company}、${s.product}の${s.incident}で続報`,
  (s) => `${s.product}で${s.incident}、${s.company}の利用者に影響`,
  (s) => `${s.company}の${s.product}、${s.incident}の原因が判明`,
];
const LEADS = [
  (s) => `${s.company}は、${s.product}で${s.incident}が起きたと明らかにしました。`,
  (s) => `${s.product}の${s.incident}について、${s.company}が新たな情報を公表しました。`,
  (s) => `${s.company}が提供する${s.product}の${s.incident}は、影響の範囲が広がっています。`,
  (s) => `${s.incident}を受けて、${s.company}は${s.product}の利用者に注意を呼びかけています。`,
];
const planted = new Map(); // date -> [{slot, member}]
const chains = [];
if (CHAINS) {
  const random = generator(`chains ${END} ${DAYS}`);
  const taken = new Set();
  const ids = new Set();
  const count = Math.max(3, Math.round(DAYS / 12));
  for (let c = 0; c < count; c++) {
    const kind = ['id', 'url', 'text'][c % 3];
    const length = between(random, 2, 6);
    let day = between(random, 0, Math.max(0, DAYS - 1));
    const story = { company: company(random), product: product(random), incident: pick(random, INCIDENTS) };
    let id;
    do id = `CVE-${between(random, 2017, 2026)}-${between(random, 50000, 99999)}`; while (ids.has(id));
    ids.add(id);
    const url = `https://advisories.example/${c}/${between(random, 1000, 9999)}`;
    const members = [];
    for (let k = 0; k < length && day < DAYS; k++, day += between(random, 1, 40)) {
      const date = new Date(endTime() - day * 86400000).toISOString().slice(0, 10);
      const slot = between(random, 0, 5);
      if (taken.has(`${date} ${slot}`)) continue;
      taken.add(`${date} ${slot}`);
      const member = { kind, id, url, story, title: pick(random, TITLES), lead: pick(random, LEADS), chain: c };
      if (!planted.has(date)) planted.set(date, []);
      planted.get(date).push({ slot, member });
      members.push({ date, slot, member });
    }
    if (members.length >= 2) chains.push({ kind, members });
  }
}

// A chain member in place of the article generated for its slot.
function plant(a, member, year) {
  member.article = a.id;
  if (member.kind === 'text') {
    a.title = member.title(member.story);
    a.summary = member.lead(member.story) + a.summary;
  } else if (member.kind === 'id') {
    a.summary = a.summary.replace(/。$/, `(${member.id})。`);
    a.body += `\n\n${member.id} の詳細はベンダーの告知を参照してください。`;
  } else {
    a.references.push({ title: 'ベンダーの告知', url: member.url });
  }
}

function endTime() {
  return Date.parse(END + 'T00:00:00Z');
}

const issuesDir = path.join(OUT, 'issues');
mkdirSync(issuesDir, { recursive: true });
const end = Date.parse(END + 'T00:00:00Z');
let articles = 0;
let bytes = 0;
for (let day = 0; day < DAYS; day++) {
  const date = new Date(end - day * 86400000).toISOString().slice(0, 10);
  const issue = issueFor(date);
  const text = JSON.stringify(issue, null, 1) + '\n';
  writeFileSync(path.join(issuesDir, `${date}.json`), text);
  articles += issue.articles.length;
  bytes += Buffer.byteLength(text);
}
console.log(`wrote ${DAYS} issues, ${articles} articles, ${(bytes / 1e6).toFixed(1)} MB under ${issuesDir}`);
if (CHAINS) {
  // Oldest member first: the truth of each member's 「これまでの経緯」.
  const truth = chains.map(({ kind, members }) => ({
    kind,
    members: members.map(({ date, member }) => [date, member.article]).sort((x, y) => x[0].localeCompare(y[0])),
  }));
  writeFileSync(CHAINS, JSON.stringify({ chains: truth }, null, 1) + '\n');
  console.log(`planted ${truth.length} story chains (${truth.reduce((n, c) => n + c.members.length, 0)} articles), listed in ${CHAINS}`);
}
