/**
 * `GET /v1/experiments/:name?key=<site>` (admin): impressions, clicks and CTR per variant, counted
 * online from the event stream by the site's signals Durable Object.
 */
import { Hono } from 'hono';
import { experimentsFor, SITES } from '../config/sites.ts';
import { experimentReport } from '../experiments/stats.ts';
import { requireAdmin } from '../http/admin-auth.ts';
import { apiError } from '../http/api-error.ts';

/** Routes under `/v1/experiments`. */
export const experimentsRoute = new Hono<{ Bindings: Env }>().use(requireAdmin()).get('/:name', async (c) => {
  const name = c.req.param('name');
  const site = c.req.query('key');
  if (!site)
    throw apiError(400, { code: 'invalid_query', message: 'key (the site key) is required', path: 'key' });
  const experiment = experimentsFor(SITES, site)[name];
  if (!experiment) {
    const known = Object.keys(experimentsFor(SITES, site));
    throw apiError(404, {
      code: 'unknown_experiment',
      message: `no experiment ${name} for site ${site} (configured: ${known.join(', ') || 'none'})`,
      path: 'name',
    });
  }
  const counts = await c.env.SIGNALS.getByName(site).experimentCounts(name);
  const order = experiment.variants.map((x) => x.name);
  return c.json({ ...experimentReport(name, order, counts), placement: experiment.placement });
});
