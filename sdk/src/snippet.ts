/**
 * The inline snippet (built to `rec-snippet.js` and shown in the README): a `window.rec` stub
 * that records calls, with their time, until `rec.js` loads and replays them in order.
 */
import { type RecStub, STUB_METHODS } from './stub-methods.ts';

const w = window as unknown as { rec?: RecStub };
w.rec = w.rec || { q: [] };
const rec = w.rec;
// Once the real SDK is loaded there is no queue: leave it alone.
if (rec.q)
  for (const m of STUB_METHODS)
    rec[m] =
      rec[m] ||
      ((...args: unknown[]) => {
        rec.q.push([m, args, Date.now()]);
      });
