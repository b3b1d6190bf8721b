/**
 * Admin routes: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time (both sides are
 * hashed first, so neither content nor length leaks through timing). Otherwise 401.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';

const encoder = new TextEncoder();
const sha256 = (s: string) => crypto.subtle.digest('SHA-256', encoder.encode(s));

/** Whether `given` equals `expected`, in time independent of where they differ. */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
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
    await next();
  };
}
