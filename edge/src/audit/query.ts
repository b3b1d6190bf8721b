/**
 * The query of `GET /v1/admin/audit`: `key` (the site; absent = deployment-wide entries, operator
 * only), optional `from` / `to` (Unix ms or ISO 8601, half-open), `cursor` (from the previous page)
 * and `limit`. Errors name the parameter.
 */
import { NAME_PATTERN } from '../../../contracts/recommend-request.ts';
import { instant } from '../event-log/log-range.ts';
import { ApiError } from '../http/api-error.ts';
import type { AuditQuery } from './store.ts';

/** Entries a page holds by default, and at most. */
export const DEFAULT_AUDIT_PAGE = 100;
export const MAX_AUDIT_PAGE = 500;

const bad = (param: string, message: string) => new ApiError(400, 'invalid_query', message, param);

/** The cursor that continues after `seq` (opaque to callers; today the seq itself). */
export const auditCursor = (seq: number) => String(seq);

/** Parse the audit route's query parameters. */
export function parseAuditQuery(q: Record<string, string | undefined>): AuditQuery {
  const site = q.key ?? '';
  if (site !== '' && !NAME_PATTERN.test(site))
    throw bad('key', 'key must be a site key (1-64 of A-Z a-z 0-9 _ -)');
  const from = q.from ? instant(q.from, 'from') : 0;
  const to = q.to ? instant(q.to, 'to') : Number.MAX_SAFE_INTEGER;
  if (to <= from) throw new ApiError(400, 'invalid_range', 'to must be after from', 'to');
  let beforeSeq = Number.MAX_SAFE_INTEGER;
  if (q.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(q.cursor)) throw bad('cursor', 'cursor must be the cursor of a previous page');
    beforeSeq = Number(q.cursor);
  }
  let limit = DEFAULT_AUDIT_PAGE;
  if (q.limit !== undefined) {
    limit = Number(q.limit);
    if (!/^\d{1,4}$/.test(q.limit) || limit < 1 || limit > MAX_AUDIT_PAGE)
      throw bad('limit', `limit must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
  }
  return { site, from, to, beforeSeq, limit };
}
