// The search box: a real input over the canvas's search bar, so that typing, IME
// composition (only committed text is searched; the composition is drawn as it is
// typed) and the keys of the search bar work as in any text field; Ctrl+F / Cmd+F
// open it. The viewer draws the bar and runs the search; this carries the text.
// @ts-check
'use strict';

window.DigestSearchInput = {
  // env: { viewer() (the bridge, or null), current() (the issue on screen, or null),
  //        ready (resolves once the first issue opened or failed), canvasTop() (the
  //        canvas's top in the window), scroller() (where focus returns on close),
  //        searchPanel() (the search bar's rectangle on the canvas, or null) }
  create(env) {
    const searchInput = /** @type {HTMLInputElement} */ (document.getElementById('search-input'));
    let composing = null; // { at, text } while an IME composition is in progress

    function sendSearchText() {
      const viewer = env.viewer();
      if (!viewer) return; // stopped: the error screen is up
      const value = searchInput.value;
      let committed = value;
      let composingText = '';
      let at = value.length;
      if (composing) {
        // The input holds the composition too; only what was committed is searched.
        at = composing.at;
        composingText = composing.text;
        committed = value.slice(0, at) + value.slice(at + composingText.length);
      }
      const atBytes = new TextEncoder().encode(committed.slice(0, at)).length;
      viewer.searchText(committed, composingText, atBytes);
    }

    searchInput.addEventListener('compositionstart', () => {
      composing = { at: searchInput.selectionStart, text: '' };
    });
    searchInput.addEventListener('compositionupdate', (event) => {
      if (composing) composing.text = event.data || '';
      sendSearchText();
    });
    searchInput.addEventListener('compositionend', () => {
      composing = null;
      sendSearchText();
    });
    searchInput.addEventListener('input', () => sendSearchText());
    searchInput.addEventListener('keydown', (event) => {
      if (event.isComposing || event.keyCode === 229) return; // the IME is using this key
      const key =
        event.key === 'Enter'
          ? event.shiftKey
            ? 'previous'
            : 'next'
          : event.key === 'ArrowDown'
            ? 'down'
            : event.key === 'ArrowUp'
              ? 'up'
              : null;
      const viewer = env.viewer();
      if (!viewer) return;
      if (key) {
        event.preventDefault();
        viewer.searchKey(key);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        viewer.closeSearch();
      }
    });

    // A click on the search bar's own controls (the scope, the arrows) keeps the typing
    // in the box: the canvas is not focusable, and the click would leave the focus on
    // nothing.
    window.addEventListener('mousedown', (event) => {
      if (document.activeElement !== searchInput || event.target !== document.getElementById('canvas')) return;
      const panel = env.searchPanel();
      const y = event.clientY - env.canvasTop();
      if (
        panel &&
        event.clientX >= panel.x &&
        event.clientX < panel.x + panel.width &&
        y >= panel.y &&
        y < panel.y + panel.height
      )
        event.preventDefault();
    });

    // Focus comes before the viewer's next frame places the box (the input is
    // transparent, so where it sits until then is not seen): keys typed right after
    // "/" land in the box instead of being lost while the frame is pending.
    function focusInput() {
      searchInput.hidden = false;
      if (document.activeElement !== searchInput) {
        searchInput.focus({ preventScroll: true });
        searchInput.select();
      }
    }

    function onOpen({ box }) {
      Object.assign(searchInput.style, {
        left: box.x + 'px',
        top: box.y + env.canvasTop() + 'px',
        width: box.width + 'px',
        height: box.height + 'px',
      });
      focusInput();
    }

    function onClose() {
      searchInput.hidden = true;
      searchInput.value = '';
      composing = null;
      env.scroller().focus({ preventScroll: true });
    }

    // Ctrl+F / Cmd+F open our search, which also finds across the archive; so does "/"
    // (also in the viewer's key table, for hosts without this page), taken here so that
    // the box has focus before the next key arrives.
    window.addEventListener(
      'keydown',
      (event) => {
        if (!env.viewer() || !env.current() || event.altKey || event.isComposing) return;
        const modified = event.ctrlKey || event.metaKey;
        const find = modified && event.key.toLowerCase() === 'f';
        const slash = !modified && event.key === '/' && !DigestMirror.editingText();
        if (!find && !slash) return;
        event.preventDefault(); // no "/" typed into the box it opens
        env.viewer().openSearch();
        focusInput();
      },
      true,
    );

    // search(text, 'archive') promises, resolved when the viewer says its results are
    // complete (or a later query took over).
    let searchesWaiting = [];
    function onDone({ query }) {
      const waiting = searchesWaiting;
      searchesWaiting = [];
      for (const { resolve } of waiting) resolve(query);
    }

    // Opens search with `text` in scope "issue" (default) or "archive". For the archive,
    // resolves once every result is listed in state().search.results.
    async function search(text, scope) {
      await env.ready;
      const viewer = env.viewer();
      if (!viewer || !env.current()) return;
      const archive = scope === 'archive';
      const done = archive ? new Promise((resolve) => searchesWaiting.push({ resolve })) : null;
      viewer.openSearch();
      viewer.searchScope(archive ? 'archive' : 'issue');
      searchInput.value = text;
      sendSearchText();
      if (done) await done;
    }

    return {
      search,
      handlers: {
        searchOpen: onOpen,
        searchClose: onClose,
        searchDone: onDone,
      },
    };
  },
};
