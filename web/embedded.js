// The viewer inside another site's page (docs/embed.md): the embed options of the
// URL, the header with its date, neighbours and full-viewer link, height=auto (the
// page as tall as the issue, the canvas over the part in view), and postMessage API
// v1 with the host: which hosts may drive the viewer (config.json), the messages
// they may send, each checked and coalesced per frame, and what the viewer tells
// them. app.js creates it with what it needs; the state of the embedding is its own.
//
// [SECTION] The host and what the viewer tells it
// [SECTION] height=auto
// [SECTION] Messages from the host
// @ts-check
'use strict';

window.DigestEmbedded = {
  // env: { pageOptions (readPageOptions() in app.js; `article` is cleared once used),
  //        viewer() (the bridge, or null), current() ({id} of the issue on screen, or
  //        null), state() (window.digestViewer.state()), scroller() (the page's
  //        scroller), fetchBytes(url, key), openIssue(request), setAddress(url, push),
  //        urlFor(id, article), setPageTheme(theme) }
  create(env) {
    const $ = (id) => document.getElementById(id);
    const { isId } = DigestConstants;

    //---------------------------------------------------------------------------
    // [SECTION] The host and what the viewer tells it
    //---------------------------------------------------------------------------
    // The host (the page framing this one) is known by its exact origin and must be in
    // config.json's embedHosts; the server's frame-ancestors refuses the others before
    // this script runs. Messages are postMessage API v1 (docs/embed.md).
    const HEADER_HEIGHT = DigestConstants.sizes.embedHeaderHeight;
    const embed = {
      enabled: env.pageOptions.embed,
      heightAuto: env.pageOptions.heightAuto,
      host: null, // the host's origin, once known to be allowed
      hosts: [], // config.json embedHosts
      rejected: 0, // messages ignored: wrong origin, shape, type or size
      received: 0, // messages accepted
      applied: 0, // of those, applied (the last of a kind in a frame)
      handleLinks: false, // the host asked to handle links itself (link messages)
      readySent: false,
      lastNavigate: '',
      lastHeight: 0,
    };
    const state = () => ({
      enabled: embed.enabled,
      heightAuto: embed.heightAuto,
      host: embed.host,
      rejected: embed.rejected,
      received: embed.received,
      applied: embed.applied,
      handleLinks: embed.handleLinks,
    });
    const framed = window.parent !== window;
    const siteConfig = { sources: [] };
    if (embed.enabled) {
      document.body.classList.add('embed');
      if (embed.heightAuto) document.documentElement.classList.add('height-auto');
      $('embed-header').hidden = false;
    }

    // The canvas's top in the window (embedded: below the header), for the positions the
    // viewer gives in canvas pixels.
    function canvasTop() {
      if (!embed.enabled) return 0;
      return embed.heightAuto ? HEADER_HEIGHT + autoBand.top : HEADER_HEIGHT;
    }

    // config.json beside the page, read when needed: the hosts allowed to frame and drive
    // the viewer, and the other origins ?src= may load from.
    async function readConfig() {
      const src = new URLSearchParams(location.search).get('src');
      let foreignSource = false;
      try {
        foreignSource = Boolean(src) && new URL(src, location.href).origin !== location.origin;
      } catch (error) {
        /* reported later */
      }
      if (!framed && !foreignSource) return;
      try {
        const config = JSON.parse(new TextDecoder().decode(await env.fetchBytes('config.json', null)));
        const origins = (list) => (Array.isArray(list) ? list.filter((o) => typeof o === 'string') : []);
        embed.hosts = origins(config.embedHosts);
        siteConfig.sources = origins(config.sources);
      } catch (error) {
        console.warn(
          `digest viewer: config.json: ${error.message}; no host may drive this viewer, ?src= stays on this site`,
        );
      }
      if (!framed) return;
      // The parent's origin: ancestorOrigins where the browser has it, else the referrer's.
      let parent = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
      if (!parent && document.referrer) {
        try {
          parent = new URL(document.referrer).origin;
        } catch (error) {
          parent = null;
        }
      }
      if (parent && embed.hosts.includes(parent)) {
        embed.host = parent;
        post('loading', {}); // embed.js hears the viewer runs; ready follows
      } else {
        console.warn(
          `digest viewer: framed by ${parent || 'an unknown origin'}, which is not in embedHosts ` +
            '(config.json, written by make site from SITE_CONFIG, web/config.json by default); no messages',
        );
      }
    }

    function post(type, fields) {
      if (!embed.host) return;
      window.parent.postMessage(Object.assign({ type }, fields, { source: 'digest-viewer', version: 1 }), embed.host);
    }

    // An issue is on screen: the header, and ready (once) / navigate for the host. The
    // article asked for is where the viewer is going (it may get there a frame later).
    function opened(s, requestedArticle) {
      env.pageOptions.article = null; // consumed: later URLs carry their own #fragment
      if (requestedArticle) s.article = requestedArticle;
      if (embed.enabled) {
        $('embed-date').textContent = s.date || '';
        /** @type {HTMLButtonElement} */ ($('embed-older')).disabled = !s.older;
        /** @type {HTMLButtonElement} */ ($('embed-newer')).disabled = !s.newer;
        updateFullLink(s.issue, s.article);
      }
      if (!embed.host) return;
      if (!embed.readySent) {
        embed.readySent = true;
        embed.lastNavigate = `${s.issue}#${s.article || ''}`;
        post('ready', { issue: s.issue, article: s.article });
      } else {
        navigated(s.article || '');
      }
    }

    function navigated(article) {
      const current = env.current();
      if (!current) return;
      if (embed.enabled) updateFullLink(current.id, article);
      const key = `${current.id}#${article || ''}`;
      if (!embed.host || !embed.readySent || key === embed.lastNavigate) return;
      embed.lastNavigate = key;
      post('navigate', { issue: current.id, article: article || null });
    }

    function error(message) {
      post('error', { message: String(message).slice(0, 500) });
    }

    // The same issue and article in the full viewer, in a new tab.
    function updateFullLink(issue, article) {
      const url = new URL('./', location.href);
      url.searchParams.set('issue', issue);
      url.hash = article ? '#' + article : '';
      /** @type {HTMLAnchorElement} */ ($('embed-full')).href = url.href;
    }

    for (const neighbour of ['older', 'newer']) {
      $('embed-' + neighbour).addEventListener('click', () => {
        const id = env.state()[neighbour];
        if (id) env.openIssue({ issue: id, article: '' });
      });
    }

    //---------------------------------------------------------------------------
    // [SECTION] height=auto: the page is as tall as the issue; the host page scrolls
    //---------------------------------------------------------------------------
    // The canvas covers only the part of the page in view (plus a margin), found with
    // IntersectionObserver on tiles of the page (it works across origins; a single
    // target would report nothing while the frame's middle scrolls by).
    const TILE = 256;
    const autoBand = { top: 0, height: 0, pageHeight: 0, pageTop: 0 };
    let visibleChanged = () => {}; // the part of the frame in the host's view moved
    let tileObserver = null;
    const tileBounds = new Map(); // tile index -> [top, bottom] visible in page pixels

    // An invisible 1 px wide element of the page, made on first use (tiles, scroll mark).
    function helperElement(id) {
      let element = $(id);
      if (!element) {
        element = document.createElement('div');
        element.id = id;
        element.setAttribute('aria-hidden', 'true');
        element.style.cssText = 'position:absolute;left:0;width:1px;height:1px;pointer-events:none;visibility:hidden';
        document.body.append(element);
      }
      return element;
    }

    function layOutAutoHeight(geometry) {
      autoBand.pageHeight = geometry.height;
      autoBand.pageTop = geometry.top;
      env.scroller().style.height = geometry.height + 'px';
      const height = HEADER_HEIGHT + geometry.top + Math.ceil(geometry.height);
      if (height !== embed.lastHeight) {
        embed.lastHeight = height;
        post('resize', { height });
      }
      // Tiles over the page, observed in place.
      const count = Math.max(1, Math.ceil(geometry.height / TILE));
      if (!tileObserver) {
        tileObserver = new IntersectionObserver(onTiles, { threshold: [0, 0.25, 0.5, 0.75, 1] });
      }
      const tiles = helperElement('embed-tiles');
      // Clipped to the page, so that the last tile adds no height to the document.
      tiles.style.top = HEADER_HEIGHT + geometry.top + 'px';
      tiles.style.height = Math.ceil(geometry.height) + 'px';
      tiles.style.overflow = 'hidden';
      while (tiles.childElementCount > count)
        (tileObserver.unobserve(tiles.lastElementChild), tiles.lastElementChild.remove());
      while (tiles.childElementCount < count) {
        const tile = document.createElement('div');
        tile.dataset.tile = String(tiles.childElementCount);
        tile.style.cssText = `position:absolute;left:0;width:1px;top:${tiles.childElementCount * TILE}px;height:${TILE}px`;
        tiles.append(tile);
        tileObserver.observe(tile);
      }
      placeBand(true);
    }

    function onTiles(entries) {
      for (const entry of entries) {
        const index = Number(entry.target.dataset.tile);
        if (!entry.isIntersecting) {
          tileBounds.delete(index);
          continue;
        }
        const top = index * TILE + (entry.intersectionRect.top - entry.boundingClientRect.top);
        tileBounds.set(index, [top, top + entry.intersectionRect.height]);
      }
      placeBand(false);
      visibleChanged();
    }

    // height=auto: the document y of the foot of the part of the frame the host shows
    // (what is fixed to the window's foot goes there instead); null otherwise.
    function visibleFoot() {
      if (!embed.enabled || !embed.heightAuto) return null;
      let bottom = -Infinity;
      for (const [, b] of tileBounds.values()) bottom = Math.max(bottom, b);
      const page = bottom === -Infinity ? Math.min(autoBand.pageHeight, innerHeight) : bottom;
      return HEADER_HEIGHT + autoBand.pageTop + page;
    }

    // Moves the canvas over what is in view when that has left it (or `force`).
    function placeBand(force) {
      let top = Infinity;
      let bottom = -Infinity;
      for (const [t, b] of tileBounds.values()) {
        top = Math.min(top, t);
        bottom = Math.max(bottom, b);
      }
      if (top === Infinity) {
        top = 0;
        bottom = Math.min(autoBand.pageHeight, innerHeight);
      }
      const height = Math.min(autoBand.pageHeight, Math.max(screen.height, bottom - top) + 2 * TILE);
      const covered = top >= autoBand.top && bottom <= autoBand.top + autoBand.height;
      if (!force && covered && height === autoBand.height) return;
      const centred = (top + bottom) / 2 - height / 2;
      autoBand.top = Math.round(Math.max(0, Math.min(autoBand.pageHeight - height, centred)));
      autoBand.height = height;
      const canvas = $('canvas');
      canvas.style.top = HEADER_HEIGHT + autoBand.top + 'px';
      canvas.style.height = height + 'px';
      if (env.viewer()) env.viewer().setScroll(autoBand.top);
    }

    // The viewer asked to show page position y (a key, an article link): bring it into
    // the host's view, if the browser lets a framed page scroll its host -- only while
    // the reader is using the frame: opening the issue must not move the host's page.
    function scrollHostTo(y, behavior) {
      if (!document.hasFocus()) return;
      const mark = helperElement('embed-mark');
      // The page's top is the frame's, with its header.
      mark.style.top = (y > 0 ? HEADER_HEIGHT + y : 0) + 'px';
      mark.scrollIntoView({ block: 'start', behavior: behavior === 'smooth' ? 'smooth' : 'auto' });
    }

    //---------------------------------------------------------------------------
    // [SECTION] Messages from the host
    //---------------------------------------------------------------------------
    // Each type: the keys it may have and a check of its fields. Anything else -- another
    // origin or window, not a plain object, unknown type or key, wrong field type, too
    // big -- is ignored and counted.
    const HOST_MESSAGES = {
      open: {
        keys: ['issue', 'article'],
        valid: (m) => isId(m.issue) && (m.article === undefined || m.article === null || isId(m.article)),
      },
      setTheme: { keys: ['theme'], valid: (m) => ['light', 'dark', 'auto'].includes(m.theme) },
      setFontScale: {
        keys: ['scale'],
        valid: (m) =>
          typeof m.scale === 'number' &&
          m.scale >= DigestConstants.fontScale.min &&
          m.scale <= DigestConstants.fontScale.max,
      },
      handleLinks: { keys: ['enabled'], valid: (m) => typeof m.enabled === 'boolean' },
    };

    // Checked by type, key by key, before anything reads the whole message: a valid
    // message is a few small fields, so nothing big is ever serialised or walked (the
    // size check once ran JSON.stringify over whatever came).
    function acceptable(event) {
      if (!embed.host || event.origin !== embed.host || event.source !== window.parent) return null;
      const m = event.data;
      if (m === null || typeof m !== 'object' || Array.isArray(m) || Object.getPrototypeOf(m) !== Object.prototype)
        return null;
      if (typeof m.type !== 'string' || !Object.hasOwn(HOST_MESSAGES, m.type)) return null;
      const spec = HOST_MESSAGES[m.type];
      let keys = 0;
      for (const key in m) {
        if (++keys > spec.keys.length + 1 || (key !== 'type' && !spec.keys.includes(key))) return null;
      }
      return spec.valid(m) ? m : null;
    }

    // Accepted messages wait for the next frame, the last of each type only: a host that
    // sends 100,000 setFontScale in a burst costs one relayout, not 100,000 (2.35 s of
    // main thread). Types keep the order of their last message.
    const waitingMessages = new Map();
    let messagesScheduled = false;
    function applyWaitingMessages() {
      messagesScheduled = false;
      const messages = [...waitingMessages.values()];
      waitingMessages.clear();
      for (const m of messages) {
        if (!env.viewer()) return;
        embed.applied += 1;
        applyHostMessage(m);
      }
    }

    window.addEventListener('message', (event) => {
      const m = acceptable(event);
      if (!m) {
        embed.rejected += 1;
        return;
      }
      embed.received += 1;
      waitingMessages.delete(m.type);
      waitingMessages.set(m.type, m);
      if (messagesScheduled) return;
      messagesScheduled = true;
      // A frame, or soon when frames are not coming (a hidden iframe).
      let done = false;
      const once = () => {
        if (!done) {
          done = true;
          applyWaitingMessages();
        }
      };
      requestAnimationFrame(once);
      setTimeout(once, 100);
    });

    function applyHostMessage(m) {
      const viewer = env.viewer();
      const current = env.current();
      switch (m.type) {
        case 'open':
          if (current && m.issue === current.id) {
            viewer.goArticle(m.article);
            env.setAddress(env.urlFor(m.issue, m.article || ''), false);
            navigated(m.article || '');
          } else {
            env.openIssue({ issue: m.issue, article: m.article || '' });
          }
          break;
        case 'setTheme':
          viewer.setTheme(m.theme);
          env.setPageTheme(m.theme === 'auto' ? null : m.theme);
          break;
        case 'setFontScale':
          viewer.setFontScale(m.scale);
          break;
        case 'handleLinks':
          embed.handleLinks = m.enabled;
          break;
      }
    }

    // Embedded: the viewer told so, with the host's accent (checked by the viewer),
    // before its first issue.
    function tellViewer(viewer) {
      if (!embed.enabled) {
        if (!env.pageOptions.checklists) viewer.setEmbed({ embedded: false, checklists: false });
        return;
      }
      const answer = viewer.setEmbed({
        embedded: true,
        accent: env.pageOptions.accent,
        checklists: env.pageOptions.checklists,
      });
      if (answer && answer.ok && answer.accent && answer.accent.light) {
        // Set through the CSSOM (the policy refuses inline style sheets).
        document.documentElement.style.setProperty('--accent-light', answer.accent.light);
        document.documentElement.style.setProperty('--accent-dark', answer.accent.dark);
        document.documentElement.classList.add('accented');
      }
    }

    // Links followed inside the frame go to the host instead when it asked for them.
    function hostTakesLink(url) {
      if (!embed.handleLinks) return false;
      post('link', { url });
      return true;
    }

    return {
      enabled: embed.enabled,
      heightAuto: embed.heightAuto,
      headerHeight: () => (embed.enabled ? HEADER_HEIGHT : 0),
      allowedSources: () => siteConfig.sources,
      canvasTop,
      readConfig,
      post,
      opened,
      navigated,
      error,
      state,
      tellViewer,
      layOutAutoHeight,
      visibleFoot,
      onVisibleChange: (callback) => {
        visibleChanged = callback;
      },
      scrollHostTo,
      hostTakesLink,
    };
  },
};
