/**
 * Consent state: the default from the mode and the browser's privacy signals, then explicit
 * choices (the API, the TCF and Consent Mode adapters) in the order they arrive.
 */
import { warn } from './safe.ts';
import type { ConsentInput, ConsentMode, ConsentState } from './types.ts';

const PURPOSES = ['analytics', 'personalization', 'storage'] as const;

/** Every purpose granted, or none. */
const all = (granted: boolean): ConsentState => ({
  analytics: granted,
  personalization: granted,
  storage: granted,
});

/** Nothing granted. */
export const DENIED: ConsentState = /* @__PURE__ */ all(false); // pure: no bundle keeps it unused

/** Global Privacy Control or Do-Not-Track is on: both count as a refusal until the visitor chooses. */
export function privacySignal(n: Navigator & { globalPrivacyControl?: boolean }): boolean {
  return n.globalPrivacyControl === true || n.doNotTrack === '1';
}

/** The state before any explicit choice; `decided` is false while opt-in waits for one. */
export function defaultConsent(
  mode: ConsentMode,
  signal: boolean,
): { state: ConsentState; decided: boolean } {
  const out = mode === 'opt-out';
  return { state: all(out && !signal), decided: out || signal };
}

/**
 * Apply an update: listed booleans replace, omitted purposes stay, and `storage` follows the
 * purposes unless given. Non-boolean values are reported and ignored.
 */
export function applyConsent(prev: ConsentState, input: ConsentInput): ConsentState {
  const next = { ...prev };
  for (const purpose of PURPOSES) {
    const value = input[purpose];
    if (typeof value === 'boolean') next[purpose] = value;
    else if (value !== undefined) warn(`consent: ${purpose} must be a boolean`);
  }
  if (typeof input.storage !== 'boolean') next.storage = next.analytics || next.personalization;
  return next;
}

/** True when a purpose that was granted is now refused (the session must be forgotten). */
export function isRevocation(prev: ConsentState, next: ConsentState): boolean {
  return (prev.analytics && !next.analytics) || (prev.personalization && !next.personalization);
}

/** May events be sent at all? */
export const canSend = (c: ConsentState): boolean => c.analytics || c.personalization;
