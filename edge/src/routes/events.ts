/**
 * `POST /v1/events`: a validated batch goes whole to its session's Durable Object, or nothing
 * does — one bad event rejects the batch. Answers 202 `{ accepted, duplicates }`.
 */
import { Hono } from 'hono';
import { parseEventBatch } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { eventCors } from '../middleware/event-cors.ts';
import { siteKey } from '../middleware/site-key.ts';
import { sessionStub } from '../session/session-name.ts';
import type { IngestResult } from '../session/types.ts';

/** The event-ingestion routes, mounted under /v1. */
export const eventRoutes = new Hono<AppEnv>()
  .use('/events', eventCors(), siteKey(), bodyLimit())
  .post('/events', async (c) => {
    const json = parseJsonBody(c.get('body'), c.req.header('Content-Type'));
    const parsed = parseEventBatch(json);
    if (!parsed.ok) throw new ApiError(400, parsed.error.code, parsed.error.message, parsed.error.path);
    const site = c.get('siteKey');
    const session = sessionStub(c.env, site, parsed.batch.sessionId);
    const result: IngestResult = await session.ingest(parsed.batch, site);
    return c.json(result, 202);
  });
