/**
 * Requests for the fuzz suite: straight into the Worker's hono app (`index.ts` exports `app.fetch`
 * as its `fetch`) with the test run's real bindings, so Durable Objects, R2 and the Queue are the
 * real ones in workerd; only the loopback hop is skipped (0.2 ms a request instead of 6 ms).
 */
import { env } from 'cloudflare:workers';
import { app } from '../../src/app.ts';
import { sessionStub } from '../../src/session/session-name.ts';

/** Send `init` to `path` (with query) on the Worker. */
export function send(path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request(`http://localhost${path}`, init, env));
}

/**
 * The session of site `key` as its Durable Object holds it (what the admin route answers), or null
 * when nothing is stored. Read from the object itself: the fuzz reads state twice a case, which
 * would run into the admin route's own rate limit.
 */
export async function readSession(
  sessionId: string,
  key = 'demo',
): Promise<{ events: StoredEventView[] } | null> {
  return (await sessionStub(env, key, sessionId).snapshot()) as { events: StoredEventView[] } | null;
}

/** The fields of a stored event the fuzz suite compares. */
export interface StoredEventView {
  id: string;
  type: string;
  ts: number;
  itemId?: string;
  props?: unknown;
}
