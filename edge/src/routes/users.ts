/**
 * A person's rights (admin Bearer token, the site named `?key=<site key>` like every route):
 * `GET /v1/users/:id/export?key=` returns everything held about user `id` of that site as JSON
 * (404 when no profile exists), `DELETE /v1/users/:id?key=` erases their profile, every session
 * linked to it and their event-log lines (people/erase-person.ts). Only that site's person is reached.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { UserIdSchema } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { siteKey } from '../middleware/site-key.ts';
import { erasePerson } from '../people/erase-person.ts';
import { exportPerson } from '../people/export-person.ts';

function userIdParam(raw: string): string {
  const result = v.safeParse(UserIdSchema, raw, { abortPipeEarly: true });
  if (!result.success) throw new ApiError(400, 'invalid_user_id', result.issues[0].message, 'id');
  return result.output;
}

/** The person routes, mounted under /v1. */
export const userRoutes = new Hono<AppEnv>()
  // The token first: without it nothing, not even whether a site key exists, is revealed.
  .use('/users/*', adminAuth(), siteKey())
  .get('/users/:id/export', async (c) => {
    const userId = userIdParam(c.req.param('id'));
    const data = await exportPerson(c.env, c.get('siteKey'), userId);
    if (!data) throw new ApiError(404, 'user_not_found', `no profile of user ${userId}`, 'id');
    c.header('Cache-Control', 'no-store');
    return c.json(data);
  })
  .delete('/users/:id', async (c) => {
    const userId = userIdParam(c.req.param('id'));
    const result = await erasePerson(c.env, c.get('siteKey'), userId);
    return c.json({ userId, ...result });
  });
