// The reading log, the page's side: what the reader has read, the newest issue at the
// last visit (for 新着), the article left unfinished (続きから読む), where 読み上げ
// stopped (続きから聞く), the action
// checklists (the items ticked, and each opened issue's checklist for the 対策 panel),
// and the followed topics (each with its last check and its matches), kept in this
// browser's IndexedDB only. Nothing of it leaves the device: no request
// carries it. app.js hands it to the viewer at start and writes what the viewer reports.
// @ts-check
'use strict';

window.DigestReading = (function () {
  const DB_NAME = DigestConstants.storage.readingDatabase;
  const READ = 'read'; // {key: "issue\narticle", issue, article, at}
  const META = 'meta'; // {key: "lastNewest", date}, {key: "unfinished", place}, {key: "listening", place}
  const CHECKS = 'checks'; // {key: "issue\narticle\nitem", issue, article, item, text, at}
  const LISTS = 'lists'; // {key: issue, list: {issue, date, title, articles}}
  const FOLLOWS = 'follows'; // {key: topic, follow: {topic, checked, found: [{issue, article, date, title}]}}
  const VERSION = 3; // 1: read and meta; 2: checks and lists too; 3: follows too
  let dbPromise = null;

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        if (!('indexedDB' in window)) {
          reject(new Error('IndexedDB is not available'));
          return;
        }
        const request = indexedDB.open(DB_NAME, VERSION);
        request.onupgradeneeded = () => {
          // From nothing, or from an older build's stores (which keep their records).
          const db = request.result;
          for (const store of [READ, META, CHECKS, LISTS, FOLLOWS]) {
            if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'key' });
          }
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
          dbPromise = null; // a later write tries again
          reject(request.error);
        };
        // Another tab holds an older version open and will not let go.
        request.onblocked = () =>
          console.warn(`${DB_NAME}: waiting for another tab of this site to close the reading log`);
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
      Promise.resolve(fn(tx)).then((value) => {
        result = value;
      });
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  const requestValue = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

  // A stored record is input like a fetched file: written by an older build, an
  // extension, a crash mid-write. What this build writes, with room: ids of 1-200
  // characters without control characters (as a URL may carry them), a title of at
  // most 1,000, a date as YYYY-MM-DD, at most MAX_READ read articles.
  const MAX_READ = 200000;
  const { isId } = DigestConstants;
  const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  // A dropped record: its store and key, to delete it, and a name for the console.
  const describe = (store, record) => {
    const key = record && typeof record === 'object' ? record.key : undefined;
    let shown;
    try {
      shown = JSON.stringify(key);
    } catch (error) {
      shown = undefined;
    }
    return { store, key, name: `${store}/${String(shown).slice(0, 60)}` };
  };

  // The records of `load` that this build can use; the others are listed in `dropped`
  // and deleted, so each is said once.
  function checked(read, lastNewest, unfinished) {
    const dropped = [];
    const log = { read: [], newSince: null, unfinished: null };
    for (const r of Array.isArray(read) ? read : []) {
      if (r && isId(r.issue) && isId(r.article) && log.read.length < MAX_READ) log.read.push([r.issue, r.article]);
      else dropped.push(describe(READ, r));
    }
    if (lastNewest !== undefined) {
      if (lastNewest && isDate(lastNewest.date)) log.newSince = lastNewest.date;
      else dropped.push(describe(META, lastNewest));
    }
    if (unfinished !== undefined) {
      const place = unfinished && unfinished.place;
      if (place && typeof place === 'object' && isId(place.issue) && isId(place.article)) {
        const title = typeof place.title === 'string' ? place.title.slice(0, 1000) : '';
        log.unfinished = { issue: place.issue, article: place.article, title };
      } else {
        dropped.push(describe(META, unfinished));
      }
    }
    return { log, dropped };
  }

  // Deletes the records a check dropped, best effort (a key of no valid type stays), and
  // then says so: said after the deletion is committed, so a reload right after the
  // message does not find them again (and say it twice).
  async function forgetAndSay(dropped, stores, what) {
    await transaction(stores, 'readwrite', (tx) => {
      for (const { store, key } of dropped) {
        try {
          tx.objectStore(store).delete(key);
        } catch (error) {
          /* not a key */
        }
      }
    }).catch(() => {});
    console.warn(`reading log: ${dropped.length} stored ${what}`);
  }

  // What the viewer needs at start ({read, newSince, unfinished}); then this visit's
  // newest issue date is kept as the next visit's newSince.
  async function load(newestDate) {
    const { log, dropped } = await transaction([READ, META], 'readonly', async (tx) => {
      const [read, lastNewest, unfinished] = await Promise.all([
        requestValue(tx.objectStore(READ).getAll()),
        requestValue(tx.objectStore(META).get('lastNewest')),
        requestValue(tx.objectStore(META).get('unfinished')),
      ]);
      return checked(read, lastNewest, unfinished);
    });
    if (dropped.length) {
      const names = dropped.slice(0, 5).map((d) => d.name);
      await forgetAndSay(
        dropped,
        [READ, META],
        `record(s) this viewer cannot use were dropped: ${names.join(', ')}${dropped.length > 5 ? ', …' : ''}`,
      );
    }
    if (newestDate && newestDate !== log.newSince) {
      await transaction([META], 'readwrite', (tx) => tx.objectStore(META).put({ key: 'lastNewest', date: newestDate }));
    }
    return log;
  }

  const markRead = (issue, article) =>
    transaction([READ], 'readwrite', (tx) =>
      tx.objectStore(READ).put({ key: `${issue}\n${article}`, issue, article, at: Date.now() }),
    );

  const setUnfinished = (place) =>
    transaction([META], 'readwrite', (tx) =>
      place ? tx.objectStore(META).put({ key: 'unfinished', place }) : tx.objectStore(META).delete('unfinished'),
    );

  // Where 読み上げ stopped: {issue, part (an article id, "" the masthead, "afterword"),
  // ordinal, title}, or null to forget it. One place: the last reading.
  const setListening = (place) =>
    transaction([META], 'readwrite', (tx) =>
      place ? tx.objectStore(META).put({ key: 'listening', place }) : tx.objectStore(META).delete('listening'),
    );
  // The kept place, or null; a record this build cannot use is deleted and said once.
  async function loadListening() {
    const record = await transaction([META], 'readonly', (tx) => requestValue(tx.objectStore(META).get('listening')));
    if (record === undefined) return null;
    const place = record && record.place;
    const usable =
      place &&
      typeof place === 'object' &&
      isId(place.issue) &&
      typeof place.part === 'string' &&
      (place.part === '' || isId(place.part)) &&
      Number.isInteger(place.ordinal) &&
      place.ordinal >= 0 &&
      typeof place.title === 'string' &&
      place.title.length <= 1000;
    if (usable) return { issue: place.issue, part: place.part, ordinal: place.ordinal, title: place.title };
    await forgetAndSay([describe(META, record)], [META], 'read-aloud place this viewer cannot use was dropped');
    return null;
  }

  //---------------------------------------------------------------------------
  // Action checklists
  //---------------------------------------------------------------------------
  // What this build writes, with room: an item key of 16 hex digits, a text of at most
  // MAX_TEXT characters, at most MAX_CHECKS ticks and MAX_LISTS checklists (a list is
  // checked again by the viewer, field by field).
  const MAX_CHECKS = 100000;
  const MAX_LISTS = 20000;
  const MAX_TEXT = 4000;
  const isKey = (v) => typeof v === 'string' && /^[0-9a-f]{16}$/.test(v);
  const isText = (v) => typeof v === 'string' && v.length <= MAX_TEXT;

  function checkedChecklists(checks, lists) {
    const dropped = [];
    const record = { checks: [], lists: [] };
    for (const c of Array.isArray(checks) ? checks : []) {
      if (c && isId(c.issue) && isId(c.article) && isKey(c.item) && isText(c.text) && record.checks.length < MAX_CHECKS)
        record.checks.push([c.issue, c.article, c.item, c.text]);
      else dropped.push(describe(CHECKS, c));
    }
    for (const l of Array.isArray(lists) ? lists : []) {
      const list = l && l.list;
      if (
        list &&
        typeof list === 'object' &&
        isId(list.issue) &&
        l.key === list.issue &&
        Array.isArray(list.articles) &&
        record.lists.length < MAX_LISTS
      )
        record.lists.push(list);
      else dropped.push(describe(LISTS, l));
    }
    return { record, dropped };
  }

  // The ticks and checklists kept ({checks: [[issue, article, key, text]], lists}).
  async function loadChecklists() {
    const { record, dropped } = await transaction([CHECKS, LISTS], 'readonly', async (tx) => {
      const [checks, lists] = await Promise.all([
        requestValue(tx.objectStore(CHECKS).getAll()),
        requestValue(tx.objectStore(LISTS).getAll()),
      ]);
      return checkedChecklists(checks, lists);
    });
    if (dropped.length)
      await forgetAndSay(dropped, [CHECKS, LISTS], 'checklist record(s) this viewer cannot use were dropped');
    return record;
  }

  // A tick (or its removal) as the viewer reports it; `replaces`: the key it was kept under.
  const setCheck = ({ issue, article, key, text, checked, replaces }) =>
    transaction([CHECKS], 'readwrite', (tx) => {
      const store = tx.objectStore(CHECKS);
      if (replaces) store.delete(`${issue}\n${article}\n${replaces}`);
      const id = `${issue}\n${article}\n${key}`;
      if (checked) store.put({ key: id, issue, article, item: key, text, at: Date.now() });
      else store.delete(id);
    });

  // An issue's checklist as the viewer found it (none left: forgotten).
  const putList = (list) =>
    transaction([LISTS], 'readwrite', (tx) =>
      list.articles.length
        ? tx.objectStore(LISTS).put({ key: list.issue, list })
        : tx.objectStore(LISTS).delete(list.issue),
    );

  //---------------------------------------------------------------------------
  // Followed topics
  //---------------------------------------------------------------------------
  // What this build writes, with room: a topic of 1-200 characters without line breaks,
  // at most MAX_FOLLOWS topics of at most MAX_FOUND matches (the viewer checks each
  // field again).
  const MAX_FOLLOWS = 1000;
  const MAX_FOUND = 500;
  const isTopic = (v) => typeof v === 'string' && v.length >= 1 && v.length <= 200 && !/[\u0000-\u001f]/.test(v);

  function checkedFollows(records) {
    const dropped = [];
    const follows = [];
    for (const r of Array.isArray(records) ? records : []) {
      const f = r && r.follow;
      if (
        f &&
        typeof f === 'object' &&
        isTopic(f.topic) &&
        r.key === f.topic &&
        (f.checked === '' || isDate(f.checked)) &&
        Array.isArray(f.found) &&
        f.found.length <= MAX_FOUND &&
        follows.length < MAX_FOLLOWS
      )
        follows.push(f);
      else dropped.push(describe(FOLLOWS, r));
    }
    return { follows, dropped };
  }

  // The followed topics kept ({follows: [{topic, checked, found}]}).
  async function loadFollows() {
    const { follows, dropped } = await transaction([FOLLOWS], 'readonly', async (tx) =>
      checkedFollows(await requestValue(tx.objectStore(FOLLOWS).getAll())),
    );
    if (dropped.length) await forgetAndSay(dropped, [FOLLOWS], 'followed topic(s) this viewer cannot use were dropped');
    return { follows };
  }

  // A topic as the viewer reports it (followed, or checked), or its removal.
  const putFollow = (follow) =>
    transaction([FOLLOWS], 'readwrite', (tx) => tx.objectStore(FOLLOWS).put({ key: follow.topic, follow }));
  const deleteFollow = (topic) => transaction([FOLLOWS], 'readwrite', (tx) => tx.objectStore(FOLLOWS).delete(topic));

  // Forgets what was read and the unfinished article; the last visit stays (so what is
  // new stays new until the next visit).
  const clear = () =>
    transaction([READ, META], 'readwrite', (tx) => {
      tx.objectStore(READ).clear();
      tx.objectStore(META).delete('unfinished');
      tx.objectStore(META).delete('listening');
    });

  // Deletes the whole database (the error screen's 「保存したデータを消して再読み込み」).
  // Resolves when it is gone, or after `waitMs` if another tab holds it open.
  async function destroy(waitMs = 3000) {
    const db = await (dbPromise || Promise.resolve(null)).catch(() => null);
    if (db) db.close();
    dbPromise = null;
    if (!('indexedDB' in window)) return;
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = resolve;
      request.onblocked = () => setTimeout(resolve, waitMs);
    });
  }

  return {
    load,
    markRead,
    setUnfinished,
    setListening,
    loadListening,
    clear,
    destroy,
    loadChecklists,
    setCheck,
    putList,
    loadFollows,
    putFollow,
    deleteFollow,
  };
})();
