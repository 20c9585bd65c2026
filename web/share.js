// Share pages (a/<issue>/<article>.html, written by `digest share`): a reader's browser
// goes straight on to the viewer at the article. Link unfurlers and readers without
// script stay on the page, which carries the card metadata and the article itself.
// Run from the page's head, before its body is parsed: the page is never painted, so
// the reader does not see it, then a blank page, then the viewer.
// replace(): Back returns to where the link was opened, not to this page.
// @ts-check
'use strict';
(function () {
  // A section of the article (#<article>-s2) travels on.
  const section = /^#[a-z0-9-]{1,80}$/.test(location.hash) ? location.hash : '';
  const go = (/** @type {URL} */ target) => {
    if (section) target.hash = section;
    // The parser goes on while the viewer loads: nothing of this page is drawn meanwhile
    // (unless the reader stops the load: then it is shown after all).
    const html = document.documentElement;
    html.style.visibility = 'hidden';
    setTimeout(() => (html.style.visibility = ''), 3000);
    location.replace(target.href);
  };
  // The viewer two folders up, at the article (the address the page's own link has).
  const match = /\/a\/([a-z0-9-]{1,64})\/([a-z0-9-]{1,64})\.html$/.exec(location.pathname);
  if (match) {
    const target = new URL(`../../?issue=${match[1]}`, location.href);
    target.hash = match[2];
    go(target);
    return;
  }
  // Any other address (a copy saved elsewhere): the page's link, once it is parsed.
  document.addEventListener('DOMContentLoaded', () => {
    const link = /** @type {HTMLAnchorElement | null} */ (document.getElementById('open-viewer'));
    if (link) go(new URL(link.href));
  });
})();
