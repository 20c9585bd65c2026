// The page's scroller and its transparent text layer, in step with the canvas
// (docs/text-layer.md): the scroll space (scaled for pages taller than a browser
// scrolls), the text in pieces near the view, built within a budget per frame, glyphs
// prepared in idle time, the reader's selection and copying, and which of the text
// layer and the canvas's panels a pointer reaches. app.js creates it
// with what it needs; the viewer is reached only through the bridge (`viewer()`).
//
// [SECTION] The scroll space
// [SECTION] Pieces of text near the view; layout and scrolling
// [SECTION] Links, selecting and copying
// [SECTION] Pointer routing between the text layer and the canvas's panels
// @ts-check
'use strict';

window.DigestTextLayer = {
  // env: { viewer() (the bridge, or null), heightAuto() (embedded with height=auto: the
  //        host page scrolls), headerHeight() (the embed header above the canvas, or 0),
  //        canvasTop() (the canvas's top in the window), layOutAutoHeight(geometry),
  //        scrollHostTo(y, behavior), scheduleSave(),
  //        hostTakesLink(url) (true when the host handles links itself), copyLink(id, article),
  //        openIssue(issue, article) (a story thread's link: opens it in this viewer) }
  create(env) {
    const $ = (id) => document.getElementById(id);
    const scroller = $('scroller');
    const textLayer = $('text-layer');

    // The viewer's HTML places each block with data-box="left top size line-height";
    // the positions go in through the CSSOM, which the page's Content-Security-Policy
    // allows (it refuses style="" attributes in markup).
    const placeBlocks = (root) => DigestPrepaint.placeBlocks(root, scrollSpace.base);

    //---------------------------------------------------------------------------
    // [SECTION] The scroll space
    //---------------------------------------------------------------------------
    // Pages taller than a browser can scroll or lay out (Chromium ~33.5 M px, Firefox
    // ~17.9 M) get a scaled scroll space: the scroller is MAX_SCROLL_HEIGHT tall and its
    // position maps linearly onto the page; the text layer's blocks are placed from a
    // base near the view and the layer is shifted to where the view is, so no element
    // sits past the limits. Every article stays reachable (docs/text-layer.md).
    const MAX_SCROLL_HEIGHT = DigestConstants.sizes.maxScrollHeight;
    const REBASE_PX = 1000000;
    const scrollSpace = { scale: 1, base: 0 };

    // The page position at the top of the view, in page px.
    function pageScrollY() {
      return scroller.scrollTop * scrollSpace.scale;
    }

    // The view's height in CSS px (the window's before the scroller is laid out).
    function viewHeight() {
      return scroller.clientHeight || innerHeight;
    }

    function setScrollSpace(pageHeight) {
      const view = viewHeight();
      const scaled = pageHeight > MAX_SCROLL_HEIGHT && !env.heightAuto();
      scrollSpace.scale = scaled ? Math.max(1, (pageHeight - view) / (MAX_SCROLL_HEIGHT - view)) : 1;
      scrollSpace.base = 0;
      textLayer.style.height = (scaled ? MAX_SCROLL_HEIGHT : pageHeight) + 'px';
      textLayer.classList.toggle('scaled', scaled);
      textLayer.style.transform = '';
    }

    // Scaled: keeps the blocks where the view is (rebasing them every REBASE_PX).
    function followScrollSpace() {
      if (scrollSpace.scale === 1) return;
      const pageY = pageScrollY();
      if (Math.abs(pageY - scrollSpace.base) > 2 * REBASE_PX) {
        scrollSpace.base = Math.floor(pageY / REBASE_PX) * REBASE_PX;
        placeBlocks(textLayer);
      }
      textLayer.style.transform = `translateY(${scroller.scrollTop - pageY + scrollSpace.base}px)`;
    }

    //---------------------------------------------------------------------------
    // [SECTION] Pieces of text near the view; layout and scrolling
    //---------------------------------------------------------------------------
    // The text layer comes in pieces (docs/text-layer.md): a daily issue has a few and
    // all of them go in, nearest the view first; a huge one has only those within a few
    // screens of the view in the DOM, added and dropped as the reader scrolls. Each piece
    // is built off the document and added whole, within a time budget per frame, so no
    // main-thread task grows with the issue.
    const ALL_PIECES = 40; // up to this many (~100,000 px of page), all of them
    const PIECE_BUDGET_MS = 6; // building pieces per frame
    const pieces = { spans: [], shown: new Map(), all: true, frame: 0 };

    function resetPieces() {
      pieces.spans = env.viewer() ? env.viewer().textLayerPieces() : [];
      pieces.all = pieces.spans.length <= ALL_PIECES || env.heightAuto();
      pieces.shown.clear();
      textLayer.textContent = '';
      schedulePieces();
    }

    function schedulePieces() {
      if (!pieces.frame) pieces.frame = requestAnimationFrame(updatePieces);
    }

    // The page span to keep in the DOM: the view and a few screens around it.
    function keptSpan(extra) {
      const view = viewHeight();
      const margin = Math.max(2 * view, 2000) * extra;
      return [pageScrollY() - margin, pageScrollY() + view + margin];
    }

    function wantedPieces() {
      const [top, bottom] = keptSpan(1);
      const wanted = [];
      pieces.spans.forEach(([from, to], i) => {
        if (pieces.all || (to > top && from < bottom)) wanted.push(i);
      });
      // Nearest the view first.
      const middle = pageScrollY() + viewHeight() / 2;
      const distance = (i) => Math.max(0, pieces.spans[i][0] - middle, middle - pieces.spans[i][1]);
      return wanted.sort((a, b) => distance(a) - distance(b));
    }

    function updatePieces() {
      pieces.frame = 0;
      const viewer = env.viewer();
      if (!viewer) return; // none yet, or it stopped
      const started = performance.now();
      for (const i of wantedPieces()) {
        if (pieces.shown.has(i)) continue;
        if (performance.now() - started > PIECE_BUDGET_MS) {
          schedulePieces();
          break;
        }
        const element = document.createElement('div');
        element.className = 'piece';
        element.innerHTML = viewer.textLayerPiece(i);
        placeBlocks(element);
        showTicks(element);
        // In page order, so screen readers and selection read it in order.
        let after = null;
        for (const [j, other] of pieces.shown) if (j > i && (!after || j < after[0])) after = [j, other];
        textLayer.insertBefore(element, after ? after[1] : null);
        pieces.shown.set(i, element);
      }
      if (pieces.all) return;
      // Dropped once well out of reach (hysteresis: no thrashing at an edge), unless
      // the reader's selection is in them.
      const [top, bottom] = keptSpan(2);
      const selection = getSelection();
      for (const [i, element] of pieces.shown) {
        const [from, to] = pieces.spans[i];
        if (to > top && from < bottom) continue;
        if (selection.rangeCount && (element.contains(selection.anchorNode) || element.contains(selection.focusNode)))
          continue;
        element.remove();
        pieces.shown.delete(i);
      }
    }

    function textLayerState() {
      const wanted = wantedPieces();
      return {
        pieces: pieces.spans.length,
        inDom: pieces.shown.size,
        all: pieces.all,
        complete: wanted.every((i) => pieces.shown.has(i)),
      };
    }

    // The geometry applies at once (scroll positions depend on it); the text itself is
    // written from the next frame on, so building it does not delay the first text.
    function onLayout(geometry) {
      scroller.hidden = false;
      scroller.style.left = geometry.left + 'px';
      scroller.style.top = geometry.top + env.headerHeight() + 'px';
      setScrollSpace(geometry.height);
      if (env.heightAuto()) env.layOutAutoHeight(geometry);
      resetPieces();
      env.scheduleSave();
      prepareGlyphs();
    }

    // Glyphs of the text near the view are rasterised in idle time, so that frames
    // scrolling to it only draw (digest_prepare_glyphs): a few ms at a time, while the
    // browser has nothing else to do.
    const whenIdle =
      typeof requestIdleCallback === 'function'
        ? (callback) => requestIdleCallback(callback)
        : (callback) => setTimeout(() => callback({ timeRemaining: () => 8 }), 50);
    let glyphsQueued = false;
    function prepareGlyphs() {
      if (glyphsQueued || !env.viewer()) return;
      glyphsQueued = true;
      whenIdle((deadline) => {
        glyphsQueued = false;
        const viewer = env.viewer();
        if (!viewer) return;
        const budget = Math.min(8, deadline.timeRemaining() - 1);
        if (budget >= 1 && !viewer.prepareGlyphs(budget)) return;
        prepareGlyphs();
      });
    }

    function onScrollRequest({ y, behavior }) {
      if (env.heightAuto()) {
        env.scrollHostTo(y, behavior);
        return;
      }
      scroller.scrollTo({ top: y / scrollSpace.scale, behavior: behavior === 'smooth' ? 'smooth' : 'auto' });
      // The scroll event follows; the viewer already drew this position if it was instant.
    }

    scroller.addEventListener(
      'scroll',
      () => {
        const viewer = env.viewer();
        if (!viewer) return;
        followScrollSpace();
        if (!pieces.all) schedulePieces();
        viewer.setScroll(pageScrollY());
        env.scheduleSave();
        prepareGlyphs();
      },
      { passive: true },
    );

    //---------------------------------------------------------------------------
    // [SECTION] Links, selecting and copying
    // [SECTION] Pointer routing between the text layer and the canvas's panels
    //---------------------------------------------------------------------------
    textLayer.addEventListener('click', (event) => {
      const target = /** @type {Element} */ (event.target);
      const link = /** @type {HTMLAnchorElement | null} */ (target.closest('a[href]'));
      // A story thread's article of another issue: opened here, as the archive opens one
      // (a modified click still opens its address in a new tab).
      const issue = link && link.getAttribute('data-issue');
      if (issue && !(event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)) {
        event.preventDefault();
        env.openIssue(issue, link.getAttribute('data-goto') || '');
        return;
      }
      if (link && !issue && !link.hasAttribute('data-copy') && env.hostTakesLink(link.href)) {
        event.preventDefault();
        return;
      }
      const copy = target.closest('[data-copy]');
      if (!copy) return;
      event.preventDefault();
      // Also a piece that continues the article.
      const article = /** @type {HTMLElement | null} */ (copy.closest('article[data-article]'));
      env.copyLink(copy.getAttribute('data-copy'), article && article.dataset.article);
    });

    // Action checklists: each item's box is a real checkbox (data-check="article/key"),
    // ticked as the viewer's record says (checks events); a change goes to the viewer,
    // which draws it, keeps it and answers with the ticks again.
    const ticks = { issue: '', ticked: new Set() };
    function showTicks(root) {
      for (const box of root.querySelectorAll('input[data-check]')) {
        /** @type {HTMLInputElement} */ (box).checked = ticks.ticked.has(box.getAttribute('data-check'));
      }
    }
    function onChecks({ issue, ticked }) {
      ticks.issue = issue;
      ticks.ticked = new Set(ticked);
      showTicks(textLayer);
    }
    textLayer.addEventListener('change', (event) => {
      const box = /** @type {HTMLInputElement} */ (event.target);
      const check = box.getAttribute && box.getAttribute('data-check');
      const viewer = env.viewer();
      if (!check || !viewer) return;
      const at = check.indexOf('/');
      if (!viewer.setCheck(ticks.issue, check.slice(0, at), check.slice(at + 1), box.checked)) showTicks(textLayer);
    });

    // Double-click selects a run of one script (kanji, hiragana, katakana, Latin and
    // digits), which is how Japanese readers expect a "word" to be picked.
    function scriptOf(ch) {
      const cp = ch.codePointAt(0);
      if (cp >= 0x3041 && cp <= 0x309f) return 'hiragana';
      if ((cp >= 0x30a0 && cp <= 0x30ff) || (cp >= 0xff66 && cp <= 0xff9f) || cp === 0x30fc) return 'katakana';
      if (
        (cp >= 0x4e00 && cp <= 0x9fff) ||
        (cp >= 0x3400 && cp <= 0x4dbf) ||
        cp === 0x3005 ||
        (cp >= 0x20000 && cp <= 0x3ffff)
      )
        return 'kanji';
      if (/[0-9A-Za-z\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a_]/.test(ch)) return 'latin';
      return 'other';
    }

    textLayer.addEventListener('dblclick', () => {
      const selection = window.getSelection();
      if (!selection.rangeCount) return;
      const range = selection.getRangeAt(0);
      const node = range.startContainer;
      if (node.nodeType !== Node.TEXT_NODE) return;
      const text = node.textContent;
      const chars = Array.from(text);
      // Map the UTF-16 offset to a code point index.
      let index = 0;
      for (let unit = 0; index < chars.length && unit + chars[index].length <= range.startOffset; index++)
        unit += chars[index].length;
      if (index >= chars.length) return;
      const script = scriptOf(chars[index]);
      if (script === 'other') return;
      let start = index;
      let end = index + 1;
      while (start > 0 && scriptOf(chars[start - 1]) === script) start--;
      while (end < chars.length && scriptOf(chars[end]) === script) end++;
      const offset = (k) => chars.slice(0, k).join('').length;
      const word = document.createRange();
      word.setStart(node, offset(start));
      word.setEnd(node, offset(end));
      selection.removeAllRanges();
      selection.addRange(word);
    });

    // Copy (Ctrl+C, the context menu, the Edit menu) takes the selected text without
    // our line-wrap breaks: paragraphs, headings and list items end with a newline.
    document.addEventListener('copy', (event) => {
      const selection = window.getSelection();
      if (!selection.rangeCount || !textLayer.contains(selection.getRangeAt(0).commonAncestorContainer)) return;
      const fragment = selection.getRangeAt(0).cloneContents();
      for (const br of fragment.querySelectorAll('br')) br.remove();
      for (const marker of fragment.querySelectorAll('[aria-hidden]')) marker.append(' ');
      for (const block of fragment.querySelectorAll('p, h1, h2, h3, pre')) block.append('\n');
      const text = fragment.textContent.replace(/\n+$/, '');
      if (!text) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    });

    //---------------------------------------------------------------------------
    // [SECTION] Pointer routing between the text layer and the canvas's panels
    //---------------------------------------------------------------------------
    // Panels the viewer draws over the page ({x, y, width, height} each): there the
    // pointer must reach the canvas, not the transparent text layer.
    // Also when a panel opens or closes under a pointer that has not moved.
    let overlays = [];
    let lastPointer = null;
    function routePointer(event) {
      if (event) lastPointer = { x: event.clientX, y: event.clientY };
      if (!lastPointer) return;
      const over = overlays.some(
        ({ x, y, width, height }) =>
          lastPointer.x >= x &&
          lastPointer.x < x + width &&
          lastPointer.y >= y + env.canvasTop() &&
          lastPointer.y < y + height + env.canvasTop(),
      );
      scroller.style.pointerEvents = over ? 'none' : '';
    }
    window.addEventListener('pointermove', routePointer, true);
    window.addEventListener('pointerdown', routePointer, true);

    function onOverlays(rects) {
      overlays = rects;
      if (!overlays.length) scroller.style.pointerEvents = '';
      else routePointer(null);
    }

    return { scroller, scrollSpace, state: textLayerState, onLayout, onScrollRequest, onOverlays, onChecks };
  },
};
