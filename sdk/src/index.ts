/**
 * rec.js entry: read the script tag, replace the stub on `window.rec` with the SDK and replay
 * the calls the stub recorded. Loading it twice is harmless.
 */
import { createClient } from './client.ts';
import { readOptions } from './config.ts';
import { safe, warn } from './safe.ts';
import type { RecStub } from './stub-methods.ts';
import type { Rec } from './types.ts';

const w = window as unknown as { rec?: RecStub | Rec };

safe(() => {
  const stub = w.rec as RecStub | undefined;
  if (stub && !stub.q) return; // the SDK is already running
  const script = (document.currentScript ||
    document.querySelector('script[data-key]')) as HTMLScriptElement | null;
  const options = readOptions(script?.dataset || {}, script?.src || '', location.href);
  if (typeof options === 'string') return warn(options);
  w.rec = createClient(options, stub ? stub.q.splice(0) : []);
})();
