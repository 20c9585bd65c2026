// Phrase-aware line breaking, held against BudouX's own parser (the budoux package
// tools/setup.sh unpacks into .deps/): the core finds the same phrases, and the viewer's
// page (`digest lines`, the layout the canvas, the text layer and the first-screen files
// share) breaks titles and headings only between phrases, never leaves a lonely last
// character, and keeps kinsoku. tools/bench_breaks.mjs prints the same figures for
// every width in 20 px steps (docs/benchmarks.md); this test takes every 140th.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { layouts, measure, paragraph, sampleIssues } from '../../tools/bench_breaks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const digest = path.join(root, 'build/native/digest');
const require = createRequire(import.meta.url);
const { Parser } = require(path.join(root, '.deps/budoux/dist/parser.js'));
const { model } = require(path.join(root, '.deps/budoux/dist/data/models/ja.js'));
const budoux = new Parser(model);

test('the core finds the phrases BudouX finds, on every paragraph of the samples', () => {
  const paragraphs = new Set();
  for (const file of sampleIssues()) {
    for (const layout of layouts(file, true, '1280:1280:1')) {
      for (const block of layout.blocks) paragraphs.add(paragraph(block).text.trimEnd());
    }
  }
  assert.ok(paragraphs.size > 150, `${paragraphs.size} paragraphs`);
  let differ = 0, example = '';
  for (const text of paragraphs) {
    const r = spawnSync(digest, ['phrases'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const ours = JSON.parse(r.stdout), theirs = budoux.parse(text);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      ++differ;
      example ||= `${text}\n  core:   ${ours.join('|')}\n  budoux: ${theirs.join('|')}`;
    }
  }
  assert.equal(differ, 0, example);
});

test('titles and headings break between phrases, no paragraph ends with one character, kinsoku holds', () => {
  const files = sampleIssues();
  const before = measure(files, false, '300:1280:140'), after = measure(files, true, '300:1280:140');
  // The baseline must show the problem, or this test proves nothing.
  assert.ok(before.headings.avoidable > 20, `legal breaks alone: ${before.headings.avoidable} heading breaks inside a phrase`);
  assert.ok(before.body.lonely > 5, `legal breaks alone: ${before.body.lonely} lonely last lines`);
  assert.equal(after.headings.avoidable, 0, 'heading lines ending inside a phrase where a boundary fitted');
  assert.equal(after.headings.lonely, 0, 'titles and headings ending with one character');
  assert.equal(after.body.lonely, 0, 'body paragraphs ending with one character');
  assert.ok(after.body.avoidable * 5 < before.body.avoidable,
            `body breaks inside a phrase: ${after.body.avoidable}, before ${before.body.avoidable}`);
  for (const t of [after.headings, after.body]) assert.equal(t.kinsoku, 0, t.kinsokuExamples.join('\n'));
});
