/**
 * The one IndexedDB helper for every database the SDK opens, in idb-keyval's shape (`UseStore`:
 * lazy open, reopen after the browser closed it) plus what it lacks: the connection closes itself
 * when any tab deletes the database, so another tab never blocks a purge, and every failure is a
 * miss; and every transaction is committed as soon as its requests are issued.
 */
import type { UseStore } from 'idb-keyval';

/** A database with one object store, opened on first use (opening is a write: storage consent only). */
export interface IdbStore {
  /**
   * Run idb-keyval calls on the store; resolves undefined on any failure (private mode, quota…).
   * `op` also gets `done` (size trick: an extension reaches it here instead of bundling its own).
   */
  run<T>(op: (store: UseStore, settled: typeof done) => T | Promise<T>): Promise<T | undefined>;
  /** Delete the database; every tab's connection closes itself, so the deletion is not blocked. */
  purge(): void;
}

/** A request (its result) or a transaction (on commit) as a promise: idb-keyval's `promisifyRequest`. */
export const done = <T>(r: IDBRequest<T> | IDBTransaction): Promise<T> =>
  new Promise((resolve, reject) => {
    const q = r as IDBRequest<T> & IDBTransaction;
    q.oncomplete = q.onsuccess = () => resolve(q.result);
    q.onabort = q.onerror = () => reject(q.error);
  });

/**
 * The object store `store` of database `db`; nothing is opened until `run` uses it.
 * Size trick: our own open instead of idb-keyval's `createStore` + `setMany` / `delMany` / `entries`
 * (the same requests on the same database, store and records; about 0.2 KB gzip less).
 */
export function idbStore(db: string, store: string): IdbStore {
  let opening: Promise<IDBDatabase> | undefined;
  const use: UseStore = (mode, callback) => {
    if (!opening) {
      const request = indexedDB.open(db);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      const mine = done(request);
      opening = mine;
      const forget = () => {
        if (opening === mine) opening = undefined;
      };
      mine.then((conn) => {
        // A deletion (or upgrade) in this tab or another waits until every connection closes
        // (https://developer.mozilla.org/docs/Web/API/IDBDatabase/versionchange_event); a connection
        // the browser closed (`close` event) or we closed is reopened on next use.
        conn.onclose = conn.onversionchange = () => {
          conn.close();
          forget();
        };
      }, forget);
    }
    return opening.then((conn) => {
      const t = conn.transaction(store, mode);
      const result = callback(t.objectStore(store));
      // Committed now, not when the page's task loop gets back to it: a page frozen in the
      // back/forward cache with a transaction still open holds its lock, and Chromium 156 evicts it
      // when the next page's first transaction asks for that lock (IgnoreEventAndEvict; the open
      // connection alone evicts nothing). Every callback issues its requests synchronously.
      t.commit?.();
      return result;
    });
  };
  return {
    run: (op) =>
      Promise.resolve()
        .then(() => op(use, done))
        .catch(() => undefined),
    // Issued synchronously: IndexedDB runs open and delete requests for one name in order, so any
    // later open waits for the deletion.
    purge() {
      opening = undefined;
      try {
        indexedDB.deleteDatabase(db);
      } catch {}
    },
  };
}
