/**
 * The shop's side of the SDK: `window.rec` as documented in sdk/README.md (track, page, consent,
 * on, ready, plus the recommend extension). Until `/rec.js` has loaded, calls go to the snippet's
 * stub, which queues them. Nothing here throws into the page when the SDK is blocked.
 */
import type { RecApi } from '../../../sdk/src/recommend/types.ts';
import type { ConsentInput, Rec, RecEvents } from '../../../sdk/src/types.ts';

/** A consent choice as the banner makes it. */
export type ConsentState = Required<Pick<ConsentInput, 'analytics' | 'personalization'>>;

/** A queued event as `rec.on('track')` reports it. */
export type SentEvent = RecEvents['track'];

/** `window.rec` as the storefront uses it: the SDK plus the recommend extension. */
export type ShopRec = Rec & Pick<RecApi, 'recommend' | 'subscribe'>;

/** `window.rec` (the stub before the SDK loads); undefined only if the snippet is missing. */
export function rec(): ShopRec | undefined {
  return (window as { rec?: ShopRec }).rec;
}

/** Call `fn` with the loaded SDK (at once when it already is). */
export function whenReady(fn: (r: ShopRec) => void): void {
  try {
    rec()?.ready((r) => fn(r as ShopRec));
  } catch {}
}

/** Track a shop event through the SDK (the event stream shows what the SDK actually queued). */
export function track(type: string, props: Record<string, unknown> = {}): void {
  try {
    rec()?.track(type, props);
  } catch {} // the shop keeps working when the SDK is blocked
}
