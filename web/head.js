// The page's first script, inlined into the <head> of index.html (not of the share
// pages built from it) by tools/stamp_web.py, which writes the list below; the
// Content-Security-Policy allows exactly this text, by its hash. It runs before the body
// is parsed, so what it decides costs the reader no more than the page's first bytes.
//
// A link into one of the newest issues at an article (?issue=<id>#<article>, what the
// viewer's address bar, a search result or a shared deep link says) is sent on to that
// article's share page (a/<id>/<article>.html), which carries the viewer with the
// article's first screen in the page itself (docs/prepaint.md). A static host cannot
// answer it so (the server never sees the #fragment), and this page could only paint
// that screen after a second request and a script, later than the share page does
// (docs/benchmarks.md). The share page puts the address back as it was (start.js), and
// location.replace leaves no entry of this page in the history.
//
// A preview (?src=) of this site's origin has its first screen laid out in the page by
// prepaint.wasm (web/prepaint.js): the issue and the files that lay it out are asked
// for from here, before the body is parsed, for prepaint.js's requests to take.
// @ts-check
'use strict';

(() => {
  // {issue id: [article ids]}: the share pages that carry the viewer (written here by
  // tools/stamp_web.py).
  const SHARE_PAGES = {};
  // [prepaint.wasm, slice 0 regular, slice 0 bold]: this build's names (tools/stamp_web.py).
  const PREVIEW_FILES = [];
  const params = new URLSearchParams(location.search);
  const src = params.get('src');
  if (src !== null) {
    // Laid out as published: no text size or checklists=0 in the address (start.js).
    if (params.get('fontScale') !== null || ['0', 'false'].includes(params.get('checklists') || '')) return;
    let url;
    try {
      url = new URL(src, location.href);
    } catch (error) {
      return; // the viewer says what is wrong with it
    }
    if (url.origin !== location.origin) return;
    for (const href of [url.href, ...PREVIEW_FILES]) {
      const preload = document.createElement('link');
      preload.rel = 'preload';
      preload.as = 'fetch';
      preload.crossOrigin = 'anonymous';
      preload.href = href;
      document.head.append(preload);
    }
    return;
  }
  // A page a service worker answered: the worker sends share pages to the viewer again.
  if (navigator.serviceWorker && navigator.serviceWorker.controller) return;
  const issue = params.get('issue') || '';
  // Only the plain deep link: an embed, a preview, a theme or a text size in the
  // address is the viewer's to lay out, not the share page's. (A text size the reader
  // saved is not read here: the share page then leaves the first screen to the viewer,
  // as this page does; a reader who saved one mostly has the service worker.)
  if ([...params.keys()].some((name) => name !== 'issue')) return;
  const articles = Object.prototype.hasOwnProperty.call(SHARE_PAGES, issue) ? SHARE_PAGES[issue] : null;
  let article = '';
  try {
    article = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return; // "#%E0": the viewer says what is wrong with it
  }
  if (!Array.isArray(articles) || !articles.includes(article)) return;
  const target = new URL(`a/${encodeURIComponent(issue)}/${encodeURIComponent(article)}.html`, location.href).href;
  // Sent here by that page (a host serving it as `digest share` wrote it): stay.
  if (document.referrer === target) return;
  location.replace(target);
})();
