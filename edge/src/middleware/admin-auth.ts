/**
 * Admin routes: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time (both sides are
 * hashed first, so neither content nor length leaks through timing). Otherwise 401. An accepted
 * request then counts against the `admin` limit of its key (429 over it), under the site the
 * request names with `?key=` when that is a configured site (its own limit settings), else ''.
 */
import type { MiddlewareHandler } from 'hono';
import { siteKeysOf } from '../config/site-keys.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { checkLimit } from '../limits/check.ts';
import { refuse } from './rate-limit.ts';
import { SITE_KEY_QUERY } from './site-key.ts';

const encoder = new TextEncoder();
const sha256 = (s: string) => crypto.subtle.digest('SHA-256', encoder.encode(s));

/** Whether `given` equals `expected`, in time independent of where they differ. */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** `named` if it is a configured site key, else '' (admin routes also work without SITE_KEYS). */
function configuredSite(raw: string | undefined, named: string | undefined): string {
  if (!raw || named === undefined) return '';
  try {
    return Object.hasOwn(siteKeysOf(raw), named) ? named : '';
  } catch {
    return ''; // an invalid SITE_KEYS is reported by the routes that need it
  }
}

/** A short, stable name of an admin key for rate-limit keys and logs (never the key itself). */
async function keyFingerprint(token: string): Promise<string> {
  const bytes = new Uint8Array(await sha256(token)).slice(0, 8);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Middleware: require the admin Bearer token; an unset ADMIN_TOKEN locks the routes. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const match = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '');
    const expected = c.env.ADMIN_TOKEN;
    if (!match || !expected || !(await tokensEqual(match[1], expected))) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', 'a valid admin Bearer token is required', 'Authorization');
    }
    const site = configuredSite(c.env.SITE_KEYS, c.req.query(SITE_KEY_QUERY));
    const refusal = await checkLimit(c.env, site, 'admin', await keyFingerprint(match[1]));
    if (refusal) refuse(c, site, refusal, 'Authorization');
    await next();
  };
}
