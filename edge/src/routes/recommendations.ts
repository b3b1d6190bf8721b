/**
 * `GET /v1/recommendations?key=&session=&placement=&k=` (+ `item=`, `exclude=`, `category=`): the
 * session's Durable Object answers; `Server-Timing` tells where the time went. `GET
 * /v1/recommendations/ws?key=&session=` opens the page's push socket, which carries each widget's
 * subscription as a message (contracts/push-socket.ts); with a placement (and the same parameters
 * as a request) the socket starts with that one subscription.
 */
import { Hono } from 'hono';
import { ID_PATTERN } from '../../../contracts/limits.ts';
import { sitesFor } from '../config/runtime-config.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { eventCors } from '../middleware/event-cors.ts';
import { ipLimit, rateLimit } from '../middleware/rate-limit.ts';
import { siteKey } from '../middleware/site-key.ts';
import { countRequests } from '../report/count-requests.ts';
import { SUBSCRIPTION_HEADER, type Subscription } from '../serving/live.ts';
import { parseSocketParams } from '../serving/params.ts';
import { resolveRequest } from '../serving/resolve-request.ts';
import { serverTiming } from '../serving/timing.ts';
import { sessionStub } from '../session/session-name.ts';

/** The 503 message while no model has been published. */
export const NO_MODEL_MESSAGE =
  'no model is loaded yet: train one with `npm run model -- train --data <file> --out <dir>` and publish it with `npm run publish-model -- --model <dir>`';

/** Per address, then per session (a subscription counts as a request); a bad id is left to the 400. */
const limits = () => [
  ipLimit('recommendationsPerIp'),
  rateLimit({
    name: 'recommendationsPerSession',
    subject: (c) => {
      const session = c.req.query('session');
      return session && session.length <= 64 && ID_PATTERN.test(session) ? session : undefined;
    },
    path: 'session',
  }),
];

/** A push socket's site and session; a 400 naming the parameter at fault. */
function socketParams(query: Record<string, string>): Subscription {
  const parsed = parseSocketParams(query);
  if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.message, parsed.path);
  return parsed.params;
}

/** The recommendation routes, mounted under /v1. */
export const recommendationRoutes = new Hono<AppEnv>()
  .use(
    '/recommendations',
    countRequests('recommendations'),
    eventCors({ methods: ['GET'] }),
    siteKey(),
    ...limits(),
  )
  .use('/recommendations/ws', countRequests('push'), siteKey(), ...limits())
  .get('/recommendations', async (c) => {
    const started = Date.now();
    const { params, placement, k } = resolveRequest(c.req.query(), await sitesFor(c.env, c.get('siteKey')));
    const session = sessionStub(c.env, params.key, params.session);
    const { outcome, timings } = await session.recommend({ site: params.key, params, placement, k });
    if (!outcome.ok) {
      c.header('Retry-After', '30');
      throw new ApiError(503, 'no_model', NO_MODEL_MESSAGE);
    }
    c.header('Server-Timing', serverTiming({ ...timings, total: Date.now() - started }));
    c.header('Cache-Control', 'no-store');
    return c.json(outcome.response);
  })
  .get('/recommendations/ws', async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'upgrade_required', 'this endpoint expects a WebSocket upgrade', 'Upgrade');
    }
    const query = c.req.query();
    const subscription: Subscription =
      query.placement === undefined
        ? socketParams(query)
        : { ...resolveRequest(query, await sitesFor(c.env, c.get('siteKey'))).params };
    const headers = new Headers(c.req.raw.headers);
    headers.set(SUBSCRIPTION_HEADER, JSON.stringify(subscription));
    return sessionStub(c.env, subscription.key, subscription.session).fetch(
      new Request(c.req.raw, { headers }),
    );
  });
