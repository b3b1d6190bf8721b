/**
 * Record an audited request after it is answered, through `waitUntil`: the answer never waits for
 * the audit write, so a slow or failing audit cannot fail or slow a write. The trade-off: an entry
 * is written at most once and may be lost (D1 unavailable, the isolate killed first); a lost entry
 * is logged as an error line with every field, so Workers Logs still hold it.
 */
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/app-env.ts';
import { errorFields, log } from '../log.ts';
import { CLIENT_IP_HEADER, waitUntilOf } from '../middleware/rate-limit.ts';
import { SITE_KEY_QUERY } from '../middleware/site-key.ts';
import { type AuditRecord, insertAudit } from './store.ts';

const clip = (s: string | undefined, max: number) =>
  s === undefined || s === '' ? undefined : s.slice(0, max);

/** The entry of request `c` by `actor`, answered with `status`. */
export function auditRecordOf(
  c: Context<AppEnv>,
  actor: string,
  status: number,
  now = Date.now(),
): AuditRecord {
  const url = new URL(c.req.url);
  return {
    at: now,
    site: clip(c.req.query(SITE_KEY_QUERY), 64) ?? '',
    actor,
    method: c.req.method,
    // The pattern of the route that answered (the last one matched), e.g. /v1/catalog/items/:id.
    route: routePath(c, -1) || c.req.path,
    target: (url.pathname + url.search).slice(0, 512),
    status,
    ip: clip(c.req.header(CLIENT_IP_HEADER), 64),
    userAgent: clip(c.req.header('User-Agent'), 256),
    requestId: c.get('requestId'),
  };
}

/** Write the entry of `c` in the background of the request. */
export function recordAudit(c: Context<AppEnv>, actor: string, status: number): void {
  const entry = auditRecordOf(c, actor, status);
  waitUntilOf(c)(
    insertAudit(c.env.CATALOG, entry).catch((err) =>
      log('error', 'audit entry not written', { audit: entry, ...errorFields(err) }),
    ),
  );
}
