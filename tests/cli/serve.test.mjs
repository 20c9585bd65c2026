// tools/serve.py, the dev server the browser tests run on: many connections at once
// all answered, and a bad path answered with 400 rather than a dropped connection.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = { url: null, child: null };

before(async () => {
  server.child = spawn('/usr/bin/python3', [path.join(root, process.env.SERVE_PY || 'tools/serve.py'), '--port', '0',
                                            '--demo-port', '-1', '--root', path.join(root, 'web')],
                       { stdio: ['ignore', 'pipe', 'inherit'] });
  server.url = await new Promise((resolve) => {
    let out = '';
    server.child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/http:\/\/[\d.]+:\d+\//);
      if (found) resolve(found[0]);
    });
  });
});
after(() => server.child.kill());

// One raw request on a connection of its own; resolves with the status line.
function rawGet(target, { timeout }) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = '';
    const timer = setTimeout(() => { socket.destroy(); resolve('timed out'); }, timeout);
    socket.on('connect', () => socket.write(`GET ${target} HTTP/1.0\r\nHost: x\r\n\r\n`));
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('close', () => { clearTimeout(timer); resolve(answer.split('\r\n')[0] || 'closed without an answer'); });
    socket.on('error', () => {});
  });
}

test('200 connections at once are all answered', async () => {
  // With listen()'s backlog of 5, some of these waited for SYN retries past 20 s. The
  // limit only guards against a hang: answered, they take milliseconds.
  const answers = await Promise.all(Array.from({ length: 200 }, () => rawGet('/manifest.webmanifest', { timeout: 20000 })));
  const late = answers.filter((a) => !a.startsWith('HTTP/1.0 200'));
  assert.deepEqual(late, []);
});

test('a NUL in the path is a 400, not a dropped connection', async () => {
  assert.match(await rawGet('/index%00.html', { timeout: 20000 }), /^HTTP\/1\.0 400/);
  assert.match(await rawGet('/issues/../../etc/passwd', { timeout: 20000 }), /^HTTP\/1\.0 404/);
});
