/**
 * `GET /v1/admin/log?from=&to=[&key=<site>]`: the event log of a time range as NDJSON (admin Bearer
 * token), streamed from R2 as it is read, without the lines of erased people and sessions. What `npm run retrain` downloads; on a real account the
 * bucket can also be read directly (README, "Retrain").
 */
import { Hono } from 'hono';
import { exportLog } from '../event-log/export-stream.ts';
import { parseLogRange } from '../event-log/log-range.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { SITE_KEY_QUERY } from '../middleware/site-key.ts';
import { erasedBy, tombstonesOf } from '../people/tombstones.ts';

/** Routes under `/v1/admin/log`. */
export const adminLog = new Hono<AppEnv>().use(adminAuth()).get('/', async (c) => {
  const range = parseLogRange(c.req.query('from'), c.req.query('to'));
  const site = c.req.query(SITE_KEY_QUERY) || undefined;
  // Read once, before the first line: an erasure answered before this request is applied to all of it.
  const erased = erasedBy(await tombstonesOf(c.env.CATALOG, site));
  return new Response(exportLog(c.env.EVENT_LOG, range, site, erased), {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});
