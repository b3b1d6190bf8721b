/** Retry policy, as pure functions: which answers to retry and how long to wait. */

/** First retry delay, ms. */
export const RETRY_BASE_MS = 1000;
/** Longest computed retry delay, ms (Retry-After may ask for more, up to RETRY_AFTER_MAX_MS). */
export const RETRY_MAX_MS = 60_000;
/** Longest Retry-After honoured, ms. */
export const RETRY_AFTER_MAX_MS = 3_600_000;
/** Attempts answered 5xx/408/429 after which an event is dropped (network errors do not count). */
export const MAX_ATTEMPTS = 10;

/** What to do with a batch after an HTTP status: 'ok' (delivered), 'retry' or 'drop' (refused for good). */
export function classify(status: number): 'ok' | 'retry' | 'drop' {
  if (status >= 200 && status < 300) return 'ok';
  return status >= 500 || status === 408 || status === 429 ? 'retry' : 'drop';
}

/**
 * Delay before retry number `failures` (1, 2, …): exponential from RETRY_BASE_MS, capped at
 * RETRY_MAX_MS, with "equal jitter" (between half and all of it) so clients spread out.
 */
export function backoff(failures: number, random = Math.random()): number {
  const cap = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(cap / 2 + (random * cap) / 2);
}

/** A Retry-After header (seconds or an HTTP date) in ms from `now`; undefined when absent or invalid. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const ms = /^\s*\d+\s*$/.test(header) ? +header * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}
