/**
 * `POST /v1/sessions/:id/forget?key=`: the SDK erases its own session when the visitor withdraws
 * consent, without the admin token: the session, its lines in the event log and, when the session
 * was identified (`rec.identify`, personalization consent), the whole person as `DELETE /v1/users/:id`
 * does. Authorised like event ingestion (site key, allowed Origin)
 * plus the session id itself, a 128-bit random value only that browser knows. Answers 204 whether
 * or not anything was stored, so it reveals nothing about other sessions.
 *
 * Mounted before the admin session routes: their `/sessions/*` admin check must not run here.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { SessionIdSchema } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { eventCors } from '../middleware/event-cors.ts';
import { ipLimit } from '../middleware/rate-limit.ts';
import { siteKey } from '../middleware/site-key.ts';
import { erasePerson } from '../people/erase-person.ts';
import { sessionStub } from '../session/session-name.ts';

/** The SDK's erasure route, mounted under /v1. */
export const forgetRoutes = new Hono<AppEnv>()
  // An erasure may rewrite R2 objects: it counts against the client address's budget of new
  // sessions, so a script cannot turn the public key into a flood of rewrites.
  .use('/sessions/:id/forget', eventCors(), siteKey(), ipLimit('sessionsPerIp'))
  .post('/sessions/:id/forget', async (c) => {
    const parsed = v.safeParse(SessionIdSchema, c.req.param('id'), { abortPipeEarly: true });
    if (!parsed.success) throw new ApiError(400, 'invalid_session_id', parsed.issues[0].message, 'id');
    const site = c.get('siteKey');
    const identity = await sessionStub(c.env, site, parsed.output).identity();
    // The whole person when the session is identified (their other sessions, profile and log lines
    // included), else the session and its log lines.
    if (identity)
      await erasePerson(c.env, site, identity.userId, [{ sessionId: parsed.output, hours: identity.hours }]);
    return c.body(null, 204);
  });
