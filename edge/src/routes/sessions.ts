/**
 * Admin session routes (Bearer ADMIN_TOKEN, and the site named like every other route, `?key=<site
 * key>`): `GET /v1/sessions/:id?key=` returns the stored state, `DELETE /v1/sessions/:id?key=`
 * erases it (GDPR). The only routes that reveal session data; they reach only that site's session.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { SessionIdSchema } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { siteKey } from '../middleware/site-key.ts';
import { sessionStub } from '../session/session-name.ts';

function sessionIdParam(raw: string): string {
  const result = v.safeParse(SessionIdSchema, raw, { abortPipeEarly: true });
  if (!result.success) throw new ApiError(400, 'invalid_session_id', result.issues[0].message, 'id');
  return result.output;
}

/** The admin session routes, mounted under /v1. */
export const sessionRoutes = new Hono<AppEnv>()
  // The token first: without it nothing, not even whether a site key exists, is revealed.
  .use('/sessions/*', adminAuth(), siteKey())
  .get('/sessions/:id', async (c) => {
    const id = sessionIdParam(c.req.param('id'));
    const snapshot = await sessionStub(c.env, c.get('siteKey'), id).snapshot();
    if (!snapshot) throw new ApiError(404, 'session_not_found', `no stored session ${id}`, 'id');
    return c.json(snapshot);
  })
  .delete('/sessions/:id', async (c) => {
    const id = sessionIdParam(c.req.param('id'));
    const result = await sessionStub(c.env, c.get('siteKey'), id).erase();
    return c.json({ sessionId: id, ...result });
  });
