// The first screen as text before the viewer runs (docs/prepaint.md): the screen of
// the last visit (a warm start) or the issue's first screen as `digest prepaint` laid
// it out when the site was built (a cold start), painted into the text layer exactly
// where the canvas will draw the same lines. Loaded before the other scripts, so its
// downloads start at once and it paints while they download. app.js takes over from
// window.DigestPrepaint.
//
// [SECTION] What this start will open
// [SECTION] Painting
// [SECTION] Warm and cold
'use strict';

window.DigestPrepaint = (() => {
  const $ = (id) => document.getElementById(id);
  const SNAPSHOT_KEY = 'digest.snapshot';
  const INDEX_URL = 'issues/index.json';
  // Pages taller than this get a scaled scroll space (app.js, docs/text-layer.md);
  // never painted from here.
  const MAX_SCROLL_HEIGHT = 8000000;
  // How long a cold start's file is waited for before the viewer draws the issue itself.
  const COLD_WAIT_MS = 500;
  const build = (() => {
    try { return JSON.parse($('build').textContent); } catch (error) { return { assets: {} }; }
  })();
  const storage = (key) => { try { return localStorage.getItem(key); } catch (error) { return null; } };

  // The reader's theme from the first paint (the viewer confirms it once it runs).
  const theme = storage('digest.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;

  //-----------------------------------------------------------------------------
  // [SECTION] What this start will open
  //-----------------------------------------------------------------------------
  const params = new URLSearchParams(location.search);
  const request = { issue: params.get('issue'), src: params.get('src') };
  // Embedded, at an article or section, or at another text size: the viewer does not
  // open at the issue's top as laid out here, so nothing is painted.
  const paintable = !request.src && !location.hash && params.get('article') === null &&
    params.get('embed') === null && params.get('fontScale') === null;

  // Where the issue asked for was found last time ("latest" -> "2026-11-25.json").
  const rememberKey = (wanted) => 'digest.path.' + (wanted.issue || 'latest');
  const rememberedPath = (wanted) => (wanted.src ? null : storage(rememberKey(wanted)));
  const issueFile = (name) => (typeof name === 'string' && /^[\w.-]+\.json$/.test(name) ? name : null);

  // The archive index, preloaded by the page: read once, here, and given to app.js.
  const index = request.src ? null : fetch(INDEX_URL, { credentials: 'same-origin' })
    .then(async (response) => (response.ok ? new Uint8Array(await response.arrayBuffer()) : null)).catch(() => null);

  // The file this start will open, guessed before the viewer runs: the path remembered
  // for the request; for "latest" on a first visit the newest issue when the site was
  // built (tools/stamp_web.py), else the index's newest; for an issue id, "<id>.json"
  // (what `digest index` lists for an issue file named by its id), else its entry in
  // the index. A guess: used only if the viewer resolves the request to the same file.
  // Resolves to "<file>.json" or null.
  async function pathGuess() {
    if (request.src) return null;
    const remembered = issueFile(rememberedPath(request));
    if (remembered) return remembered;
    const latest = !request.issue || request.issue === 'latest';
    if (latest && issueFile(build.latest)) return build.latest;
    if (!latest && issueFile(request.issue + '.json')) return request.issue + '.json';
    try {
      const issues = JSON.parse(new TextDecoder().decode(await index)).issues;
      const entry = latest ? issues[0] : issues.find((e) => e && e.id === request.issue);
      return issueFile(entry && entry.path);
    } catch (error) {
      return null;  // the viewer reports a bad index
    }
  }
  const path = pathGuess();

  //-----------------------------------------------------------------------------
  // [SECTION] Painting
  //-----------------------------------------------------------------------------
  // The text layer's blocks where their data-box says (page px; `base`: the top of the
  // part of the page the layer holds, app.js's scaled scroll space).
  function placeBlocks(root, base = 0) {
    for (const block of root.querySelectorAll('[data-box]')) {
      const [left, top, size, lineHeight] = block.dataset.box.split(' ');
      block.style.cssText = `left:${left}px;top:${top - base}px;font-size:${size}px;line-height:${lineHeight}px`;
    }
  }

  const state = { firstText: null };

  // Shows a first screen as text, placed line by line where the canvas will draw it.
  function paint(snapshot) {
    const scroller = $('scroller');
    const layer = $('text-layer');
    // Set in the fonts the page already has ("DigestText" comes later, from the
    // canvas's font slices): waiting for fonts would hold the first paint. Each line
    // is placed absolutely, so it starts where the canvas draws it whatever the font.
    scroller.hidden = false;
    scroller.style.left = snapshot.left + 'px';
    scroller.style.top = snapshot.top + 'px';
    layer.style.height = snapshot.pageHeight + 'px';
    layer.innerHTML = snapshot.html;
    // A cold start's screen is laid out for the narrowest window of its range: the
    // column moves right with the window.
    for (const block of snapshot.shift ? layer.querySelectorAll('[data-box]') : []) {
      const box = block.dataset.box.split(' ');
      box[0] = (Number(box[0]) + snapshot.shift).toFixed(2);
      block.dataset.box = box.join(' ');
    }
    placeBlocks(layer);
    layer.classList.add('prepaint');
    scroller.scrollTop = snapshot.scrollY;
    $('prepaint-bar').hidden = false;
    // When the browser rendered that text (Element Timing, which reports text by the
    // element that holds it), not when it was asked to.
    for (const block of layer.querySelectorAll('[data-box]')) block.setAttribute('elementtiming', 'digest-first-text');
    const supported = typeof PerformanceObserver === 'function' &&
      (PerformanceObserver.supportedEntryTypes || []).includes('element');
    const rendered = (time) => {
      if (state.firstText === null || time < state.firstText) state.firstText = time;
      performance.mark('digest:first-text');
    };
    if (supported) {
      const observer = new PerformanceObserver((list) => {
        rendered(Math.min(...list.getEntries().map((e) => e.renderTime || e.loadTime)));
        observer.disconnect();
      });
      observer.observe({ type: 'element', buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(() => rendered(performance.now()), 0));
    }
    return snapshot;
  }

  //-----------------------------------------------------------------------------
  // [SECTION] Warm and cold
  //-----------------------------------------------------------------------------
  // The snapshot of the last visit (app.js keeps it), if it fits this start.
  function warm() {
    let snapshot = null;
    try { snapshot = JSON.parse(storage(SNAPSHOT_KEY)); } catch (error) { return null; }
    if (!snapshot || snapshot.build !== build.version || snapshot.width !== innerWidth ||
        rememberedPath(request) !== snapshot.path || snapshot.pageHeight > MAX_SCROLL_HEIGHT) return null;
    return paint({ ...snapshot, kind: 'warm' });
  }

  // The issue's published first screen (prepaint/<file>.json), if it has one for this
  // window's width and the viewer will open the issue at its top with the default text
  // size and no reading position to return to.
  async function cold(stillWanted) {
    const scale = storage('digest.fontScale');
    if (scale !== null && Number(scale) !== 1) return null;
    const file = await path;
    if (!file) return null;
    let prepaint = null;
    try {
      const response = await fetch('prepaint/' + file, { credentials: 'same-origin' });
      if (response.ok) prepaint = await response.json();
    } catch (error) { return null; }
    if (!prepaint || prepaint.format !== 'digest-prepaint/1' || !Array.isArray(prepaint.entries)) return null;
    // A guessed file must hold the issue asked for.
    const latest = !request.issue || request.issue === 'latest';
    if (!latest && prepaint.issue !== request.issue) return null;
    if (storage('digest.resume.' + prepaint.issue)) return null;
    const width = innerWidth;
    const entry = prepaint.entries.find((e) => e.from <= width && (e.to === null || width <= e.to));
    if (!entry || typeof entry.html !== 'string' || !stillWanted()) return null;
    return paint({
      kind: 'cold',
      left: entry.left,
      shift: entry.shift * (width - entry.from),
      top: entry.top,
      pageHeight: entry.pageHeight,
      scrollY: 0,
      html: entry.html,
      bold: prepaint.bold === true,
    });
  }

  const painted = (() => {
    if (!paintable) return Promise.resolve(null);
    const snapshot = warm();
    if (snapshot) return Promise.resolve(snapshot);
    let waiting = true;
    const attempt = cold(() => waiting).catch(() => null);
    const timeout = new Promise((resolve) => setTimeout(resolve, COLD_WAIT_MS, null));
    return Promise.race([attempt, timeout]).then((result) => {
      waiting = false;
      return result;
    });
  })();

  // The canvas has drawn: the text layer is transparent over it again.
  function end() {
    $('text-layer').classList.remove('prepaint');
    $('prepaint-bar').hidden = true;
  }

  return {
    painted,            // resolves to the painted snapshot ({kind, bold, ...}) or null
    end,
    firstText: () => state.firstText,  // when the browser rendered the painted text
    path,               // the guessed issue file (a promise)
    index,              // the index's bytes (a promise), or null with ?src=
    placeBlocks,
    rememberKey,
    rememberedPath,
    snapshotKey: SNAPSHOT_KEY,
    maxScrollHeight: MAX_SCROLL_HEIGHT,
  };
})();
