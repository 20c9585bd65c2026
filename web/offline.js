// Offline reading, the page's side: registers the service worker (web/sw.js), offers a
// new build when one has installed (「新しいバージョンがあります — 再読み込み」), and
// speaks the worker's commands (list, save, remove). app.js tells the viewer what
// this finds; nothing here touches the canvas.
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

  // A waiting build: show the prompt; accepting it hands over and reloads once the
  // new worker controls the page (the open page keeps running the old build till then).
  function offerUpdate(worker) {
    const banner = document.getElementById('update');
    banner.hidden = false;
    document.getElementById('update-reload').onclick = () => {
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      ask(worker, { type: 'skipWaiting' }).catch(() => location.reload());
    };
  }

  function watch(reg) {
    const consider = (worker) => {
      // Only an update: the first install has no build in use to replace.
      if (worker && navigator.serviceWorker.controller) offerUpdate(worker);
    };
    if (reg.waiting) consider(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed') consider(worker);
      });
    });
  }

  async function register() {
    if (!supported) return null;
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

  return { supported, controller, register, controlled, list, save, remove, version, estimate, persist };
})();
