// Copies one of the page's own files (web/*.js, web/*.css) into the built site without
// its comments: a third of what our scripts weigh on the wire is comments (50 KB of
// brotli for the first view's scripts, 33 KB without), and the first view has a
// 0.5 MB budget (docs/benchmarks.md).
//
// Every line stays where it was: a comment is replaced by the line breaks it held, so
// a stack trace's file:line and DevTools' breakpoints still match web/*.js, without a
// source map. Comments that are directives are kept (`//# sourceURL=…`).
//
// JavaScript is tokenised by acorn (Debian's node-acorn, the parser Emscripten's own
// optimiser runs on), so a `//` inside a string, a template or a regular expression is
// never taken for a comment. A file acorn cannot parse is a build error, not copied.
//
// Usage: node tools/strip_comments.mjs SOURCE OUTPUT
import { readFileSync } from 'node:fs';

import { debianModule, writeWhole } from './node_deps.mjs';

// The ranges [start, end) of the comments to drop, in order.
function scriptComments(text, file) {
  const acorn = debianModule('acorn');
  const ranges = [];
  const onComment = (block, value, start, end) => {
    if (!block && /^[#@]\s/.test(value)) return; // a directive: //# sourceURL=…
    ranges.push([start, end]);
  };
  for (const sourceType of ['script', 'module']) {
    ranges.length = 0;
    try {
      acorn.parse(text, { ecmaVersion: 'latest', sourceType, allowHashBang: true, onComment });
      return ranges;
    } catch (error) {
      if (sourceType === 'module') throw new Error(`${file}: ${error.message} (acorn could not parse it)`);
    }
  }
  return ranges;
}

// CSS has no comment syntax inside its strings that our style sheet uses; a string
// holding "/*" is refused rather than guessed at.
function styleComments(text, file) {
  if (/["'][^"'\n]*\/\*/.test(text))
    throw new Error(`${file}: a string holds "/*"; strip_comments.mjs does not parse CSS strings`);
  const ranges = [];
  for (const match of text.matchAll(/\/\*[\s\S]*?\*\//g)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

function strip(text, ranges) {
  let out = '';
  let at = 0;
  for (let [start, end] of ranges) {
    // The spaces before a comment go with it (a line holding only a comment becomes
    // empty; no trailing blanks are left).
    while (start > at && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    const breaks = text.slice(start, end).replace(/[^\n]/g, '');
    out += text.slice(at, start) + breaks;
    // `a/* */b` must not become `ab`: a comment between two tokens keeps them apart.
    if (!breaks && out && !/\s/.test(out[out.length - 1]) && end < text.length && !/\s/.test(text[end])) out += ' ';
    at = end;
  }
  return out + text.slice(at);
}

const [source, output] = process.argv.slice(2);
if (!source || !output) {
  console.error('usage: node tools/strip_comments.mjs SOURCE OUTPUT');
  process.exit(2);
}
try {
  const text = readFileSync(source, 'utf8');
  const ranges = source.endsWith('.css') ? styleComments(text, source) : scriptComments(text, source);
  writeWhole(output, strip(text, ranges));
} catch (error) {
  console.error(`strip_comments.mjs: ${error.message}`);
  process.exit(1);
}
