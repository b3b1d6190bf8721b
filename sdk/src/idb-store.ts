/**
 * The one IndexedDB helper for every database the SDK opens: idb-keyval's `createStore` (lazy open,
 * reopen after the browser closed it) plus what it lacks: the connection closes itself when any tab
 * deletes the database, so another tab never blocks a purge, and every failure is a miss; and it
 * closes on pagehide (reopened on next use).
 */
import { createStore, type UseStore } from 'idb-keyval';

/** A database with one object store, opened on first use (opening is a write: storage consent only). */
export interface IdbStore {
  /** Run idb-keyval calls on the store; resolves undefined on any failure (private mode, quota…). */
  run<T>(op: (store: UseStore) => T | Promise<T>): Promise<T | undefined>;
  /** Delete the database; every tab's connection closes itself, so the deletion is not blocked. */
  purge(): void;
}

/** The object store `store` of database `db`; nothing is opened until `run` uses it. */
export function idbStore(db: string, store: string): IdbStore {
  let current: UseStore | undefined;
  let connection: IDBDatabase | undefined;
  // Measured in Chromium 156: a page in the back/forward cache that still holds a connection is
  // evicted (IgnoreEventAndEvict) as soon as the next page of the shop opens the same database.
  addEventListener('pagehide', () => {
    connection?.close();
    current = connection = undefined;
  });
  const use: UseStore = (mode, callback) => {
    current ||= createStore(db, store);
    const opened = current;
    return opened(mode, (s) => {
      // A deletion (or upgrade) in this tab or another waits until every connection closes
      // (https://developer.mozilla.org/docs/Web/API/IDBDatabase/versionchange_event); a connection
      // we close is dead to idb-keyval's store (no `close` event for it), so the next use reopens.
      const conn = s.transaction.db;
      connection = conn;
      conn.onversionchange = () => {
        conn.close();
        if (current === opened) current = undefined;
      };
      return callback(s);
    });
  };
  return {
    run: (op) =>
      Promise.resolve()
        .then(() => op(use))
        .catch(() => undefined),
    // Issued synchronously: IndexedDB runs open and delete requests for one name in order, so any
    // later open waits for the deletion.
    purge() {
      current = undefined;
      try {
        indexedDB.deleteDatabase(db);
      } catch {}
    },
  };
}
