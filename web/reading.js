// The reading log, the page's side: what the reader has read, the newest issue at the
// last visit (for 新着) and the article left unfinished (続きから読む), kept in this
// browser's IndexedDB only. Nothing of it leaves the device: no request carries it.
// app.js hands it to the viewer at start and writes what the viewer reports.
'use strict';

window.DigestReading = (function () {
  const DB_NAME = 'digest-reading';
  const READ = 'read';   // {key: "issue\narticle", issue, article, at}
  const META = 'meta';   // {key: "lastNewest", date} and {key: "unfinished", place}
  let dbPromise = null;

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        if (!('indexedDB' in window)) { reject(new Error('IndexedDB is not available')); return; }
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore(READ, { keyPath: 'key' });
          request.result.createObjectStore(META, { keyPath: 'key' });
        };
        request.onsuccess = () => {
          const db = request.result;
          // Site data cleared, or a newer build's schema in another tab: let go at once
          // (holding on would block it); the next write opens the database again.
          db.onversionchange = () => {
            db.close();
            dbPromise = null;
          };
          resolve(db);
        };
        request.onerror = () => {
          dbPromise = null;  // a later write tries again
          reject(request.error);
        };
        // Another tab holds an older version open and will not let go.
        request.onblocked = () => console.warn(`${DB_NAME}: waiting for another tab of this site to close the reading log`);
      });
    }
    return dbPromise;
  }

  // One transaction over `stores`; resolves with what `fn` returns once it commits.
  async function transaction(stores, mode, fn) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let result;
      Promise.resolve(fn(tx)).then((value) => { result = value; });
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  const requestValue = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  // What the viewer needs at start ({read, newSince, unfinished}); then this visit's
  // newest issue date is kept as the next visit's newSince.
  async function load(newestDate) {
    const log = await transaction([READ, META], 'readonly', async (tx) => {
      const [read, lastNewest, unfinished] = await Promise.all([
        requestValue(tx.objectStore(READ).getAll()),
        requestValue(tx.objectStore(META).get('lastNewest')),
        requestValue(tx.objectStore(META).get('unfinished')),
      ]);
      return {
        read: read.map((r) => [r.issue, r.article]),
        newSince: lastNewest ? lastNewest.date : null,
        unfinished: unfinished ? unfinished.place : null,
      };
    });
    if (newestDate && newestDate !== log.newSince) {
      await transaction([META], 'readwrite', (tx) => tx.objectStore(META).put({ key: 'lastNewest', date: newestDate }));
    }
    return log;
  }

  const markRead = (issue, article) => transaction([READ], 'readwrite', (tx) =>
    tx.objectStore(READ).put({ key: `${issue}\n${article}`, issue, article, at: Date.now() }));

  const setUnfinished = (place) => transaction([META], 'readwrite', (tx) =>
    place ? tx.objectStore(META).put({ key: 'unfinished', place }) : tx.objectStore(META).delete('unfinished'));

  // Forgets what was read and the unfinished article; the last visit stays (so what is
  // new stays new until the next visit).
  const clear = () => transaction([READ, META], 'readwrite', (tx) => {
    tx.objectStore(READ).clear();
    tx.objectStore(META).delete('unfinished');
  });

  return { load, markRead, setUnfinished, clear };
})();
