/**
 * Admin session routes (Bearer ADMIN_TOKEN): `GET /v1/sessions/:id` returns the stored state,
 * `DELETE /v1/sessions/:id` erases it (GDPR). The only routes that reveal session data.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { SessionIdSchema } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

function sessionIdParam(raw: string): string {
  const result = v.safeParse(SessionIdSchema, raw, { abortPipeEarly: true });
  if (!result.success) throw new ApiError(400, 'invalid_session_id', result.issues[0].message, 'id');
  return result.output;
}

/** The admin session routes, mounted under /v1. */
export const sessionRoutes = new Hono<AppEnv>()
  .use('/sessions/*', adminAuth())
  .get('/sessions/:id', async (c) => {
    const id = sessionIdParam(c.req.param('id'));
    const snapshot = await c.env.SESSIONS.getByName(id).snapshot();
    if (!snapshot) throw new ApiError(404, 'session_not_found', `no stored session ${id}`, 'id');
    return c.json(snapshot);
  })
  .delete('/sessions/:id', async (c) => {
    const id = sessionIdParam(c.req.param('id'));
    const result = await c.env.SESSIONS.getByName(id).erase();
    return c.json({ sessionId: id, ...result });
  });
