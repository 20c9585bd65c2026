// Start-up and composition of the page around the viewer.
//
// Fetches the wasm module, the fonts, the archive index and the issue with real
// progress, starts the viewer through web/bridge.js (the only code that touches the
// wasm module) and opens issues; creates the page's parts with what each needs and
// routes the viewer's events to them: routing (router.js), embedding (embedded.js),
// the error screen (failure.js), fetching (resources.js), the text layer and pointer
// routing (text_layer.js), the search input (search_input.js), the archive and the
// reading log (archive.js), offline reading (offline_ui.js), the font slices
// (fonts.js), short messages and the clipboard (notices.js). Exposes window.digestViewer
// for tests and hosts. Each call and event is listed in src/platform/host_protocol.hpp
// and docs/host-protocol.md.
//
// The parts are classic scripts with one namespace each (window.DigestX.create(env)),
// not ES modules: prepaint.js must run synchronously before the first paint, the
// service worker precaches a fixed list of content-hashed files, and the page's CSP
// and the tests' offline reloads stay as they are. Each part keeps its own state; it
// reaches the viewer and the others only through the functions it was given.
//
// [SECTION] Page options (read by web/router.js: docs/embed.md lists them)
// [SECTION] Routing (web/router.js)
// [SECTION] Embedded in another site (web/embedded.js)
// [SECTION] Progress, errors and fetching
// [SECTION] Calling into the viewer
// [SECTION] Opening an issue
// [SECTION] The scroller and its text layer (web/text_layer.js)
// [SECTION] Search input (web/search_input.js)
// [SECTION] Archive and reading log (web/archive.js)
// [SECTION] Events from the viewer
// [SECTION] Links to copy (short messages: web/notices.js)
// [SECTION] Offline (web/offline_ui.js; web/offline.js, web/sw.js)
// [SECTION] Warm start: the last screen, painted before the canvas is ready
// [SECTION] Start-up
// [SECTION] window.digestViewer
// @ts-check
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  // The build's id and its assets' content-hashed names (tools/stamp_web.py).
  const BUILD = (() => {
    try {
      return JSON.parse($('build').textContent);
    } catch (error) {
      return { version: 'unstamped', assets: {} };
    }
  })();
  const asset = (name) => BUILD.assets[name] || name;

  const progress = { font: 0, wasm: 0, issue: 0 };
  let viewer = null; // the bridge to the running viewer (web/bridge.js)
  let current = null; // { id, source, shareable } of the issue on screen
  let lastRequest = null; // for Retry
  // Milliseconds since navigation start, for benchmarks.
  // firstText: the first article text on screen, painted from a snapshot (prepainted:
  // 'warm' from the last visit, 'cold' from the issue's prepaint file) or by the canvas
  // (canvasFirstText), whichever came first.
  const timing = {
    wasmReady: null,
    fontReady: null,
    issueReady: null,
    firstText: null,
    canvasFirstText: null,
    prepainted: false,
  };
  let resolveReady;
  const ready = new Promise((resolve) => {
    resolveReady = resolve;
  });

  // The page's colours follow the reader's choice from the first paint (the viewer
  // confirms it with a theme event once it runs).
  function setPageTheme(theme) {
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Page options (read by web/router.js: docs/embed.md lists them)
  //-----------------------------------------------------------------------------
  const pageOptions = DigestRouter.readPageOptions();
  if (pageOptions.theme) setPageTheme(pageOptions.theme === 'auto' ? null : pageOptions.theme);

  //-----------------------------------------------------------------------------
  // [SECTION] Routing (web/router.js)
  //-----------------------------------------------------------------------------
  const router = window.DigestRouter.create({
    pageOptions,
    viewer: () => viewer,
    current: () => current,
    embedded: () => embedded,
    openIssue: (request) => openIssue(request),
    loadIndexYears: (request) => archive.loadIndexYears(request),
  });
  const { readLocation, setAddress, urlFor, giveIndex, issueSource, staticPageFor } = router;

  //-----------------------------------------------------------------------------
  // [SECTION] Embedded in another site (web/embedded.js)
  //-----------------------------------------------------------------------------
  const embedded = window.DigestEmbedded.create({
    pageOptions,
    viewer: () => viewer,
    current: () => current,
    state: () => state(),
    scroller: () => scroller,
    fetchBytes: (url, key) => fetchBytes(url, key),
    openIssue: (request) => openIssue(request),
    setAddress,
    urlFor,
    setPageTheme,
  });

  // The page's options, given to the viewer before its first issue.
  function applyPageOptions() {
    if (pageOptions.theme) viewer.setTheme(pageOptions.theme);
    if (pageOptions.fontScale) viewer.setFontScale(pageOptions.fontScale);
    embedded.tellViewer(viewer);
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Progress, errors and fetching
  //-----------------------------------------------------------------------------
  function showProgress() {
    /** @type {HTMLProgressElement} */ ($('loading-bar')).value =
      progress.font * 0.6 + progress.wasm * 0.3 + progress.issue * 0.1;
  }

  // Short messages, the clipboard and the 対策 list's export (web/notices.js).
  const { showToast, copyText, exportActions } = window.DigestNotices.create();

  // The full-screen error (web/failure.js).
  const failure = window.DigestFailure.create({
    urlFor,
    latest: () => (viewer ? viewer.resolveIssue('latest') : { error: 'stopped' }),
  });
  const { noteStoredRead } = failure;

  // The wasm stopped (out of memory, or a fault that aborts it): nothing can be drawn
  // or asked of it any more; the error screen says why, and nothing calls into it
  // again (state() answers from here).
  let stopped = false;
  let lastStderr = ''; // the viewer says why on standard error before it aborts
  function viewerStopped(what) {
    if (stopped) return;
    stopped = true;
    viewer = null;
    failure.showStopped(what, lastStderr);
    embedded.error(failure.message());
  }

  const { ReaderError, issueUrl, issuePath } = DigestResources;
  const resources = window.DigestResources.create({
    onProgress: (key, fraction) => {
      progress[key] = fraction;
      showProgress();
    },
    viewer: () => viewer,
  });
  const { fetchBytes } = resources;

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
      return {
        issue: null,
        article: null,
        theme: null,
        fontScale: 1,
        framesDrawn: 0,
        error: failure.message(),
        embed: embedded.state(),
      };
    }
    const s = viewerState();
    if (failure.message()) s.error = failure.message();
    s.embed = embedded.state();
    s.textLayer = layer.state();
    s.followSelection = followSelection.state();
    s.listen = listen
      ? listen.state()
      : { on: false, paused: false, current: -1, sentence: null, following: true, rate: null, voice: null };
    s.scrollScale = scrollSpace.scale;
    s.fonts = fontSlices.state();
    s.mirror = mirror.state();
    return s;
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Opening an issue
  //-----------------------------------------------------------------------------
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
      if (stopped) return false; // the stopped screen says what happened
      if (!ok) throw new ReaderError(viewerState().error || 'この号を読み込めませんでした');
      await fontSlices.completeIssue(slice);
      const s = viewerState();
      // Issues of this site have share pages (digest share); ?src= ones do not.
      current = { id: s.issue, source, shareable: !request.src };
      failure.hide();
      document.title = `${s.title || 'Tech Digest'} ${s.date || ''}`.trim();
      document.querySelector('meta[name="description"]').setAttribute('content', s.description || '');
      const target = request.src ? new URL(location.href) : urlFor(s.issue, request.article);
      if (request.src) target.hash = request.article ? '#' + request.article : '';
      setAddress(target, push);
      embedded.opened(s, request.article);
      // The viewer's frame with this issue is queued for the next animation frame; this
      // callback runs right after it, so the canvas shows with its text already drawn.
      requestAnimationFrame(() => {
        document.documentElement.classList.add('canvas-drawn');
        fontSlices.prefetchTable();
      });
      return true;
    } catch (error) {
      if (stopped) return false; // the stopped screen says what happened
      const wanted = request.src || request.issue || '最新号';
      const message =
        error.offline && !error.yearFile
          ? `ネットワークにつながっていないため、この号(${wanted})を開けません。`
          : error instanceof ReaderError
            ? error.message
            : String((error && error.message) || error);
      const offlineHint = error.offline ? '\nオフラインで読める号は、アーカイブ(号)で ✓ が付いています。' : '';
      embedded.error(message);
      if (!current) {
        failure.show(message);
        if (error.missing) failure.showWaysOn(error.missing);
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
    heightAuto: () => embedded.heightAuto,
    headerHeight: () => embedded.headerHeight(),
    canvasTop: () => embedded.canvasTop(),
    layOutAutoHeight: (geometry) => embedded.layOutAutoHeight(geometry),
    scrollHostTo: (y, behavior) => embedded.scrollHostTo(y, behavior),
    scheduleSave: () => scheduleSave(),
    hostTakesLink: (url) => embedded.hostTakesLink(url),
    copyLink: (id, article) =>
      copyText(articleLink(id, article)).then((ok) =>
        showToast(ok ? 'リンクをコピーしました' : 'リンクをコピーできませんでした'),
      ),
    openIssue: (issue, article) => openIssue({ issue, article }, { push: true }),
  });
  const { scroller, scrollSpace } = layer;
  // 「フォロー」 on a term selected in the text layer (web/follow_selection.js).
  const followSelection = window.DigestFollowSelection.create({
    layer: $('text-layer'),
    enabled: () => !!viewer && !embedded.enabled,
    follow: (topic) => viewer && viewer.follow(topic, true),
    announce: (message) => showToast(message),
  });

  //-----------------------------------------------------------------------------
  // [SECTION] Search input (web/search_input.js)
  //-----------------------------------------------------------------------------
  const searchInput = window.DigestSearchInput.create({
    viewer: () => viewer,
    current: () => current,
    ready,
    canvasTop: () => embedded.canvasTop(),
    scroller: () => scroller,
    searchPanel: () => mirror.rectOf('search'),
  });

  // The canvas's controls as elements for screen readers and the keyboard (web/mirror.js).
  const mirror = window.DigestMirror.create({
    viewer: () => viewer,
    canvasTop: () => embedded.canvasTop(),
    scroller: () => scroller,
    searchInput: () => $('search-input'),
  });

  //-----------------------------------------------------------------------------
  // [SECTION] Archive and reading log (web/archive.js)
  //-----------------------------------------------------------------------------
  const archive = window.DigestArchive.create({
    viewer: () => viewer,
    fetchBytes,
    noteStoredRead,
    checklistHeadings: BUILD.checklistHeadings,
  });

  // 読み上げ (web/listen.js): the platform's speech, the player bar, 続きから聞く. Loaded
  // when the reader first asks for it: the first view does not carry it.
  let listen = null;
  let listenLoading = null;
  function listener() {
    listenLoading ||= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = asset('listen.js');
      script.onload = () => {
        listen = window.DigestListen.create({
          viewer: () => viewer,
          issueId: () => (current ? current.id : ''),
          announce: (message, options) => showToast(message, options),
          enabled: () => pageOptions.listen,
          reading: window.DigestReading,
          textLayer: $('text-layer'),
          onChange: (on) => $('embed-listen').setAttribute('aria-pressed', String(on)),
          visibleFoot: () => embedded.visibleFoot(),
        });
        embedded.onVisibleChange(() => listen.place());
        resolve(listen);
      };
      script.onerror = () => {
        listenLoading = null; // the next press tries again
        reject(new Error('listen.js did not load'));
      };
      document.body.append(script);
    });
    return listenLoading;
  }
  function toggleListening() {
    if (!pageOptions.listen) return;
    listener().then(
      (l) => l.toggle(),
      () => showToast('読み上げを始められませんでした。接続を確かめてもう一度押してください'),
    );
  }
  // Embedded: the header's 読み上げ (the canvas has no top bar), unless the portal turned it off.
  if (pageOptions.embed && pageOptions.listen) {
    $('embed-listen').hidden = false;
    $('embed-listen').addEventListener('click', toggleListening);
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Events from the viewer (host_protocol.hpp: one JSON object each)
  //-----------------------------------------------------------------------------
  const eventHandlers = {
    ...resources.handlers,
    ...searchInput.handlers,
    ...archive.handlers,
    layout: (geometry) => layer.onLayout(geometry),
    scroll: (request) => layer.onScrollRequest(request),
    article: router.onArticle,
    articleMissing: ({ id }) =>
      showToast(`この号に「${id}」という記事はありません。号の先頭を表示しています`, { long: true }),
    openIssue: ({ issue, article }) => openIssue({ issue, article }, { push: true }),
    overlays: ({ rects }) => layer.onOverlays(rects),
    semantics: ({ nodes }) => mirror.onSemantics(nodes),
    checks: (event) => layer.onChecks(event),
    export: (event) => exportActions(event),
    retry: () => {
      if (lastRequest) openIssue(lastRequest);
    },
    theme: ({ theme }) => setPageTheme(theme),
    listen: ({ action }) => (action === 'stop' ? listen && listen.stop() : toggleListening()),
    saveOffline: (event) => offlineUI.save(event),
    removeOffline: (event) => offlineUI.remove(event),
    glyphs: ({ regular, bold }) => fontSlices.wanted({ regular: String(regular || ''), bold: String(bold || '') }),
  };

  //-----------------------------------------------------------------------------
  // [SECTION] Links to copy (short messages: web/notices.js)
  //-----------------------------------------------------------------------------
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

  //-----------------------------------------------------------------------------
  // [SECTION] Offline (web/offline_ui.js; web/offline.js, web/sw.js)
  //-----------------------------------------------------------------------------
  const offlineUI = window.DigestOfflineUI.create({
    viewer: () => viewer,
    current: () => current,
    networkFailed: resources.networkFailed,
    networkRestored: resources.networkRestored,
    showToast: (text, options) => showToast(text, options),
    urlFor,
    fontFiles: (source) => fontSlices.filesFor(source),
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
    // Not embedded: a warm start paints a whole window's screen (prepaint.js).
    if (!viewer || !current || embedded.enabled) return;
    const snapshot = viewer.snapshot();
    const request = readLocation();
    if (!snapshot || request.src) return;
    Object.assign(snapshot, {
      build: BUILD.version,
      width: innerWidth,
      path: issuePath(current.source),
    });
    try {
      localStorage.setItem(DigestConstants.storage.snapshot, JSON.stringify(snapshot));
    } catch (error) {
      /* not kept */
    }
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Start-up
  //-----------------------------------------------------------------------------
  // Where the issue asked for was found ("latest" -> "2026-11-25.json"): next time its
  // download starts at once (DigestPrepaint.path), used only if the viewer resolves
  // the request the same way.
  function rememberPath(request, path) {
    try {
      if (!request.src) localStorage.setItem(DigestPrepaint.rememberKey(request), path);
    } catch (error) {
      /* not kept */
    }
  }

  // The issue (and its font slice) to download before the viewer runs, at the guessed
  // path. Resolves to { source, bytes (a promise) } or null.
  async function earlyIssue(pathGuess) {
    const path = await pathGuess;
    if (!path) return null;
    const source = issueUrl(path);
    const bytes = fetchBytes(source, 'issue');
    bytes.catch(() => {});
    fontSlices.prefetch(fontSlices.issueSlice(source));
    return { source, bytes };
  }

  async function start() {
    const request = readLocation();
    const hostsRead = embedded.readConfig();
    try {
      const fontPromise = fontSlices.fetchFirst();
      // A preview has no slice of its own: its characters are looked up in the table.
      if (request.src) fontSlices.prefetchTable();
      // Preloaded by the page and read by prepaint.js (which also guessed the issue's
      // file); here as bytes for the viewer to validate.
      const indexPromise = (DigestPrepaint.index || fetchBytes(DigestConstants.paths.index, null)).catch(() => null);
      const early = earlyIssue(DigestPrepaint.path);
      // The first screen painted by prepaint.js (waited for a moment at most).
      const prepainted = await DigestPrepaint.painted;
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
        printErr: (text) => {
          lastStderr = text;
          console.warn(text);
        },
        noteStoredRead, // src/platform/browser.cpp, as it reads a setting
      });
      if (stopped) return; // it stopped while starting: the stopped screen says so
      viewer = bridge;
      progress.wasm = 1;
      showProgress();
      timing.wasmReady = performance.now();
      applyPageOptions();
      giveIndex(await indexPromise);
      archive.startReadingLog();
      const startup = viewer.startup();
      if (!startup.ok) {
        failure.cannotDraw(startup, staticPageFor(request));
        hostsRead.then(() => embedded.error(failure.message()));
        return;
      }
      // The issue downloads while the font finishes (or already did, if the guess holds).
      const issuePromise = (async () => {
        if (request.src) await hostsRead; // which origins ?src= may use
        const source = await issueSource(request);
        if (!request.src) rememberPath(request, issuePath(source));
        const guessed = await early;
        const guessHolds = guessed && guessed.source === source;
        return { source, bytes: await (guessHolds ? guessed.bytes : fetchBytes(source, 'issue')) };
      })();
      issuePromise.catch(() => {}); // reported by openIssue below
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
        if (!embedded.enabled) setTimeout(offlineUI.start, 0);
      });
    } catch (error) {
      if (stopped) return; // said already, with the reason
      const message = error instanceof ReaderError ? error.message : String((error && error.message) || error);
      failure.show(message);
      await hostsRead;
      embedded.error(message);
    } finally {
      if (!current) DigestPrepaint.end();
      resolveReady();
    }
  }

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
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveState();
  });

  //-----------------------------------------------------------------------------
  // [SECTION] window.digestViewer
  //-----------------------------------------------------------------------------
  // The links visible on the canvas, in CSS pixels of the canvas: [{x, y, width, height,
  // action: "open"|"copy", target}]. Used by tests.
  function links() {
    if (!viewer) return [];
    return viewer.links();
  }

  window.digestViewer = {
    ready,
    build: BUILD.version,
    state,
    links,
    search: searchInput.search,
    // Measurements for tools/bench_browser.mjs: first text time and frame CPU times.
    timing: () => {
      const known = [timing.firstText, DigestPrepaint.firstText()].filter((t) => t !== null);
      return Object.assign(
        {},
        timing,
        { firstText: known.length ? Math.min(...known) : null },
        viewer
          ? {
              ...viewer.frameStats(),
              heapBytes: viewer.heapBytes(), // the wasm memory, as grown so far
            }
          : {},
      );
    },
    // Forgets what was read on this device (read marks, 続きから読む), as the archive
    // panel's 記録を消す does; resolves once it is gone from storage.
    clearReading: async () => {
      await ready;
      await archive.clearReading();
    },
    // Follows (or, with on false, stops following) a term: new issues that mention it are
    // marked 新着 with it. Resolves to {ok, topic} or {ok: false, error}.
    follow: async (topic, on = true) => {
      await ready;
      return viewer ? viewer.follow(String(topic), on) : { ok: false, error: 'the viewer stopped' };
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
