// The baseline a web developer would write: JSON.parse + markdown-it (from npm, pinned
// in package-lock.json) turning every Markdown field into tokens, on the same bytes as
// bench_parse (tools/bench.sh passes the file). Prints figures, asserts nothing.
//   node tools/bench_parse_js.mjs ISSUE.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: false, linkify: true });

const text = readFileSync(process.argv[2], 'utf8');
const megabytes = Buffer.byteLength(text) / 1e6;
const median = (fn) => {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[3];
};
let tokens = 0;
const full = median(() => {
  const issue = JSON.parse(text);
  tokens = 0;
  for (const article of issue.articles) {
    for (const field of ['summary', 'commentary', 'body']) {
      if (typeof article[field] === 'string') tokens += md.parse(article[field], {}).length;
    }
  }
});
const jsonOnly = median(() => JSON.parse(text));
console.log(`JSON.parse + markdown-it ${require('markdown-it/package.json').version} (Node ${process.version}): ` +
  `${full.toFixed(1)} ms, ${(megabytes / (full / 1000)).toFixed(1)} MB/s (${tokens} tokens)`);
console.log(`JSON.parse alone: ${jsonOnly.toFixed(1)} ms, ${(megabytes / (jsonOnly / 1000)).toFixed(1)} MB/s`);
