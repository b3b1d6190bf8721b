/**
 * The sites configuration in force: sites.json's `default`, and each site's overrides from D1
 * (`config-store.ts`) or, while the site has none stored, from sites.json (the seed, version 0).
 * Each isolate keeps what it read for at most TTL_MS, so a change reaches every answer within
 * TTL_MS + one query, without a redeploy; the isolate that took the change has it at once.
 * `sitesNow()` is the synchronous view for code that cannot wait (the session object's pushes and
 * signals): it holds what this isolate last read, refreshed by `sitesFor`.
 */
import { errorFields, log } from '../log.ts';
import { readConfig } from './config-store.ts';
import { own, SITES, type SiteOverrides, type SitesConfig } from './sites.ts';

/** How long an isolate uses a site's overrides before it reads them again. */
export const TTL_MS = 2_000;

interface Held {
  version: number;
  config: SiteOverrides | undefined;
  at: number;
  loading?: Promise<void>;
}

const held = new Map<string, Held>();
let view: SitesConfig = SITES;

function remember(site: string, version: number, config: SiteOverrides | undefined, at: number): void {
  held.set(site, { version, config, at });
  const sites = { ...view.sites };
  if (config === undefined) delete sites[site];
  else sites[site] = config;
  view = { default: SITES.default, sites };
}

/** The version and overrides in force for `site` as this isolate knows them. */
export function heldConfig(site: string): { version: number; config: SiteOverrides | undefined } {
  const h = held.get(site);
  return h ? { version: h.version, config: h.config } : { version: 0, config: own(SITES.sites, site) };
}

/** After a write here: use it at once. */
export function configWritten(site: string, version: number, config: SiteOverrides): void {
  remember(site, version, config, Date.now());
}

async function load(db: D1Database, site: string, now: number): Promise<void> {
  const stored = await readConfig(db, site);
  if (stored) remember(site, stored.version, stored.config, now);
  else remember(site, 0, own(SITES.sites, site), now);
}

/** The configuration with `site`'s overrides at most TTL_MS old. */
export async function sitesFor(env: Env, site: string, now = Date.now()): Promise<SitesConfig> {
  const h = held.get(site);
  if (h && now - h.at < TTL_MS) return view;
  if (h?.loading) {
    await h.loading;
    return view;
  }
  const loading = load(env.CATALOG, site, now).catch((err) => {
    // D1 unreachable: keep answering with what is held (or the seed), and try again next time.
    log('error', 'site config not read', { site, ...errorFields(err) });
    held.delete(site);
  });
  if (h) h.loading = loading;
  else held.set(site, { version: 0, config: own(SITES.sites, site), at: -Infinity, loading });
  await loading;
  return view;
}

/** What this isolate last read (sites.json until then); `sitesFor` keeps it current. */
export function sitesNow(): SitesConfig {
  return view;
}
