/**
 * The event queue's IndexedDB database (`rec`, store `kv`: the session and unsent events), used
 * only with storage consent. Every failure (private mode, blocked IndexedDB, quota) is a cache
 * miss, never an error.
 */
import { delMany, entries, setMany } from 'idb-keyval';
import { idbStore } from './idb-store.ts';
import { noop } from './safe.ts';

/** How long a read of stored state may take before the SDK carries on without it, ms. */
export const LOAD_TIMEOUT_MS = 3000;

const db = idbStore('rec', 'kv');

/** Write these key/value pairs (errors ignored). */
export const put = (pairs: [IDBValidKey, unknown][]): Promise<void> =>
  db.run((s) => (pairs.length ? setMany(pairs, s) : undefined)).then(noop);

/** Delete these keys (errors ignored). */
export const drop = (keys: IDBValidKey[]): Promise<void> =>
  db.run((s) => (keys.length ? delMany(keys, s) : undefined)).then(noop);

/** Everything stored; empty on any failure, or when reading takes longer than LOAD_TIMEOUT_MS. */
export const load = (): Promise<[IDBValidKey, unknown][]> =>
  Promise.race([
    db.run((s) => entries<IDBValidKey, unknown>(s)).then((pairs) => pairs || []),
    new Promise<[]>((resolve) => setTimeout(resolve, LOAD_TIMEOUT_MS, [])),
  ]);

/** Delete the whole database (this tab's and other tabs' connections close themselves). */
export const purge = (): void => db.purge();
