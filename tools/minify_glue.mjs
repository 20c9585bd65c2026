// Minifies Emscripten's glue (viewer.js) in place after the viewer links: local names
// mangled and dead code dropped by Terser (Debian's node-terser). Debian's Emscripten
// has no Closure Compiler, so its glue comes out with whole names: 23.9 KB of the first
// view's brotli, 18.2 KB minified (docs/benchmarks.md). Property names and the global
// `createDigestViewer` are kept, so web/bridge.js and the wasm's imports still match.
// Only the generated glue: our own scripts keep their names and lines
// (tools/strip_comments.mjs).
//
// Usage: node tools/minify_glue.mjs FILE
import { readFileSync } from 'node:fs';

import { debianModule, writeWhole } from './node_deps.mjs';

const terser = debianModule('terser');

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/minify_glue.mjs FILE');
  process.exit(2);
}
try {
  const result = await terser.minify(readFileSync(file, 'utf8'), {
    ecma: 2020,
    compress: true,
    mangle: true,
    toplevel: false,
    format: { comments: false },
  });
  if (typeof result.code !== 'string' || !result.code.includes('createDigestViewer'))
    throw new Error('Terser gave no code naming createDigestViewer');
  writeWhole(file, result.code);
} catch (error) {
  console.error(`minify_glue.mjs: ${file}: ${error.message}`);
  process.exit(1);
}
