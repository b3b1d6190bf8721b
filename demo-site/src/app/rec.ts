/**
 * The shop's side of the SDK: `window.rec` as documented (track, page, consent, recommend), and
 * `track()` which also feeds the "under the hood" event stream. Until `/rec.js` has loaded, calls
 * go to the snippet's stub queue.
 */
import type { RecApi } from '../../../sdk/src/recommend/types.ts';
import { recordEvent } from './hood/recorder.ts';

/** Consent choices, as `rec.consent()` reads and sets them. */
export interface ConsentState {
  analytics: boolean;
  personalization: boolean;
}

/** The documented `window.rec` surface the storefront uses. */
export interface ShopRec extends RecApi {
  page?(props?: Record<string, unknown>): void;
  consent(choice?: ConsentState): ConsentState | undefined;
}

/** `window.rec` (the stub before the SDK loads); undefined only if the snippet is missing. */
export function rec(): ShopRec | undefined {
  return (window as { rec?: ShopRec }).rec;
}

/** Track a shop event through the SDK and show it in the event stream. */
export function track(type: string, props: Record<string, unknown> = {}): void {
  recordEvent(type, props);
  try {
    rec()?.track(type, props);
  } catch {} // the shop keeps working when the SDK is blocked
}

/** Current consent as far as the page knows it (both false until the SDK says otherwise). */
export function currentConsent(): ConsentState {
  try {
    const state = rec()?.consent();
    if (state && typeof state.analytics === 'boolean') return state;
  } catch {}
  return { analytics: false, personalization: false };
}
