/**
 * Getting a body to the edge: `fetch` with keepalive (bodies are capped at 64 KB, the keepalive
 * limit), `navigator.sendBeacon` when the page is going away or when the page broke `fetch`.
 */
import { classify, retryAfterMs } from './backoff.ts';

/** Outcome of one attempt; `wait` is a Retry-After in ms, `status` the HTTP status (none: network error). */
export type Outcome = { r: 'ok' | 'drop' } | { r: 'retry'; wait?: number; status?: number };

/** Queue `body` as a beacon; false when the browser refused it (quota, no API, blocked). */
export function beacon(url: string, body: string): boolean {
  try {
    return navigator.sendBeacon(url, body);
  } catch {
    return false;
  }
}

/**
 * POST `body` (sent as text/plain, a CORS "simple" request: no preflight). A network error or a
 * blocked endpoint is a retry that does not count towards the attempt limit.
 */
export function post(url: string, body: string): Promise<Outcome> {
  let pending: Promise<Response>;
  try {
    pending = fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' });
  } catch {
    // The page replaced fetch with something that throws: the beacon still delivers.
    return Promise.resolve(beacon(url, body) ? { r: 'ok' } : { r: 'retry' });
  }
  return Promise.resolve(pending).then(
    (res): Outcome => {
      const r = classify(res.status);
      return r === 'retry'
        ? { r, wait: retryAfterMs(res.headers.get('Retry-After')), status: res.status }
        : { r };
    },
    (): Outcome => ({ r: 'retry' }),
  );
}
