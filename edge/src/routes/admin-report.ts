/**
 * `GET /v1/admin/report?key=<site>&from=<ms>&to=<ms>` (admin Bearer token): the shop owner's report
 * (`contracts/report.ts`) over whole UTC hours of event time, read from D1 in one batch.
 */
import { Hono } from 'hono';
import { REPORT_BUCKET_MS } from '../../../contracts/report.ts';
import { sitesFor } from '../config/runtime-config.ts';
import { experimentsFor } from '../config/sites.ts';
import { parseLogRange } from '../event-log/log-range.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { SITE_KEY_QUERY } from '../middleware/site-key.ts';
import { activeAlerts } from '../report/alert-runner.ts';
import { buildReport } from '../report/build-report.ts';
import { readReportRows } from '../report/report-rows.ts';

const SITE_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Routes under `/v1/admin/report`. */
export const adminReport = new Hono<AppEnv>().use(adminAuth()).get('/', async (c) => {
  const site = c.req.query(SITE_KEY_QUERY);
  if (!site) throw new ApiError(400, 'invalid_query', 'key (the site key) is required', SITE_KEY_QUERY);
  if (!SITE_RE.test(site)) {
    throw new ApiError(400, 'invalid_query', 'key must be 1-64 of A-Z a-z 0-9 _ -', SITE_KEY_QUERY);
  }
  // Same rules as the log export: Unix ms (or ISO 8601), from < to, at most 31 days.
  const range = parseLogRange(c.req.query('from'), c.req.query('to'));
  const from = Math.floor(range.from / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;
  const to = Math.ceil(range.to / REPORT_BUCKET_MS) * REPORT_BUCKET_MS;
  const [rows, alerts] = await Promise.all([
    readReportRows(c.env.CATALOG, site, from, to, experimentsFor(await sitesFor(c.env, site), site)),
    activeAlerts(c.env.CATALOG, site),
  ]);
  c.header('Cache-Control', 'no-store');
  return c.json(buildReport(site, from, to, rows, Date.now(), alerts));
});
