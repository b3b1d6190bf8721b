/**
 * `GET /v1/experiments/:name?key=<site>` (admin): impressions, clicks and CTR per variant, counted
 * online from the event stream by the site's signal shards (summed over them).
 */
import { Hono } from 'hono';
import { sitesFor } from '../config/runtime-config.ts';
import { experimentsFor, own } from '../config/sites.ts';
import { experimentCounts } from '../experiments/counts.ts';
import { experimentReport } from '../experiments/stats.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

/** Routes under `/v1/experiments`. */
export const experimentsRoute = new Hono<AppEnv>().use(adminAuth()).get('/:name', async (c) => {
  const name = c.req.param('name');
  const site = c.req.query('key');
  if (!site) throw new ApiError(400, 'invalid_query', 'key (the site key) is required', 'key');
  const config = await sitesFor(c.env, site);
  const experiment = own(experimentsFor(config, site), name);
  if (!experiment) {
    const known = Object.keys(experimentsFor(config, site));
    const configured = known.join(', ') || 'none';
    throw new ApiError(
      404,
      'unknown_experiment',
      `no experiment ${name} for site ${site} (configured: ${configured})`,
      'name',
    );
  }
  const counts = await experimentCounts(c.env, site, name);
  const order = experiment.variants.map((x) => x.name);
  return c.json({ ...experimentReport(name, order, counts), placement: experiment.placement });
});
