// Share pages (a/<issue>/<article>.html, written by `digest share`): a reader's browser
// goes straight on to the viewer at the article. Link unfurlers and readers without
// script stay on the page, which carries the card metadata and the article itself.
// replace(): Back returns to where the link was opened, not to this page.
// @ts-check
'use strict';
(function () {
  const link = /** @type {HTMLAnchorElement | null} */ (document.getElementById('open-viewer'));
  if (!link) return;
  const target = new URL(link.href);
  // A section of the article (#<article>-s2) travels on.
  if (/^#[a-z0-9-]{1,80}$/.test(location.hash)) target.hash = location.hash;
  location.replace(target.href);
})();
