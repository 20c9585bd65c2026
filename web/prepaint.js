// The first screen as text before the viewer runs (docs/prepaint.md): the newest
// issue's top that index.html itself holds (shown by start.js before any script
// loaded), the screen of the last visit (a warm start) or, from the issue's page as
// `digest prepaint` laid it out when the site was built (a cold start), the screen at
// its top or at the article or section the address points to, painted into the text
// layer exactly where the canvas will draw the same lines. Inline in index.html after
// start.js (tools/stamp_web.py; `//# sourceURL=prepaint.js` names it), so nothing is
// fetched before it runs: it paints, and it loads the others. app.js takes over from
// window.DigestPrepaint.
//
// [SECTION] What this start will open
// [SECTION] Painting
// [SECTION] The first screen in the page, warm and cold
// @ts-check
'use strict';

window.DigestPrepaint = (() => {
  const $ = (id) => document.getElementById(id);
  const { storage: KEYS, paths: PATHS } = DigestConstants;
  // Pages taller than this get a scaled scroll space (text_layer.js, docs/text-layer.md);
  // never painted from here.
  const MAX_SCROLL_HEIGHT = DigestConstants.sizes.maxScrollHeight;
  const EMBED_HEADER = DigestConstants.sizes.embedHeaderHeight;
  // How long a cold start's file is waited for before the viewer draws the issue itself.
  const COLD_WAIT_MS = 500;
  const build = (() => {
    try {
      return JSON.parse($('build').textContent);
    } catch (error) {
      return { assets: {} };
    }
  })();
  const storage = (key) => {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  };

  //-----------------------------------------------------------------------------
  // [SECTION] What this start will open
  //-----------------------------------------------------------------------------
  // What the address asks for, as start.js read it (just before this script).
  const { issue, src, place, screenAt, embedded, embedRefused, published, laidOutAsPublished } = window.DigestAddress;
  const request = { issue, src };
  // Embedded (docs/embed.md): the page below the compact header, with the window's
  // whole width (no contents column); with height=auto in a frame the host's page
  // scrolls, so the screen is the issue's top wherever the place (`screenAt`, null for
  // none). Another text size or the checklists without their boxes: the viewer does
  // not lay the issue out as the published files are, so nothing is painted; a preview
  // has no published file (previewIssue below).
  const paintable = published && !embedRefused && screenAt !== null;
  // A file of this site as bytes; throws when it is not there or was sent elsewhere
  // (as resources.js refuses a redirect to another site).
  async function bytesOf(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok || new URL(response.url).origin !== location.origin) throw new Error(url + ': ' + response.status);
    return new Uint8Array(await response.arrayBuffer());
  }

  // A preview of this site's origin, laid out as the published files are, is painted
  // from its own JSON (preview()). app.js reads it again with its own request (the
  // HTTP cache's copy, with its timeout and the offline checks of resources.js).
  const previewIssue = (() => {
    if (!src || !laidOutAsPublished || embedRefused || screenAt === null) return null;
    let url;
    try {
      url = new URL(src, location.href);
    } catch (error) {
      return null;
    }
    if (url.origin !== location.origin) return null; // the viewer checks config.json's sources
    const bytes = bytesOf(url.href);
    bytes.catch(() => {});
    return { bytes };
  })();

  // Where the issue asked for was found last time ("latest" -> "2026-11-25.json").
  const rememberKey = (wanted) => KEYS.path(wanted.issue || 'latest');
  const rememberedPath = (wanted) => (wanted.src ? null : storage(rememberKey(wanted)));
  const issueFile = (name) => (typeof name === 'string' && /^[\w.-]+\.json$/.test(name) ? name : null);

  // The archive index, preloaded by the page: read once, here, and given to app.js.
  const index = request.src ? null : bytesOf(PATHS.index).catch(() => null);

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
      return null; // the viewer reports a bad index
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

  // The markup a first screen may hold: what the core's text layer writes
  // (src/core/text_layer.cpp), nothing else. A prepaint file or a stored snapshot is
  // input: it is parsed inert, and rebuilt element by element from this list, so
  // neither can add a meta refresh, a base, a form, a frame, an object, an event
  // handler or a style (the CSP stops some of these, not a meta refresh).
  const ELEMENTS = new Set([
    'article',
    'aside',
    'h1',
    'h2',
    'h3',
    'p',
    'pre',
    'span',
    'a',
    'button',
    'input',
    'br',
    'strong',
    'em',
    'code',
    'del',
  ]);
  const ATTRIBUTES = new Set(['id', 'class', 'data-box', 'data-article', 'aria-label', 'aria-hidden']);
  const LINK_ATTRIBUTES = new Set(['href', 'target', 'rel', 'data-copy', 'data-issue', 'data-goto']);
  const isBox = (value) => {
    const parts = value.split(' ');
    return parts.length === 4 && parts.every((n) => /^-?\d+(\.\d+)?$/.test(n));
  };
  const isHref = (value) => {
    if (value.startsWith('#')) return true;
    try {
      return ['http:', 'https:', 'mailto:'].includes(new URL(value, location.href).protocol);
    } catch (error) {
      return false;
    }
  };
  const allowed = (tag, name, value) => {
    if (name === 'data-box') return isBox(value);
    if (ATTRIBUTES.has(name)) return true;
    if (tag === 'button') return (name === 'type' && value === 'button') || name === 'data-copy';
    if (tag === 'input') return (name === 'type' && value === 'checkbox') || name === 'data-check';
    if (tag !== 'a' || !LINK_ATTRIBUTES.has(name)) return false;
    if (name === 'href') return isHref(value);
    if (name === 'target') return value === '_blank';
    return true;
  };
  // Whether firstScreenMarkup copies `element` (with what it holds).
  const copied = (/** @type {Element} */ element) =>
    ELEMENTS.has(element.localName) &&
    element.namespaceURI === 'http://www.w3.org/1999/xhtml' &&
    // A checklist item's box, and no other kind of input.
    (element.localName !== 'input' || element.getAttribute('type') === 'checkbox');
  // A block firstScreenMarkup keeps as a block: it and all that hold it copied, a box given.
  const keptBlock = (/** @type {Element} */ block, /** @type {Element} */ root) => {
    if (!isBox(block.getAttribute('data-box') || '')) return false;
    for (let at = block; at && at !== root; at = at.parentElement) if (!copied(at)) return false;
    return true;
  };

  // `html` parsed inert (no script runs, nothing loads), or null for no string.
  const inert = (html) =>
    typeof html === 'string' ? new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body : null;

  // A fragment of the live document with only the allowed elements and attributes of
  // `html` (a string, or an inert body: others are left out with what they hold), or
  // null for no string.
  function firstScreenMarkup(html) {
    const parsed = typeof html === 'string' ? inert(html) : html instanceof Element ? html : null;
    if (!parsed) return null;
    const copy = (from, to) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.append(node.data);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (!copied(/** @type {Element} */ (node))) continue;
          const tag = node.localName;
          const element = document.createElement(tag);
          for (const { name, value } of node.attributes) {
            if (allowed(tag, name, value)) element.setAttribute(name, value);
          }
          copy(node, element);
          to.append(element);
        }
      }
    };
    const fragment = document.createDocumentFragment();
    copy(parsed, fragment);
    return fragment;
  }

  // Shows a first screen as text, placed line by line where the canvas will draw it:
  // `snapshot.html`, or `snapshot.markup` made from it already; the layer's own
  // children for the page's own first screen (kind 'page': on screen already).
  function paint(snapshot) {
    const scroller = $('scroller');
    const layer = $('text-layer');
    // Set in the fonts the page already has ("DigestText" comes later, from the
    // canvas's font slices): waiting for fonts would hold the first paint. Each line
    // is placed absolutely, so it starts where the canvas draws it whatever the font.
    const markup = snapshot.kind === 'page' ? null : snapshot.markup || firstScreenMarkup(snapshot.html);
    if (!markup && snapshot.kind !== 'page') return null;
    scroller.hidden = false;
    scroller.style.left = snapshot.left + 'px';
    scroller.style.top = snapshot.top + 'px';
    layer.style.height = snapshot.pageHeight + 'px';
    if (markup) layer.replaceChildren(markup);
    // A cold start's screen is laid out for the narrowest window of its range: the
    // column moves right with the window.
    for (const block of snapshot.shift ? layer.querySelectorAll('[data-box]') : []) {
      const { dataset } = /** @type {HTMLElement} */ (block);
      const box = dataset.box.split(' ');
      box[0] = (Number(box[0]) + snapshot.shift).toFixed(2);
      dataset.box = box.join(' ');
    }
    placeBlocks(layer);
    layer.classList.add('prepaint');
    scroller.scrollTop = snapshot.scrollY;
    // Stands for the top bar (embedded, start.js showed the header instead).
    $('prepaint-bar').hidden = embedded;
    // When the browser rendered that text (Element Timing, which reports text by the
    // element that holds it; the page's own first screen is its first contentful
    // paint), not when it was asked to.
    for (const block of layer.querySelectorAll('[data-box]')) block.setAttribute('elementtiming', 'digest-first-text');
    const type = snapshot.kind === 'page' ? 'paint' : 'element';
    const supported =
      typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).includes(type);
    const rendered = (time) => {
      if (state.firstText === null || time < state.firstText) state.firstText = time;
      performance.mark('digest:first-text');
    };
    if (supported) {
      const observer = new PerformanceObserver((list) => {
        const entries = list.getEntries().filter((e) => type === 'element' || e.name === 'first-contentful-paint');
        if (!entries.length) return;
        rendered(Math.min(...entries.map((e) => /** @type {any} */ (e).renderTime || e.startTime)));
        observer.disconnect();
      });
      observer.observe({ type, buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(() => rendered(performance.now()), 0));
    }
    return snapshot;
  }

  //-----------------------------------------------------------------------------
  // [SECTION] The first screen in the page, warm and cold
  //-----------------------------------------------------------------------------
  // The newest issue's top that index.html holds (in #first-screen-column), shown by
  // start.js (html.first-screen) and placed by its style sheet for this window's
  // width: made a painted first screen like the others (data-box and the CSSOM where
  // the style sheet placed it, only this width's line breaks), in one go, so nothing
  // moves.
  function adoptPageScreen() {
    const html = document.documentElement;
    if (!html.classList.contains('first-screen')) return null;
    const scroller = $('scroller');
    const layer = $('text-layer');
    const columnBox = $('first-screen-column');
    if (!columnBox) return null;
    const px = (element, property) => parseFloat(getComputedStyle(element).getPropertyValue(property));
    const column = px(columnBox, 'left');
    for (const br of layer.querySelectorAll('br')) {
      if (getComputedStyle(br).display === 'none') {
        br.remove();
      } else {
        br.removeAttribute('class');
        br.setAttribute('aria-hidden', 'true');
      }
    }
    for (const block of layer.querySelectorAll('[data-box]')) {
      // Below the screen at this width: not shown (as a cold start makes only what is in view).
      if (getComputedStyle(block).display === 'none') {
        block.remove();
        continue;
      }
      const box = [px(block, 'left') + column, px(block, 'top'), px(block, 'font-size'), px(block, 'line-height')];
      /** @type {HTMLElement} */ (block).dataset.box = box.map((n) => n.toFixed(2)).join(' ');
      for (const name of [...block.classList]) if (/^b\d+$/.test(name)) block.classList.remove(name);
      if (!block.classList.length) block.removeAttribute('class');
    }
    const pageScreen = {
      kind: 'page',
      left: px(scroller, 'left'),
      top: px(scroller, 'top'),
      pageHeight: px(layer, 'height'),
      // A share page's screen is scrolled to its article by moving the column up.
      scrollY: -px(columnBox, 'top'),
      shift: 0,
      bold: true,
    };
    // Out of the column's box (blocks made anew where they were: no layout shift).
    layer.replaceChildren(...columnBox.childNodes);
    html.classList.remove('first-screen');
    return placedAt(pageScreen) ? paint(pageScreen) : null;
  }

  // Where a first screen goes: finite numbers, the page no taller than the scroller
  // holds unscaled (a stored snapshot is input like a file: any field may be anything).
  const placedAt = (s) =>
    ['left', 'top', 'pageHeight', 'scrollY', 'shift'].every((k) => Number.isFinite(s[k])) &&
    s.pageHeight >= 0 &&
    s.pageHeight <= MAX_SCROLL_HEIGHT;
  const placed = (s) => placedAt(s) && (typeof s.html === 'string' || s.markup instanceof DocumentFragment);

  // The snapshot of the last visit (app.js keeps it), if it fits this start: the
  // same build, width and file, and no place asked for; never in an embed (the
  // snapshot is of a whole window's page).
  function warm() {
    if (embedded) return null;
    let snapshot = null;
    try {
      snapshot = JSON.parse(storage(KEYS.snapshot));
    } catch (error) {
      return null;
    }
    if (
      place ||
      !snapshot ||
      typeof snapshot !== 'object' ||
      snapshot.build !== build.version ||
      snapshot.width !== innerWidth ||
      rememberedPath(request) !== snapshot.path
    )
      return null;
    const warmShot = {
      left: snapshot.left,
      top: snapshot.top,
      pageHeight: snapshot.pageHeight,
      scrollY: snapshot.scrollY,
      shift: 0,
      html: snapshot.html,
      bold: snapshot.bold === true,
      kind: 'warm',
    };
    return placed(warmShot) ? paint(warmShot) : null;
  }

  const isCount = (n) => Number.isInteger(n) && n >= 0;
  const numbers = (xs, length) => Array.isArray(xs) && xs.length === length && xs.every(Number.isFinite);

  // Puts our line breaks into a block of the published text: `lengths` are the UTF-16
  // units of each line but the last (a break at a space after the space), and the
  // <br> goes where the core's text layer has it, after the line's last text, inside
  // the link or style that holds it.
  function breakLines(block, lengths) {
    let end = 0;
    const ends = lengths.map((n) => (end += n));
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(/** @type {Text} */ (walker.currentNode));
    let next = 0;
    let offset = 0;
    for (const text of texts) {
      let node = text;
      let start = offset;
      offset += text.data.length;
      for (; next < ends.length && ends[next] <= offset; next++) {
        if (ends[next] <= start) continue;
        const rest = ends[next] - start < node.data.length ? node.splitText(ends[next] - start) : null;
        const br = document.createElement('br');
        br.setAttribute('aria-hidden', 'true');
        node.after(br);
        if (!rest) break;
        node = rest;
        start = ends[next];
      }
    }
  }

  // The screen of a laid-out page (digest-prepaint/2) where the screen shows it
  // (`screenAt`, '' for the top), for a window `width` px wide and `height` px high: the
  // blocks in view, placed and broken into lines as the range `entry` lays them out;
  // null where the file does not cover it. `kind`: 'cold' (published) or 'preview'.
  function publishedScreen(file, entry, kind, width, height) {
    const placeId = screenAt;
    if (!['from', 'left', 'top', 'column', 'shift', 'pageHeight', 'covered'].every((k) => Number.isFinite(entry[k])))
      return null;
    const ids = Array.isArray(file.ids) ? file.ids : [];
    const at = placeId ? ids.indexOf(placeId) : -1;
    if (placeId && (at < 0 || !numbers(entry.jumps, ids.length))) return null;
    // Where the page starts in the window: embedded, at the window's left edge, below the header.
    const origin = embedded ? { left: 0, top: EMBED_HEADER } : { left: entry.left, top: entry.top };
    // Where the viewer will scroll to: a jump's place, within the page (reading_position.cpp).
    const view = height - origin.top;
    const scrollY = Math.max(0, Math.min(at >= 0 ? entry.jumps[at] : 0, entry.pageHeight - view));
    // Past `covered` the file has no text (cut for size) or text only the platform can measure.
    if (entry.covered < entry.pageHeight && scrollY + view > entry.covered) return null;
    const parsed = inert(typeof entry.html === 'string' ? entry.html : file.html);
    const sizes = Array.isArray(file.sizes) ? file.sizes[entry.sizes] : null;
    if (!parsed) return null;
    const blocks = [...parsed.querySelectorAll('[data-box]')].filter((block) => keptBlock(block, parsed));
    const count = blocks.length;
    if (!numbers(entry.xs, count) || !numbers(entry.ys, count) || !numbers(sizes, 2 * count)) return null;
    if (!Array.isArray(entry.breaks) || entry.breaks.length !== count) return null;
    // A block is drawn if it reaches into the view (a margin for lines set above their
    // box). Those out of view are taken out of the inert copy, so only the screen's
    // blocks are checked and copied into the page (a deep link's issue is all there).
    const [top, bottom] = [scrollY - 100, scrollY + view + 100];
    const shown = [];
    let y = 0;
    for (let i = 0; i < count; i++) {
      y += entry.ys[i] / 100;
      const lines = entry.breaks[i];
      if (!Array.isArray(lines) || !lines.every(isCount)) return null;
      const lineHeight = sizes[2 * i + 1] / 100;
      if (y > bottom || y + (lines.length + 1) * lineHeight < top) {
        blocks[i].remove();
        continue;
      }
      const x = entry.column + entry.xs[i] / 100;
      shown.push({ box: [x, y, sizes[2 * i] / 100, lineHeight].map((n) => n.toFixed(2)).join(' '), lines });
    }
    const markup = firstScreenMarkup(parsed);
    if (!markup) return null;
    // No ids: the browser would scroll the text layer to the element the #fragment names
    // as soon as it is in the document (an article's element has no height of its own),
    // not where the viewer opens. The viewer's own layer brings them back.
    for (const element of markup.querySelectorAll('[id]')) element.removeAttribute('id');
    // Each block in view, copied (keptBlock said it would be).
    const placedBlocks = markup.querySelectorAll('[data-box]');
    if (placedBlocks.length !== shown.length) return null;
    placedBlocks.forEach((element, i) => {
      const block = /** @type {HTMLElement} */ (element);
      block.dataset.box = shown[i].box;
      breakLines(block, shown[i].lines);
    });
    return {
      kind,
      left: origin.left,
      shift: entry.shift * (width - entry.from),
      top: origin.top,
      pageHeight: entry.pageHeight,
      scrollY,
      markup,
      bold: file.bold === true,
    };
  }

  // The issue's published page (prepaint/<file>.json), if it has a range for this
  // window's width and the viewer will open the issue at its top with the default text
  // size and no reading position to return to, or at the place the address points to.
  async function cold(stillWanted) {
    const scale = storage(KEYS.fontScale);
    if (scale !== null && Number(scale) !== 1) return null;
    const file = await path;
    if (!file) return null;
    let prepaint = null;
    try {
      const response = await fetch('prepaint/' + file, { credentials: 'same-origin' });
      if (response.ok) prepaint = await response.json();
    } catch (error) {
      return null;
    }
    // A guessed file must hold the issue asked for.
    const latest = !request.issue || request.issue === 'latest';
    if (!prepaint || (!latest && prepaint.issue !== request.issue)) return null;
    return screenOf(prepaint, 'cold', stillWanted);
  }

  // The screen of a digest-prepaint/2 file (published, or a preview's made here) at the
  // place asked for, if it has a range for this window's width and the viewer will open
  // it there: not at the top when the reader has a position to return to.
  function screenOf(prepaint, kind, stillWanted) {
    if (!prepaint || prepaint.format !== 'digest-prepaint/2' || !Array.isArray(prepaint.entries)) return null;
    // Opened without a place, the viewer returns to the reader's.
    if (!screenAt && storage(KEYS.resume(prepaint.issue))) return null;
    // The window width each range is for. An entry's page is as wide as its window less
    // its `left` (the contents column of wide windows): embedded there is no column, so
    // the page of a window `left` px wider than this one is this one's.
    const laidOutFor = (e) => innerWidth + (embedded ? e.left : 0);
    const covers = (e) =>
      e && Number.isFinite(e.left) && e.from <= laidOutFor(e) && (e.to === null || laidOutFor(e) <= e.to);
    const entry = prepaint.entries.find(covers);
    if (!entry || !stillWanted()) return null;
    const shot = publishedScreen(prepaint, entry, kind, laidOutFor(entry), innerHeight);
    return shot && placed(shot) ? paint(shot) : null;
  }

  // A preview's screen (?src= of this site; docs/prepaint.md, "A preview's screen"): no
  // file was laid out at publishing, so prepaint.wasm (the core's loader and layout,
  // src/platform/prepaint_module.cpp) lays this window's screen out from the issue,
  // measured by the font's first slice of both weights, as `digest prepaint` measures.
  async function preview(stillWanted) {
    const scale = storage(KEYS.fontScale);
    if (scale !== null && Number(scale) !== 1) return null;
    // [prepaint.wasm, slice 0 regular, slice 0 bold], as head.js asked for them (tools/stamp_web.py).
    const files = Array.isArray(build.previewFiles) ? build.previewFiles : [];
    if (!previewIssue || files.length !== 3 || !files.every((name) => typeof name === 'string')) return null;
    const [module, regular, bold, issueBytes] = await Promise.all([
      WebAssembly.compileStreaming(fetch(files[0], { credentials: 'same-origin' })),
      bytesOf(files[1]),
      bytesOf(files[2]),
      previewIssue.bytes,
    ]);
    if (!stillWanted()) return null;
    // No Emscripten runtime: what it imports (memory growth's notice, WASI's output for
    // an abort's message) is answered or refused here.
    /** @type {Record<string, Record<string, Function>>} */
    const imports = {};
    for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
      if (kind !== 'function') return null;
      const refused = () => {
        throw new Error('prepaint.wasm: ' + from + '.' + name);
      };
      (imports[from] ||= {})[name] = name === 'emscripten_notify_memory_growth' ? () => {} : refused;
    }
    /** @type {any} the calls of src/platform/prepaint_module.cpp */
    const wasm = (await WebAssembly.instantiate(module, imports)).exports;
    if (typeof wasm._initialize === 'function') wasm._initialize(); // static constructors
    const heap = () => new Uint8Array(wasm.memory.buffer);
    const put = (bytes) => {
      const at = wasm.prepaint_buffer(bytes.length + 1);
      if (!at) throw new Error('prepaint.wasm: no memory');
      heap().set(bytes, at);
      heap()[at + bytes.length] = 0;
      return at;
    };
    wasm.prepaint_font(0, put(regular), regular.length);
    wasm.prepaint_font(1, put(bold), bold.length);
    const text = (s) => put(new TextEncoder().encode(s));
    const [issueAt, placeAt] = [put(issueBytes), text(screenAt)];
    const headingsAt = text(Array.isArray(build.checklistHeadings) ? build.checklistHeadings.join('\n') : '');
    // Laid out a window's height below the place, as the published files are (1,400 px,
    // or this window's if taller).
    const height = Math.max(innerHeight, 1400);
    const answerAt = wasm.prepaint_screen(issueAt, issueBytes.length, innerWidth, height, placeAt, headingsAt);
    for (const at of [issueAt, placeAt, headingsAt]) wasm.free(at);
    const memory = heap();
    const answer = new TextDecoder().decode(memory.subarray(answerAt, memory.indexOf(0, answerAt)));
    if (!answer || !stillWanted()) return null;
    return screenOf(JSON.parse(answer), 'preview', stillWanted);
  }

  // The viewer's other scripts (the build's list, in order: `async = false`), loaded from
  // here with its two big downloads (the wasm and the font's first slice, preloaded for
  // the scripts to take). After the first frame when a screen was painted at once: a
  // script run before it would hold the paint, and on a small machine the downloads
  // slow it too (a share page's first text 240 -> 196 ms without them, median of 13).
  function loadScripts(afterFrame) {
    const load = () => {
      const assets = build.assets || {};
      for (const [name, type] of [
        ['viewer.wasm', 'application/wasm'],
        ['fonts/BIZUDPGothic-Regular.s00.ttf', ''],
      ]) {
        if (typeof assets[name] !== 'string') continue;
        const preload = document.createElement('link');
        preload.rel = 'preload';
        preload.as = 'fetch';
        if (type) preload.type = type;
        preload.crossOrigin = 'anonymous';
        preload.href = assets[name];
        document.head.append(preload);
      }
      for (const src of Array.isArray(build.scripts) ? build.scripts : []) {
        const script = document.createElement('script');
        script.src = src;
        script.async = false;
        document.body.append(script);
      }
    };
    if (afterFrame) afterNextFrame(load);
    else load();
  }
  // After the browser's next frame has been drawn (at once in a hidden tab, which draws none).
  function afterNextFrame(then) {
    if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(then, 0));
    else then();
  }

  const painted = (() => {
    if (!paintable && !previewIssue) {
      loadScripts(false);
      return Promise.resolve(null);
    }
    // The page's own screen is shown by its style sheet: made a painted first screen
    // after the frame that shows it, so reading its places does not hold that frame.
    if (document.documentElement.classList.contains('first-screen')) {
      const adopted = new Promise((resolve) => afterNextFrame(() => resolve(adoptPageScreen())));
      loadScripts(true);
      return adopted;
    }
    const shownAtOnce = previewIssue ? null : warm();
    if (shownAtOnce) {
      loadScripts(true);
      return Promise.resolve(shownAtOnce);
    }
    // The viewer's scripts and downloads wait for the painted screen (or COLD_WAIT_MS):
    // started at once they would hold it up (a section's first text 312 -> 228 ms, an
    // older issue's top 304 -> 268, medians of 11), and the text is there to read.
    let waiting = true;
    const attempt = (previewIssue ? preview : cold)(() => waiting).catch(() => null);
    const timeout = new Promise((resolve) => setTimeout(resolve, COLD_WAIT_MS, null));
    return Promise.race([attempt, timeout]).then((result) => {
      waiting = false;
      loadScripts(result !== null);
      return result;
    });
  })();

  // The canvas has drawn: the text layer is transparent over it again.
  function end() {
    $('text-layer').classList.remove('prepaint');
    $('prepaint-bar').hidden = true;
  }

  return {
    painted, // resolves to the painted snapshot ({kind, bold, ...}) or null
    end,
    firstText: () => state.firstText, // when the browser rendered the painted text
    path, // the guessed issue file (a promise)
    index, // the index's bytes (a promise), or null with ?src=
    placeBlocks,
    firstScreenMarkup, // for tests/browser/stored.test.mjs's fuzzing
    rememberKey,
    rememberedPath,
  };
})();
