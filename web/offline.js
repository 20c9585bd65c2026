// Offline reading, the page's side: registers the service worker (web/sw.js), offers a
// new build when one has installed (「新しいバージョンがあります — 再読み込み」), and
// speaks the worker's commands (list, save, remove). app.js tells the viewer what
// this finds; nothing here touches the canvas.
// @ts-check
'use strict';

window.DigestOffline = (function () {
  const supported = 'serviceWorker' in navigator;
  let registration = null;

  // The worker that controls this page (null before the first install completes).
  const controller = () => (supported ? navigator.serviceWorker.controller : null);

  // One command to a worker: resolves with its answer; `onProgress` gets the
  // progress messages sent before it.
  function ask(worker, message, onProgress) {
    return new Promise((resolve, reject) => {
      if (!worker) {
        reject(new Error('no service worker controls this page'));
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => {
        if (data.progress && onProgress) onProgress(data.progress);
        if (data.done) {
          channel.port1.close();
          resolve(data.done);
        }
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  // This page's build (tools/stamp_web.py), to tell whether the worker's is another.
  const pageBuild = (() => {
    try {
      return JSON.parse(document.getElementById('build').textContent).version;
    } catch (error) {
      return null;
    }
  })();
  // Whether the reader has something a reload would lose (app.js says: text in the
  // search box); then a new build waits for the reader's word.
  let unsaved = () => false;
  let accepted = false; // the reader pressed 再読み込み here
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };

  // Whether the worker now in charge runs another build than this page.
  async function outdated() {
    const active = navigator.serviceWorker.controller || (registration && registration.active);
    if (!active) return false;
    try {
      const { version } = await ask(active, { type: 'version' });
      return typeof version === 'string' && version !== pageBuild;
    } catch (error) {
      return false;
    }
  }

  // A new build: show the prompt. Its button works in any tab, whatever the others did:
  // a build still waiting is told to take over (every tab then reloads on
  // controllerchange); one another tab already let in means this tab reloads now.
  function offerUpdate() {
    document.getElementById('update').hidden = false;
    document.getElementById('update-reload').onclick = async () => {
      accepted = true;
      const waiting = registration && registration.waiting;
      if (waiting) {
        ask(waiting, { type: 'skipWaiting' }).catch(reload);
        return;
      }
      if (await outdated()) reload();
      else document.getElementById('update').hidden = true; // nothing newer after all
    };
  }

  // Every tab follows when a new build takes over (in this tab or another): the old
  // build's files are gone from the worker's shell, so the tab reloads onto the new
  // one at once, or, with something unsaved, says so and reloads on the reader's word.
  // The first install's takeover is the page's own build: nothing to do.
  function followTakeovers() {
    navigator.serviceWorker.addEventListener('controllerchange', async () => {
      if (!(await outdated())) return;
      if (unsaved() && !accepted) offerUpdate();
      else reload();
    });
  }

  // A worker that never got installed (the shell did not fit the quota, or a file of
  // it did not download): then offline saving cannot work until something changes.
  let installFailed = false;
  let installError = null; // 'quota' or what did not download (sw.js says)
  const followInstall = (worker) =>
    worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && !registration.active && !registration.waiting) installFailed = true;
      if (worker.state === 'installed' || worker.state === 'activated') installFailed = false;
    });

  function watch(reg) {
    if (reg.installing) followInstall(reg.installing);
    const consider = (worker) => {
      // Only an update: the first install has no build in use to replace.
      if (worker && navigator.serviceWorker.controller) offerUpdate();
    };
    if (reg.waiting) consider(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      followInstall(worker);
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed') consider(worker);
      });
    });
  }

  // `options.unsaved`: () => true while a reload would lose what the reader typed.
  async function register(options = {}) {
    if (!supported) return null;
    if (typeof options.unsaved === 'function') unsaved = options.unsaved;
    followTakeovers();
    navigator.serviceWorker.addEventListener('message', ({ data }) => {
      if (data && data.type === 'installFailed' && typeof data.reason === 'string') {
        installFailed = true;
        installError = data.reason.slice(0, 200);
      }
    });
    navigator.serviceWorker.startMessages();
    try {
      // updateViaCache 'none': the browser asks the server for sw.js every time it checks.
      registration = await navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' });
      watch(registration);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    } catch (error) {
      console.warn(`service worker: ${error.message}`);
    }
    return registration;
  }

  // Resolves once a worker controls the page (at once if one does).
  function controlled() {
    if (!supported) return Promise.resolve(false);
    if (controller()) return Promise.resolve(true);
    return new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
    });
  }

  // What sw.js said about a failed install; waits a moment for its word, which may
  // come after the worker's state says it failed.
  async function installProblem(waitMs = 1500) {
    for (const end = Date.now() + waitMs; installError === null && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return installError;
  }

  // Why offline saving is or is not available here: 'ready' (a worker controls the
  // page), 'unsupported' (no service workers: private windows, some embeds), 'failed'
  // (the worker could not install: installProblem() says why), 'starting' (installing
  // now), or 'uncontrolled' (a worker runs but not for this page, as after a forced
  // reload: a reload brings it in).
  function status() {
    if (!supported) return 'unsupported';
    if (controller()) return 'ready';
    if (installFailed || (registration && !registration.installing && !registration.waiting && !registration.active)) {
      return 'failed';
    }
    if (!registration || registration.installing || registration.waiting) return 'starting';
    return 'uncontrolled';
  }

  // [{path, saved, bytes, read}] of what the worker keeps, paths relative to the site.
  async function list() {
    if (!controller()) return [];
    try {
      return (await ask(controller(), { type: 'list' })).entries || [];
    } catch (error) {
      return [];
    }
  }

  const save = (paths, onProgress) => ask(controller(), { type: 'save', paths }, onProgress);
  const remove = (what) => ask(controller(), { type: 'remove', ...what });
  const version = () => ask(controller(), { type: 'version' });

  // {usage, quota} in bytes, or nulls when the browser does not say.
  async function estimate() {
    try {
      const { usage, quota } = await navigator.storage.estimate();
      return { usage, quota };
    } catch (error) {
      return { usage: null, quota: null };
    }
  }

  // Asks that saved issues survive storage pressure; true when granted.
  async function persist() {
    try {
      return await navigator.storage.persist();
    } catch (error) {
      return false;
    }
  }

  return {
    supported,
    controller,
    register,
    controlled,
    status,
    installProblem,
    list,
    save,
    remove,
    version,
    estimate,
    persist,
  };
})();
