// embed.js: the digest viewer in another site's page (docs/embed.md).
//
//   <script src="SITE_URL/embed.js" defer></script>   (SITE_URL: the site's address, make site)
//   <div data-digest-issue="latest" data-theme="auto"></div>
//
// Each element with data-digest-issue becomes an iframe of the viewer in embed mode:
// titled, lazily loaded, sandboxed, as tall as the issue (data-height="auto", the
// default) or of a fixed height (data-height="600"). Optional: data-article,
// data-theme (light|dark|auto), data-accent (#rrggbb), data-font-scale (0.75-2),
// data-checklists (off: no action checklists), data-listen (off: no 読み上げ), data-title. The page talks to it through window.DigestEmbed:
//
//   DigestEmbed.open(element, issue, article?)    DigestEmbed.setTheme(element, theme)
//   DigestEmbed.setFontScale(element, scale)      DigestEmbed.handleLinks(element, on)
//   DigestEmbed.on(type, fn) -> off()             fn(message, element); type '*' = all
//
// and each element also receives DOM events "digest:<type>" (detail = the message).
// Messages are accepted only from the viewer's own origin and its own iframe, and
// sent only to that origin. Several embeds on one page are independent.
//
// A viewer that never answers (this page's origin missing from the digest site's
// embedHosts, so its server refuses the frame; or the site down) is said in the page,
// with a plain link to the issue, and in the console; the element then receives
// "digest:unavailable" (detail: {reason, url}). data-wait (seconds, default 10): how long
// after the frame loads the viewer has to say it runs.
// @ts-check
'use strict';

(function () {
  if (window.DigestEmbed) return; // the script included twice
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const viewerBase = new URL('./', script ? script.src : location.href);
  const VIEWER_ORIGIN = viewerBase.origin;
  const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  const DEFAULT_HEIGHT = 600;
  const MAX_HEIGHT = 1000000; // a resize beyond this is not believed

  const DEFAULT_WAIT_S = 10;
  const embeds = new Map(); // element -> { iframe, ready, heard, queue, auto, notice, timer }
  const listeners = new Map(); // type -> Set(fn)

  function viewerUrl(element) {
    const data = element.dataset;
    const url = new URL(viewerBase);
    url.searchParams.set('embed', '1');
    url.searchParams.set('issue', data.digestIssue || 'latest');
    for (const [attribute, param] of [
      ['article', 'article'],
      ['theme', 'theme'],
      ['accent', 'accent'],
      ['fontScale', 'fontScale'],
    ]) {
      if (data[attribute]) url.searchParams.set(param, data[attribute]);
    }
    if (isAuto(element)) url.searchParams.set('height', 'auto');
    if (data.checklists === 'off' || data.checklists === 'false') url.searchParams.set('checklists', '0');
    if (data.listen === 'off' || data.listen === 'false') url.searchParams.set('listen', '0');
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
    iframe.style.cssText =
      'display:block;width:100%;border:0;color-scheme:normal;height:' +
      (isAuto(element) ? 480 : fixed > 0 ? fixed : DEFAULT_HEIGHT) +
      'px';
    const embed = { iframe, ready: false, heard: false, queue: [], auto: isAuto(element), notice: null, timer: 0 };
    embeds.set(element, embed);
    element.textContent = '';
    element.append(iframe);
    // Loaded (lazily, once in view) but silent: the viewer did not start in this frame.
    iframe.addEventListener('load', () => {
      clearTimeout(embed.timer);
      const wait = Number(element.dataset.wait) > 0 ? Number(element.dataset.wait) : DEFAULT_WAIT_S;
      embed.timer = setTimeout(() => {
        if (!embed.heard) unavailable(element, embed);
      }, wait * 1000);
    });
  }

  // The issue in a page of its own, for readers when the frame stays empty.
  function plainLink(element) {
    const url = new URL(viewerBase);
    url.searchParams.set('issue', element.dataset.digestIssue || 'latest');
    if (element.dataset.article) url.hash = '#' + element.dataset.article;
    return url.href;
  }

  function unavailable(element, embed) {
    const link = plainLink(element);
    const reason =
      `the digest viewer at ${VIEWER_ORIGIN} did not start in this page. Most likely this page's ` +
      `origin, ${location.origin}, is not in embedHosts in the digest site's web/config.json (the SITE_CONFIG of ` +
      `make site), so the site refuses to be framed here: add it and publish again. Or the site is unreachable. ` +
      `The issue itself: ${link}`;
    console.error('DigestEmbed: ' + reason);
    if (!embed.notice) {
      embed.notice = document.createElement('p');
      embed.notice.setAttribute('role', 'status');
      embed.notice.style.cssText =
        'margin:0;padding:16px;border:1px solid #8888;border-radius:8px;' +
        'font:15px/1.7 system-ui,sans-serif;color:inherit;background:transparent';
      const text = document.createElement('span');
      text.textContent = 'ここに表示するはずのダイジェストを読み込めませんでした。';
      const anchor = document.createElement('a');
      anchor.href = link;
      anchor.target = '_blank';
      anchor.rel = 'noopener';
      anchor.textContent = 'ダイジェストを開く';
      embed.notice.append(text, anchor);
      element.prepend(embed.notice);
    }
    embed.iframe.style.display = 'none';
    emit('unavailable', { type: 'unavailable', reason, url: link }, element);
  }

  function scan(root = document) {
    for (const element of root.querySelectorAll('[data-digest-issue]')) create(element);
  }

  function send(element, message) {
    const embed = embeds.get(element);
    if (!embed) throw new TypeError('DigestEmbed: not an embedded digest element');
    if (embed.ready) embed.iframe.contentWindow.postMessage(message, VIEWER_ORIGIN);
    else embed.queue.push(message); // sent when the viewer says it is ready
  }

  // One element, or every embed on the page when the first argument is not one.
  function each(element, fn) {
    if (element instanceof Element) fn(element);
    else for (const el of embeds.keys()) fn(el);
  }

  function emit(type, message, element) {
    for (const key of [type, '*']) {
      for (const fn of listeners.get(key) || []) {
        try {
          fn(message, element);
        } catch (error) {
          console.error(error);
        }
      }
    }
    element.dispatchEvent(new CustomEvent('digest:' + type, { detail: message, bubbles: true }));
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== VIEWER_ORIGIN) return;
    const data = event.data;
    if (
      !data ||
      typeof data !== 'object' ||
      data.source !== 'digest-viewer' ||
      data.version !== 1 ||
      typeof data.type !== 'string'
    )
      return;
    for (const [element, embed] of embeds) {
      if (embed.iframe.contentWindow !== event.source) continue;
      embed.heard = true;
      if (embed.notice) {
        // slower than waited for, but there: the notice goes
        embed.notice.remove();
        embed.notice = null;
        embed.iframe.style.display = 'block';
      }
      if (data.type === 'ready') {
        embed.ready = true;
        for (const message of embed.queue.splice(0)) embed.iframe.contentWindow.postMessage(message, VIEWER_ORIGIN);
      }
      if (
        data.type === 'resize' &&
        embed.auto &&
        Number.isFinite(data.height) &&
        data.height > 0 &&
        data.height < MAX_HEIGHT
      ) {
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
    open: (element, issue, article) =>
      each(element, (el) =>
        send(
          el,
          article
            ? { type: 'open', issue: String(issue), article: String(article) }
            : { type: 'open', issue: String(issue) },
        ),
      ),
    setTheme: (element, theme) => each(element, (el) => send(el, { type: 'setTheme', theme: String(theme) })),
    setFontScale: (element, scale) => each(element, (el) => send(el, { type: 'setFontScale', scale: Number(scale) })),
    handleLinks: (element, enabled) =>
      each(element, (el) => send(el, { type: 'handleLinks', enabled: Boolean(enabled) })),
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
