// Loader for the digest viewer: fetches the wasm module, the font and the issue with
// real progress, starts the viewer, and exposes window.digestViewer for tests/hosts.
'use strict';

(function () {
  const FONT_URL = 'fonts/BIZUDPGothic-Regular.subset.ttf';
  const INDEX_URL = 'issues/index.json';

  const $ = (id) => document.getElementById(id);
  const progress = { font: 0, issue: 0, wasm: 0 };
  let module = null;
  let lastError = null;
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });

  function showProgress() {
    const total = (progress.font * 0.6) + (progress.wasm * 0.3) + (progress.issue * 0.1);
    $('loading-bar').value = total;
  }

  function fail(message) {
    lastError = message;
    $('loading').hidden = true;
    $('failure').hidden = false;
    $('failure-text').textContent = message;
    resolveReady();
  }

  // fetch() with a byte-count progress callback.
  async function fetchBytes(url, key) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: the server answered ${response.status}`);
    const total = Number(response.headers.get('content-length')) || 0;
    if (!response.body || !total) {
      const buffer = new Uint8Array(await response.arrayBuffer());
      progress[key] = 1;
      showProgress();
      return buffer;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress[key] = Math.min(1, received / total);
      showProgress();
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
    return bytes;
  }

  // ?issue=<id>|latest (default latest) → the issue's path from the archive index.
  async function resolveIssueUrl() {
    const params = new URLSearchParams(location.search);
    const wanted = params.get('issue') || 'latest';
    const index = JSON.parse(new TextDecoder().decode(await fetchBytes(INDEX_URL, 'issue')));
    const entries = (index && Array.isArray(index.issues)) ? index.issues : [];
    const entry = wanted === 'latest' ? entries[0] : entries.find((e) => e.id === wanted);
    if (!entry) throw new Error(`issue "${wanted}" is not in the archive`);
    return 'issues/' + entry.path;
  }

  function copyIn(bytes) {
    const ptr = module._malloc(bytes.length + 1);
    module.HEAPU8.set(bytes, ptr);
    module.HEAPU8[ptr + bytes.length] = 0;
    return ptr;
  }

  function state() {
    if (!module) return { issue: null, article: null, framesDrawn: 0, error: lastError };
    const s = JSON.parse(module.UTF8ToString(module._digest_state_json()));
    if (lastError && !s.error) s.error = lastError;
    return s;
  }

  async function start() {
    try {
      const fontPromise = fetchBytes(FONT_URL, 'font');
      const issuePromise = resolveIssueUrl().then((url) => fetchBytes(url, 'issue'));
      module = await createDigestViewer({
        canvas: $('canvas'),
        print: (text) => console.log(text),
        printErr: (text) => console.error(text),
      });
      progress.wasm = 1;
      showProgress();
      const font = await fontPromise;
      // The atlas owns the font bytes (freed by ImGui), so they are not freed here.
      if (!module._digest_set_font(copyIn(font), font.length)) throw new Error('the font could not be read');
      const issue = await issuePromise;
      const ptr = copyIn(issue);
      const ok = module._digest_open_issue(ptr, issue.length);
      module._free(ptr);
      if (!ok) throw new Error(state().error || 'the issue could not be read');
      const current = state();
      document.title = `${current.issue} — Tech Digest`;
      $('loading').hidden = true;
      resolveReady();
    } catch (error) {
      fail(error && error.message ? error.message : String(error));
    }
  }

  $('retry').addEventListener('click', () => location.reload());
  window.digestViewer = { ready, state };
  start();
})();
