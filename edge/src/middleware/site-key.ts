/**
 * Site-key check for event ingestion: the key comes from the `key` query parameter (sendBeacon
 * cannot set headers) or the `X-Rec-Key` header. Unknown key → 401; a browser `Origin` the key
 * does not allow → 403. Requests without `Origin` (server to server, curl) pass.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { originsOf } from '../config/site-keys.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { waitUntilOf } from './rate-limit.ts';

/** Header that carries the site key when the query parameter is not used. */
export const SITE_KEY_HEADER = 'X-Rec-Key';
/** Query parameter that carries the site key. */
export const SITE_KEY_QUERY = 'key';

/** The site key a request names, if any. */
export function requestedSiteKey(c: Context<AppEnv>): string | undefined {
  return c.req.query(SITE_KEY_QUERY) ?? c.req.header(SITE_KEY_HEADER);
}

/** Middleware: reject unknown keys and disallowed origins; sets `siteKey`. */
export function siteKey(): MiddlewareHandler<AppEnv> {
  return async function siteKey(c, next) {
    const key = requestedSiteKey(c);
    if (!key) {
      throw new ApiError(
        401,
        'missing_site_key',
        `a site key is required (?${SITE_KEY_QUERY}= or ${SITE_KEY_HEADER})`,
        SITE_KEY_QUERY,
      );
    }
    const origins = originsOf(await siteKeysFor(c.env, waitUntilOf(c)), key);
    if (!origins) throw new ApiError(401, 'unknown_site_key', 'unknown site key', SITE_KEY_QUERY);
    const origin = c.req.header('Origin');
    if (origin !== undefined && !origins.includes(origin)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        `origin ${origin} is not allowed for this site key`,
        'Origin',
      );
    }
    c.set('siteKey', key);
    await next();
  };
}
