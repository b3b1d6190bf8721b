/**
 * The SDK's own IndexedDB database through idb-keyval, used only with storage consent. Every
 * failure (private mode, blocked IndexedDB, quota) is a cache miss, never an error.
 */
import { createStore, delMany, entries, setMany, type UseStore } from 'idb-keyval';
import { noop } from './safe.ts';

const DB = 'rec';
let db: UseStore | undefined;

// Opened lazily: createStore() opens the database at once, which is a write without consent.
const use = (): UseStore => {
  db ||= createStore(DB, 'kv');
  return db;
};

/** Write these key/value pairs (errors ignored). */
export const put = (pairs: [IDBValidKey, unknown][]): Promise<void> =>
  pairs.length
    ? Promise.resolve()
        .then(() => setMany(pairs, use()))
        .catch(noop)
    : Promise.resolve();

/** Delete these keys (errors ignored). */
export const drop = (keys: IDBValidKey[]): Promise<void> =>
  keys.length
    ? Promise.resolve()
        .then(() => delMany(keys, use()))
        .catch(noop)
    : Promise.resolve();

/** Everything stored; empty on any failure. */
export const load = (): Promise<[IDBValidKey, unknown][]> =>
  Promise.resolve()
    .then(() =>
      use()('readonly', (s) => {
        const conn = s.transaction.db;
        // Let another tab's purge delete the database instead of waiting for this page to close.
        conn.onversionchange = () => {
          conn.close();
          db = undefined;
        };
      }),
    )
    .then(() => entries(use()))
    .catch(() => []);

/** Delete the whole database (closing this page's connection first so the deletion is not blocked). */
export function purge(): Promise<void> {
  const open = db;
  db = undefined;
  return Promise.resolve(open?.('readonly', (s) => s.transaction.db.close()))
    .catch(noop)
    .then(() => {
      indexedDB.deleteDatabase(DB);
    })
    .catch(noop);
}
