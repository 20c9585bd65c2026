// The full-screen error, for when nothing readable is on screen: what failed in words
// a reader understands, and the ways on — 再試行, the issue as a static page, the
// latest or the nearest issue when the archive has no such issue, and after the
// viewer stopped, a reload without what this site stored. It also keeps the names of
// the stored records the viewer read in the current task, so that a stop names them.
//
// [SECTION] The screen
// [SECTION] The viewer stopped
// @ts-check
'use strict';

window.DigestFailure = {
  // env: { urlFor(id, article) (app.js), latest() (the viewer's answer for "latest":
  //        {id, date} or {error}) }
  create(env) {
    const $ = (id) => document.getElementById(id);
    let shown = null; // the message on screen, or null

    //---------------------------------------------------------------------------
    // [SECTION] The screen
    //---------------------------------------------------------------------------
    // `staticPage`, when given, links to the issue as a plain HTML page (`digest html`).
    function show(message, staticPage = null) {
      shown = message;
      DigestPrepaint.end();
      $('loading').hidden = true;
      $('failure').hidden = false;
      $('failure-text').textContent = message;
      $('failure-static').hidden = !staticPage;
      if (staticPage) /** @type {HTMLAnchorElement} */ ($('failure-static-link')).href = staticPage;
      $('failure-ways').hidden = true;
    }

    function hide() {
      shown = null;
      $('failure').hidden = true;
    }

    // An issue the archive does not have: the latest one, the nearest by date, the list.
    function showWaysOn({ nearest }) {
      $('failure-title').textContent = 'この号はありません';
      $('retry').hidden = true;
      const latest = env.latest();
      /** @type {HTMLAnchorElement} */ ($('failure-latest')).href = env.urlFor('latest', '').href;
      $('failure-latest').textContent = latest.date ? `最新号(${latest.date})を読む` : '最新号を読む';
      if (nearest && nearest.id === latest.id) nearest = null; // said by the link before
      const near = /** @type {HTMLAnchorElement} */ ($('failure-nearest'));
      near.hidden = !nearest;
      if (nearest) {
        near.href = env.urlFor(nearest.id, '').href;
        near.textContent = `${nearest.date} の号を読む`;
      }
      $('failure-ways').hidden = false;
    }

    // Without WebGL2 (or its shaders) nothing can be drawn: say so, and offer the
    // issue as a static page.
    function cannotDraw(startup, staticPage) {
      const cause =
        startup.reason === 'webgl2'
          ? 'このブラウザではページを描画できません(WebGL2 が使えません)。'
          : `このブラウザではページを描画できません(${startup.message || 'WebGL2 のシェーダーが動きません'})。`;
      show(`${cause}\n同じ号を、静的なページで読めます。`, staticPage);
      $('retry').hidden = true;
    }

    //---------------------------------------------------------------------------
    // [SECTION] The viewer stopped
    //---------------------------------------------------------------------------
    // What this browser stored that the viewer read in the current task (settings from
    // localStorage, the reading log from IndexedDB), so that a stop names it.
    const storedReads = [];
    function noteStoredRead(name) {
      if (storedReads.length === 0)
        setTimeout(() => {
          storedReads.length = 0;
        }, 0);
      if (!storedReads.includes(name)) storedReads.push(name);
    }

    // Says why (`what`: the abort's text; `lastStderr`: the viewer's last word on
    // standard error) and offers a reload, and a reload without what this site stored
    // (an abort is a bug, but a stored record that causes one would cause it at every
    // start).
    function showStopped(what, lastStderr) {
      const said = String(what || '').replace(/^Aborted\((.*)\)$/s, '$1');
      const reason = (said || lastStderr || 'abort').slice(0, 300);
      const memory = /OOM|memory|enlarge|alloc/i.test(reason);
      console.error(
        storedReads.length
          ? `digest viewer: stopped (${reason}) while reading what this browser stored: ${storedReads.join(', ')}. ` +
              '保存したデータを消して再読み込み on the error screen removes it.'
          : `digest viewer: stopped (${reason}); it was not reading anything this browser stored.`,
      );
      show(`${memory ? 'メモリが足りなくなり、' : ''}ビューアーが停止しました。再読み込みしてください。(${reason})`);
      $('retry').hidden = false;
      $('retry').textContent = '再読み込み'; // it reloads the page
      $('failure-stored').hidden = false;
    }

    // 「保存したデータを消して再読み込み」: this site's settings, reading positions, first
    // screen and reading log in this browser; the issues kept for offline reading stay.
    async function clearStoredAndReload() {
      /** @type {HTMLButtonElement} */ ($('clear-stored')).disabled = true;
      try {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const key = localStorage.key(i);
          if (key && key.startsWith(DigestConstants.storage.prefix)) localStorage.removeItem(key);
        }
      } catch (error) {
        /* storage forbidden: nothing kept there either */
      }
      await DigestReading.destroy().catch(() => {});
      location.reload();
    }

    $('retry').addEventListener('click', () => location.reload());
    $('clear-stored').addEventListener('click', clearStoredAndReload);

    return { show, hide, showWaysOn, cannotDraw, showStopped, noteStoredRead, message: () => shown };
  },
};
