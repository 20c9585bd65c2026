// The reading font in slices, for the viewer and the text layer (docs/fonts.md).
//
// fonts/slice.py cuts BIZ UDPGothic, both weights the same way: slice 0 (ASCII, kana,
// punctuation, the viewer's own strings) is one of the page's assets; each issue of
// the site has its own slice (fonts/issues/<stem>-<weight>.ttf: what slice 0 lacks of
// it); frequency slices for everything else are listed in slices.json with the
// characters each holds. The viewer is given each slice's bytes once; the text layer's
// @font-face rules are made from the same bytes (one download serves both).
//
// While a slice a frame needs is on its way the viewer shows no new frame (the last
// one stays); after GLYPH_WAIT_MS the characters are drawn by the browser's font
// instead, until the slice arrives. An issue's first frame does not wait for square
// slices (slices.json: every character wide and one em, so the browser's font draws
// it in the same place): it is drawn at once and takes their glyphs as they come.
//
// [SECTION] State and fetching
// [SECTION] Giving slices to the viewer
// [SECTION] The slice table and what a text needs
// [SECTION] The bold weight
// [SECTION] The text layer's faces
// @ts-check
'use strict';

window.DigestFontSlices = {
  // env: { asset(name), fetchBytes(url, progressKey), viewer() (the bridge of
  //        web/bridge.js, or null before the viewer runs and after it stopped) } from app.js.
  create(env) {
    //---------------------------------------------------------------------------
    // [SECTION] State and fetching
    //---------------------------------------------------------------------------
    const TABLE_FORMAT = 'digest-font-slices/1';
    const GLYPH_WAIT_MS = 1000;
    const FIRST = {
      regular: env.asset('fonts/BIZUDPGothic-Regular.s00.ttf'),
      bold: env.asset('fonts/BIZUDPGothic-Bold.s00.ttf'),
    };
    const TEXT_FAMILY = { regular: 'DigestText', bold: 'DigestTextBold' };
    const absolute = (path) => new URL(path, location.href).href;

    // Slices the viewer has, in either weight: { key, regular, bold (urls), chars (or
    // null), bytes: {weight: kept until the text layer has them}, given: {weight: true} }.
    // Slice 0 first.
    const added = [];
    const requests = new Map(); // url -> promise of bytes (each fetched once)
    const fetched = []; // urls in the order fetched, for benchmarks and tests
    let table = null; // promise of { slices, sliceOf } once asked for
    let released = new Set(); // characters the browser's font draws for now
    let boldOn = false;
    let textFaces = false;
    let busy = 0; // slices being fetched for a frame, the bold weight, an issue

    // Counts `work` (a promise) as font work in progress, for state().fonts.pending,
    // until the frame after it has drawn (and laid out again) with what it brought.
    function track(work) {
      busy++;
      const done = () =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            busy--;
          }),
        );
      work.then(done, done);
      return work;
    }

    function fetchFont(url, progressKey = null) {
      if (!requests.has(url)) {
        const request = env.fetchBytes(url, progressKey);
        requests.set(url, request);
        fetched.push(url);
        request.catch(() => requests.delete(url)); // a later need tries again
      }
      return requests.get(url);
    }

    const find = (key) => added.find((slice) => slice.key === key);

    //---------------------------------------------------------------------------
    // [SECTION] Giving slices to the viewer
    //---------------------------------------------------------------------------
    // A copy of the bytes, owned by the viewer from here.
    function give(weight, bytes, first = false) {
      const viewer = env.viewer();
      if (!viewer) return false;
      return first ? viewer.setFont(weight, bytes) : viewer.addFontSlice(weight, bytes);
    }

    // The characters the slices hold, minus those released for now, are left to them.
    function reserve(all) {
      const viewer = env.viewer();
      if (!viewer) return;
      viewer.setSlicedCharacters(released.size ? [...all].filter((c) => !released.has(c)).join('') : all);
    }

    function release(chars) {
      const viewer = env.viewer();
      if (!viewer || !chars) return;
      for (const c of chars) released.add(c);
      viewer.releaseSlicedCharacters(chars);
    }

    // Gives a fetched slice in the weights it has bytes for (bold only once the bold
    // weight is on). Slices fetched together are given in one go, so the page is laid
    // out again once.
    function adopt(slice, bytes) {
      const entry = find(slice.key) || { ...slice, bytes: {}, given: {} };
      let any = false;
      for (const weight of ['regular', 'bold']) {
        const data = bytes[weight];
        if (!data || entry.given[weight] || (weight === 'bold' && !boldOn)) continue;
        if (!give(weight, data)) continue;
        entry.given[weight] = true;
        entry.bytes[weight] = data;
        requests.delete(slice[weight]); // `given` stops a second fetch; the bytes may go
        if (!added.includes(entry)) added.push(entry); // listed once it has a weight
        any = true;
      }
      if (any && slice.chars && [...slice.chars].some((c) => released.has(c))) {
        for (const c of slice.chars) released.delete(c);
        if (table) table.then((t) => reserve(t.all)).catch(() => {});
      }
      registerTextFace(entry);
      return any;
    }

    // Fetches slices in parallel in the given weights and gives them.
    async function addSlices(slices, weights) {
      const results = await Promise.all(
        slices.map(async (slice) => {
          const entry = find(slice.key);
          const bytes = {};
          try {
            for (const weight of weights) {
              if (!(entry && entry.given[weight])) bytes[weight] = fetchFont(slice[weight]);
            }
            for (const weight of Object.keys(bytes)) bytes[weight] = await bytes[weight];
            return { slice, bytes };
          } catch (error) {
            return { slice, error };
          }
        }),
      );
      for (const { slice, bytes, error } of results) {
        if (error) console.warn(`font slice ${slice.key}: ${error.message}; the browser's font draws its characters`);
        if (error || !adopt(slice, bytes)) release(slice.chars);
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] The slice table and what a text needs
    //---------------------------------------------------------------------------
    function sliceTable() {
      if (!table) {
        table = env.fetchBytes(env.asset('fonts/slices.json'), null).then((bytes) => {
          const data = JSON.parse(new TextDecoder().decode(bytes));
          const ok =
            data &&
            data.format === TABLE_FORMAT &&
            Array.isArray(data.chars) &&
            data.files &&
            ['regular', 'bold'].every(
              (w) => Array.isArray(data.files[w]) && data.files[w].length === data.chars.length,
            );
          if (!ok) throw new Error(`fonts/slices.json is not a ${TABLE_FORMAT} table`);
          const sliceOf = new Map();
          // Square only when the table says so (an older table: none is).
          const square = (weight, i) =>
            Boolean(data.square && Array.isArray(data.square[weight]) && data.square[weight][i] === true);
          const slices = data.chars.map((chars, i) => {
            for (const c of chars) sliceOf.set(c, i);
            return {
              key: 's' + i,
              regular: absolute('fonts/' + data.files.regular[i]),
              bold: absolute('fonts/' + data.files.bold[i]),
              chars,
              square: { regular: square('regular', i), bold: square('bold', i) },
            };
          });
          return { slices, sliceOf, all: data.chars.join(''), chars0: data.chars[0] };
        });
        table.catch((error) => {
          console.warn(`font slices: ${error.message}`);
          table = null;
        });
      }
      return table;
    }

    // The table, once the viewer knows which characters the slices hold.
    let reserved = false;
    async function useTable() {
      const t = await sliceTable();
      if (!reserved && env.viewer()) {
        reserved = true;
        reserve(t.all);
        const first = find('s0');
        if (first) first.chars = t.chars0;
      }
      return t;
    }

    // Fetches the slices of `weight` that hold `chars` and are not given yet. A
    // character whose slice is given already cannot be helped: released.
    async function fetchFor(chars, weight) {
      const { slices, sliceOf } = await useTable();
      const need = new Map();
      let hopeless = '';
      for (const c of chars) {
        const i = sliceOf.get(c);
        const entry = i === undefined ? null : find('s' + i);
        if (i === undefined || (entry && entry.given[weight]) || (weight === 'bold' && !boldOn)) hopeless += c;
        else need.set(i, slices[i]);
      }
      if (hopeless) release(hopeless);
      await addSlices([...need.values()], [weight]);
    }

    // A frame needed characters ({regular, bold}) whose slices are not here: fetch
    // them; if they take longer than GLYPH_WAIT_MS, the browser's font draws them
    // meanwhile.
    function wanted({ regular = '', bold = '' }) {
      const chars = regular + bold;
      let timer = 0;
      const late = new Promise((resolve) => {
        timer = setTimeout(resolve, GLYPH_WAIT_MS, 'late');
      });
      const done = track(
        Promise.all([regular && fetchFor(regular, 'regular'), bold && fetchFor(bold, 'bold')]).catch((error) => {
          console.warn(`font slices: ${error.message}`);
          release(chars);
        }),
      );
      Promise.race([done, late]).then((result) => {
        clearTimeout(timer);
        if (result === 'late') release(chars);
      });
      return done;
    }

    // The open issue's characters that no given slice has (`slice`: its own, if it has
    // one): those of square slices are drawn by the browser's font at once, in the
    // place their slice's glyphs will take (fetched meanwhile); the others are fetched
    // before its first frame (none is drawn meanwhile, for up to GLYPH_WAIT_MS).
    async function completeIssue(slice) {
      // An issue's own slice holds what slice 0 lacks of it: nothing to look up (the
      // table is not fetched for the first view of a published issue).
      const own = slice && find(slice.key);
      if (own && own.given.regular) return;
      const hold = (on) => {
        if (env.viewer()) env.viewer().holdFrames(on);
      };
      hold(true); // before the frame the open asked for
      const complete = async () => {
        const t = await useTable().catch(() => null);
        if (!t || !env.viewer()) return;
        const lacking = env.viewer().lackingCharacters();
        if (!lacking || !lacking.chars) return;
        let now = '';
        let held = '';
        for (const c of lacking.chars) {
          const i = t.sliceOf.get(c);
          if (i !== undefined && t.slices[i].square.regular) now += c;
          else held += c;
        }
        if (now) {
          release(now);
          track(fetchFor(now, 'regular').catch((error) => console.warn(`font slices: ${error.message}`)));
        }
        if (held) await wanted({ regular: held });
      };
      try {
        // A slow network holds the canvas at most this long (then frames draw, and
        // what is still missing is waited for, or drawn by the browser, as any frame).
        await Promise.race([complete(), new Promise((resolve) => setTimeout(resolve, GLYPH_WAIT_MS))]);
      } finally {
        hold(false);
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] The bold weight
    //---------------------------------------------------------------------------
    // Slice 0 and the bold copies of the issues' slices are fetched first and given
    // together, so no frame draws a title without its glyphs. Other bold slices come
    // when a frame wants them.
    const isIssueSlice = (slice) => slice.key.startsWith('issue:');
    let boldStarted = false;
    function loadBold() {
      if (boldStarted) return Promise.resolve();
      boldStarted = true;
      return track(loadBoldNow());
    }

    async function loadBoldNow() {
      try {
        const copies = added.filter(isIssueSlice);
        // An issue's bold slice that cannot be had (offline, not kept) is no reason to
        // go without bold: its characters are then wanted from the frequency slices.
        const [first, ...rest] = await Promise.all([
          fetchFont(FIRST.bold),
          ...copies.map((s) => fetchFont(s.bold).catch(() => null)),
        ]);
        if (!give('bold', first, true)) return;
        boldOn = true;
        const zero = find('s0');
        zero.given.bold = true;
        zero.bytes.bold = first;
        registerTextFace(zero);
        copies.forEach((slice, i) => {
          if (rest[i]) adopt(slice, { bold: rest[i] });
        });
        // Issues opened while these downloaded get their bold slice now.
        const behind = added.filter((s) => isIssueSlice(s) && !s.given.bold && !copies.includes(s));
        if (behind.length) await addSlices(behind, ['bold']);
      } catch (error) {
        console.warn(`bold font: ${error.message}; titles stay emboldened regular`);
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] The text layer's faces
    //---------------------------------------------------------------------------
    // "U+4E00-4E01,U+4E03": the characters of a slice as a unicode-range.
    function unicodeRange(chars) {
      const points = [...new Set([...chars].map((c) => c.codePointAt(0)))].sort((a, b) => a - b);
      const ranges = [];
      for (let i = 0; i < points.length; ) {
        let j = i;
        while (j + 1 < points.length && points[j + 1] === points[j] + 1) j++;
        const hex = (n) => n.toString(16).toUpperCase();
        ranges.push(i === j ? `U+${hex(points[i])}` : `U+${hex(points[i])}-${hex(points[j])}`);
        i = j + 1;
      }
      return ranges.join(',');
    }

    function registerTextFace(entry) {
      if (!textFaces || typeof FontFace !== 'function') return;
      entry.registered = entry.registered || {};
      for (const weight of ['regular', 'bold']) {
        const bytes = entry.bytes[weight];
        if (!bytes || entry.registered[weight]) continue;
        entry.registered[weight] = true;
        const descriptors = entry.chars ? { unicodeRange: unicodeRange(entry.chars) } : {};
        const face = new FontFace(TEXT_FAMILY[weight], bytes, descriptors);
        face
          .load()
          .then(() => document.fonts.add(face))
          .catch(() => {});
        delete entry.bytes[weight]; // the viewer and the browser have their copies
      }
    }

    return {
      // Slice 0 of the regular weight, as the page starts (preloaded by the page).
      fetchFirst: () => fetchFont(FIRST.regular, 'font'),
      // The viewer's regular font from slice 0's bytes.
      giveFirst(bytes) {
        if (!give('regular', bytes, true)) return false;
        added.push({
          key: 's0',
          regular: FIRST.regular,
          bold: FIRST.bold,
          chars: null,
          bytes: { regular: bytes },
          given: { regular: true },
        });
        return true;
      },
      // An issue's own slice (this site's issues only), or null when it has none.
      issueSlice(source) {
        const stem = new URL(source).pathname
          .split('/')
          .pop()
          .replace(/\.json$/, '');
        return {
          key: 'issue:' + stem,
          regular: absolute(`fonts/issues/${stem}-regular.ttf`),
          bold: absolute(`fonts/issues/${stem}-bold.ttf`),
          chars: null,
        };
      },
      // Starts fetching an issue's slice (the bold too once it is on); resolves to
      // {regular, bold} bytes, null where there is none (never rejects).
      async prefetch(slice) {
        const entry = find(slice.key);
        const get = (weight, wanted) =>
          wanted && !(entry && entry.given[weight]) ? fetchFont(slice[weight]).catch(() => null) : null;
        const [regular, bold] = await Promise.all([get('regular', true), get('bold', boldOn)]);
        return { regular, bold };
      },
      // Gives an issue's slice fetched by prefetch.
      giveIssueSlice(slice, bytes) {
        adopt(slice, bytes);
      },
      // The open issue's characters no given slice has: fetch them before it is drawn.
      completeIssue: (slice) => track(completeIssue(slice)),
      wanted,
      // The table (11 KB brotli) once the canvas shows: a published issue's first view
      // does not need it (its own slice), the next search, issue or typed word may.
      // Tracked as font work (state().fonts.pending) with what its arrival may bring: a
      // character the browser's font drew meanwhile, drawn again from its slice.
      prefetchTable: () => track(useTable()).catch(() => null),
      loadBold,
      // The text layer's fonts: registered after the first text (the browser checks
      // each font on the main thread).
      registerTextFaces() {
        textFaces = true;
        added.forEach(registerTextFace);
      },
      // The font files a page of `source` uses beyond the app shell: the issue's own
      // slices and the frequency slices fetched so far (for the service worker to keep).
      filesFor(source) {
        const own = source ? this.issueSlice(source) : null;
        const frequency = fetched.filter((url) => absolute(url).includes('/fonts/slices/'));
        return [...(own ? [own.regular, own.bold] : []), ...frequency.map(absolute)];
      },
      // For state(): which font files were fetched, which slices the viewer has.
      // pending: slices on their way for a frame, the bold weight or an issue.
      state: () => ({
        fetched: fetched.slice(),
        slices: added.map((s) => s.key),
        bold: boldOn,
        released: released.size,
        pending: busy,
      }),
    };
  },
};
