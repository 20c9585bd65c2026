// The page's start, inlined into index.html's head by tools/stamp_web.py, before the
// style sheets and the preloads (the Content-Security-Policy allows exactly this text,
// by its hash): it runs as the parser reaches it, before the body, so no request
// stands between the page's own bytes and its first paint, as for a static page, and
// the download of another issue's prepaint file starts with the page's first requests
// (docs/prepaint.md). prepaint.js (async, at the end of the body) comes next, and loads
// the viewer's other scripts.
//
// [SECTION] The newest issue's first screen in the page (or another's prepaint file)
// @ts-check
'use strict';

(() => {
  const html = document.documentElement;
  const { storage: KEYS } = DigestConstants;
  const storage = (key) => {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  };
  const build = (() => {
    try {
      return JSON.parse(/** @type {HTMLElement} */ (document.getElementById('build')).textContent || '');
    } catch (error) {
      return {};
    }
  })();

  // The reader's theme from the first paint (the viewer confirms it once it runs).
  const theme = storage(KEYS.theme);
  if (theme === 'light' || theme === 'dark') html.dataset.theme = theme;

  // What the address asks for (as router.js reads it).
  const params = new URLSearchParams(location.search);
  const wanted = params.get('issue');
  const place = location.hash.length > 1 || params.get('article') !== null;
  // Not a preview, not embedded, no text size in the address.
  const defaultView = ['src', 'embed', 'fontScale'].every((name) => params.get(name) === null);

  //-----------------------------------------------------------------------------
  // [SECTION] The newest issue's first screen in the page
  //-----------------------------------------------------------------------------
  // The page holds the newest issue's top as the build laid it out (`digest prepaint
  // --first-screen`), placed at every window width by its style sheet (after this
  // script: its limits are in the build's `firstScreen`). It is shown
  // (html.first-screen) only when the viewer will open exactly that: the newest issue,
  // at its top, at the default text size, not embedded, with no reading position or
  // last screen of its own to return to; else it stays hidden (#scroller) until
  // prepaint.js takes it out. A style sheet the CSP refuses (a host sending another
  // build's headers) places nothing and shows nothing: prepaint.js drops it too.
  /** @typedef {{issue: string, minWidth: number, maxWidth?: number, maxHeight: number}} ScreenLimits */
  function firstScreenFits(/** @type {ScreenLimits} */ screen) {
    const { issue, minWidth, maxWidth, maxHeight } = screen;
    // A browser without media range syntax or nested rules would not place the blocks.
    if (!matchMedia('(width >= 0px)').matches || !CSS.supports('selector(&)')) return false;
    if (innerWidth < minWidth || (maxWidth && innerWidth > maxWidth) || innerHeight > maxHeight) return false;
    // A page a service worker gave may be older than the newest issue.
    if (navigator.serviceWorker && navigator.serviceWorker.controller) return false;
    if ((wanted !== null && wanted !== 'latest' && wanted !== issue) || place || !defaultView) return false;
    // The last visit's screen (prepaint.js paints it) wins for the same build and width.
    return !scaled() && storage(KEYS.resume(issue)) === null && !warm();
  }
  function scaled() {
    const scale = storage(KEYS.fontScale);
    return scale !== null && Number(scale) !== 1;
  }
  function warm() {
    try {
      const snapshot = JSON.parse(storage(KEYS.snapshot) || 'null');
      return Boolean(snapshot && snapshot.build === build.version && snapshot.width === innerWidth);
    } catch (error) {
      return false; // no usable snapshot
    }
  }

  const screen = build.firstScreen;
  const shown = Boolean(screen && typeof screen.issue === 'string' && firstScreenFits(screen));
  if (shown) html.classList.add('first-screen');

  // Any other issue or place: prepaint.js paints it from the issue's prepaint file,
  // whose download starts here, with the page's own preloads (prepaint.js's fetch takes
  // this one), when prepaint.js will want it: a place asked for, or the top with no
  // reading position or last screen to return to. Its name as prepaint.js guesses it.
  const file = wanted !== null && wanted !== 'latest' ? wanted + '.json' : build.latest;
  const paintable = defaultView && !scaled();
  const valid = typeof file === 'string' && /^[\w.-]+\.json$/.test(file);
  const cold = valid && (place || (!warm() && storage(KEYS.resume(file.slice(0, -5))) === null));
  if (!shown && paintable && cold) {
    const preload = document.createElement('link');
    preload.rel = 'preload';
    preload.as = 'fetch';
    preload.crossOrigin = 'anonymous';
    preload.href = 'prepaint/' + file;
    document.head.append(preload);
  }
})();
