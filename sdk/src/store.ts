/**
 * The SDK's own IndexedDB database through idb-keyval, used only with storage consent. Every
 * failure (private mode, blocked IndexedDB, quota) is a cache miss, never an error.
 */
import { delMany, entries, promisifyRequest, setMany, type UseStore } from 'idb-keyval';
import { noop } from './safe.ts';

const DB = 'rec';
const STORE = 'kv';
/** How long a read of stored state may take before the SDK carries on without it, ms. */
export const LOAD_TIMEOUT_MS = 3000;

let db: UseStore | undefined;

// An idb-keyval custom store, opened lazily (opening is already a write, so never without
// consent) and closing itself when a purge — in this tab or another — deletes the database.
function use(): UseStore {
  if (db) return db;
  const request = indexedDB.open(DB);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  const ready = promisifyRequest(request);
  const store: UseStore = (mode, callback) =>
    ready.then((conn) => callback(conn.transaction(STORE, mode).objectStore(STORE)));
  const forget = () => {
    if (db === store) db = undefined;
  };
  ready.then((conn) => {
    conn.onversionchange = () => {
      conn.close();
      forget();
    };
  }, forget);
  db = store;
  return store;
}

/** Write these key/value pairs (errors ignored). */
export const put = (pairs: [IDBValidKey, unknown][]): Promise<void> =>
  Promise.resolve()
    .then(() => (pairs.length ? setMany(pairs, use()) : undefined))
    .catch(noop);

/** Delete these keys (errors ignored). */
export const drop = (keys: IDBValidKey[]): Promise<void> =>
  Promise.resolve()
    .then(() => (keys.length ? delMany(keys, use()) : undefined))
    .catch(noop);

/** Everything stored; empty on any failure, or when reading takes longer than LOAD_TIMEOUT_MS. */
export const load = (): Promise<[IDBValidKey, unknown][]> =>
  Promise.race([
    Promise.resolve()
      .then(() => entries(use()))
      .catch(() => []),
    new Promise<[]>((resolve) => setTimeout(resolve, LOAD_TIMEOUT_MS, [])),
  ]);

/**
 * Delete the whole database. Issued synchronously, so any later open waits for the deletion
 * (IndexedDB runs open/delete requests for one name in order); our connection closes itself.
 */
export function purge(): void {
  db = undefined;
  try {
    indexedDB.deleteDatabase(DB);
  } catch {}
}
