// Where the page's resources live and how they are fetched: the site's path spaces
// (the archive's "2026-11-25.json" is issues/2026-11-25.json, a search file is under
// issues/search/), and one fetch with a timeout, same-origin redirects only, byte
// progress, and the offline marking of issues the service worker answered from its
// kept copy; the files the viewer asks for (need events) go through it too. Every
// failure is a ReaderError that says which file and why, in words a reader
// understands.
// @ts-check
'use strict';

window.DigestResources = {
  FETCH_TIMEOUT_MS: 15000,

  // A failure to say to the reader; `offline` when the network did not answer.
  ReaderError: class ReaderError extends Error {
    constructor(message, { offline = false, missing = null, yearFile = false } = {}) {
      super(message);
      this.offline = offline;
      this.yearFile = yearFile; // a year file of the index failed: the message says which
      this.missing = missing; // {nearest: {id, date} | null}: no such issue in the archive
    }
  },

  // Absolute URLs of the site's files, from the viewer's paths.
  issueUrl: (path) => new URL(DigestConstants.paths.issues + path, location.href).href,
  searchUrl: (file) => new URL(DigestConstants.paths.search + file, location.href).href,
  // The archive's path of an issue URL of this site ("…/issues/2026-11-25.json" ->
  // "2026-11-25.json").
  issuePath: (url) => new URL(url, location.href).pathname.split('/' + DigestConstants.paths.issues).pop(),

  // env: { onProgress(key, fraction) (bytes of a download named by `key`: font, wasm,
  //        issue), viewer() (the bridge, or null before it runs and once it stopped) }
  create({ onProgress, viewer }) {
    const { ReaderError, FETCH_TIMEOUT_MS, issueUrl, searchUrl } = window.DigestResources;
    let networkFailed = false; // the last issue or index came from the offline copy

    // fetch() with a timeout, same-origin redirects only, and byte progress under `key`
    // (null: none). Resolves to the bytes; rejects with a ReaderError.
    async function fetchBytes(url, key) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
      let response;
      try {
        response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
      } catch (error) {
        clearTimeout(timer);
        if (error.name === 'AbortError')
          throw new ReaderError(`${url}: 応答がありません(${FETCH_TIMEOUT_MS / 1000}秒でタイムアウト)`);
        throw new ReaderError(`${url}: 読み込めませんでした(オフラインかもしれません)`, { offline: true });
      }
      // For issues and the index, the worker may answer with the copy kept from an
      // earlier read: then the network is gone (the offline badge shows).
      if (/\/issues\/[^/]+\.json$/.test(new URL(url, location.href).pathname)) {
        networkFailed = response.headers.get('x-digest-source') === 'kept';
      }
      try {
        if (new URL(response.url).origin !== new URL(url, location.href).origin) {
          throw new ReaderError(`${url}: 別のサイトへ転送されたため開きません`);
        }
        if (!response.ok) throw new ReaderError(`${url}: サーバーの応答 ${response.status}`);
        const total = Number(response.headers.get('content-length')) || 0;
        if (!response.body || !total || !key) {
          const bytes = new Uint8Array(await response.arrayBuffer());
          if (key) onProgress(key, 1);
          return bytes;
        }
        const reader = response.body.getReader();
        const chunks = [];
        let received = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          onProgress(key, Math.min(1, received / total));
        }
        const bytes = new Uint8Array(received);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.length;
        }
        return bytes;
      } finally {
        clearTimeout(timer);
      }
    }

    // The files the viewer asks for (need events, host_protocol.hpp), all by the one
    // fetch above: the kind says where they live; each path is answered once, with its
    // bytes or why not ("offline", or the failure without the URL). An answer that comes
    // after the viewer stopped is dropped.
    const urlOf = { issue: issueUrl, indexYear: issueUrl, searchManifest: searchUrl, searchFile: searchUrl };
    function onNeed({ request, kind, paths }) {
      for (const path of paths) {
        const fetched = urlOf[kind]
          ? fetchBytes(urlOf[kind](path), null)
          : Promise.reject(new ReaderError(`${path}: 知らない種類のファイルです(${kind})`));
        fetched.then(
          (bytes) => answer((running) => running.provide(request, path, bytes)),
          (error) => {
            // No search index is a small archive's normal case, not a failure to report.
            if (kind !== 'searchManifest') console.warn(`${kind} ${path}: ${error.message}`);
            const reason = error.offline ? 'offline' : error.message.replace(/^.*?: /, '');
            answer((running) => running.provideFailed(request, path, reason));
          },
        );
      }
    }
    function answer(give) {
      const running = viewer();
      const result = running ? give(running) : null;
      if (result && !result.ok) console.warn(`the viewer refused a file: ${result.error}`);
    }

    return {
      fetchBytes,
      networkFailed: () => networkFailed,
      networkRestored: () => {
        networkFailed = false;
      },
      handlers: {
        need: onNeed,
      },
    };
  },
};
