/**
 * The site keys in force: the `SITE_KEYS` seed, each site overridden by its latest version in D1
 * (`site-key-store.ts`; a removal drops the key). An isolate reads every site's latest version at
 * most once per TTL_MS; once it holds them, a request never waits on D1: a stale copy answers while
 * one read refreshes it. So a change is in force at once in the isolate that made it and within
 * TTL_MS plus one query everywhere else. Only an isolate's first request waits for the read.
 */
import { errorFields, log } from '../log.ts';
import { readLatestSiteKeys } from './site-key-store.ts';
import { type SiteEntry, type SiteKeys, seedSiteKeys } from './site-keys.ts';

/** How long an isolate uses what it read before it reads again. */
export const SITE_KEYS_TTL_MS = 2_000;

type Stored = ReadonlyMap<string, { version: number; entry: SiteEntry | null }>;

let held: { stored: Stored; at: number } | undefined;
let loading: Promise<void> | undefined;
let merged: { seed: SiteKeys; stored: Stored; keys: SiteKeys } | undefined;

async function read(db: D1Database, now: number): Promise<void> {
  try {
    const rows = await readLatestSiteKeys(db);
    const stored = new Map(rows.map((r) => [r.site, { version: r.version, entry: r.entry }]));
    // A write this isolate made while the read ran is newer than what the read saw: keep it.
    for (const [site, h] of held?.stored ?? []) {
      if (h.version > (stored.get(site)?.version ?? 0)) stored.set(site, h);
    }
    held = { stored, at: now };
  } catch (err) {
    // D1 unreachable: keep what is held (at first, the seed alone) and try again after TTL_MS.
    log('error', 'site keys not read', errorFields(err));
    held = { stored: held?.stored ?? new Map(), at: now };
  }
}

function refresh(db: D1Database, now: number): Promise<void> {
  loading ??= read(db, now).finally(() => {
    loading = undefined;
  });
  return loading;
}

function view(seed: SiteKeys, stored: Stored): SiteKeys {
  if (merged?.seed === seed && merged.stored === stored) return merged.keys;
  // Null prototype: a site named `__proto__` is one more own key, nothing else.
  const keys: SiteKeys = Object.assign(Object.create(null), seed);
  for (const [site, { entry }] of stored) {
    if (entry) keys[site] = entry;
    else delete keys[site];
  }
  merged = { seed, stored, keys };
  return keys;
}

/**
 * Every site key in force. Throws when the seed is invalid (a 500 naming `SITE_KEYS`). `waitUntil`
 * keeps a background refresh alive past the request that started it.
 */
export async function siteKeysFor(
  env: Env,
  waitUntil?: (p: Promise<unknown>) => void,
  now = Date.now(),
): Promise<SiteKeys> {
  const seed = seedSiteKeys(env.SITE_KEYS);
  if (!held) await refresh(env.CATALOG, now);
  else if (now - held.at >= SITE_KEYS_TTL_MS && !loading) {
    const refreshing = refresh(env.CATALOG, now);
    waitUntil?.(refreshing);
  }
  return view(seed, held!.stored);
}

/** After a write here: in force in this isolate at once. */
export function siteKeyWritten(site: string, version: number, entry: SiteEntry | null): void {
  const stored = new Map(held?.stored);
  stored.set(site, { version, entry });
  held = { stored, at: held?.at ?? -Infinity };
}
