/**
 * The shop's side of the SDK: `window.rec` as documented in sdk/README.md (track, page, consent,
 * on, ready, plus the recommend extension). Until `/rec.js` has loaded, calls go to the snippet's
 * stub, which queues them. Nothing here throws into the page when the SDK is blocked.
 */
import type { RecApi } from '../../../sdk/src/recommend/types.ts';

/** Consent as `rec.consent()` reads it; `storage` follows the purposes unless set. */
export interface ConsentState {
  analytics: boolean;
  personalization: boolean;
  storage?: boolean;
}

/** A queued event as `rec.on('track')` reports it. */
export interface SentEvent {
  id: string;
  type: string;
  ts: number;
  itemId?: string;
  props?: Record<string, unknown>;
  sessionId: string;
}

/** The documented `window.rec` surface the storefront uses. */
export interface ShopRec extends RecApi {
  page?(props?: Record<string, unknown>): void;
  consent(update?: ConsentState): ConsentState | undefined;
  on?(name: 'track', listener: (e: SentEvent) => void): () => void;
  on?(name: 'consent', listener: (c: ConsentState) => void): () => void;
  context?(): { sessionId: string; consent: ConsentState };
}

/** `window.rec` (the stub before the SDK loads); undefined only if the snippet is missing. */
export function rec(): ShopRec | undefined {
  return (window as { rec?: ShopRec }).rec;
}

/** Call `fn` with the loaded SDK (at once when it already is). */
export function whenReady(fn: (r: ShopRec) => void): void {
  try {
    rec()?.ready?.((r) => fn(r as ShopRec));
  } catch {}
}

/** Track a shop event through the SDK (the event stream shows what the SDK actually queued). */
export function track(type: string, props: Record<string, unknown> = {}): void {
  try {
    rec()?.track(type, props);
  } catch {} // the shop keeps working when the SDK is blocked
}
