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
// As bench_parse: a first (cold) run, then the median of the other eight (warm).
const timeRuns = (fn) => {
  const times = [];
  for (let i = 0; i < 9; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  return { cold: times[0], warm: rest[Math.floor(rest.length / 2)] };
};
const shown = (t) => `warm ${t.warm.toFixed(1)} ms, ${(megabytes / (t.warm / 1000)).toFixed(1)} MB/s; cold ${t.cold.toFixed(1)} ms`;
let tokens = 0;
const full = timeRuns(() => {
  const issue = JSON.parse(text);
  tokens = 0;
  for (const article of issue.articles) {
    for (const field of ['summary', 'commentary', 'body']) {
      if (typeof article[field] === 'string') tokens += md.parse(article[field], {}).length;
    }
  }
});
const jsonOnly = timeRuns(() => JSON.parse(text));
console.log(`JSON.parse + markdown-it ${require('markdown-it/package.json').version} (Node ${process.version}): ` +
  `${shown(full)} (${tokens} tokens)`);
console.log(`JSON.parse alone: ${shown(jsonOnly)}`);
