// The archive as the page fetches it for the viewer, and the reading log: year files
// of the archive index, the search index's files per query (or every issue, without
// an index), issues whose excerpts are on screen, and the reading log (web/reading.js)
// into the viewer and back. Answers that arrive after the viewer stopped are dropped.
// app.js creates it with what it needs; the viewer is reached through `viewer()`.
//
// [SECTION] The archive index's year files
// [SECTION] Archive search
// [SECTION] The reading log
'use strict';

window.DigestArchive = {
  // env: { viewer() (the bridge, or null once stopped or before it runs),
  //        fetchBytes(url, key) (app.js: timeouts, same-origin, offline marking),
  //        noteStoredRead(name) (names what was read from storage, for a stop) }
  create(env) {
    const { issueUrl, searchUrl } = DigestResources;
    // fn(viewer) while the viewer runs; nothing once it stopped (an answer that comes
    // late is dropped).
    const live = (fn) => {
      const viewer = env.viewer();
      return viewer ? fn(viewer) : null;
    };

    //---------------------------------------------------------------------------
    // [SECTION] The archive index's year files
    //---------------------------------------------------------------------------
    // Year files of the archive index, into the viewer. One that fails is told to the
    // viewer (its archive row says why and offers 再試行) and listed in what this
    // resolves to: [{path, why, offline}].
    async function loadIndexYears({ paths }) {
      const failed = [];
      await Promise.all(paths.map(async (path) => {
        let why = null;
        let offline = false;
        try {
          const bytes = await env.fetchBytes(issueUrl(path), null);
          const added = live((viewer) => viewer.addIndexYear(path, bytes));
          if (!added) return;  // it stopped
          if (!added.ok) {
            console.warn(`archive index: ${added.error}`);
            why = '一覧のファイルが壊れています';  // the viewer marked the year itself
          }
        } catch (error) {
          if (!env.viewer()) return;  // it stopped
          console.warn(`archive index: ${path}: ${error.message}`);
          offline = Boolean(error.offline);
          // Offline, a year file is there only if it was kept or saved (sw.js).
          why = offline ? 'この年の一覧は保存されていません' : error.message.replace(/^.*?: /, '');
          env.viewer().indexYearFailed(path, why);
        }
        if (why) failed.push({ path, why, offline });
      }));
      return failed;
    }

    //---------------------------------------------------------------------------
    // [SECTION] Archive search
    //---------------------------------------------------------------------------
    // The archive scope opened. With a search index (docs/search-index.md) the viewer
    // asks for its few files per query (searchFiles); without one, every issue of the
    // archive (the paths the viewer listed) is fetched, each parsed once by the viewer.
    async function loadArchive({ paths }) {
      try {
        const manifest = await env.fetchBytes(searchUrl('manifest.json'), null);
        const accepted = live((viewer) => viewer.setSearchIndex(manifest));
        if (!accepted || accepted.ok) return;  // stopped, or searching with the index
        console.warn(`archive search index: ${accepted.error}`);
      } catch (error) {
        // No index (a small archive, or offline): search the issues themselves.
      }
      await Promise.all(paths.map(async (path) => {
        try {
          const bytes = await env.fetchBytes(issueUrl(path), null);
          live((viewer) => viewer.addArchiveIssue(bytes));
        } catch (error) {
          console.warn(`archive: ${path}: ${error.message}`);
        }
      }));
      live((viewer) => viewer.archiveComplete());
    }

    // The files an archive query names, all at once; a later query's answers replace it.
    function fetchSearchFiles({ query, files }) {
      for (const file of files) {
        env.fetchBytes(searchUrl(file), null).then(
          (bytes) => live((viewer) => viewer.searchIndexFile(query, file, bytes)),
          (error) => live((viewer) => viewer.searchIndexFailed(query, file, error.message)));
      }
    }

    // Issues whose results are on screen, for their titles and excerpts.
    function fetchExcerpts({ paths }) {
      for (const path of paths) {
        env.fetchBytes(issueUrl(path), null).then(
          (bytes) => live((viewer) => viewer.addArchiveIssue(bytes)),
          (error) => console.warn(`archive: ${path}: ${error.message}`));
      }
    }

    //---------------------------------------------------------------------------
    // [SECTION] The reading log
    //---------------------------------------------------------------------------
    // The reading log (web/reading.js): read articles, 新着 since the last visit and the
    // unfinished article, into the viewer once; time in an article counts while visible.
    function startReadingLog() {
      const newest = env.viewer().resolveIssue('latest');
      DigestReading.load(newest.error ? null : newest.date).then((log) => {
        const viewer = env.viewer();
        if (!viewer) return;  // it stopped
        env.noteStoredRead(`IndexedDB ${DigestConstants.storage.readingDatabase} (read, meta)`);
        viewer.setReading(log);
        const tick = setInterval(() => {
          const running = env.viewer();
          if (!running) clearInterval(tick);
          else if (document.visibilityState === 'visible') running.readingTick(performance.now() / 1000);
        }, 1000);
      }, (error) => console.warn(`reading log: ${error.message}`));
    }
    let readingCleared = () => {};
    const keepReading = (promise) => promise.catch((error) => console.warn(`reading log: ${error.message}`));

    // Forgets what was read on this device (read marks, 続きから読む), as the archive
    // panel's 記録を消す does; resolves once it is gone from storage.
    async function clearReading() {
      const viewer = env.viewer();
      if (!viewer) return;
      const cleared = new Promise((resolve) => { readingCleared = resolve; });
      viewer.clearReading();
      await cleared;
    }

    return {
      loadIndexYears,
      startReadingLog,
      clearReading,
      handlers: {
        archiveNeeded: loadArchive,
        indexYears: loadIndexYears,
        searchFiles: fetchSearchFiles,
        archiveExcerpts: fetchExcerpts,
        read: ({ issue, article }) => keepReading(DigestReading.markRead(issue, article)),
        unfinished: ({ place }) => keepReading(DigestReading.setUnfinished(place)),
        clearReading: () => keepReading(DigestReading.clear()).then(() => { readingCleared(); readingCleared = () => {}; }),
      },
    };
  },
};
