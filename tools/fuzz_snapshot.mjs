// Fuzzes the first-screen reader (web/prepaint.js) in headless Chromium for SECONDS,
// on the built site (build/web): `make fuzz` runs it after the libFuzzer targets.
//
//   node tools/fuzz_snapshot.mjs [SECONDS]
import { launchBrowser, settled, startServer } from '../tests/browser/harness.mjs';
import { fuzzFirstScreen } from '../tests/browser/snapshot_fuzz.mjs';

const seconds = Number(process.argv[2] || 600);
const server = await startServer();
const browser = await launchBrowser();
let status = 0;
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}?issue=2026-11-25`);
  await settled(page);
  // In rounds of a minute at most, each with its own seed: a long evaluate is not held.
  let runs = 0;
  for (let left = seconds, seed = 1; left > 0; left -= 60, seed++) {
    const round = await fuzzFirstScreen(page, Math.min(60, left), seed);
    runs += round.runs;
    if (round.failures.length) {
      console.log(JSON.stringify(round.failures, null, 2));
      status = 1;
      break;
    }
  }
  console.log(`== first-screen reader: ${runs} inputs in ${seconds} s, ${status ? 'FAILED' : 'clean'}`);
} finally {
  await browser.close();
  server.stop();
}
process.exit(status);
