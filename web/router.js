// Routing: what the address says (?issue=<id>|latest, ?src=<URL>, #<article>) and
// keeping it in step with what is on screen; Back and Forward; what an issue id
// means, asked of the viewer, which owns the archive index (year files of a big
// archive are fetched first); where an issue's JSON lives. app.js creates it with
// what it needs; opening an issue stays in app.js.
//
// [SECTION] The page's options (?embed, ?theme, …)
// [SECTION] The address
// [SECTION] Issue ids and sources
// @ts-check
'use strict';

window.DigestRouter = {
  //---------------------------------------------------------------------------
  // [SECTION] The page's options (?embed, ?theme, …)
  //---------------------------------------------------------------------------
  // Options of the page's URL (docs/embed.md): ?embed=1, theme, accent, article, issue,
  // fontScale, height=auto, checklists=0, listen=0. A bad value is ignored with a warning, never a broken page.
  readPageOptions() {
    const params = new URLSearchParams(location.search);
    const options = {
      embed: false,
      theme: null,
      accent: null,
      article: null,
      fontScale: null,
      heightAuto: false,
      checklists: true,
      listen: true,
    };
    const warn = (name, value, expected) =>
      console.warn(`digest viewer: ?${name}=${value} is ignored (expected ${expected})`);
    const embedParam = params.get('embed');
    if (embedParam !== null) {
      if (embedParam === '1' || embedParam === 'true') options.embed = true;
      else if (embedParam !== '0' && embedParam !== 'false') warn('embed', embedParam, '1');
    }
    const theme = params.get('theme');
    if (theme !== null) {
      if (['light', 'dark', 'auto'].includes(theme)) options.theme = theme;
      else warn('theme', theme, 'light, dark or auto');
    }
    const accent = params.get('accent');
    if (accent !== null) {
      const match = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(accent);
      if (match) options.accent = '#' + match[1].toLowerCase();
      else warn('accent', accent, 'a colour like %230a7cff or 0a7cff');
    }
    const article = params.get('article');
    if (article !== null) {
      if (DigestConstants.isId(article)) options.article = article;
      else warn('article', article, 'an article id');
    }
    const fontScale = params.get('fontScale');
    if (fontScale !== null) {
      const value = Number(fontScale);
      const { min, max } = DigestConstants.fontScale;
      if (fontScale.trim() !== '' && Number.isFinite(value) && value >= min && value <= max) options.fontScale = value;
      else warn('fontScale', fontScale, `a number from ${min} to ${max}`);
    }
    const height = params.get('height');
    if (height !== null) {
      if (height === 'auto') options.heightAuto = true;
      else warn('height', height, 'auto');
    }
    const checklists = params.get('checklists');
    if (checklists !== null) {
      if (checklists === '0' || checklists === 'false') options.checklists = false;
      else if (checklists !== '1' && checklists !== 'true') warn('checklists', checklists, '0 or 1');
    }
    const listen = params.get('listen');
    if (listen !== null) {
      if (listen === '0' || listen === 'false') options.listen = false;
      else if (listen !== '1' && listen !== 'true') warn('listen', listen, '0 or 1');
    }
    const issue = params.get('issue');
    if (issue !== null && !DigestConstants.isId(issue)) {
      warn('issue', issue, 'an issue id or latest');
    }
    if (options.heightAuto && !options.embed) {
      console.warn('digest viewer: ?height=auto applies only with ?embed=1');
      options.heightAuto = false;
    }
    return options;
  },

  // env: { pageOptions (app.js: an ?article= option stands for a missing #fragment),
  //        viewer() (the bridge, or null), current() ({id, source} on screen, or null),
  //        embedded() (web/embedded.js), openIssue(request), loadIndexYears({paths})
  //        (web/archive.js: resolves to the years that failed) }
  create(env) {
    const { ReaderError, issueUrl } = DigestResources;
    let pendingHash = 0;
    let indexError = null; // why the archive index was not accepted, or null

    //---------------------------------------------------------------------------
    // [SECTION] The address
    //---------------------------------------------------------------------------
    function decodeHash(hash) {
      const raw = hash.replace(/^#/, '');
      try {
        return decodeURIComponent(raw);
      } catch (error) {
        return raw;
      } // "#%E0": keep it as typed
    }

    function readLocation() {
      const params = new URLSearchParams(location.search);
      return {
        issue: params.get('issue'),
        src: params.get('src'),
        article: decodeHash(location.hash) || env.pageOptions.article || '',
      };
    }

    // The address bar: a new history entry (`push`) or the current one updated. Inside
    // an embed never a new one: the host's Back button would move the frame.
    function setAddress(url, push) {
      if (push && !env.embedded().enabled) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }

    function urlFor(issueId, article) {
      const url = new URL(location.href);
      if (issueId) {
        url.searchParams.set('issue', issueId);
        url.searchParams.delete('src');
      }
      url.hash = article ? '#' + article : '';
      return url;
    }

    // The viewer's article changed: the address follows (a new entry when the reader
    // chose it, `history: "push"`).
    function onArticle({ id, history: mode }) {
      const url = new URL(location.href);
      url.hash = id ? '#' + id : '';
      clearTimeout(pendingHash);
      env.embedded().navigated(id);
      if (url.href === location.href) return;
      if (mode === 'push' && !env.embedded().enabled) {
        history.pushState(null, '', url);
      } else {
        // While scrolling the article changes often: update the address once it settles
        // (history calls are slow and rate-limited, and do not belong in a frame).
        pendingHash = setTimeout(() => history.replaceState(null, '', url), 150);
      }
    }

    window.addEventListener('popstate', () => {
      const viewer = env.viewer();
      const current = env.current();
      if (!viewer || !current) return;
      const request = readLocation();
      let sameIssue = false;
      if (request.src) {
        sameIssue = new URL(request.src, location.href).href === current.source;
      } else {
        const resolved = viewer.resolveIssue(request.issue);
        sameIssue = resolved.id === current.id;
      }
      if (sameIssue) viewer.goArticle(request.article);
      else env.openIssue(request);
    });

    //---------------------------------------------------------------------------
    // [SECTION] Issue ids and sources
    //---------------------------------------------------------------------------
    // The archive index goes to the viewer, which validates and owns it; a rejected
    // index is never routed through (?src= still works without one).
    function giveIndex(bytes) {
      if (!bytes) {
        indexError = `${DigestConstants.paths.index}: アーカイブを読み込めませんでした`;
        return;
      }
      const result = env.viewer().setIndex(bytes) || { ok: false, error: 'the viewer stopped' };
      indexError = result.ok ? null : result.error;
      if (!result.ok) console.warn(result.error);
    }

    // An issue id (or "latest") through the viewer's index: {id, path} or throws. A big
    // archive lists older issues in year files: those the viewer names are fetched first.
    async function resolveIssue(wanted) {
      const ask = () => env.viewer().resolveIssue(wanted);
      let resolved = ask();
      let failed = [];
      if (resolved.error && resolved.years && resolved.years.length) {
        failed = await env.loadIndexYears({ paths: resolved.years });
        resolved = ask();
      }
      if (resolved.error && failed.length) {
        // A year that could hold it did not load: that is what the reader is told (not
        // that the archive has no such issue), with 再試行.
        const { path, why, offline } = failed[0];
        const year = (path.match(/\d{4}/) || ['この'])[0];
        throw new ReaderError(
          `${year}年の号の一覧(${DigestConstants.paths.issues}${path})を読み込めませんでした: ${why}${offline ? '(オフライン)' : ''}`,
          { offline, yearFile: true },
        );
      }
      if (resolved.error) {
        // Not in the archive: retrying cannot help; the reader is offered a way on.
        const missing = resolved.missing && !indexError ? { nearest: resolved.nearest } : null;
        throw new ReaderError(indexError || resolved.error, { missing });
      }
      return resolved;
    }

    // Where the issue's JSON lives: ?src (this origin, or one of config.json's sources)
    // or the archive's path.
    async function issueSource(request) {
      if (request.src) {
        const url = new URL(request.src, location.href);
        if (url.origin !== location.origin && !env.embedded().allowedSources().includes(url.origin)) {
          throw new ReaderError(`?src=${request.src}: このサイト以外の号は開けません`);
        }
        return url.href;
      }
      return issueUrl((await resolveIssue(request.issue)).path);
    }

    // The issue as a static page (`digest html`, built beside each bundled issue).
    function staticPageFor(request) {
      if (request.src) return null;
      const resolved = env.viewer().resolveIssue(request.issue);
      return issueUrl(resolved.error ? 'index.html' : resolved.path.replace(/\.json$/, '.html'));
    }

    return { readLocation, setAddress, urlFor, giveIndex, resolveIssue, issueSource, staticPageFor, onArticle };
  },
};
