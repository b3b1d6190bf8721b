/**
 * Admin and catalogue routes: `Authorization: Bearer <credential>`, the operator's ADMIN_TOKEN or a
 * site's secret key (`auth/principal.ts`), compared in constant time. No credential, or one that
 * proves nothing → 401. A known credential then counts against the `admin` limit (429 over it),
 * under the site the request names with `?key=` when that is a configured site (its own limit
 * settings), else ''. A credential without the role the route needs, or a site's key on another
 * site's data (`?key=`) → 403 naming what is needed (`auth/access.ts`).
 *
 * Every write (not GET/HEAD/OPTIONS) by the operator or a secret key is recorded in the audit log
 * with its outcome, 403s included (`audit/record.ts`); 401s, 429s and the public key's refusals are
 * not, so a flood cannot turn into D1 writes.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../../contracts/api-keys.ts';
import { recordAudit } from '../audit/record.ts';
import { refusal } from '../auth/access.ts';
import { tokensEqual } from '../auth/key-token.ts';
import { actorOf, type Principal, principalOf } from '../auth/principal.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { checkLimit } from '../limits/check.ts';
import { refuse, waitUntilOf } from './rate-limit.ts';
import { SITE_KEY_QUERY } from './site-key.ts';

export { tokensEqual };

const encoder = new TextEncoder();
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `named` if it is a configured site key, else '' (admin routes also work without any site). */
async function configuredSite(c: Context<AppEnv>, named: string | undefined): Promise<string> {
  if (named === undefined) return '';
  try {
    return Object.hasOwn(await siteKeysFor(c.env, waitUntilOf(c)), named) ? named : '';
  } catch {
    return ''; // an invalid SITE_KEYS is reported by the routes that need it
  }
}

/** A short, stable name of a credential for rate-limit keys (never the credential itself). */
async function keyFingerprint(token: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))).slice(0, 8);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The principal of the request's Bearer credential; 401 when there is none. */
export async function authenticate(c: Context<AppEnv>): Promise<{ principal: Principal; token: string }> {
  const match = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '');
  const principal = match ? await principalOf(c.env, match[1]!) : null;
  if (!match || !principal) {
    c.header('WWW-Authenticate', 'Bearer');
    throw new ApiError(
      401,
      'unauthorized',
      'a valid Bearer credential is required (the operator token or a secret key of the site)',
      'Authorization',
    );
  }
  return { principal, token: match[1]! };
}

/** Whether a request changes something (what the audit log records by default). */
export const isWrite = (c: Context<AppEnv>) => !READS.has(c.req.method);

/**
 * Middleware: require a credential holding `role` (default admin) for the site the request names;
 * record the requests `audited` picks (default: writes).
 */
export function adminAuth({
  role = 'admin',
  audited: picks = isWrite,
}: {
  role?: Role;
  audited?: (c: Context<AppEnv>) => boolean;
} = {}): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const audited = picks(c);
    const { principal, token } = await authenticate(c);
    const named = c.req.query(SITE_KEY_QUERY);
    // Limited before the role check: refusals are audited, and their number must stay bounded.
    const site = await configuredSite(c, named);
    const limited = await checkLimit(c.env, site, 'admin', await keyFingerprint(token));
    if (limited) refuse(c, site, limited, 'Authorization');
    const refused = refusal(principal, role, named);
    if (refused) {
      // The public key is in every page: its refusals are no secret's misuse, and not recorded.
      if (audited && principal.kind !== 'public') recordAudit(c, actorOf(principal), 403);
      throw new ApiError(403, refused.code, refused.message, refused.path);
    }
    c.set('principal', principal);
    await next();
    if (audited) recordAudit(c, actorOf(principal), c.res.status);
  };
}
