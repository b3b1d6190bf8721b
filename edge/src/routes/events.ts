/**
 * `POST /v1/events`: a validated batch goes whole to its session's Durable Object, or nothing
 * does — one bad event rejects the batch. Answers 202 `{ accepted, duplicates }`. Limited per client
 * address, per session and, for a session's first batch, in new sessions per address (429). Events
 * stamped more than 5 minutes ahead are refused (400 naming `events.N.ts`); a bot's events are
 * stored and answered but kept out of trending and the log (`limits/bots.ts`). A shop's server may
 * send with its server key (`Authorization: Bearer sk_...`): then no per-address limit applies and
 * its HTTP library's user agent does not mark the events as a bot's.
 */
import { Hono } from 'hono';
import { parseEventBatch } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { isBotUserAgent } from '../limits/bots.ts';
import { checkLimit } from '../limits/check.ts';
import { countAbuse } from '../limits/counters.ts';
import { firstFutureEvent, MAX_FUTURE_MS } from '../limits/future-ts.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { eventCors } from '../middleware/event-cors.ts';
import { CLIENT_IP_HEADER, ipLimit, refuse, waitUntilOf } from '../middleware/rate-limit.ts';
import { serverKey } from '../middleware/server-key.ts';
import { siteKey } from '../middleware/site-key.ts';
import { countRequests } from '../report/count-requests.ts';
import { sessionStub } from '../session/session-name.ts';

/** The event-ingestion routes, mounted under /v1. */
export const eventRoutes = new Hono<AppEnv>()
  .use(
    '/events',
    countRequests('events'),
    eventCors(),
    siteKey(),
    serverKey(),
    ipLimit('eventsPerIp'),
    bodyLimit(),
  )
  .post('/events', async (c) => {
    const json = parseJsonBody(c.get('body'), c.req.header('Content-Type'));
    const parsed = parseEventBatch(json);
    if (!parsed.ok) throw new ApiError(400, parsed.error.code, parsed.error.message, parsed.error.path);
    const site = c.get('siteKey');
    const { sessionId } = parsed.batch;
    const future = firstFutureEvent(parsed.batch.events, Date.now());
    if (future >= 0) {
      countAbuse(c.env.CATALOG, waitUntilOf(c), site, 'future_ts', { sessionId });
      const message = `ts must not be more than ${MAX_FUTURE_MS / 60_000} minutes in the future`;
      throw new ApiError(400, 'invalid_body', message, `events.${future}.ts`);
    }
    const perSession = await checkLimit(c.env, site, 'eventsPerSession', sessionId);
    if (perSession) refuse(c, site, perSession, 'sessionId');
    const fromServer = c.get('principal') !== undefined;
    const ip = fromServer ? undefined : c.req.header(CLIENT_IP_HEADER) || undefined;
    const botUserAgent = !fromServer && isBotUserAgent(c.req.header('User-Agent'));
    const session = sessionStub(c.env, site, sessionId);
    const outcome = await session.ingest(parsed.batch, site, { ip, botUserAgent });
    if ('refused' in outcome) refuse(c, site, outcome.refused, CLIENT_IP_HEADER);
    c.set('eventsReceived', outcome.accepted + outcome.duplicates);
    return c.json(outcome, 202);
  });
