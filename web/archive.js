// The archive index's year files that the address needs before the first issue opens
// (the viewer's own asks for files are need events: resources.js), and the reading log
// (web/reading.js) into the viewer and back. Answers that arrive after the viewer
// stopped are dropped. app.js creates it with what it needs; the viewer is reached
// through `viewer()`.
//
// [SECTION] The archive index's year files
// [SECTION] The reading log
// @ts-check
'use strict';

window.DigestArchive = {
  // env: { viewer() (the bridge, or null once stopped or before it runs),
  //        fetchBytes(url, key) (app.js: timeouts, same-origin, offline marking),
  //        noteStoredRead(name) (names what was read from storage, for a stop),
  //        checklistHeadings (config.json's as the build wrote them into the page, or
  //        undefined: the viewer's default) }
  create(env) {
    const { issueUrl } = DigestResources;
    // fn(viewer) while the viewer runs; nothing once it stopped (an answer that comes
    // late is dropped).
    const live = (fn) => {
      const viewer = env.viewer();
      return viewer ? fn(viewer) : null;
    };

    //---------------------------------------------------------------------------
    // [SECTION] The archive index's year files
    //---------------------------------------------------------------------------
    // Year files of the archive index that resolving the address named, into the
    // viewer (router.js waits for them). One that fails is told to the viewer (its
    // archive row says why and offers 再試行) and listed in what this resolves to:
    // [{path, why, offline}].
    async function loadIndexYears({ paths }) {
      const failed = [];
      await Promise.all(
        paths.map(async (path) => {
          let why = null;
          let offline = false;
          try {
            const bytes = await env.fetchBytes(issueUrl(path), null);
            const added = live((viewer) => viewer.addIndexYear(path, bytes));
            if (!added) return; // it stopped
            if (!added.ok) {
              console.warn(`archive index: ${added.error}`);
              why = '一覧のファイルが壊れています'; // the viewer marked the year itself
            }
          } catch (error) {
            if (!env.viewer()) return; // it stopped
            console.warn(`archive index: ${path}: ${error.message}`);
            offline = Boolean(error.offline);
            // Offline, a year file is there only if it was kept or saved (sw.js).
            why = offline ? 'この年の一覧は保存されていません' : error.message.replace(/^.*?: /, '');
            env.viewer().indexYearFailed(path, why);
          }
          if (why) failed.push({ path, why, offline });
        }),
      );
      return failed;
    }

    //---------------------------------------------------------------------------
    // [SECTION] The reading log
    //---------------------------------------------------------------------------
    // The reading log (web/reading.js): read articles, 新着 since the last visit and the
    // unfinished article, into the viewer once; time in an article counts while visible.
    function startReadingLog() {
      const newest = env.viewer().resolveIssue('latest');
      DigestReading.load(newest.error ? null : newest.date).then(
        (log) => {
          const viewer = env.viewer();
          if (!viewer) return; // it stopped
          env.noteStoredRead(`IndexedDB ${DigestConstants.storage.readingDatabase} (read, meta)`);
          viewer.setReading(log);
          startChecklists();
          const tick = setInterval(() => {
            const running = env.viewer();
            if (!running) clearInterval(tick);
            else if (document.visibilityState === 'visible') running.readingTick(performance.now() / 1000);
          }, 1000);
        },
        (error) => console.warn(`reading log: ${error.message}`),
      );
    }
    // The action checklists kept (ticks, each opened issue's list) into the viewer once.
    function startChecklists() {
      DigestReading.loadChecklists().then(
        (record) => {
          const viewer = env.viewer();
          if (!viewer) return;
          // Exports link to the articles at this address.
          const site = new URL(location.href);
          site.search = '';
          site.hash = '';
          viewer.setChecklists({ ...record, headings: env.checklistHeadings, site: site.href });
          startFollows();
        },
        (error) => console.warn(`checklists: ${error.message}`),
      );
    }
    // The followed topics into the viewer once: it checks the new issues against them.
    function startFollows() {
      DigestReading.loadFollows().then(
        (record) => {
          const viewer = env.viewer();
          if (viewer) viewer.setFollows(record);
        },
        (error) => console.warn(`followed topics: ${error.message}`),
      );
    }

    /** @type {(value?: unknown) => void} */
    let readingCleared = () => {};
    const keepReading = (promise) => promise.catch((error) => console.warn(`reading log: ${error.message}`));

    // Forgets what was read on this device (read marks, 続きから読む), as the archive
    // panel's 記録を消す does; resolves once it is gone from storage.
    async function clearReading() {
      const viewer = env.viewer();
      if (!viewer) return;
      const cleared = new Promise((resolve) => {
        readingCleared = resolve;
      });
      viewer.clearReading();
      await cleared;
    }

    return {
      loadIndexYears,
      startReadingLog,
      clearReading,
      handlers: {
        read: ({ issue, article }) => keepReading(DigestReading.markRead(issue, article)),
        unfinished: ({ place }) => keepReading(DigestReading.setUnfinished(place)),
        check: (event) => keepReading(DigestReading.setCheck(event)),
        actions: ({ list }) => keepReading(DigestReading.putList(list)),
        follow: ({ follow }) => keepReading(DigestReading.putFollow(follow)),
        unfollow: ({ topic }) => keepReading(DigestReading.deleteFollow(topic)),
        clearReading: () =>
          keepReading(DigestReading.clear()).then(() => {
            readingCleared();
            readingCleared = () => {};
          }),
      },
    };
  },
};
