// What the build's Node tools share: Debian's Node modules (node-acorn, node-terser),
// and writing a built file whole or not at all.
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

// A module found through NODE_PATH (as Emscripten finds its own), or where Debian puts it.
export function debianModule(name) {
  try {
    return require(name);
  } catch {
    return require(`/usr/share/nodejs/${name}`);
  }
}

// Written whole or not at all: the build never serves half a file.
export function writeWhole(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
