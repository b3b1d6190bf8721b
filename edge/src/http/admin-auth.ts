/** Admin routes: `Authorization: Bearer <ADMIN_TOKEN>`; no token configured means the admin API is off. */
import { createMiddleware } from 'hono/factory';
import { apiError } from './api-error.ts';

/** The admin token is a secret (`.dev.vars` / `wrangler secret put`), so `wrangler types` does not see it. */
interface AdminEnv {
  ADMIN_TOKEN?: string;
}

// Compare without an early exit so the time taken does not reveal how much of the token matched.
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Middleware admitting only requests bearing the admin token. */
export const requireAdmin = () =>
  createMiddleware<{ Bindings: Env }>(async function requireAdmin(c, next) {
    const expected = (c.env as Env & AdminEnv).ADMIN_TOKEN;
    if (!expected) {
      throw apiError(503, {
        code: 'admin_disabled',
        message: 'admin API is off: set the ADMIN_TOKEN secret',
      });
    }
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token || !sameSecret(token, expected)) {
      throw apiError(401, {
        code: 'unauthorized',
        message: 'admin routes need Authorization: Bearer <ADMIN_TOKEN>',
      });
    }
    await next();
  });
