/**
 * The core's IndexedDB helper alone, bundled for test pages whose stand-in for the core hands it to
 * the recommend extension as `rec.__idb` (what rec.js does): the same code, not a fake.
 */
import { idbStore } from '../../src/idb-store.ts';

(window as unknown as { idbStore: typeof idbStore }).idbStore = idbStore;
