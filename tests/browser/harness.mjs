// Shared set-up for the browser tests: serves build/web on a free loopback port and
// launches Debian's headless Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'build/test-artifacts');
mkdirSync(artifacts, { recursive: true });

// A folder of the test's own (a browser profile, a copy of the site), removed when the
// test file's process ends.
const temporary = [];
process.on('exit', () => { for (const dir of temporary) rmSync(dir, { recursive: true, force: true }); });
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

// What a test started (servers, browsers) and did not stop, stopped when the test file's
// tests are done: a test that fails halfway skips its own clean-up, and one live child
// process would keep the file's process, and the whole run, waiting for ever. Only
// under `node --test` (the benchmarks import this file too, and end by exiting).
const leftOpen = new Set();
export function closeAtEnd(close) {
  leftOpen.add(close);
  return close;
}
if (process.env.NODE_TEST_CONTEXT) {
  after(async () => {
    await Promise.all([...leftOpen].map((close) => Promise.resolve().then(close).catch(() => {})));
  });
}

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync',
];

// Starts tools/serve.py on port 0 and resolves with its base URL.
export function startServer(webRoot = path.join(root, 'build/web')) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [path.join(root, 'tools/serve.py'), '--port', '0', '--root', webRoot], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(/http:\/\/[\d.]+:\d+\//);
      // stop() resolves once the server has exited: after it, nothing answers.
      const stop = () => new Promise((done) => {
        if (child.exitCode !== null) { done(); return; }
        child.once('exit', () => done());
        child.kill();
      });
      if (match) resolve({ url: match[0], stop: closeAtEnd(stop) });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

// The built site (build/web) with a generated archive of `days` issues in `dir`
// (tools/make_archive.mjs) as its issues, indexed; without first-screen files and the
// issues' own font slices (they describe the bundled issues: the archive's 2026-11-25 is
// another issue). Returns the site's folder; throws when a tool fails.
export function archiveSite(dir, days) {
  const run = (command, args) => {
    const done = spawnSync(command, args, { encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`${path.basename(command)} ${args[0]}: ${done.stderr}`);
  };
  run('node', [path.join(root, 'tools/make_archive.mjs'), '--out', dir, '--days', String(days)]);
  const site = path.join(dir, 'site');
  cpSync(path.join(root, 'build/web'), site, { recursive: true });
  rmSync(path.join(site, 'issues'), { recursive: true, force: true });
  rmSync(path.join(site, 'prepaint'), { recursive: true, force: true });
  rmSync(path.join(site, 'fonts', 'issues'), { recursive: true, force: true });
  renameSync(path.join(dir, 'issues'), path.join(site, 'issues'));
  run(path.join(root, 'build/native/digest'), ['index', path.join(site, 'issues')]);
  return site;
}

// useSession() for a generated archive: a site of `days` issues served for the file's
// tests (`session.url`, `session.browser`, `session.site`), removed after them.
// `prepare(site)` runs once the site is built, before it is served.
export function useArchiveSession(days, prepare = () => {}) {
  const session = { url: null, browser: null, server: null, dir: null, site: null };
  before(async () => {
    session.dir = mkdtempSync(path.join(tmpdir(), 'digest-archive-'));
    session.site = archiveSite(session.dir, days);
    prepare(session.site);
    session.server = await startServer(session.site);
    session.url = session.server.url;
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
    rmSync(session.dir, { recursive: true, force: true });
  });
  return session;
}

// An init script, `addInitScript(stretchTimer, { script, ms, to })`: the timers a
// script (its file matching the pattern `script`) sets for `ms` are set for `to`
// instead. Tests that check what a page does after such a wait make the wait long, so
// they test what it does rather than how fast the machine is.
export function stretchTimer({ script, ms, to }) {
  const setTimer = window.setTimeout;
  const from = new RegExp(script);
  window.setTimeout = (fn, delay, ...args) =>
    setTimer(fn, delay === ms && from.test(new Error().stack) ? to : delay, ...args);
}

// prepaint.js waits half a second for a cold start's file, then leaves the first screen
// to the viewer (a product choice, measured by make bench); a busy 2-core machine can
// miss that: `addInitScript(stretchTimer, PATIENT_COLD_START)`.
export const PATIENT_COLD_START = { script: 'prepaint', ms: 500, to: 30000 };

// playwright-core gives every launch() a fresh, temporary user-data-dir of its own.
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
  closeAtEnd(() => browser.close());
  return browser;
}

// A browser with a profile of its own that survives closing it: service workers,
// caches and localStorage are there when it is launched again ("a browser restart").
export async function launchProfile(profileDir, { width = 1280, height = 800, deviceScaleFactor = 1, ...options } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true,
    viewport: { width, height }, deviceScaleFactor, ...options,
  });
  closeAtEnd(() => context.close());
  const page = context.pages()[0] || await context.newPage();
  return { context, page };
}

// Waits until the viewer runs and its page is complete: the first frame drawn, the
// text layer written, the bold weight and every font slice a frame asked for in (the
// layout changes when they arrive), or start-up failed.
export async function settled(page) {
  await page.waitForFunction(() => window.digestViewer !== undefined);
  await page.evaluate(() => window.digestViewer.ready);
  await page.waitForFunction(() => {
    const s = window.digestViewer.state();
    return s.error !== null ||
      (s.framesDrawn > 0 && s.boldFont && (!s.fonts || s.fonts.pending === 0) && s.textLayer && s.textLayer.complete &&
        document.getElementById('text-layer').childElementCount > 0);
  });
}

// The viewer's state() (README "JavaScript API"), from the page.
export const state = (page) => page.evaluate(() => window.digestViewer.state());

// Waits (up to `timeout` ms) until state()[key] equals value, then returns the state
// for the test to assert on: no fixed sleeps where an animation may take longer.
// Throws, with the value it saw last, when it never does.
export async function stateWhen(page, key, value, timeout = 10000) {
  try {
    await page.waitForFunction(([k, v]) => window.digestViewer.state()[k] === v, [key, value], { timeout });
  } catch (error) {
    const last = await state(page).then((s) => JSON.stringify(s[key]), () => 'unknown');
    throw new Error(`state().${key} did not become ${JSON.stringify(value)} in ${timeout} ms (last: ${last})`);
  }
  return state(page);
}

// Runs `action` (an input) and waits until the frames that follow it are drawn (the
// viewer settles in a few).
export async function framesAfter(page, action) {
  const frames = (await state(page)).framesDrawn;
  await action();
  await page.waitForFunction((f) => window.digestViewer.state().framesDrawn >= f + 3, frames, { timeout: 10000 });
}

// Waits until the viewer draws no more: three animation frames in a row without a new
// frame of its own, so the last one it drew is on the screen (for a screenshot, or to
// read the state a change ended in). `target` is a page or a frame. Throws after
// `timeout` ms (a viewer that never stops drawing is a bug: "no frame while idle").
export async function quiet(target, timeout = 10000) {
  const still = await target.evaluate((limit) => new Promise((resolve) => {
    const frames = () => window.digestViewer.state().framesDrawn;
    const end = performance.now() + limit;
    let last = frames();
    let unchanged = 0;
    const step = () => {
      const now = frames();
      unchanged = now === last ? unchanged + 1 : 0;
      last = now;
      if (unchanged >= 3) resolve(true);
      else if (performance.now() > end) resolve(false);
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), timeout);
  if (!still) throw new Error(`the viewer was still drawing after ${timeout} ms`);
}

// Polls `check()` (in the test, not the page) until it holds; throws with `what` after
// `timeout` ms. For what only the test sees: network responses, stored data, a page
// that is navigating (where a waitForFunction in the page would be cut off).
export async function until(check, what, { timeout = 10000, every = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not so after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

// Opens the viewer and waits until it has settled; collects errors.
export async function openViewer(browser, url, { width = 1280, height = 800, deviceScaleFactor = 1, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(url);
  await settled(page);
  return { page, context, errors };
}

// One server and one browser for a test file: `const session = useSession();` then
// `session.url` and `session.browser` inside the tests.
export function useSession() {
  const session = { url: null, browser: null, server: null };
  before(async () => {
    session.server = await startServer();
    session.url = session.server.url;
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    session.server?.stop();
  });
  return session;
}

// What the canvas shows: the fraction of pixels that differ clearly from the top-left
// background pixel ("ink"), and a cheap fingerprint of sampled pixels.
async function canvasFacts(page) {
  return page.evaluate(() => {
    const source = document.getElementById('canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let ink = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 96) ink++;
      if (i % (4 * 97) === 0) hash = (hash * 31 + data[i] + data[i + 1] * 7) >>> 0;
    }
    return { ink: ink / (data.length / 4), hash };
  });
}

export async function inkRatio(page) {
  return (await canvasFacts(page)).ink;
}

// To tell redraws apart.
export async function inkSignature(page) {
  return (await canvasFacts(page)).hash;
}

// The benches time an arrival from the first page's request, across the pages a tab
// goes through (index.html's head.js and share.js send the reader on): call before the
// first navigation; firstPageOffset(page) is then what to add to the page's own times.
const FIRST_PAGE_ORIGIN = 'bench.origin';
export function keepFirstPageOrigin(page) {
  return page.addInitScript((key) => {
    if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, String(performance.timeOrigin));
  }, FIRST_PAGE_ORIGIN);
}
export function firstPageOffset(page) {
  return page.evaluate((key) => {
    const origin = Number(sessionStorage.getItem(key));
    return origin ? performance.timeOrigin - origin : 0;
  }, FIRST_PAGE_ORIGIN);
}
