/**
 * A site's runtime configuration, `/v1/admin/config?key=<site>` (an admin key of the site or the
 * operator): its placements, rules and experiments overriding sites.json's `default`. `GET` the
 * version in force (0: sites.json's entry, the seed), `PUT` a new one (validated; `If-Match: "<n>"`
 * refuses it with 412 if version n is no longer the latest), list and read past versions (to roll
 * back, PUT an old one again). In force on every isolate within `TTL_MS` (`config/runtime-config.ts`).
 */
import { Hono } from 'hono';
import { actorOf } from '../auth/principal.ts';
import { parseSiteOverrides, writeNextVersion } from '../config/config-input.ts';
import { listConfigVersions, readConfig, writeConfig } from '../config/config-store.ts';
import { configWritten } from '../config/runtime-config.ts';
import { own, SITES } from '../config/sites.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { siteKey } from '../middleware/site-key.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The latest stored version of `site`, or the seed. */
async function current(db: D1Database, site: string) {
  const stored = await readConfig(db, site);
  if (!stored) return { site, version: 0, source: 'sites.json', config: own(SITES.sites, site) ?? {} };
  const { version, config, createdAt, createdBy } = stored;
  return { site, version, source: 'database', config, createdAt: iso(createdAt), createdBy };
}

/** Routes under `/v1/admin/config`. */
export const adminConfig = new Hono<AppEnv>()
  .use(adminAuth(), siteKey())
  .get('/', async (c) => c.json(await current(c.env.CATALOG, c.get('siteKey'))))
  .put('/', bodyLimit(), async (c) => {
    const site = c.get('siteKey');
    const config = parseSiteOverrides(site, parseJsonBody(c.get('body'), c.req.header('Content-Type')));
    const latest = (await current(c.env.CATALOG, site)).version;
    const by = actorOf(c.get('principal'));
    const version = await writeNextVersion(c.req.header('If-Match'), latest, (expected) =>
      writeConfig(c.env.CATALOG, site, expected, config, by, Date.now()),
    );
    configWritten(site, version, config);
    return c.json(await current(c.env.CATALOG, site));
  })
  .get('/versions', async (c) => {
    const versions = await listConfigVersions(c.env.CATALOG, c.get('siteKey'));
    return c.json({ versions: versions.map((x) => ({ ...x, createdAt: iso(x.createdAt) })) });
  })
  .get('/versions/:version', async (c) => {
    const raw = c.req.param('version');
    if (!/^\d{1,9}$/.test(raw))
      throw new ApiError(400, 'invalid_version', 'version must be an integer', 'version');
    const site = c.get('siteKey');
    const stored = await readConfig(c.env.CATALOG, site, Number(raw));
    if (!stored)
      throw new ApiError(404, 'version_not_found', `site ${site} has no config version ${raw}`, 'version');
    return c.json({ site, ...stored, createdAt: iso(stored.createdAt) });
  });
