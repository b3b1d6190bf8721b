/**
 * Entry of the recommend extension (`/rec-recommend.js`, loaded by the page or by `<rec-widget>`): once
 * the SDK has loaded, add `rec.recommend` and `rec.subscribe` through its `extend` seam. Calls
 * the stub queued before are replayed by the SDK. Loading it twice is harmless.
 */
import { installInto } from './install-into.ts';
import type { RecHost } from './types.ts';

const w = window as unknown as { rec?: { ready?(cb: (rec: RecHost) => void): void } };
try {
  w.rec?.ready?.(installInto);
} catch {} // never throw into the host page
