/**
 * Abuse limits as middleware: count the request against a limit (`limits/limits.ts`) under the key
 * `subject` picks from the request; over the limit → 429 `rate_limited` with `Retry-After` (the SDK
 * backs off on it), logged and counted (`limits/counters.ts`). A request without a subject (no
 * `CF-Connecting-IP` off Cloudflare, e.g. `app.request()` in tests) is not counted.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { checkLimit, type LimitRefusal } from '../limits/check.ts';
import { countAbuse } from '../limits/counters.ts';
import { LIMITS, type LimitName } from '../limits/limits.ts';

/** The client address Cloudflare puts on every request. */
export const CLIENT_IP_HEADER = 'CF-Connecting-IP';

/** The `waitUntil` of a request, or a no-op without an execution context (`app.request()`). */
export function waitUntilOf(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // No execution context: the promise runs on by itself.
    }
  };
}

/** Answer a refusal: count it, then throw the 429. `path` names what was counted. */
export function refuse(c: Context<AppEnv>, site: string, refusal: LimitRefusal, path: string): never {
  const { limit, retryAfter } = refusal;
  countAbuse(c.env.CATALOG, waitUntilOf(c), site, `rate_limited:${limit}`, {
    limit,
    path: c.req.path,
    requestId: c.get('requestId'),
  });
  c.header('Retry-After', String(retryAfter));
  throw new ApiError(
    429,
    'rate_limited',
    `too many requests per ${LIMITS[limit].per} (${limit}); retry after ${retryAfter} s`,
    path,
  );
}

/** Middleware: limit `name`, counted per `subject(c)` of the site `site(c)` (default: the site key). */
export function rateLimit({
  name,
  subject,
  path,
  site = (c) => c.get('siteKey'),
}: {
  name: LimitName;
  subject: (c: Context<AppEnv>) => string | undefined | Promise<string | undefined>;
  /** The request part the 429 names (a header or parameter). */
  path: string;
  site?: (c: Context<AppEnv>) => string;
}): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const who = await subject(c);
    if (who !== undefined) {
      const refusal = await checkLimit(c.env, site(c), name, who);
      if (refusal) refuse(c, site(c), refusal, path);
    }
    await next();
  };
}

/**
 * Middleware: limit `name` per client address. Not for a site's own server proven by its secret key
 * (`server-key.ts`): one server address sends for every visitor.
 */
export function ipLimit(name: LimitName): MiddlewareHandler<AppEnv> {
  return rateLimit({
    name,
    subject: (c) => (c.get('principal') ? undefined : c.req.header(CLIENT_IP_HEADER) || undefined),
    path: CLIENT_IP_HEADER,
  });
}
