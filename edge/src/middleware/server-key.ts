/**
 * An optional credential on a public route (after `siteKey()`): a request carrying `Authorization`
 * comes from the site's own server and must prove it with a server key of that site (or an admin
 * key, or the operator token) — 401 / 403 as on the admin routes otherwise. Sets `principal`; a
 * request without the header is a browser's and passes as before.
 */
import type { MiddlewareHandler } from 'hono';
import { refusal } from '../auth/access.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { authenticate } from './admin-auth.ts';

/** Middleware: verify a server credential when one is sent. */
export function serverKey(): MiddlewareHandler<AppEnv> {
  return async function serverKey(c, next) {
    if (c.req.header('Authorization') !== undefined) {
      const { principal } = await authenticate(c);
      const refused = refusal(principal, 'server', c.get('siteKey'));
      if (refused) throw new ApiError(403, refused.code, refused.message, refused.path);
      c.set('principal', principal);
    }
    await next();
  };
}
