// Debian's nginx, started as the test user on free loopback ports, serving a site with
// the nginx.conf that `make site` writes (included inside a server block, as
// docs/publishing.md says), and any other servers a test needs (a portal's origin).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { closeAtEnd, until } from './harness.mjs';

export const NGINX = '/usr/sbin/nginx';

// A port nothing listens on now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

// servers: [{port, root, include?}]. dir: a folder of the test's own for the
// configuration, the pid file, the logs and nginx's temporary files.
export async function startNginx(dir, servers) {
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const blocks = servers.map(({ port, root, include }) =>
    `  server {\n    listen 127.0.0.1:${port};\n    root ${root};\n${include ? `    include ${include};\n` : ''}  }`);
  const conf = [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    // Debian's brotli_static module (libnginx-mod-http-brotli-static), by its full path:
    // modules-enabled/ names it relative to the default prefix.
    'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;',
    // As root nginx hands requests to a worker of `user`: the test's folders are the test user's.
    process.getuid() === 0 ? 'user root;' : '',
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    `  error_log ${dir}/error.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp/${t};`),
    '  sendfile on;',
    ...blocks,
    '}',
  ].join('\n') + '\n';
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const check = spawnSync(NGINX, ['-e', `${dir}/error.log`, '-p', dir, '-c', `${dir}/nginx.conf`, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refuses the configuration:\n${check.stderr}`);
  const child = spawn(NGINX, ['-e', `${dir}/error.log`, '-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    return listening(servers[0].port);
  }, 'nginx listening', { timeout: 10000 });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGQUIT');
  });
  const errors = () => { try { return readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; } };
  return { stop: closeAtEnd(stop), errors };
}

// Built sites (folders `make site` wrote), each on a free port with the nginx.conf it
// carries, nginx's own files in a temporary folder removed at stop (the benches').
// Returns {urls: ['http://127.0.0.1:PORT/' per site], stop}.
export async function serveSites(sites) {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-nginx-'));
  const ports = [];
  for (let i = 0; i < sites.length; i++) ports.push(await freePort());
  const nginx = await startNginx(dir, sites.map((root, i) => ({ port: ports[i], root, include: path.join(root, 'nginx.conf') })));
  return {
    urls: ports.map((port) => `http://127.0.0.1:${port}/`),
    stop: async () => {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
