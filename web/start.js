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

  // A share page that carries the viewer (a/<issue>/<article>.html, tools/stamp_web.py):
  // it takes the viewer's address at that article at once (Back returns to where the
  // link was opened; a section asked for is kept). Its first screen is the article's.
  const share = /^([\w.-]{1,64})\/([a-z0-9-]{1,64})$/.exec(html.dataset.share || '');
  if (share) {
    const target = new URL(`../../?issue=${share[1]}`, location.href);
    target.hash = /^#[a-z0-9-]{1,80}$/.test(location.hash) ? location.hash : share[2];
    history.replaceState(history.state, '', target.href);
    // The page's own folder is now the site's root: relative addresses need no <base>,
    // and "#..." must stay in this page (against the <base> it would open the root).
    document.querySelector('base')?.remove();
  }

  // What the address asks for, read once for the page's start (as router.js reads it
  // for the viewer): prepaint.js takes it from here (window.DigestAddress).
  const params = new URLSearchParams(location.search);
  const said = (name, ...values) => values.includes(params.get(name) || '');
  const embedded = said('embed', '1', 'true');
  // The page as tall as the issue, the host's page scrolling.
  const heightAuto = embedded && said('height', 'auto');
  // The place (#<id>, or ?article=<id>); '' for the issue's top.
  const place = (() => {
    const raw = location.hash.replace(/^#/, '');
    try {
      return decodeURIComponent(raw) || params.get('article') || '';
    } catch (error) {
      return raw; // "#%E0": kept as typed
    }
  })();
  const laidOutAsPublished = params.get('fontScale') === null && !said('checklists', '0', 'false');
  const address = Object.freeze({
    issue: params.get('issue'),
    src: params.get('src'),
    place,
    // Where the first screen shows the page: at the place; with height=auto in a frame,
    // at the issue's top (the frame's top shows it: the host's page scrolls, and opening
    // the issue does not move it, docs/embed.md); null: nowhere (height=auto at a place
    // in a window of its own, which the viewer scrolls there).
    screenAt: !heightAuto ? place : window.self !== window.top || !place ? '' : null,
    embedded,
    // An `embed` the viewer does not take (embed=yes): no page of the published kind.
    embedRefused: params.get('embed') !== null && !embedded,
    heightAuto,
    // Laid out as the published files are: no text size in the address, the checklists
    // drawn (checklists=0 sets their items without boxes); `published`: and not a preview.
    laidOutAsPublished,
    published: params.get('src') === null && laidOutAsPublished,
  });
  window.DigestAddress = address;
  const { issue: wanted, screenAt, published } = address;
  const defaultView = published && params.get('embed') === null;

  // The theme from the first paint: the address's (an embedding site's), else the
  // reader's (the viewer confirms it once it runs, as app.js reads them).
  const theme = said('theme', 'light', 'dark', 'auto') ? params.get('theme') : storage(KEYS.theme);
  if (theme === 'light' || theme === 'dark') html.dataset.theme = theme;

  // Embedded: the compact header from the first paint (embedded.js fills it in; its
  // buttons stay disabled until an issue is on screen).
  if (embedded) {
    document.body.classList.add('embed');
    if (heightAuto) html.classList.add('height-auto');
    const header = document.getElementById('embed-header');
    if (header) header.hidden = false;
  }

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
    // A share page's screen is at its article (data-place), index.html's at the top.
    const at = style.dataset.place;
    // What the address asks for first: the checks below cost more (the style sheet's
    // 30 KB, media queries), which a deep link, another issue or a preview would pay
    // for nothing before its own screen.
    if (at ? wanted !== issue || place !== at : place) return false;
    if ((wanted !== null && wanted !== 'latest' && wanted !== issue) || !defaultView) return false;
    // A page a service worker gave may be older than the newest issue.
    if (navigator.serviceWorker && navigator.serviceWorker.controller) return false;
    // A style the CSP refused (a host sending another build's headers) has no sheet;
    // a browser without media range syntax or nested rules would not place the blocks.
    if (!style.sheet || !matchMedia('(width >= 0px)').matches || !CSS.supports('selector(&)')) return false;
    // The window's size by media query: innerWidth would make the browser lay out the
    // page as parsed so far (5-17 ms in traces) before the first frame lays it out again.
    const fits = [`(width >= ${Number(minWidth)}px)`, `(height <= ${Number(maxHeight)}px)`];
    if (maxWidth) fits.push(`(width <= ${Number(maxWidth)}px)`);
    if (!matchMedia(fits.join(' and ')).matches || scaled()) return false;
    // The last visit's screen (prepaint.js paints it) wins for the same build and width;
    // a place wins over both.
    return at !== undefined || (storage(KEYS.resume(issue || '')) === null && !warm());
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
  const paintable = published && (defaultView || embedded) && screenAt !== null && !scaled();
  const valid = typeof file === 'string' && /^[\w.-]+\.json$/.test(file);
  // (An embed never paints the last visit's screen: that was laid out for a whole window.)
  const cold = valid && (screenAt || ((embedded || !warm()) && storage(KEYS.resume(file.slice(0, -5))) === null));
  if (!shown && paintable && cold) {
    const preload = document.createElement('link');
    preload.rel = 'preload';
    preload.as = 'fetch';
    preload.crossOrigin = 'anonymous';
    preload.href = 'prepaint/' + file;
    document.head.append(preload);
  }
})();
