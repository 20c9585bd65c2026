// The page's start, inlined into index.html after constants.js by tools/stamp_web.py
// (the Content-Security-Policy allows exactly this text, by its hash) and run as the
// parser reaches the end of the body: no request stands between the page's own bytes
// and its first paint, as for a static page (docs/prepaint.md). prepaint.js (inline
// too) comes next, and loads the viewer's other scripts.
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
  // --first-screen`), placed at every window width by its style sheet. It is shown
  // (html.first-screen) only when the viewer will open exactly that: the newest issue,
  // at its top, at the default text size, not embedded, with no reading position or
  // last screen of its own to return to; else it is taken out before the first paint.
  function firstScreenFits(/** @type {HTMLStyleElement} */ style) {
    const { issue, minWidth, maxWidth, maxHeight } = style.dataset;
    // What the address asks for first: the window's size below makes the browser lay
    // out the page as it stands (the screen's 30 KB of style and its markup), which a
    // deep link, another issue or a preview then waits for before its own screen.
    if ((wanted !== null && wanted !== 'latest' && wanted !== issue) || place || !defaultView) return false;
    // A page a service worker gave may be older than the newest issue.
    if (navigator.serviceWorker && navigator.serviceWorker.controller) return false;
    // A style the CSP refused (a host sending another build's headers) has no sheet;
    // a browser without media range syntax or nested rules would not place the blocks.
    if (!style.sheet || !matchMedia('(width >= 0px)').matches || !CSS.supports('selector(&)')) return false;
    if (innerWidth < Number(minWidth) || (maxWidth && innerWidth > Number(maxWidth))) return false;
    if (innerHeight > Number(maxHeight)) return false;
    // The last visit's screen (prepaint.js paints it) wins for the same build and width.
    return !scaled() && storage(KEYS.resume(issue || '')) === null && !warm();
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

  const style = /** @type {HTMLStyleElement | null} */ (document.getElementById('first-screen'));
  const shown = style !== null && firstScreenFits(style);
  if (shown) {
    html.classList.add('first-screen');
  } else {
    const layer = document.getElementById('text-layer');
    layer?.replaceChildren();
    layer?.classList.remove('prepaint');
  }

  // Any other issue or place: prepaint.js paints it from the issue's prepaint file,
  // whose download starts here, before any script has loaded (prepaint.js's fetch takes
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
