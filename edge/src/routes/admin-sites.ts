/**
 * Site keys at runtime, `/v1/admin/sites`: which public keys exist, the origins each allows and its
 * limit settings, versioned in D1 (`config/site-key-store.ts`) over the `SITE_KEYS` seed.
 * - `GET /` (operator): every site key in force. `GET /?key=<site>` (the site's admin or the
 *   operator): one, removed ones included. `GET /versions?key=` its stored versions.
 * - `PUT /?key=<site>`: a new version, `{ "origins": [...], "limits": {...} }`. Creating a site and
 *   changing limits are the operator's (limits protect the whole deployment); the site's admin may
 *   change its origins. `If-Match: "<n>"` refuses it with 412 once version n is not the latest.
 * - `DELETE /?key=<site>` (operator): the public key stops working; the site's data is kept and a PUT
 *   brings the key back.
 * In force at once in this isolate, within `SITE_KEYS_TTL_MS` plus one query in every other.
 */
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { SiteKeyState } from '../../../contracts/site-keys.ts';
import { refusal } from '../auth/access.ts';
import { actorOf, roleOf } from '../auth/principal.ts';
import { writeNextVersion } from '../config/config-input.ts';
import {
  listSiteKeyVersions,
  readLatestSiteKeys,
  readSiteKey,
  type SiteKeyVersion,
  writeSiteKey,
} from '../config/site-key-store.ts';
import { type SiteEntry, SiteEntrySchema, SiteNameSchema, seedSiteKeys } from '../config/site-keys.ts';
import { siteKeyWritten } from '../config/site-registry.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { SITE_KEY_QUERY } from '../middleware/site-key.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function stateOf(site: string, entry: SiteEntry | null, stored?: SiteKeyVersion): SiteKeyState {
  return {
    site,
    version: stored?.version ?? 0,
    source: stored ? 'database' : 'SITE_KEYS',
    removed: entry === null,
    origins: entry?.origins ?? [],
    ...(entry?.limits && { limits: entry.limits }),
    ...(stored && { createdAt: iso(stored.createdAt), createdBy: stored.createdBy }),
  };
}

/** The site's latest stored version, else its seed entry; null when it has neither. */
async function current(env: Env, site: string): Promise<SiteKeyState | null> {
  const stored = await readSiteKey(env.CATALOG, site);
  if (stored) return stateOf(site, stored.entry, stored);
  const seed = seedSiteKeys(env.SITE_KEYS);
  return Object.hasOwn(seed, site) ? stateOf(site, seed[site]) : null;
}

/** Every site key in force, by name: the seed overridden by D1's latest versions, in one query. */
async function inForce(env: Env): Promise<SiteKeyState[]> {
  const stored = new Map((await readLatestSiteKeys(env.CATALOG)).map((r) => [r.site, r]));
  const seed = seedSiteKeys(env.SITE_KEYS);
  return [...new Set([...Object.keys(seed), ...stored.keys()])]
    .sort()
    .map((site) => {
      const version = stored.get(site);
      return version ? stateOf(site, version.entry, version) : stateOf(site, seed[site]!);
    })
    .filter((state) => !state.removed);
}

/** The site `?key=` names, checked; 400 when absent or malformed. */
function namedSite(raw: string | undefined): string {
  if (raw === undefined)
    throw new ApiError(400, 'missing_site_key', `name the site with ?${SITE_KEY_QUERY}=`, SITE_KEY_QUERY);
  const parsed = v.safeParse(SiteNameSchema, raw);
  if (!parsed.success) throw new ApiError(400, 'invalid_site_key', parsed.issues[0].message, SITE_KEY_QUERY);
  return parsed.output;
}

const notFound = (site: string) =>
  new ApiError(404, 'site_not_found', `no site key ${site} is configured`, SITE_KEY_QUERY);

/** 403 unless the request holds the operator's role; `what` names the action when it is not the route. */
function requireOperator(c: Context<AppEnv>, what = 'this route'): void {
  const refused = refusal(c.get('principal'), 'operator', c.req.query(SITE_KEY_QUERY));
  if (refused)
    throw new ApiError(403, refused.code, refused.message.replace('this route', what), refused.path);
}

/** Limits in a stable form, to tell whether a write changes them. */
const limitsKey = (e: SiteEntry | SiteKeyState | null) =>
  JSON.stringify(Object.entries(e?.limits ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Store `entry` as the next version (checking If-Match), then hold it in this isolate. */
async function write(c: Context<AppEnv>, site: string, latest: number, entry: SiteEntry | null) {
  const by = actorOf(c.get('principal'));
  const version = await writeNextVersion(c.req.header('If-Match'), latest, (expected) =>
    writeSiteKey(c.env.CATALOG, site, expected, entry, by, Date.now()),
  );
  siteKeyWritten(site, version, entry);
  return c.json((await current(c.env, site))!);
}

function parseEntry(c: Context<AppEnv>): SiteEntry {
  const parsed = v.safeParse(SiteEntrySchema, parseJsonBody(c.get('body'), c.req.header('Content-Type')));
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new ApiError(400, 'invalid_body', issue.message, v.getDotPath(issue) ?? 'body');
  }
  return parsed.output;
}

/** Routes under `/v1/admin/sites`. */
const adminRole = adminAuth();
const operatorRole = adminAuth({ role: 'operator' });

export const adminSites = new Hono<AppEnv>()
  // Removing a key is the operator's alone; the other checks depend on what a request changes.
  .use((c, next) => (c.req.method === 'DELETE' ? operatorRole : adminRole)(c, next))
  .get('/', async (c) => {
    const named = c.req.query(SITE_KEY_QUERY);
    if (named === undefined) {
      requireOperator(c);
      return c.json({ sites: await inForce(c.env) });
    }
    const site = namedSite(named);
    const state = await current(c.env, site);
    if (!state) throw notFound(site);
    return c.json(state);
  })
  .get('/versions', async (c) => {
    const site = namedSite(c.req.query(SITE_KEY_QUERY));
    const versions = await listSiteKeyVersions(c.env.CATALOG, site);
    return c.json({ versions: versions.map((x) => stateOf(site, x.entry, x)) });
  })
  .put('/', bodyLimit(), async (c) => {
    const site = namedSite(c.req.query(SITE_KEY_QUERY));
    const entry = parseEntry(c);
    const now = await current(c.env, site);
    if (roleOf(c.get('principal')) !== 'operator') {
      if (!now || now.removed) requireOperator(c, 'creating a site key');
      if (limitsKey(entry) !== limitsKey(now)) requireOperator(c, "changing a site's limits");
    }
    return write(c, site, now?.version ?? 0, entry);
  })
  .delete('/', async (c) => {
    const site = namedSite(c.req.query(SITE_KEY_QUERY));
    const now = await current(c.env, site);
    if (!now || now.removed) throw notFound(site);
    return write(c, site, now.version, null);
  });
