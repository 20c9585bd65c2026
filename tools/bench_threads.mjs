// Story threads measured (issue 25): an archive with planted story chains
// (tools/make_archive.mjs --chains), `digest threads --links` at several thresholds of
// wording likeness, and the precision and recall of each chain member's
// 「これまでの経緯」 (the articles linked to it from earlier days) against the chain's
// earlier members, by the kind of chain: a shared CVE id, a shared reference page, or
// only the subject in other words. Prints a table for docs/benchmarks.md.
//
//   node tools/bench_threads.mjs [--days N] [--thresholds 0.3,0.4,...]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const DAYS = Number(option('--days', '3653'));
const THRESHOLDS = option('--thresholds', '0.3,0.4,0.45,0.5,0.55,0.6,0.7').split(',').map(Number);
const dir = path.join(root, 'build/threads');
const digest = path.join(root, 'build/native/digest');

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const truthFile = path.join(dir, 'chains.json');
console.log(execFileSync('node', [path.join(root, 'tools/make_archive.mjs'), '--out', dir, '--days', String(DAYS),
  '--chains', truthFile], { encoding: 'utf8' }).trim());
const { chains } = JSON.parse(readFileSync(truthFile, 'utf8'));
const key = ([issue, article]) => `${issue}/${article}`;
const chainOf = new Map();
chains.forEach((chain, c) => chain.members.forEach((m) => chainOf.set(key(m), c)));

console.log(`\nthreshold | kind | members | precision | recall | links (id / page / wording) | link time`);
for (const threshold of THRESHOLDS) {
  const run = spawnSync(digest, ['threads', path.join(dir, 'issues'), '--links', '--threshold', String(threshold)],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  // Each article's earlier linked articles.
  const earlier = new Map();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const link = JSON.parse(line);
    const later = key(link.later);
    if (!earlier.has(later)) earlier.set(later, new Set());
    earlier.get(later).add(key(link.earlier));
  }
  const summary = /(\d+) links \((\d+) by id, (\d+) by page, (\d+) by wording\); read in (\d+) ms, linked in (\d+) ms/
    .exec(run.stderr);
  for (const kind of ['id', 'url', 'text']) {
    let found = 0, predicted = 0, wanted = 0, members = 0;
    for (const chain of chains.filter((c) => c.kind === kind)) {
      chain.members.forEach((member, i) => {
        if (i === 0) return;
        members += 1;
        const truth = new Set(chain.members.slice(0, i).map(key));
        const said = earlier.get(key(member)) || new Set();
        wanted += truth.size;
        predicted += said.size;
        for (const k of said) if (truth.has(k)) found += 1;
      });
    }
    const precision = predicted ? found / predicted : 1;
    const recall = wanted ? found / wanted : 1;
    console.log(`${threshold} | ${kind} | ${members} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ` +
      `${summary[2]} / ${summary[3]} / ${summary[4]} | ${summary[6]} ms (read ${summary[5]} ms)`);
  }
}
