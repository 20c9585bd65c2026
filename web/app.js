// Loader and host for the digest viewer.
//
// Fetches the wasm module, the fonts, the archive index and the issue with real
// progress; routes URLs (?issue=<id>|latest, ?src=<same-origin URL>, #<article>) and
// Back/Forward, asking the viewer (which owns the archive index) what an issue id
// means; carries the search box's IME input; speaks to a host page when embedded;
// exposes window.digestViewer for tests and hosts. The text layer (web/text_layer.js)
// and the offline UI (web/offline_ui.js) are created here with what they need. Every
// call into the viewer goes through web/bridge.js; each call and event is listed in
// src/platform/host_protocol.hpp and docs/host-protocol.md.
//
// [SECTION] Progress, errors and fetching
// [SECTION] Calling into the viewer
// [SECTION] Routing
// [SECTION] The scroller and its text layer (web/text_layer.js)
// [SECTION] Search input
// [SECTION] Events from the viewer
// [SECTION] Embedded in another site: options, header, height=auto, messages
// [SECTION] Offline (web/offline_ui.js)
// [SECTION] Warm start: the last screen, painted before the canvas is ready
// [SECTION] Start-up
// [SECTION] window.digestViewer
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  // The build's id and its assets' content-hashed names (tools/stamp_web.py).
  const BUILD = (() => {
    try { return JSON.parse($('build').textContent); } catch (error) { return { version: 'unstamped', assets: {} }; }
  })();
  const asset = (name) => BUILD.assets[name] || name;
  const INDEX_URL = 'issues/index.json';
  const FETCH_TIMEOUT_MS = 15000;

  const progress = { font: 0, wasm: 0, issue: 0 };
  let viewer = null;         // the bridge to the running viewer (web/bridge.js)
  let indexError = null;     // why the archive index was not accepted, or null
  let current = null;        // { id, source, shareable } of the issue on screen
  let fatalError = null;     // message of the full-screen error, if shown
  let lastRequest = null;    // for Retry
  let networkFailed = false; // the last issue or index came from the offline copy
  // Milliseconds since navigation start, for benchmarks.
  // firstText: the first article text on screen, painted from a snapshot (prepainted:
  // 'warm' from the last visit, 'cold' from the issue's prepaint file) or by the canvas
  // (canvasFirstText), whichever came first.
  const timing = { wasmReady: null, fontReady: null, issueReady: null, firstText: null, canvasFirstText: null,
    prepainted: false };
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });

  // The page's colours follow the reader's choice from the first paint (the viewer
  // confirms it with a theme event once it runs).
  function setPageTheme(theme) {
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  }

  // An issue or article id as a URL or a host may give it: 1-200 characters, no control
  // characters (the viewer checks it against the issue).
  const isId = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v);

  // Options of the page's URL (docs/embed.md): ?embed=1, theme, accent, article, issue,
  // fontScale, height=auto. A bad value is ignored with a warning, never a broken page.
  function readPageOptions() {
    const params = new URLSearchParams(location.search);
    const options = { embed: false, theme: null, accent: null, article: null, fontScale: null, heightAuto: false };
    const warn = (name, value, expected) =>
      console.warn(`digest viewer: ?${name}=${value} is ignored (expected ${expected})`);
    const embedParam = params.get('embed');
    if (embedParam !== null) {
      if (embedParam === '1' || embedParam === 'true') options.embed = true;
      else if (embedParam !== '0' && embedParam !== 'false') warn('embed', embedParam, '1');
    }
    const theme = params.get('theme');
    if (theme !== null) {
      if (['light', 'dark', 'auto'].includes(theme)) options.theme = theme;
      else warn('theme', theme, 'light, dark or auto');
    }
    const accent = params.get('accent');
    if (accent !== null) {
      const match = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(accent);
      if (match) options.accent = '#' + match[1].toLowerCase();
      else warn('accent', accent, 'a colour like %230a7cff or 0a7cff');
    }
    const article = params.get('article');
    if (article !== null) {
      if (isId(article)) options.article = article;
      else warn('article', article, 'an article id');
    }
    const fontScale = params.get('fontScale');
    if (fontScale !== null) {
      const value = Number(fontScale);
      if (fontScale.trim() !== '' && Number.isFinite(value) && value >= 0.75 && value <= 2) options.fontScale = value;
      else warn('fontScale', fontScale, 'a number from 0.75 to 2');
    }
    const height = params.get('height');
    if (height !== null) {
      if (height === 'auto') options.heightAuto = true;
      else warn('height', height, 'auto');
    }
    const issue = params.get('issue');
    if (issue !== null && !isId(issue)) {
      warn('issue', issue, 'an issue id or latest');
    }
    if (options.heightAuto && !options.embed) {
      console.warn('digest viewer: ?height=auto applies only with ?embed=1');
      options.heightAuto = false;
    }
    return options;
  }
  const pageOptions = readPageOptions();
  if (pageOptions.theme) setPageTheme(pageOptions.theme === 'auto' ? null : pageOptions.theme);

  //-----------------------------------------------------------------------------
  // [SECTION] Progress, errors and fetching
  //-----------------------------------------------------------------------------
  function showProgress() {
    $('loading-bar').value = progress.font * 0.6 + progress.wasm * 0.3 + progress.issue * 0.1;
  }

  // The full-screen error, for when nothing readable is on screen. `staticPage`, when
  // given, links to the issue as a plain HTML page (built by `digest html`).
  function showFatal(message, staticPage = null) {
    fatalError = message;
    DigestPrepaint.end();
    $('loading').hidden = true;
    $('failure').hidden = false;
    $('failure-text').textContent = message;
    $('failure-static').hidden = !staticPage;
    if (staticPage) $('failure-static-link').href = staticPage;
    $('failure-ways').hidden = true;
  }

  // An issue the archive does not have: the latest one, the nearest by date, the list.
  function showWaysOn({ nearest }) {
    $('failure-title').textContent = 'この号はありません';
    $('retry').hidden = true;
    const latest = askIndex('latest');
    $('failure-latest').href = urlFor('latest', '').href;
    $('failure-latest').textContent = latest.date ? `最新号(${latest.date})を読む` : '最新号を読む';
    if (nearest && nearest.id === latest.id) nearest = null;  // said by the link before
    const near = $('failure-nearest');
    near.hidden = !nearest;
    if (nearest) {
      near.href = urlFor(nearest.id, '').href;
      near.textContent = `${nearest.date} の号を読む`;
    }
    $('failure-ways').hidden = false;
  }

  // What this browser stored that the viewer read in the current task (settings from
  // localStorage, the reading log from IndexedDB), so that a stop names it.
  const storedReads = [];
  function noteStoredRead(name) {
    if (storedReads.length === 0) setTimeout(() => { storedReads.length = 0; }, 0);
    if (!storedReads.includes(name)) storedReads.push(name);
  }

  // The wasm stopped (out of memory, or a fault that aborts it): nothing can be drawn
  // or asked of it any more. Say so with the reason, offer a reload and a reload
  // without what this site stored (an abort is a bug, but a stored record that causes
  // one would cause it at every start), and call into it no more (state() answers
  // from here).
  let stopped = false;
  let lastStderr = '';  // the viewer says why on standard error before it aborts
  function viewerStopped(what) {
    if (stopped) return;
    stopped = true;
    viewer = null;
    const said = String(what || '').replace(/^Aborted\((.*)\)$/s, '$1');
    const reason = (said || lastStderr || 'abort').slice(0, 300);
    const memory = /OOM|memory|enlarge|alloc/i.test(reason);
    console.error(storedReads.length
      ? `digest viewer: stopped (${reason}) while reading what this browser stored: ${storedReads.join(', ')}. ` +
        '保存したデータを消して再読み込み on the error screen removes it.'
      : `digest viewer: stopped (${reason}); it was not reading anything this browser stored.`);
    showFatal(`${memory ? 'メモリが足りなくなり、' : ''}ビューアーが停止しました。再読み込みしてください。(${reason})`);
    $('retry').hidden = false;
    $('retry').textContent = '再読み込み';  // it reloads the page
    $('failure-stored').hidden = false;
    embedError(fatalError);
  }

  // 「保存したデータを消して再読み込み」: this site's settings, reading positions, first
  // screen and reading log in this browser; the issues kept for offline reading stay.
  async function clearStoredAndReload() {
    $('clear-stored').disabled = true;
    try {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key && key.startsWith('digest.')) localStorage.removeItem(key);
      }
    } catch (error) { /* storage forbidden: nothing kept there either */ }
    await DigestReading.destroy().catch(() => {});
    location.reload();
  }

  // A failure to say to the reader; `offline` when the network did not answer.
  class ReaderError extends Error {
    constructor(message, { offline = false, missing = null, yearFile = false } = {}) {
      super(message);
      this.offline = offline;
      this.yearFile = yearFile;  // a year file of the index failed: the message says which
      this.missing = missing;  // {nearest: {id, date} | null}: no such issue in the archive
    }
  }

  // fetch() with a timeout, same-origin redirects only, and byte progress.
  async function fetchBytes(url, key) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
    } catch (error) {
      clearTimeout(timer);
      if (error.name === 'AbortError') throw new ReaderError(`${url}: 応答がありません(${FETCH_TIMEOUT_MS / 1000}秒でタイムアウト)`);
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
        if (key) { progress[key] = 1; showProgress(); }
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
        progress[key] = Math.min(1, received / total);
        showProgress();
      }
      const bytes = new Uint8Array(received);
      let offset = 0;
      for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
      return bytes;
    } finally {
      clearTimeout(timer);
    }
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Calling into the viewer
  //-----------------------------------------------------------------------------
  // Every call goes through the bridge (web/bridge.js), null until the viewer runs and
  // again once it stopped.

  // The reading font, in slices (web/fonts.js).
  const fontSlices = window.DigestFontSlices.create({ asset, fetchBytes, viewer: () => viewer });
  const viewerState = () => viewer.state();

  function state() {
    if (!viewer) {
      return { issue: null, article: null, theme: null, fontScale: 1, framesDrawn: 0, error: fatalError, embed: embedState() };
    }
    const s = viewerState();
    if (fatalError) s.error = fatalError;
    s.embed = embedState();
    s.textLayer = layer.state();
    s.scrollScale = scrollSpace.scale;
    s.fonts = fontSlices.state();
    return s;
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Routing
  //-----------------------------------------------------------------------------
  function decodeHash(hash) {
    const raw = hash.replace(/^#/, '');
    try { return decodeURIComponent(raw); } catch (error) { return raw; }  // "#%E0": keep it as typed
  }

  function readLocation() {
    const params = new URLSearchParams(location.search);
    return {
      issue: params.get('issue'),
      src: params.get('src'),
      article: decodeHash(location.hash) || pageOptions.article || '',
    };
  }

  // The address bar: a new history entry (`push`) or the current one updated. Inside
  // an embed never a new one: the host's Back button would move the frame.
  function setAddress(url, push) {
    if (push && !embed.enabled) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  function urlFor(issueId, article) {
    const url = new URL(location.href);
    if (issueId) { url.searchParams.set('issue', issueId); url.searchParams.delete('src'); }
    url.hash = article ? '#' + article : '';
    return url;
  }

  // An issue id (or "latest") through the viewer's index: {id, path} or throws. A big
  // archive lists older issues in year files: those the viewer names are fetched first.
  const askIndex = (wanted) => viewer.resolveIssue(wanted);
  async function resolveIssue(wanted) {
    const ask = () => askIndex(wanted);
    let resolved = ask();
    let failed = [];
    if (resolved.error && resolved.years && resolved.years.length) {
      failed = await loadIndexYears({ paths: resolved.years });
      resolved = ask();
    }
    if (resolved.error && failed.length) {
      // A year that could hold it did not load: that is what the reader is told (not
      // that the archive has no such issue), with 再試行.
      const { path, why, offline } = failed[0];
      const year = (path.match(/\d{4}/) || ['この'])[0];
      throw new ReaderError(`${year}年の号の一覧(issues/${path})を読み込めませんでした: ${why}${offline ? '(オフライン)' : ''}`,
        { offline, yearFile: true });
    }
    if (resolved.error) {
      // Not in the archive: retrying cannot help; the reader is offered a way on.
      const missing = resolved.missing && !indexError ? { nearest: resolved.nearest } : null;
      throw new ReaderError(indexError || resolved.error, { missing });
    }
    return resolved;
  }

  // Year files of the archive index, into the viewer. One that fails is told to the
  // viewer (its archive row says why and offers 再試行) and listed in what this
  // resolves to: [{path, why, offline}].
  async function loadIndexYears({ paths }) {
    const failed = [];
    await Promise.all(paths.map(async (path) => {
      let why = null;
      let offline = false;
      try {
        const bytes = await fetchBytes(new URL('issues/' + path, location.href).href, null);
        if (stopped) return;
        const added = viewer.addIndexYear(path, bytes);
        if (!added) return;  // it stopped
        if (!added.ok) {
          console.warn(`archive index: ${added.error}`);
          why = '一覧のファイルが壊れています';  // the viewer marked the year itself
        }
      } catch (error) {
        if (stopped) return;
        console.warn(`archive index: ${path}: ${error.message}`);
        offline = Boolean(error.offline);
        // Offline, a year file is there only if it was kept or saved (sw.js).
        why = offline ? 'この年の一覧は保存されていません' : error.message.replace(/^.*?: /, '');
        viewer.indexYearFailed(path, why);
      }
      if (why) failed.push({ path, why, offline });
    }));
    return failed;
  }

  // Where the issue's JSON lives: ?src (this origin, or one of config.json's sources)
  // or the archive's path.
  async function issueSource(request) {
    if (request.src) {
      const url = new URL(request.src, location.href);
      if (url.origin !== location.origin && !siteConfig.sources.includes(url.origin)) {
        throw new ReaderError(`?src=${request.src}: このサイト以外の号は開けません`);
      }
      return url.href;
    }
    return new URL('issues/' + (await resolveIssue(request.issue)).path, location.href).href;
  }

  // The issue as a static page (`digest html`, built beside each bundled issue).
  function staticPageFor(request) {
    if (request.src) return null;
    const resolved = askIndex(request.issue);
    return new URL(resolved.error ? 'issues/index.html' : 'issues/' + resolved.path.replace(/\.json$/, '.html'),
      location.href).href;
  }

  // Opens an issue; on failure the current issue stays and the error is shown.
  // `prefetched` is a promise of {source, bytes} started earlier (first load).
  async function openIssue(request, { push = false, prefetched = null } = {}) {
    lastRequest = request;
    try {
      const fetched = prefetched ? await prefetched : null;
      const source = fetched ? fetched.source : await issueSource(request);
      // This site's issues have a font slice of their own (docs/fonts.md).
      const slice = request.src ? null : fontSlices.issueSlice(source);
      const sliceBytes = slice ? fontSlices.prefetch(slice) : null;
      const bytes = fetched ? fetched.bytes : await fetchBytes(source, current ? null : 'issue');
      if (slice) fontSlices.giveIssueSlice(slice, await sliceBytes);
      const ok = viewer.openIssue(bytes, request.article);
      if (stopped) return false;  // the stopped screen says what happened
      if (!ok) throw new ReaderError(viewerState().error || 'この号を読み込めませんでした');
      await fontSlices.completeIssue();
      const s = viewerState();
      // Issues of this site have share pages (digest share); ?src= ones do not.
      current = { id: s.issue, source, shareable: !request.src };
      fatalError = null;
      $('failure').hidden = true;
      document.title = `${s.title || 'Tech Digest'} ${s.date || ''}`.trim();
      document.querySelector('meta[name="description"]').setAttribute('content', s.description || '');
      const target = request.src ? new URL(location.href) : urlFor(s.issue, request.article);
      if (request.src) target.hash = request.article ? '#' + request.article : '';
      setAddress(target, push);
      embedOpened(s, request.article);
      // The viewer's frame with this issue is queued for the next animation frame; this
      // callback runs right after it, so the canvas shows with its text already drawn.
      requestAnimationFrame(() => document.documentElement.classList.add('canvas-drawn'));
      return true;
    } catch (error) {
      if (stopped) return false;  // the stopped screen says what happened
      const wanted = request.src || request.issue || '最新号';
      const message = error.offline && !error.yearFile ? `ネットワークにつながっていないため、この号(${wanted})を開けません。`
        : error instanceof ReaderError ? error.message : String(error && error.message || error);
      const offlineHint = error.offline ? '\nオフラインで読める号は、アーカイブ(号)で ✓ が付いています。' : '';
      embedError(message);
      if (!current) {
        showFatal(message);
        if (error.missing) showWaysOn(error.missing);
        if (error.offline) offlineUI.showChoices();
      } else {
        viewer.setError(message + offlineHint);
      }
      if (error.offline) offlineUI.report();
      return false;
    }
  }

  //-----------------------------------------------------------------------------
  // [SECTION] The scroller and its text layer (web/text_layer.js)
  //-----------------------------------------------------------------------------
  const layer = window.DigestTextLayer.create({
    viewer: () => viewer,
    heightAuto: () => embed.heightAuto,
    headerHeight: () => (embed.enabled ? HEADER_HEIGHT : 0),
    layOutAutoHeight: (geometry) => layOutAutoHeight(geometry),
    scrollHostTo: (y, behavior) => scrollHostTo(y, behavior),
    scheduleSave: () => scheduleSave(),
    hostTakesLink: (url) => {
      if (!embed.handleLinks) return false;
      embedPost('link', { url });
      return true;
    },
    copyLink: (id, article) => copyText(articleLink(id, article))
      .then((ok) => showToast(ok ? 'リンクをコピーしました' : 'リンクをコピーできませんでした')),
  });
  const { scroller, scrollSpace } = layer;

  //-----------------------------------------------------------------------------
  // [SECTION] Search input: a real input for typing and IME composition
  //-----------------------------------------------------------------------------
  const searchInput = $('search-input');
  let composing = null;  // { at, text } while an IME composition is in progress

  function sendSearchText() {
    const value = searchInput.value;
    let committed = value;
    let composingText = '';
    let at = value.length;
    if (composing) {
      // The input holds the composition too; only what was committed is searched.
      at = composing.at;
      composingText = composing.text;
      committed = value.slice(0, at) + value.slice(at + composingText.length);
    }
    const atBytes = new TextEncoder().encode(committed.slice(0, at)).length;
    viewer.searchText(committed, composingText, atBytes);
  }

  searchInput.addEventListener('compositionstart', () => {
    composing = { at: searchInput.selectionStart, text: '' };
  });
  searchInput.addEventListener('compositionupdate', (event) => {
    if (composing) composing.text = event.data || '';
    sendSearchText();
  });
  searchInput.addEventListener('compositionend', () => {
    composing = null;
    sendSearchText();
  });
  searchInput.addEventListener('input', () => sendSearchText());
  searchInput.addEventListener('keydown', (event) => {
    if (event.isComposing || event.keyCode === 229) return;  // the IME is using this key
    const key = event.key === 'Enter' ? (event.shiftKey ? 'previous' : 'next')
      : event.key === 'ArrowDown' ? 'down' : event.key === 'ArrowUp' ? 'up' : null;
    if (key) {
      event.preventDefault();
      viewer.searchKey(key);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      viewer.closeSearch();
    }
  });

  function onSearchOpen({ box }) {
    searchInput.hidden = false;
    Object.assign(searchInput.style, {
      left: box.x + 'px', top: box.y + canvasTop() + 'px', width: box.width + 'px', height: box.height + 'px',
    });
    if (document.activeElement !== searchInput) {
      searchInput.focus({ preventScroll: true });
      searchInput.select();
    }
  }

  function onSearchClose() {
    searchInput.hidden = true;
    searchInput.value = '';
    composing = null;
    scroller.focus({ preventScroll: true });
  }

  // Ctrl+F / Cmd+F open our search, which also finds across the archive.
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f' && viewer && current) {
      event.preventDefault();
      viewer.openSearch();
    }
  }, true);

  // The archive scope opened. With a search index (docs/search-index.md) the viewer
  // asks for its few files per query (searchFiles); without one, every issue of the
  // archive (the paths the viewer listed) is fetched, each parsed once by the viewer.
  async function loadArchive({ paths }) {
    try {
      const manifest = await fetchBytes(new URL('issues/search/manifest.json', location.href).href, null);
      const accepted = viewer.setSearchIndex(manifest);
      if (accepted.ok) return;
      console.warn(`archive search index: ${accepted.error}`);
    } catch (error) {
      // No index (a small archive, or offline): search the issues themselves.
    }
    await Promise.all(paths.map(async (path) => {
      try {
        const bytes = await fetchBytes(new URL('issues/' + path, location.href).href, null);
        viewer.addArchiveIssue(bytes);
      } catch (error) {
        console.warn(`archive: ${path}: ${error.message}`);
      }
    }));
    viewer.archiveComplete();
  }

  // The files an archive query names, all at once; a later query's answers replace it.
  function fetchSearchFiles({ query, files }) {
    for (const file of files) {
      fetchBytes(new URL('issues/search/' + file, location.href).href, null).then(
        (bytes) => viewer && viewer.searchIndexFile(query, file, bytes),
        (error) => viewer && viewer.searchIndexFailed(query, file, error.message));
    }
  }

  // Issues whose results are on screen, for their titles and excerpts.
  function fetchExcerpts({ paths }) {
    for (const path of paths) {
      fetchBytes(new URL('issues/' + path, location.href).href, null).then(
        (bytes) => viewer && viewer.addArchiveIssue(bytes),
        (error) => console.warn(`archive: ${path}: ${error.message}`));
    }
  }

  // The reading log (web/reading.js): read articles, 新着 since the last visit and the
  // unfinished article, into the viewer once; time in an article counts while visible.
  function startReadingLog() {
    const newest = askIndex('latest');
    DigestReading.load(newest.error ? null : newest.date).then((log) => {
      if (stopped) return;
      noteStoredRead('IndexedDB digest-reading (read, meta)');
      viewer.setReading(log);
      setInterval(() => {
        if (document.visibilityState === 'visible' && viewer) viewer.readingTick(performance.now() / 1000);
      }, 1000);
    }, (error) => console.warn(`reading log: ${error.message}`));
  }
  let readingCleared = () => {};
  const keepReading = (promise) => promise.catch((error) => console.warn(`reading log: ${error.message}`));

  // search(text, 'archive') promises, resolved when the viewer says its results are
  // complete (or a later query took over).
  let searchesWaiting = [];
  function onSearchDone({ query }) {
    const waiting = searchesWaiting;
    searchesWaiting = [];
    for (const { resolve } of waiting) resolve(query);
  }

  let pendingHash = 0;

  // Panels the viewer draws over the page ({x, y, width, height} each): there the
  // pointer must reach the canvas, not the transparent text layer.
  // Also when a panel opens or closes under a pointer that has not moved.
  let overlays = [];
  let lastPointer = null;
  function routePointer(event) {
    if (event) lastPointer = { x: event.clientX, y: event.clientY };
    if (!lastPointer) return;
    const over = overlays.some(({ x, y, width, height }) =>
      lastPointer.x >= x && lastPointer.x < x + width && lastPointer.y >= y + canvasTop() &&
      lastPointer.y < y + height + canvasTop());
    scroller.style.pointerEvents = over ? 'none' : '';
  }
  window.addEventListener('pointermove', routePointer, true);
  window.addEventListener('pointerdown', routePointer, true);

  //-----------------------------------------------------------------------------
  // [SECTION] Events from the viewer (host_protocol.hpp: one JSON object each)
  //-----------------------------------------------------------------------------
  function onArticle({ id, history: mode }) {
    const url = new URL(location.href);
    url.hash = id ? '#' + id : '';
    clearTimeout(pendingHash);
    embedNavigated(id);
    if (url.href === location.href) return;
    if (mode === 'push' && !embed.enabled) {
      history.pushState(null, '', url);
    } else {
      // While scrolling the article changes often: update the address once it settles
      // (history calls are slow and rate-limited, and do not belong in a frame).
      pendingHash = setTimeout(() => history.replaceState(null, '', url), 150);
    }
  }

  const eventHandlers = {
    layout: (geometry) => layer.onLayout(geometry),
    scroll: (request) => layer.onScrollRequest(request),
    article: onArticle,
    articleMissing: ({ id }) =>
      showToast(`この号に「${id}」という記事はありません。号の先頭を表示しています`, { long: true }),
    openIssue: ({ issue, article }) => openIssue({ issue, article }, { push: true }),
    overlays: ({ rects }) => {
      overlays = rects;
      if (!overlays.length) scroller.style.pointerEvents = '';
      else routePointer(null);
    },
    searchOpen: onSearchOpen,
    searchClose: onSearchClose,
    archiveNeeded: loadArchive,
    indexYears: loadIndexYears,
    read: ({ issue, article }) => keepReading(DigestReading.markRead(issue, article)),
    unfinished: ({ place }) => keepReading(DigestReading.setUnfinished(place)),
    clearReading: () => keepReading(DigestReading.clear()).then(() => { readingCleared(); readingCleared = () => {}; }),
    searchFiles: fetchSearchFiles,
    archiveExcerpts: fetchExcerpts,
    searchDone: onSearchDone,
    retry: () => { if (lastRequest) openIssue(lastRequest); },
    theme: ({ theme }) => setPageTheme(theme),
    saveOffline: (event) => offlineUI.save(event),
    removeOffline: (event) => offlineUI.remove(event),
    glyphs: ({ regular, bold }) => fontSlices.wanted({ regular: String(regular || ''), bold: String(bold || '') }),
  };

  window.addEventListener('popstate', () => {
    if (!viewer || !current) return;
    const request = readLocation();
    let sameIssue = false;
    if (request.src) {
      sameIssue = new URL(request.src, location.href).href === current.source;
    } else {
      const resolved = viewer.resolveIssue(request.issue);
      sameIssue = resolved.id === current.id;
    }
    if (sameIssue) viewer.goArticle(request.article);
    else openIssue(request);
  });

  // Copying links: the article's share page, which unfurls in chat with its title and
  // card and goes on to the viewer (#section anchors travel along); else the viewer's.
  function articleLink(id, article) {
    if (current && current.shareable && article) {
      const url = new URL(`a/${current.id}/${article}.html`, location.href);
      if (id !== article) url.hash = '#' + id;
      return url.href;
    }
    return urlFor(current ? current.id : null, id).href;
  }

  // A short message at the bottom, also said by screen readers (role=status: the
  // element stays in the page, only its text changes). `hold`: shown until the next
  // message (work in progress), else for 2.5 s (4 s when it reports a failure).
  let toastTimer = 0;
  function showToast(text, { hold = false, long = false } = {}) {
    const toast = $('toast');
    toast.textContent = text;
    toast.classList.add('shown');
    clearTimeout(toastTimer);
    if (hold) return;
    toastTimer = setTimeout(() => {
      toast.classList.remove('shown');
      toast.textContent = '';
    }, long ? 4000 : 2500);
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      // Older or stricter contexts: a selected textarea and execCommand.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      return ok;
    }
  }


  //-----------------------------------------------------------------------------
  // [SECTION] Embedded in another site: options, header, height=auto, messages
  //-----------------------------------------------------------------------------
  // The host (the page framing this one) is known by its exact origin and must be in
  // config.json's embedHosts; the server's frame-ancestors refuses the others before
  // this script runs. Messages are postMessage API v1 (docs/embed.md).
  const HEADER_HEIGHT = 40;
  const embed = {
    enabled: pageOptions.embed,
    heightAuto: pageOptions.heightAuto,
    host: null,          // the host's origin, once known to be allowed
    hosts: [],           // config.json embedHosts
    rejected: 0,         // messages ignored: wrong origin, shape, type or size
    received: 0,         // messages accepted
    applied: 0,          // of those, applied (the last of a kind in a frame)
    handleLinks: false,  // the host asked to handle links itself (link messages)
    readySent: false,
    lastNavigate: '',
    lastHeight: 0,
  };
  const embedState = () => ({
    enabled: embed.enabled, heightAuto: embed.heightAuto, host: embed.host, rejected: embed.rejected,
    received: embed.received, applied: embed.applied, handleLinks: embed.handleLinks,
  });
  const framed = window.parent !== window;
  const siteConfig = { sources: [] };
  if (embed.enabled) {
    document.body.classList.add('embed');
    if (embed.heightAuto) document.documentElement.classList.add('height-auto');
    $('embed-header').hidden = false;
  }

  // The canvas's top in the window (embedded: below the header), for the positions the
  // viewer gives in canvas pixels.
  function canvasTop() {
    if (!embed.enabled) return 0;
    return embed.heightAuto ? HEADER_HEIGHT + autoBand.top : HEADER_HEIGHT;
  }

  // config.json beside the page, read when needed: the hosts allowed to frame and drive
  // the viewer, and the other origins ?src= may load from.
  async function readConfig() {
    const src = new URLSearchParams(location.search).get('src');
    let foreignSource = false;
    try { foreignSource = Boolean(src) && new URL(src, location.href).origin !== location.origin; } catch (error) { /* reported later */ }
    if (!framed && !foreignSource) return;
    try {
      const config = JSON.parse(new TextDecoder().decode(await fetchBytes('config.json', null)));
      const origins = (list) => (Array.isArray(list) ? list.filter((o) => typeof o === 'string') : []);
      embed.hosts = origins(config.embedHosts);
      siteConfig.sources = origins(config.sources);
    } catch (error) {
      console.warn(`digest viewer: config.json: ${error.message}; no host may drive this viewer, ?src= stays on this site`);
    }
    if (!framed) return;
    // The parent's origin: ancestorOrigins where the browser has it, else the referrer's.
    let parent = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
    if (!parent && document.referrer) {
      try { parent = new URL(document.referrer).origin; } catch (error) { parent = null; }
    }
    if (parent && embed.hosts.includes(parent)) {
      embed.host = parent;
      embedPost('loading', {});  // embed.js hears the viewer runs; ready follows
    } else {
      console.warn(`digest viewer: framed by ${parent || 'an unknown origin'}, which is not in embedHosts ` +
        '(config.json, written by make site from SITE_CONFIG, web/config.json by default); no messages');
    }
  }

  function embedPost(type, fields) {
    if (!embed.host) return;
    window.parent.postMessage(Object.assign({ type }, fields, { source: 'digest-viewer', version: 1 }), embed.host);
  }

  // An issue is on screen: the header, and ready (once) / navigate for the host. The
  // article asked for is where the viewer is going (it may get there a frame later).
  function embedOpened(s, requestedArticle) {
    pageOptions.article = null;  // consumed: later URLs carry their own #fragment
    if (requestedArticle) s.article = requestedArticle;
    if (embed.enabled) {
      $('embed-date').textContent = s.date || '';
      $('embed-older').disabled = !s.older;
      $('embed-newer').disabled = !s.newer;
      updateFullLink(s.issue, s.article);
    }
    if (!embed.host) return;
    if (!embed.readySent) {
      embed.readySent = true;
      embed.lastNavigate = `${s.issue}#${s.article || ''}`;
      embedPost('ready', { issue: s.issue, article: s.article });
    } else {
      embedNavigated(s.article || '');
    }
  }

  function embedNavigated(article) {
    if (!current) return;
    if (embed.enabled) updateFullLink(current.id, article);
    const key = `${current.id}#${article || ''}`;
    if (!embed.host || !embed.readySent || key === embed.lastNavigate) return;
    embed.lastNavigate = key;
    embedPost('navigate', { issue: current.id, article: article || null });
  }

  function embedError(message) {
    embedPost('error', { message: String(message).slice(0, 500) });
  }

  // The same issue and article in the full viewer, in a new tab.
  function updateFullLink(issue, article) {
    const url = new URL('./', location.href);
    url.searchParams.set('issue', issue);
    url.hash = article ? '#' + article : '';
    $('embed-full').href = url.href;
  }

  for (const neighbour of ['older', 'newer']) {
    $('embed-' + neighbour).addEventListener('click', () => {
      const id = state()[neighbour];
      if (id) openIssue({ issue: id, article: '' });
    });
  }

  // --- height=auto: the page is as tall as the issue; the host page scrolls ---------
  // The canvas covers only the part of the page in view (plus a margin), found with
  // IntersectionObserver on tiles of the page (it works across origins; a single
  // target would report nothing while the frame's middle scrolls by).
  const TILE = 256;
  const autoBand = { top: 0, height: 0, pageHeight: 0 };
  let tileObserver = null;
  const tileBounds = new Map();  // tile index -> [top, bottom] visible in page pixels

  // An invisible 1 px wide element of the page, made on first use (tiles, scroll mark).
  function helperElement(id) {
    let element = $(id);
    if (!element) {
      element = document.createElement('div');
      element.id = id;
      element.setAttribute('aria-hidden', 'true');
      element.style.cssText = 'position:absolute;left:0;width:1px;height:1px;pointer-events:none;visibility:hidden';
      document.body.append(element);
    }
    return element;
  }

  function layOutAutoHeight(geometry) {
    autoBand.pageHeight = geometry.height;
    scroller.style.height = geometry.height + 'px';
    const height = HEADER_HEIGHT + geometry.top + Math.ceil(geometry.height);
    if (height !== embed.lastHeight) {
      embed.lastHeight = height;
      embedPost('resize', { height });
    }
    // Tiles over the page, observed in place.
    const count = Math.max(1, Math.ceil(geometry.height / TILE));
    if (!tileObserver) {
      tileObserver = new IntersectionObserver(onTiles, { threshold: [0, 0.25, 0.5, 0.75, 1] });
    }
    const tiles = helperElement('embed-tiles');
    // Clipped to the page, so that the last tile adds no height to the document.
    tiles.style.top = HEADER_HEIGHT + geometry.top + 'px';
    tiles.style.height = Math.ceil(geometry.height) + 'px';
    tiles.style.overflow = 'hidden';
    while (tiles.childElementCount > count) tileObserver.unobserve(tiles.lastElementChild), tiles.lastElementChild.remove();
    while (tiles.childElementCount < count) {
      const tile = document.createElement('div');
      tile.dataset.tile = String(tiles.childElementCount);
      tile.style.cssText = `position:absolute;left:0;width:1px;top:${tiles.childElementCount * TILE}px;height:${TILE}px`;
      tiles.append(tile);
      tileObserver.observe(tile);
    }
    placeBand(true);
  }

  function onTiles(entries) {
    for (const entry of entries) {
      const index = Number(entry.target.dataset.tile);
      if (!entry.isIntersecting) { tileBounds.delete(index); continue; }
      const top = index * TILE + (entry.intersectionRect.top - entry.boundingClientRect.top);
      tileBounds.set(index, [top, top + entry.intersectionRect.height]);
    }
    placeBand(false);
  }

  // Moves the canvas over what is in view when that has left it (or `force`).
  function placeBand(force) {
    let top = Infinity;
    let bottom = -Infinity;
    for (const [t, b] of tileBounds.values()) { top = Math.min(top, t); bottom = Math.max(bottom, b); }
    if (top === Infinity) { top = 0; bottom = Math.min(autoBand.pageHeight, innerHeight); }
    const height = Math.min(autoBand.pageHeight, Math.max(screen.height, bottom - top) + 2 * TILE);
    const covered = top >= autoBand.top && bottom <= autoBand.top + autoBand.height;
    if (!force && covered && height === autoBand.height) return;
    const centred = (top + bottom) / 2 - height / 2;
    autoBand.top = Math.round(Math.max(0, Math.min(autoBand.pageHeight - height, centred)));
    autoBand.height = height;
    const canvas = $('canvas');
    canvas.style.top = HEADER_HEIGHT + autoBand.top + 'px';
    canvas.style.height = height + 'px';
    if (viewer) viewer.setScroll(autoBand.top);
  }

  // The viewer asked to show page position y (a key, an article link): bring it into
  // the host's view, if the browser lets a framed page scroll its host -- only while
  // the reader is using the frame: opening the issue must not move the host's page.
  function scrollHostTo(y, behavior) {
    if (!document.hasFocus()) return;
    const mark = helperElement('embed-mark');
    mark.style.top = HEADER_HEIGHT + y + 'px';
    mark.scrollIntoView({ block: 'start', behavior: behavior === 'smooth' ? 'smooth' : 'auto' });
  }

  // --- messages from the host --------------------------------------------------------
  // Each type: the keys it may have and a check of its fields. Anything else -- another
  // origin or window, not a plain object, unknown type or key, wrong field type, too
  // big -- is ignored and counted.
  const HOST_MESSAGES = {
    open: { keys: ['issue', 'article'], valid: (m) => isId(m.issue) && (m.article === undefined || m.article === null || isId(m.article)) },
    setTheme: { keys: ['theme'], valid: (m) => ['light', 'dark', 'auto'].includes(m.theme) },
    setFontScale: { keys: ['scale'], valid: (m) => typeof m.scale === 'number' && m.scale >= 0.75 && m.scale <= 2 },
    handleLinks: { keys: ['enabled'], valid: (m) => typeof m.enabled === 'boolean' },
  };

  // Checked by type, key by key, before anything reads the whole message: a valid
  // message is a few small fields, so nothing big is ever serialised or walked (the
  // size check once ran JSON.stringify over whatever came).
  function acceptable(event) {
    if (!embed.host || event.origin !== embed.host || event.source !== window.parent) return null;
    const m = event.data;
    if (m === null || typeof m !== 'object' || Array.isArray(m) || Object.getPrototypeOf(m) !== Object.prototype) return null;
    if (typeof m.type !== 'string' || !Object.hasOwn(HOST_MESSAGES, m.type)) return null;
    const spec = HOST_MESSAGES[m.type];
    let keys = 0;
    for (const key in m) {
      if (++keys > spec.keys.length + 1 || (key !== 'type' && !spec.keys.includes(key))) return null;
    }
    return spec.valid(m) ? m : null;
  }

  // Accepted messages wait for the next frame, the last of each type only: a host that
  // sends 100,000 setFontScale in a burst costs one relayout, not 100,000 (2.35 s of
  // main thread). Types keep the order of their last message.
  const waitingMessages = new Map();
  let messagesScheduled = false;
  function applyWaitingMessages() {
    messagesScheduled = false;
    const messages = [...waitingMessages.values()];
    waitingMessages.clear();
    for (const m of messages) {
      if (!viewer) return;
      embed.applied += 1;
      applyHostMessage(m);
    }
  }

  window.addEventListener('message', (event) => {
    const m = acceptable(event);
    if (!m) { embed.rejected += 1; return; }
    embed.received += 1;
    waitingMessages.delete(m.type);
    waitingMessages.set(m.type, m);
    if (messagesScheduled) return;
    messagesScheduled = true;
    // A frame, or soon when frames are not coming (a hidden iframe).
    let done = false;
    const once = () => { if (!done) { done = true; applyWaitingMessages(); } };
    requestAnimationFrame(once);
    setTimeout(once, 100);
  });

  function applyHostMessage(m) {
    switch (m.type) {
      case 'open':
        if (current && m.issue === current.id) {
          viewer.goArticle(m.article);
          setAddress(urlFor(m.issue, m.article || ''), false);
          embedNavigated(m.article || '');
        } else {
          openIssue({ issue: m.issue, article: m.article || '' });
        }
        break;
      case 'setTheme':
        viewer.setTheme(m.theme);
        setPageTheme(m.theme === 'auto' ? null : m.theme);
        break;
      case 'setFontScale':
        viewer.setFontScale(m.scale);
        break;
      case 'handleLinks':
        embed.handleLinks = m.enabled;
        break;
    }
  }

  // The page's options, given to the viewer before its first issue.
  function applyPageOptions() {
    if (pageOptions.theme) viewer.setTheme(pageOptions.theme);
    if (pageOptions.fontScale) viewer.setFontScale(pageOptions.fontScale);
    if (!embed.enabled) return;
    const answer_ = viewer.setEmbed({ embedded: true, accent: pageOptions.accent });
    if (answer_ && answer_.ok && answer_.accent && answer_.accent.light) {
      // Set through the CSSOM (the policy refuses inline style sheets).
      document.documentElement.style.setProperty('--accent-light', answer_.accent.light);
      document.documentElement.style.setProperty('--accent-dark', answer_.accent.dark);
      document.documentElement.classList.add('accented');
    }
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Offline (web/offline_ui.js; web/offline.js, web/sw.js)
  //-----------------------------------------------------------------------------
  const offlineUI = window.DigestOfflineUI.create({
    viewer: () => viewer,
    current: () => current,
    networkFailed: () => networkFailed,
    networkRestored: () => { networkFailed = false; },
    showToast: (text, options) => showToast(text, options),
    urlFor,
    fontFiles: (source) => fontSlices.filesFor(source),
    indexUrl: INDEX_URL,
  });

  //-----------------------------------------------------------------------------
  // [SECTION] Warm start: the last screen, painted before the canvas is ready
  //-----------------------------------------------------------------------------
  // When the page goes away, the viewer gives the text layer of the screen the reader
  // is on, with what it was laid out for. Next time, if the same issue opens at its
  // remembered place (no #fragment), in a window as wide, from the same build, that
  // text is painted at once (web/prepaint.js) -- real text, exactly where the canvas
  // will draw it -- and the canvas takes over when its first frame is ready: nothing moves.

  function saveSnapshot() {
    if (!viewer || !current) return;
    const snapshot = viewer.snapshot();
    const request = readLocation();
    if (!snapshot || request.src) return;
    Object.assign(snapshot, {
      build: BUILD.version,
      width: innerWidth,
      path: new URL(current.source).pathname.split('/issues/').pop(),
    });
    try { localStorage.setItem(DigestPrepaint.snapshotKey, JSON.stringify(snapshot)); } catch (error) { /* not kept */ }
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Start-up
  //-----------------------------------------------------------------------------
  // The archive index goes to the viewer, which validates and owns it; a rejected
  // index is never routed through (?src= still works without one).
  function giveIndex(bytes) {
    if (!bytes) {
      indexError = `${INDEX_URL}: アーカイブを読み込めませんでした`;
      return;
    }
    const result = viewer.setIndex(bytes) || { ok: false, error: 'the viewer stopped' };
    indexError = result.ok ? null : result.error;
    if (!result.ok) console.warn(result.error);
  }

  // Without WebGL2 (or its shaders) nothing can be drawn: say so, and offer the
  // issue as a static page.
  function cannotDraw(startup, request) {
    const cause = startup.reason === 'webgl2'
      ? 'このブラウザではページを描画できません(WebGL2 が使えません)。'
      : `このブラウザではページを描画できません(${startup.message || 'WebGL2 のシェーダーが動きません'})。`;
    showFatal(`${cause}\n同じ号を、静的なページで読めます。`, staticPageFor(request));
    $('retry').hidden = true;
  }

  // Where the issue asked for was found ("latest" -> "2026-11-25.json"): next time its
  // download starts at once (DigestPrepaint.path), used only if the viewer resolves
  // the request the same way.
  function rememberPath(request, path) {
    try { if (!request.src) localStorage.setItem(DigestPrepaint.rememberKey(request), path); } catch (error) { /* not kept */ }
  }

  // The issue (and its font slice) to download before the viewer runs, at the guessed
  // path. Resolves to { source, bytes (a promise) } or null.
  async function earlyIssue(pathGuess) {
    const path = await pathGuess;
    if (!path) return null;
    const source = new URL('issues/' + path, location.href).href;
    const bytes = fetchBytes(source, 'issue');
    bytes.catch(() => {});
    fontSlices.prefetch(fontSlices.issueSlice(source));
    return { source, bytes };
  }

  async function start() {
    const request = readLocation();
    const hostsRead = readConfig();
    try {
      const fontPromise = fontSlices.fetchFirst();
      fontSlices.prefetchTable();
      // Preloaded by the page and read by prepaint.js (which also guessed the issue's
      // file); here as bytes for the viewer to validate.
      const indexPromise = (DigestPrepaint.index || fetchBytes(INDEX_URL, null)).catch(() => null);
      const early = earlyIssue(DigestPrepaint.path);
      // The first screen painted by prepaint.js (waited for a moment at most).
      const prepainted = embed.enabled ? null : await DigestPrepaint.painted;
      timing.prepainted = prepainted ? prepainted.kind : false;
      if (!prepainted) $('loading').hidden = false;
      // Let the painted snapshot reach the screen before the wasm starts (its start-up
      // holds the main thread); its downloads are already under way.
      if (prepainted) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const bridge = await DigestBridge.start({
        canvas: $('canvas'),
        locateFile: (path) => asset(path),
        handlers: eventHandlers,
        onStopped: viewerStopped,
        print: (text) => console.log(text),
        printErr: (text) => { lastStderr = text; console.warn(text); },
        noteStoredRead,  // src/platform/browser.cpp, as it reads a setting
      });
      if (stopped) return;  // it stopped while starting: the stopped screen says so
      viewer = bridge;
      progress.wasm = 1;
      showProgress();
      timing.wasmReady = performance.now();
      applyPageOptions();
      giveIndex(await indexPromise);
      startReadingLog();
      const startup = viewer.startup();
      if (!startup.ok) {
        cannotDraw(startup, request);
        hostsRead.then(() => embedError(fatalError));
        return;
      }
      // The issue downloads while the font finishes (or already did, if the guess holds).
      const issuePromise = (async () => {
        if (request.src) await hostsRead;  // which origins ?src= may use
        const source = await issueSource(request);
        if (!request.src) rememberPath(request, new URL(source).pathname.split('/issues/').pop());
        const guessed = await early;
        const guessHolds = guessed && guessed.source === source;
        return { source, bytes: await (guessHolds ? guessed.bytes : fetchBytes(source, 'issue')) };
      })();
      issuePromise.catch(() => {});  // reported by openIssue below
      if (!fontSlices.giveFirst(await fontPromise)) throw new ReaderError('フォントを読み込めませんでした');
      timing.fontReady = performance.now();
      // Painted with the bold weight last time: the canvas's first frame sets titles in
      // it too, so its lines are where the painted ones are.
      if (prepainted && prepainted.bold) await fontSlices.loadBold();
      await hostsRead;
      await openIssue(request, { prefetched: issuePromise });
      timing.issueReady = performance.now();
      $('loading').hidden = true;
      // The viewer's frame is already queued for this animation frame: this callback
      // runs right after it, when the first text is on screen.
      requestAnimationFrame(() => {
        timing.canvasFirstText = performance.now();
        // Painted text the browser never reported (Element Timing is not given for a
        // page in the background) counts from the canvas's own first text.
        if (!prepainted || DigestPrepaint.firstText() === null) {
          timing.firstText = timing.canvasFirstText;
          performance.mark('digest:first-text');
        }
        DigestPrepaint.end();
        // The text layer's fonts (the same slices' bytes), and the bold weight: not
        // needed for the first text (titles and headings are drawn emboldened until it
        // arrives, then set in it).
        setTimeout(() => fontSlices.registerTextFaces(), 0);
        setTimeout(() => fontSlices.loadBold(), 0);
        if (!embed.enabled) setTimeout(offlineUI.start, 0);
      });
      scroller.focus({ preventScroll: true });
    } catch (error) {
      if (stopped) return;  // said already, with the reason
      const message = error instanceof ReaderError ? error.message : String(error && error.message || error);
      showFatal(message);
      await hostsRead;
      embedError(message);
    } finally {
      if (!current) DigestPrepaint.end();
      resolveReady();
    }
  }

  $('retry').addEventListener('click', () => location.reload());
  $('clear-stored').addEventListener('click', clearStoredAndReload);
  // Keep the reading position when the page goes away or to the background.
  const saveState = () => {
    clearTimeout(saveTimer);
    if (!viewer || !current) return;
    viewer.saveState();
    saveSnapshot();
  };
  // Also once the reader has stopped scrolling for a moment (and after a relayout):
  // a browser that crashes or is killed sends no pagehide.
  let saveTimer = 0;
  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 1000);
  }
  window.addEventListener('pagehide', saveState);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveState(); });

  //-----------------------------------------------------------------------------
  // [SECTION] window.digestViewer
  //-----------------------------------------------------------------------------
  // The links visible on the canvas, in CSS pixels of the canvas: [{x, y, width, height,
  // action: "open"|"copy", target}]. Used by tests.
  function links() {
    if (!viewer) return [];
    return viewer.links();
  }

  // Opens search with `text` in scope "issue" (default) or "archive". For the archive,
  // resolves once every result is listed in state().search.results.
  async function search(text, scope) {
    await ready;
    if (!viewer || !current) return;
    const archive = scope === 'archive';
    const done = archive ? new Promise((resolve) => searchesWaiting.push({ resolve })) : null;
    viewer.openSearch();
    viewer.searchScope(archive ? 'archive' : 'issue');
    searchInput.value = text;
    sendSearchText();
    if (done) await done;
  }

  window.digestViewer = {
    ready,
    build: BUILD.version,
    state,
    links,
    search,
    // Measurements for tools/bench_browser.mjs: first text time and frame CPU times.
    timing: () => {
      const known = [timing.firstText, DigestPrepaint.firstText()].filter((t) => t !== null);
      return Object.assign({}, timing, { firstText: known.length ? Math.min(...known) : null }, viewer ? {
        ...viewer.frameStats(),
        heapBytes: viewer.heapBytes(),  // the wasm memory, as grown so far
      } : {});
    },
    // Forgets what was read on this device (read marks, 続きから読む), as the archive
    // panel's 記録を消す does; resolves once it is gone from storage.
    clearReading: async () => {
      await ready;
      if (!viewer) return;
      const cleared = new Promise((resolve) => { readingCleared = resolve; });
      viewer.clearReading();
      await cleared;
    },
    // Opens an issue (id or "latest") and optionally an article; resolves to true when shown.
    open: async (issue, article) => {
      await ready;
      if (!viewer) return false;
      if (current && issue === current.id && article) {
        viewer.goArticle(article);
        setAddress(urlFor(issue, article), true);
        return true;
      }
      return openIssue({ issue, article: article || '' }, { push: true });
    },
  };
  start();
})();
