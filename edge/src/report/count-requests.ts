/**
 * Middleware feeding the report's traffic counters from the request path: mounted first on a
 * route, it sees the final status (errors included: hono has rendered them by then) and the site
 * the site-key middleware resolved; requests without a known site are not counted.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { waitUntilOf } from '../middleware/rate-limit.ts';
import { latencyBucket } from './latency-histogram.ts';
import { countTraffic } from './traffic-counters.ts';

/** What a route counts: event batches, recommendation answers (+ their time) or push subscriptions. */
export type CountedRoute = 'events' | 'recommendations' | 'push';

/** Count the requests of a `route` in the report's traffic. */
export function countRequests(route: CountedRoute): MiddlewareHandler<AppEnv> {
  return async function countRequests(c, next) {
    const started = performance.now();
    await next();
    const site = c.get('siteKey');
    if (!site || c.req.method === 'OPTIONS') return;
    const count = (metric: Parameters<typeof countTraffic>[3], n = 1) =>
      countTraffic(c.env.CATALOG, waitUntilOf(c), site, metric, n);
    const status = c.res.status;
    if (route === 'events') {
      if (status === 202) {
        // Set by the events route (no second read of the answer); unset counts as an empty batch.
        count('events_accepted', c.get('eventsReceived') ?? 0);
        count('event_batches_accepted');
      } else {
        const code =
          c.error instanceof ApiError ? c.error.code : status >= 500 ? 'internal_error' : `http_${status}`;
        count(`events_rejected:${code}`);
      }
    } else if (route === 'recommendations') {
      count('recommendations');
      if (status === 200) count(`latency:${latencyBucket(performance.now() - started)}`);
    } else if (status === 101) {
      count('push_subscriptions');
    }
  };
}
