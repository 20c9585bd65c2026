// embed.js: the digest viewer in another site's page (docs/embed.md).
//
//   <script src="SITE_URL/embed.js" defer></script>   (SITE_URL: the site's address, make site)
//   <div data-digest-issue="latest" data-theme="auto"></div>
//
// Each element with data-digest-issue becomes an iframe of the viewer in embed mode:
// titled, lazily loaded, sandboxed, as tall as the issue (data-height="auto", the
// default) or of a fixed height (data-height="600"). Optional: data-article,
// data-theme (light|dark|auto), data-accent (#rrggbb), data-font-scale (0.75-2),
// data-title. The page talks to it through window.DigestEmbed:
//
//   DigestEmbed.open(element, issue, article?)    DigestEmbed.setTheme(element, theme)
//   DigestEmbed.setFontScale(element, scale)      DigestEmbed.handleLinks(element, on)
//   DigestEmbed.on(type, fn) -> off()             fn(message, element); type '*' = all
//
// and each element also receives DOM events "digest:<type>" (detail = the message).
// Messages are accepted only from the viewer's own origin and its own iframe, and
// sent only to that origin. Several embeds on one page are independent.
'use strict';

(function () {
  if (window.DigestEmbed) return;  // the script included twice
  const script = document.currentScript;
  const viewerBase = new URL('./', script ? script.src : location.href);
  const VIEWER_ORIGIN = viewerBase.origin;
  const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  const DEFAULT_HEIGHT = 600;
  const MAX_HEIGHT = 1000000;  // a resize beyond this is not believed

  const embeds = new Map();  // element -> { iframe, ready, queue, auto }
  const listeners = new Map();  // type -> Set(fn)

  function viewerUrl(element) {
    const data = element.dataset;
    const url = new URL(viewerBase);
    url.searchParams.set('embed', '1');
    url.searchParams.set('issue', data.digestIssue || 'latest');
    for (const [attribute, param] of [['article', 'article'], ['theme', 'theme'], ['accent', 'accent'],
      ['fontScale', 'fontScale']]) {
      if (data[attribute]) url.searchParams.set(param, data[attribute]);
    }
    if (isAuto(element)) url.searchParams.set('height', 'auto');
    return url.href;
  }

  const isAuto = (element) => !element.dataset.height || element.dataset.height === 'auto';

  function create(element) {
    if (embeds.has(element)) return;
    const iframe = document.createElement('iframe');
    iframe.src = viewerUrl(element);
    iframe.title = element.dataset.title || 'Tech Digest(日本語テックニュース・ダイジェスト)';
    iframe.loading = 'lazy';
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.allow = 'clipboard-write';
    iframe.referrerPolicy = 'strict-origin-when-cross-origin';
    const fixed = Number(element.dataset.height);
    iframe.style.cssText = 'display:block;width:100%;border:0;color-scheme:normal;height:' +
      (isAuto(element) ? 480 : (fixed > 0 ? fixed : DEFAULT_HEIGHT)) + 'px';
    embeds.set(element, { iframe, ready: false, queue: [], auto: isAuto(element) });
    element.textContent = '';
    element.append(iframe);
  }

  function scan(root = document) {
    for (const element of root.querySelectorAll('[data-digest-issue]')) create(element);
  }

  function send(element, message) {
    const embed = embeds.get(element);
    if (!embed) throw new TypeError('DigestEmbed: not an embedded digest element');
    if (embed.ready) embed.iframe.contentWindow.postMessage(message, VIEWER_ORIGIN);
    else embed.queue.push(message);  // sent when the viewer says it is ready
  }

  // One element, or every embed on the page when the first argument is not one.
  function each(element, fn) {
    if (element instanceof Element) fn(element);
    else for (const el of embeds.keys()) fn(el);
  }

  function emit(type, message, element) {
    for (const key of [type, '*']) {
      for (const fn of listeners.get(key) || []) {
        try { fn(message, element); } catch (error) { console.error(error); }
      }
    }
    element.dispatchEvent(new CustomEvent('digest:' + type, { detail: message, bubbles: true }));
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== VIEWER_ORIGIN) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.source !== 'digest-viewer' || data.version !== 1 ||
        typeof data.type !== 'string') return;
    for (const [element, embed] of embeds) {
      if (embed.iframe.contentWindow !== event.source) continue;
      if (data.type === 'ready') {
        embed.ready = true;
        for (const message of embed.queue.splice(0)) embed.iframe.contentWindow.postMessage(message, VIEWER_ORIGIN);
      }
      if (data.type === 'resize' && embed.auto && Number.isFinite(data.height) && data.height > 0 &&
          data.height < MAX_HEIGHT) {
        embed.iframe.style.height = Math.ceil(data.height) + 'px';
      }
      emit(data.type, data, element);
      return;
    }
  });

  window.DigestEmbed = {
    version: 1,
    origin: VIEWER_ORIGIN,
    scan,
    open: (element, issue, article) => each(element, (el) =>
      send(el, article ? { type: 'open', issue: String(issue), article: String(article) } : { type: 'open', issue: String(issue) })),
    setTheme: (element, theme) => each(element, (el) => send(el, { type: 'setTheme', theme: String(theme) })),
    setFontScale: (element, scale) => each(element, (el) => send(el, { type: 'setFontScale', scale: Number(scale) })),
    handleLinks: (element, enabled) => each(element, (el) => send(el, { type: 'handleLinks', enabled: Boolean(enabled) })),
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type).delete(fn);
    },
    iframe: (element) => (embeds.get(element) || {}).iframe || null,
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => scan());
  else scan();
})();
