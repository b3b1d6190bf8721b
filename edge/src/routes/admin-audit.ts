/**
 * `GET /v1/admin/audit?key=<site>&from=&to=&cursor=&limit=`: the site's audit log, newest first, in
 * pages (an admin key of the site or the operator; without `key`, the deployment-wide entries such as
 * model publishing, operator only). `cursor` in the answer fetches the next, older page.
 */
import { Hono } from 'hono';
import type { AuditPage } from '../../../contracts/api-keys.ts';
import { auditCursor, parseAuditQuery } from '../audit/query.ts';
import { readAudit } from '../audit/store.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

/** Routes under `/v1/admin/audit`. */
export const adminAudit = new Hono<AppEnv>().use(adminAuth()).get('/', async (c) => {
  const q = parseAuditQuery(c.req.query());
  // One more than asked: whether an older page exists without a second query.
  const rows = await readAudit(c.env.CATALOG, { ...q, limit: q.limit + 1 });
  const page: AuditPage = { entries: rows.slice(0, q.limit) };
  if (rows.length > q.limit) page.cursor = auditCursor(page.entries.at(-1)!.seq);
  c.header('Cache-Control', 'no-store');
  return c.json(page);
});
