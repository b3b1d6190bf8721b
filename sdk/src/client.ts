/**
 * `window.rec`: the public API over the pipeline, the replay of calls queued by the stub, page
 * lifecycle hooks and the idle-time loading of the web-vitals chunk.
 */
import { MAX_USER_ID_LENGTH } from '../../contracts/limits.ts';
import type { Options } from './config.ts';
import { makeEvent } from './event.ts';
import { idbStore } from './idb-store.ts';
import { createPipeline } from './pipeline.ts';
import { noop, safe, warn } from './safe.ts';
import type { StubCall } from './stub-methods.ts';
import type { ConsentInput, Props, Rec } from './types.ts';

// Replaced at build time with the hashed file names of the web-vitals, dataLayer and consent chunks.
declare const __VITALS_FILE__: string;
declare const __DATALAYER_FILE__: string;
declare const __CONSENT_FILE__: string;

/** How long events wait for the CMP adapters chunk before the SDK carries on without it, ms. */
export const CMP_TIMEOUT_MS = 3000;

/** Create the SDK for this page and replay the stub's queued calls into it. */
export function createClient(o: Options, queued: StubCall[]): Rec {
  const p = createPipeline(o);
  const pending: StubCall[] = []; // calls to methods an extension will add (rec.recommend)
  let user: string | null | undefined; // undefined until identify() is called in this page
  let vitals = !o.vitals;

  let at: number | undefined; // while the stub's calls are replayed: the time of the call

  const track = (type: unknown, props?: unknown) => {
    const event = makeEvent(type, props, at ?? Date.now());
    at = undefined; // a track made by a listener meanwhile is made now
    if (typeof event === 'string') warn(event);
    else p.push(event, user);
  };

  /** Load a chunk that sits next to rec.js. */
  const inject = (file: string) => {
    const script = document.createElement('script');
    script.src = new URL(file, o.base).href;
    document.head.append(script);
    return script;
  };
  // web-vitals costs the core nothing: its own chunk, fetched when the page is idle, with analytics consent.
  const loadVitals = () => {
    if (vitals || !p.consent().analytics) return;
    vitals = true;
    const idle = () => (self.requestIdleCallback || setTimeout)(() => inject(__VITALS_FILE__));
    document.readyState === 'complete' ? idle() : addEventListener('load', idle);
  };

  const rec: Rec = {
    track: safe(track),
    page: safe((props?: Props) =>
      track('page', { path: location.pathname, title: document.title, ...props }),
    ),
    identify: safe((id: string | null) => {
      if (id === null || (typeof id === 'string' && id.length > 0 && id.length <= MAX_USER_ID_LENGTH))
        user = id;
      else warn(`identify: userId must be a string of 1-${MAX_USER_ID_LENGTH} characters, or null`);
    }),
    consent: safe((update?: ConsentInput) => {
      if (update !== undefined) {
        if (update && typeof update === 'object') p._setConsent(update);
        else warn('consent: pass { analytics, personalization } booleans');
      }
      return p.consent();
    }) as Rec['consent'],
    flush: () => p._settled().then(p._queue.flush).catch(noop),
    on: safe(p._bus.on) as Rec['on'],
    // A callback that throws (or is not a function) stays inside, as a listener of `on` does.
    ready: safe(
      (callback) =>
        void p
          ._settled()
          .then(() => callback(rec))
          .catch(noop),
    ),
    context: () => ({
      endpoint: o.endpoint,
      key: o.key,
      sessionId: p.session().s,
      userId: user === undefined ? p.session().u : user || undefined,
      consent: p.consent(),
    }),
    stats: () => ({ ...p.stats, queued: p._queued() }),
    extend: safe((name: string, method: (...args: never[]) => unknown) => {
      if (name in rec && !(name in extensions)) return warn(`extend: ${name} is a core method`);
      (rec as unknown as Record<string, unknown>)[name] = extensions[name] = safe(
        method as (...args: unknown[]) => unknown,
      );
      for (const [n, args] of pending.splice(0))
        n === name ? extensions[n](...args) : pending.push([n, args, 0]);
    }),
  };
  // Size trick: extensions use the core's IndexedDB helper instead of bundling their own copy.
  (rec as Rec & { __idb: typeof idbStore }).__idb = idbStore;
  // No prototype: an inherited name (`__proto__`, `constructor`) must not pass for an extension.
  const extensions: Record<string, (...args: unknown[]) => unknown> = Object.create(null);

  p._bus.on('consent', loadVitals);
  loadVitals();
  // The dataLayer capture is its own chunk too, for the shops that ask for it: at once, as events are.
  if (o.datalayer) inject(__DATALAYER_FILE__);
  addEventListener('pagehide', p.hide);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && p.hide());

  const replay = () => {
    for (const call of queued) {
      const [name, args] = call;
      const method = (rec as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
      // A replayed track or page keeps the time it was called at.
      if (name === 'track' || name === 'page') at = call[2];
      if (method) method(...args);
      else pending.push(call);
      at = undefined; // also when the call failed before its event was made
    }
    p._pump(); // read stored state now when storage is allowed: replay and session continuity
  };
  // The page's CMP, when there is one, speaks first; the shop's own rec.consent calls follow.
  // Size trick: the TCF / Consent Mode adapters are a chunk, loaded only by pages with a CMP or a
  // dataLayer; nothing is sent or stored (and the stub's calls wait) until it has run.
  const page = window as Window & { __tcfapi?: unknown; dataLayer?: unknown };
  if (typeof page.__tcfapi === 'function' || Array.isArray(page.dataLayer)) {
    const adapters = new Promise((ran) => {
      const script = inject(__CONSENT_FILE__);
      script.onload = script.onerror = ran;
      setTimeout(ran, CMP_TIMEOUT_MS);
    });
    p._hold(adapters);
    adapters.then(replay);
  } else replay();
  return rec;
}
