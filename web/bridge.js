// The viewer bridge: the only code on the page that touches the Emscripten module
// (tools/check_protocol.py fails `make test` if another file does). Every call of
// src/platform/host_protocol.hpp has a typed wrapper here that moves strings and bytes
// across (the viewer copies what it keeps, except the fonts handed to it) and parses
// the JSON it answers; every event comes out through one dispatcher.
//
// Delivery rule: the viewer sends events synchronously from inside its frame (between
// ImGui::NewFrame and Render) or from inside the call that caused them. A handler runs
// there and may call back into the viewer (each call is re-entrant; none draws a
// frame), but must not wait on it; anything slow is started and answered later by a
// call. A handler that throws is logged and does not unwind through the viewer's C++
// frames.
//
// Once the viewer stops (an abort, or memory that cannot be had), `running` is false,
// `onStopped(reason)` is told once, and every call does nothing and answers null.
//
// [SECTION] Start and stop
// [SECTION] Marshalling
// [SECTION] The calls
// @ts-check
'use strict';

window.DigestBridge = (function () {
  //-----------------------------------------------------------------------------
  // [SECTION] Start and stop
  //-----------------------------------------------------------------------------

  // Starts the viewer in `canvas`. `handlers`: {eventType: handler(event)}; `onStopped`:
  // (reason) => void; `locateFile`, `print`, `printErr` as Emscripten takes them;
  // `noteStoredRead(name)` is told of each stored setting the viewer reads.
  // Resolves to the bridge.
  async function start({ canvas, locateFile, handlers, onStopped, print, printErr, noteStoredRead }) {
    let module = null;
    let stopped = false;

    function stop(reason) {
      if (stopped) return;
      stopped = true;
      module = null;
      onStopped(reason);
    }

    function onViewerEvent(text) {
      let event;
      try {
        event = JSON.parse(text);
      } catch (error) {
        console.error(`viewer event that is not JSON: ${String(text).slice(0, 200)}`);
        return;
      }
      const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : null;
      if (!handler) {
        console.warn(`viewer event of unknown type: ${event.type}`);
        return;
      }
      try {
        const result = handler(event);
        // An async handler's failure is reported, not left unhandled.
        if (result && typeof result.catch === 'function') {
          result.catch((error) => console.error(`viewer event ${event.type}:`, error));
        }
      } catch (error) {
        console.error(`viewer event ${event.type}:`, error);
      }
    }

    module = await window.createDigestViewer({
      canvas,
      locateFile,
      print,
      printErr,
      onViewerEvent,
      noteStoredRead,
      onAbort: stop,
    });
    if (stopped) module = null; // it aborted while starting

    //-----------------------------------------------------------------------------
    // [SECTION] Marshalling
    //-----------------------------------------------------------------------------
    // Heap memory for the viewer, or a stop: a failed malloc answers 0, and writing
    // there would corrupt the heap instead of saying what happened. Throws after a stop.
    function allocate(size) {
      const ptr = module._malloc(size);
      if (!ptr) {
        const heap = Math.round(module.HEAPU8.length / 1048576);
        stop(`out of memory: ${size} bytes more did not fit in the ${heap} MB heap`);
        throw new Error('the viewer stopped: out of memory');
      }
      return ptr;
    }

    // Runs fn(...pointers) with each argument in the viewer's heap (strings as UTF-8,
    // Uint8Arrays as bytes, both NUL-terminated; a byte array also passes its length),
    // and frees them after, unless the viewer stopped meanwhile. Null after a stop.
    function withArgs(args, fn) {
      if (stopped) return null;
      const viewer = module;
      const pointers = [];
      const passed = [];
      try {
        for (const arg of args) {
          if (arg instanceof Uint8Array) {
            const ptr = allocate(arg.length + 1);
            pointers.push(ptr);
            viewer.HEAPU8.set(arg, ptr);
            viewer.HEAPU8[ptr + arg.length] = 0;
            passed.push(ptr, arg.length);
          } else if (typeof arg === 'string') {
            const size = viewer.lengthBytesUTF8(arg) + 1;
            const ptr = allocate(size);
            pointers.push(ptr);
            viewer.stringToUTF8(arg, ptr, size);
            passed.push(ptr);
          } else {
            passed.push(arg);
          }
        }
        return fn(viewer, ...passed);
      } catch (error) {
        if (stopped) return null; // said by onStopped
        throw error;
      } finally {
        if (!stopped) for (const ptr of pointers) viewer._free(ptr);
      }
    }

    // The JSON text at `ptr`, owned by the viewer, parsed; null for none or after a stop.
    const json = (ptr) => (stopped || !ptr ? null : JSON.parse(module.UTF8ToString(ptr)));
    // call(name, ...args): the named export with marshalled args (its raw answer).
    const call = (name, ...args) => withArgs(args, (viewer, ...passed) => viewer['_digest_' + name](...passed));
    const callJson = (name, ...args) =>
      withArgs(args, (viewer, ...passed) => json(viewer['_digest_' + name](...passed)));

    // A font handed over: the viewer keeps the bytes (no free).
    function giveFont(name, args, bytes) {
      if (stopped) return false;
      const ptr = allocate(bytes.length);
      module.HEAPU8.set(bytes, ptr);
      return module['_digest_' + name](...args, ptr, bytes.length) === 1;
    }

    //-----------------------------------------------------------------------------
    // [SECTION] The calls (host_protocol.hpp and docs/host-protocol.md say what each does)
    //-----------------------------------------------------------------------------
    return {
      get running() {
        return !stopped;
      },
      heapBytes: () => (stopped ? 0 : module.HEAPU8.length),

      // Start-up and state
      startup: () => callJson('startup'),
      state: () => callJson('state_json'),
      frameStats: () => callJson('frame_stats_json'),
      links: () => callJson('links_json'),
      snapshot: () => callJson('snapshot'),
      saveState: () => call('save_state'),
      setEmbed: (options) => callJson('set_embed', JSON.stringify(options)),
      setTheme: (theme) => call('set_theme', theme),
      setFontScale: (scale) => call('set_font_scale', scale),
      setError: (message) => call('set_error', message),
      // A control of the semantics event (web/mirror.js), as if clicked: {ok, error}.
      activate: (key) => callJson('activate', key),
      scrollList: (key, rows) => call('scroll_list', key, rows) === 1,

      // The archive index and issues
      setIndex: (bytes) => callJson('set_index', bytes),
      addIndexYear: (path, bytes) => callJson('add_index_year', path, bytes),
      indexYearFailed: (path, why) => call('index_year_failed', path, why),
      resolveIssue: (wanted) => callJson('resolve_issue', wanted || 'latest'),
      openIssue: (bytes, article) => call('open_issue', bytes, article || '') === 1,
      goArticle: (id) => call('go_article', id || ''),
      setScroll: (y) => call('set_scroll', y),

      // The text layer and glyphs
      textLayerPieces: () => callJson('text_layer_pieces') || [],
      textLayerPiece: (i) => withArgs([], (viewer) => viewer.UTF8ToString(viewer._digest_text_layer_piece(i))),
      prepareGlyphs: (budgetMs) => call('prepare_glyphs', budgetMs) === 1,

      // Search
      openSearch: () => call('open_search'),
      closeSearch: () => call('close_search'),
      searchScope: (scope) => call('search_scope', scope),
      searchText: (committed, composing, at) => call('search_text', committed, composing, at),
      searchKey: (key) => call('search_key', key),

      // Files the viewer asked for (need events): each path answered once, with its
      // bytes or why not ("offline", or the failure in words). {ok, error}.
      provide: (request, path, bytes) => callJson('provide', request, path, bytes),
      provideFailed: (request, path, reason) => callJson('provide_failed', request, path, reason),

      // The reading log and offline status
      setReading: (log) => callJson('set_reading', JSON.stringify(log)),
      readingTick: (seconds) => call('reading_tick', seconds),
      clearReading: () => call('clear_reading'),
      // Action checklists (web/reading.js keeps them): {headings, site, checks, lists} at
      // start; a tick from the text layer ("article/key" of the issue on screen).
      setChecklists: (record) => callJson('set_checklists', JSON.stringify(record)),
      setCheck: (issue, article, key, checked) => call('set_check', issue, article, key, checked ? 1 : 0) === 1,
      // Followed topics (web/reading.js keeps them): {follows} at start; the reader follows
      // or stops following a term ({ok, topic} or {ok: false, error}).
      setFollows: (record) => callJson('set_follows', JSON.stringify(record)),
      follow: (topic, on) => callJson('follow', topic, on ? 1 : 0),
      setOfflineStatus: (status) => callJson('set_offline_status', JSON.stringify(status)),

      // 読み上げ (web/listen.js speaks; the viewer lights and follows): a reading from a
      // kept place or (ordinal < 0) the screen; more sentences; sentence n started (-1:
      // over); 読み上げ位置へ戻る.
      listenStart: (part, ordinal) => callJson('listen_start', part, ordinal),
      listenMore: (count) => callJson('listen_more', count),
      listenAt: (n) => callJson('listen_at', n),
      listenFollow: () => call('listen_follow'),

      // Fonts (web/fonts.js)
      setFont: (weight, bytes) =>
        weight === 'bold' ? giveFont('set_bold_font', [], bytes) : giveFont('set_font', [], bytes),
      addFontSlice: (weight, bytes) => giveFont('add_font_slice', [weight === 'bold' ? 1 : 0], bytes),
      setSlicedCharacters: (chars) => call('set_sliced_characters', chars),
      releaseSlicedCharacters: (chars) => call('release_sliced_characters', chars),
      lackingCharacters: () => callJson('lacking_characters'),
      holdFrames: (on) => call('hold_frames', on ? 1 : 0),
    };
  }

  return { start };
})();
