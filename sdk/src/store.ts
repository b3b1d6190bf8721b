/**
 * The event queue's IndexedDB database (`rec`, store `kv`: the session and unsent events), used
 * only with storage consent. Every failure (private mode, blocked IndexedDB, quota) is a cache
 * miss, never an error.
 */
import { done, idbStore } from './idb-store.ts';
import { noop } from './safe.ts';

/** How long a read of stored state may take before the SDK carries on without it, ms. */
export const LOAD_TIMEOUT_MS = 3000;

const db = idbStore('rec', 'kv');

// idb-keyval's setMany / delMany: one readwrite transaction (none for an empty list), settled when it commits.
const write = <T>(list: T[], op: (o: IDBObjectStore, item: T) => void): Promise<void> =>
  db
    .run((s) =>
      list.length
        ? s('readwrite', (o) => {
            for (const item of list) op(o, item);
            return done(o.transaction);
          })
        : undefined,
    )
    .then(noop);

/** Write these key/value pairs (errors ignored). */
export const put = (pairs: [IDBValidKey, unknown][]): Promise<void> =>
  write(pairs, (o, [key, value]) => o.put(value, key));

/** Delete these keys (errors ignored). */
export const drop = (keys: IDBValidKey[]): Promise<void> => write(keys, (o, key) => o.delete(key));

/** Everything stored; empty on any failure, or when reading takes longer than LOAD_TIMEOUT_MS. */
export const load = (): Promise<[IDBValidKey, unknown][]> =>
  Promise.race([
    // idb-keyval's `entries`: keys and values read in one transaction, so they line up.
    db
      .run((s) =>
        s('readonly', (o) =>
          Promise.all([done(o.getAllKeys()), done(o.getAll())]).then(([keys, values]) =>
            keys.map((key, i): [IDBValidKey, unknown] => [key, values[i]]),
          ),
        ),
      )
      .then((pairs) => pairs || []),
    new Promise<[]>((resolve) => setTimeout(resolve, LOAD_TIMEOUT_MS, [])),
  ]);

/** Delete the whole database (this tab's and other tabs' connections close themselves). */
export const purge = (): void => db.purge();
