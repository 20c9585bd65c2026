// Offline reading as the reader meets it (the page's side of web/offline.js and
// web/sw.js): what the viewer is told opens offline and the space it takes; saving and
// removing, with progress and outcome said on screen; what can be read when nothing
// opened; the worker's installation after the first text. app.js creates it with what
// it needs (the bridge through `viewer()`); the state of saving is its own.
//
// [SECTION] Telling the viewer
// [SECTION] Saving and removing
// [SECTION] Start
// @ts-check
'use strict';

window.DigestOfflineUI = {
  // env: { viewer() (the bridge, or null), current() ({source, shareable} of the issue
  //        on screen, or null), networkFailed() (the last issue or index came from the
  //        kept copy), networkRestored(), showToast(text, options), urlFor(id, article),
  //        fontFiles(source) (the font slices an issue needs) }
  create(env) {
    const $ = (id) => document.getElementById(id);
    const offline = { saving: null, persisted: false };

    //---------------------------------------------------------------------------
    // [SECTION] Telling the viewer
    //---------------------------------------------------------------------------
    // The site's path of an issue from its index path ("2026-11-25.json").
    const sitePath = (path) => DigestConstants.paths.issues + path;

    // Index paths ("2026-11-25.json") of the issues the worker keeps, saved or not.
    function issuePaths(entries, saved) {
      const { issues, index } = DigestConstants.paths;
      return entries
        .filter((e) => e.saved === saved && e.path.startsWith(issues) && e.path !== index)
        .map((e) => e.path.slice(issues.length));
    }

    // Tells the viewer what opens offline and the space it takes; resolves with the
    // index's issues that open offline, as the viewer lists them ({id, date, headline}).
    async function report() {
      if (!env.viewer()) return [];
      const [entries, space] = await Promise.all([DigestOffline.list(), DigestOffline.estimate()]);
      const viewer = env.viewer();
      if (!viewer) return [];
      const answered = viewer.setOfflineStatus({
        online: navigator.onLine && !env.networkFailed(),
        supported: Boolean(DigestOffline.controller()),
        kept: issuePaths(entries, false),
        saved: issuePaths(entries, true),
        saving: offline.saving,
        usage: space.usage,
        quota: space.quota,
        persisted: offline.persisted,
      });
      return answered ? answered.available : [];
    }

    // Nothing on screen and the network gone: what can be read instead, as links.
    async function showChoices() {
      const available = await report();
      const list = $('failure-offline-list');
      list.textContent = '';
      $('failure-offline-text').textContent = available.length
        ? 'オフラインで読める号:'
        : 'オフラインで読める号はまだありません。ネットワークにつながったときに号を開くか、「オフライン用に保存」してください。';
      for (const entry of available) {
        const link = document.createElement('a');
        link.href = env.urlFor(entry.id, '').href;
        link.textContent = `${entry.date} ${entry.headline}`;
        const item = document.createElement('li');
        item.append(link);
        list.append(item);
      }
      $('failure-offline').hidden = false;
    }

    //---------------------------------------------------------------------------
    // [SECTION] Saving and removing
    //---------------------------------------------------------------------------
    const viewerError = (message) => {
      if (env.viewer()) env.viewer().setError(message);
    };

    // Why saving for offline reading does not work here, in words that are true: only
    // a page the worker does not control yet is helped by reloading.
    async function unavailable() {
      const status = DigestOffline.status();
      if (status === 'unsupported')
        return 'オフライン保存が使えません: このブラウザー(またはこの表示方法)では使えません';
      if (status === 'starting') return 'オフライン保存の準備中です。数秒後にもう一度お試しください';
      if (status === 'failed') {
        // No figure: navigator.storage.estimate() reports the browser's general quota,
        // not what this site was refused (Chromium said 10 GB free to a site whose
        // 3 MB shell did not fit).
        const why = await DigestOffline.installProblem();
        if (why === 'quota') {
          return (
            'オフライン保存が使えません: このサイトに使える保存容量が足りず、オフライン用の準備ができませんでした。' +
            'ブラウザーの設定で空きを作ると、次に開いたときに準備します'
          );
        }
        return (
          `オフライン保存が使えません: オフライン用のファイルを取得できませんでした${why ? `(${why})` : ''}。` +
          '次に開いたときにもう一度準備します'
        );
      }
      return 'オフライン保存が使えません: この画面はまだオフライン用に準備されていません(再読み込みで有効になります)';
    }

    // The viewer's saveOffline event: keep these issues (paths relative to the index).
    async function save({ paths }) {
      if (!DigestOffline.controller()) {
        viewerError(await unavailable());
        return;
      }
      offline.persisted = await DigestOffline.persist();
      offline.saving = { done: 0, total: paths.length };
      report();
      // Said on screen whether or not the archive panel is open (s and Shift+S work
      // from anywhere): the progress of many issues at most every second, then the outcome.
      const what = paths.length === 1 ? 'この号' : `${paths.length}号`;
      env.showToast(`${what}をオフライン用に保存しています…`, { hold: true });
      let toldAt = performance.now();
      let result;
      try {
        result = await DigestOffline.save(paths.map(sitePath), (progress) => {
          offline.saving = progress;
          report();
          if (paths.length > 1 && performance.now() - toldAt > 1000) {
            toldAt = performance.now();
            env.showToast(`オフライン用に保存しています… ${progress.done} / ${progress.total}`, { hold: true });
          }
        });
      } catch (error) {
        result = { error: String((error && error.message) || error) };
      }
      offline.saving = null;
      let failure = null;
      if (result.error === 'quota') {
        failure =
          '保存できませんでした: 端末の空き容量が足りません。保存した号を削除するか、空きを作ってから保存してください';
      } else if (result.error) {
        failure = `保存できませんでした: ${result.error}`;
      } else if (result.failed && result.failed.length) {
        failure = `${result.failed.length}件の号を保存できませんでした(ネットワークにつながっていないかもしれません)`;
      }
      if (failure) viewerError(failure);
      env.showToast(failure ? '保存できませんでした' : `${what}を保存しました。オフラインでも読めます`, {
        long: Boolean(failure),
      });
      await report();
    }

    // The viewer's removeOffline event.
    async function remove({ paths, all }) {
      await DigestOffline.remove(all ? { all: true } : { paths: paths.map(sitePath) }).catch(() => {});
      await report();
    }

    //---------------------------------------------------------------------------
    // [SECTION] Start
    //---------------------------------------------------------------------------
    // After the first text: install the worker; once it controls the page, read the
    // index, the issue on screen and its font slices again through it, so that they
    // are kept for offline reading from the very first visit.
    async function start() {
      window.addEventListener('online', () => {
        env.networkRestored();
        report();
      });
      window.addEventListener('offline', report);
      if (!DigestOffline.supported) {
        report();
        return;
      }
      const firstVisit = !DigestOffline.controller();
      await DigestOffline.register({ unsaved: () => /** @type {HTMLInputElement} */ ($('search-input')).value !== '' });
      await DigestOffline.controlled();
      const current = env.current();
      if (firstVisit) {
        const fonts = current ? env.fontFiles(current.shareable ? current.source : null) : [];
        await Promise.all(
          [DigestConstants.paths.index, current && current.source, ...fonts]
            .filter(Boolean)
            .map((url) => fetch(url, { credentials: 'same-origin' }).catch(() => null)),
        );
      }
      await report();
    }

    return { report, showChoices, save, remove, start };
  },
};
