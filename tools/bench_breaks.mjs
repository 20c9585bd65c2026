// Where the viewer's lines break, measured against BudouX's own parser (the budoux npm
// package, .deps/budoux from tools/setup.sh): the sample and fixture issues laid out
// by `digest lines` at window widths 300-1280 px in 20 px steps, with the legal breaks
// alone (--no-phrases, the baseline) and with phrase-aware breaking, in one run.
//
//   node tools/bench_breaks.mjs [--digest build/native/digest] [--widths 300:1280:20]
//
// Per kind of text (titles and headings; body text), it prints:
//   - breaks inside a phrase: a line ends where BudouX sees no phrase boundary, though
//     one earlier on the same line was a legal break (so a phrase-aware breaker could
//     have ended the line there); and all breaks inside a phrase, avoidable or not;
//   - kinsoku violations: a line that starts with a character that must not start one
//     (、。」ー small kana ...) or ends with an opening bracket, where the run it is in
//     (between two legal breaks, as `digest lines` measures it) is no wider than the
//     line, so it could have moved whole;
//   - lonely last lines: a paragraph of 2+ lines whose last line is one character
//     (closing punctuation not counted);
//   - the mean fill of body lines that do not end a paragraph (the cost: a raggeder edge).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const digest = option("--digest", path.join(root, "build/native/digest"));
const widths = option("--widths", "300:1280:20");
const fonts = "/usr/share/fonts/truetype/bizud-gothic";

const require = createRequire(import.meta.url);
const budoux = path.join(root, ".deps/budoux/dist");
if (!existsSync(budoux)) throw new Error(".deps/budoux is missing: run tools/setup.sh native");
const { Parser } = require(path.join(budoux, "parser.js"));
const { model } = require(path.join(budoux, "data/models/ja.js"));
const parser = new Parser(model);

const HEADINGS = new Set(["issue-title", "section", "title", "heading"]);
const BODY = new Set(["lead", "commentary", "body"]);
const NO_START = new Set([..."、。，．」』）】〕〉》］｝〙〗”’・：；！？ー‐゠–〜～ヽヾゝゞ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)]},.:;!?%"]);
const NO_END = new Set([..."「『（【〔〈《［｛〘〖“‘([{"]);
const CLOSING = new Set([..."、。，．」』）】〕〉》］｝〙〗”’)]},.:;!?%！？"]);
const alnum = (c) => /[A-Za-z0-9]/.test(c ?? "");

// Every valid issue of the samples and fixtures, each once.
export function sampleIssues() {
  const folders = ["web/issues", "tests/fixtures/issues", "tests/fixtures/browser", "tests/fixtures/holdout",
                   "tests/fixtures/stress"];
  const seen = new Set(), files = [];
  for (const folder of folders) {
    for (const name of readdirSync(path.join(root, folder)).sort()) {
      if (!name.endsWith(".json") || name.startsWith("index")) continue;
      const file = path.join(root, folder, name);
      const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
      if (!seen.has(sha)) seen.add(sha), files.push(file);
    }
  }
  return files;
}

// `digest lines` for one issue: [{width, column, blocks: [{role, lines, spaceAfter, widths, room,
// runWidths}]}].
export function layouts(file, phrases, widthRange = widths) {
  const out = execFileSync(digest, ["lines", file, "--regular", `${fonts}/BIZUDPGothic-Regular.ttf`,
                                    "--bold", `${fonts}/BIZUDPGothic-Bold.ttf`, "--widths", widthRange,
                                    ...(phrases ? [] : ["--no-phrases"])], { maxBuffer: 1 << 28, encoding: "utf8" });
  return out.trim().split("\n").map((line) => JSON.parse(line));
}

// A block's text as one paragraph, and where each of its lines begins in it.
export function paragraph(block) {
  let text = "";
  const starts = [];
  block.lines.forEach((line, k) => {
    starts.push(text.length);
    text += line + (block.spaceAfter[k] ? " " : "");
  });
  return { text, starts };
}

function measureBlock(block, column, tally) {
  const { text, starts } = paragraph(block);
  const lines = block.lines;
  if (lines.length > 1) {
    const last = lines[lines.length - 1];
    const counted = [...last].filter((c) => c !== " " && !CLOSING.has(c)).length;
    tally.paragraphs++;
    if (counted === 1) tally.lonely++;
  }
  if (lines.length < 2) return;
  const boundaries = new Set(parser.parseBoundaries(text));
  const legal = (at) => !NO_START.has(text[at]) && !NO_END.has(text[at - 1]) && !(alnum(text[at - 1]) && alnum(text[at]));
  for (let k = 0; k + 1 < lines.length; ++k) {
    const at = starts[k + 1];
    tally.breaks++;
    if (block.widths[k] / column >= 0) tally.fill += block.widths[k] / column;
    if ((NO_START.has(lines[k + 1][0]) || NO_END.has(lines[k].at(-1))) && block.runWidths[k + 1] <= block.room) {
      tally.kinsoku++;
      tally.kinsokuExamples.push(`${lines[k]} / ${lines[k + 1]}`);
    }
    if (block.spaceAfter[k] || boundaries.has(at)) continue;
    tally.inside++;
    for (let p = starts[k] + 1; p < at; ++p) {
      if (boundaries.has(p) && legal(p)) {
        tally.avoidable++;
        break;
      }
    }
  }
}

function newTally() {
  return { breaks: 0, inside: 0, avoidable: 0, kinsoku: 0, kinsokuExamples: [], paragraphs: 0, lonely: 0, fill: 0 };
}

export function measure(files, phrases, widthRange = widths) {
  const tallies = { headings: newTally(), body: newTally() };
  for (const file of files) {
    for (const layout of layouts(file, phrases, widthRange)) {
      for (const block of layout.blocks) {
        const kind = HEADINGS.has(block.role) ? "headings" : BODY.has(block.role) ? "body" : null;
        if (kind) measureBlock(block, layout.column, tallies[kind]);
      }
    }
  }
  return tallies;
}

function main() {
  const files = sampleIssues();
  const before = measure(files, false), after = measure(files, true);
  const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)} %` : "—");
  console.log(`${files.length} issues (${files.map((f) => path.relative(root, f)).join(", ")}), widths ${widths}\n`);
  console.log("| text | breaker | line breaks | inside a phrase, a boundary fitted | inside a phrase, all | kinsoku violations | lonely last lines | mean fill of full lines |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const kind of ["headings", "body"]) {
    for (const [name, t] of [["legal breaks (before)", before[kind]], ["phrases (now)", after[kind]]]) {
      console.log(`| ${kind === "headings" ? "titles, headings" : "body text"} | ${name} | ${t.breaks.toLocaleString("en")} | ` +
                  `${t.avoidable.toLocaleString("en")} (${pct(t.avoidable, t.breaks)}) | ${t.inside.toLocaleString("en")} (${pct(t.inside, t.breaks)}) | ` +
                  `${t.kinsoku} | ${t.lonely} of ${t.paragraphs.toLocaleString("en")} | ${pct(t.fill, t.breaks)} |`);
    }
  }
  for (const t of [before.headings, before.body, after.headings, after.body])
    for (const example of t.kinsokuExamples.slice(0, 3)) console.log(`kinsoku: ${example}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
