/**
 * The event queue's IndexedDB database (`rec`, store `kv`: the session and unsent events), used
 * only with storage consent. Every failure (private mode, blocked IndexedDB, quota) is a cache
 * miss, never an error.
 */
import { done, idbStore } from './idb-store.ts';

/** How long a read of stored state may take before the SDK carries on without it, ms. */
export const LOAD_TIMEOUT_MS = 3000;

const db = idbStore('rec', 'kv');

// Every write of one task goes into one readwrite transaction (idb-keyval's setMany / delMany
// would open one per call: two an event). Measured in Chromium 156: a page whose transactions were
// still queued when it entered the back/forward cache was evicted when the next page's first
// transaction wanted the same store (IgnoreEventAndEvict, DisallowActivationReason 36).
const ops: ((o: IDBObjectStore) => void)[] = [];
/**
 * Queue `op` on every item; the first write of a task starts the transaction that takes them all.
 * Typed `=> void` (the short-circuit chain that returns something is the smallest code for it).
 */
const write: <T>(list: T[], op: (o: IDBObjectStore, item: T) => void) => void = (list, op) =>
  list.length &&
  ops.push((o) => {
    for (const item of list) op(o, item);
  }) < 2 &&
  db.run((s) => {
    const mine = ops.splice(0);
    return s('readwrite', (o) => {
      for (const f of mine) f(o);
      return done(o.transaction);
    });
  });

/** Write these key/value pairs (errors ignored). */
export const put: (pairs: [IDBValidKey, unknown][]) => void = (pairs) =>
  write(pairs, (o, [key, value]) => o.put(value, key));

/** Delete these keys (errors ignored). */
export const drop: (keys: IDBValidKey[]) => void = (keys) => write(keys, (o, key) => o.delete(key));

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
