// Story threads measured (issue 25): an archive with planted story chains
// (tools/make_archive.mjs --chains), `digest threads --links` at several thresholds of
// wording likeness, and the precision and recall of each chain member's
// 「これまでの経緯」 (the articles linked to it from earlier days) against the chain's
// earlier members, by the kind of chain: a shared CVE id, a shared reference page, or
// only the subject in other words. Prints a table for docs/benchmarks.md.
//
// Then adding a day (the newest that continues a story) to the state of the others, as
// `make site` does it.
//
//   node tools/bench_threads.mjs [--days N] [--thresholds 0.3,0.4,...]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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

// Adding a day, as `make site` does it (`digest threads --state`): the state of every
// day but the newest that continues a planted story, then that day added; its time, what it read and which issues'
// threads changed; and the state it gives against one made from every day at once.
{
  const issues = path.join(dir, 'issues');
  const held = path.join(dir, 'held');
  mkdirSync(held, { recursive: true });
  // The newest day that continues a planted story: adding it has threads to change.
  const newest = `${chains.flatMap((c) => c.members.slice(1).map(([issue]) => issue)).sort().at(-1)}.json`;
  renameSync(path.join(issues, newest), path.join(held, newest));
  const state = (file) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(digest, ['threads', issues, '--state', file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, said: run.stderr.trim() };
  };
  const full = state(path.join(dir, 'state.json'));
  console.log(`\nevery day but ${newest}, from no state: ${(full.ms / 1000).toFixed(1)} s wall\n  ${full.said}`);
  renameSync(path.join(held, newest), path.join(issues, newest));
  const added = state(path.join(dir, 'state.json'));
  console.log(`${newest} added: ${(added.ms / 1000).toFixed(2)} s wall\n  ${added.said}`);
  const again = state(path.join(dir, 'state.json'));
  console.log(`nothing changed: ${(again.ms / 1000).toFixed(2)} s wall\n  ${again.said}`);
  const whole = state(path.join(dir, 'state-whole.json'));
  console.log(`every day at once: ${(whole.ms / 1000).toFixed(1)} s wall\n  ${whole.said}`);
  const links = (file) => new Set(readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('["')));
  const a = links(path.join(dir, 'state.json')), b = links(path.join(dir, 'state-whole.json'));
  const shared = [...a].filter((l) => b.has(l)).length;
  console.log(`links: ${a.size} a day at a time, ${b.size} at once, ${shared} in both ` +
    `(agreement ${(shared / (a.size + b.size - shared)).toFixed(4)})`);
}
