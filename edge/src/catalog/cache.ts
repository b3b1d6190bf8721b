/**
 * Per-isolate replica of the catalogue rows answers read, so a warm answer reads no D1. Rows stay
 * cached; every TTL_MS at most, the first answer that needs a site's rows reads that site's changes
 * since the last version it applied (one small indexed query: edge/migrations/0002), and updates
 * what it holds. A write acknowledged at t therefore reaches every isolate's answers computed after
 * t + TTL_MS + one query (D1 answers reads from its primary, which acknowledged the write): that is
 * how "out of stock within a second" holds with many isolates and no invalidation messages. The
 * isolate that took the write reads the changes before its next answer. Only an answer's admission
 * waits for that query: its tower and index query run beside it (serving/catalog-view.ts).
 */
import type { CatalogRow } from './row.ts';
import { changesAfter, latestVersion, listItems, readItems, recentItems } from './store.ts';

/** How long an isolate answers from its rows before it reads the site's changes again. */
export const TTL_MS = 500;
/** Most rows kept per site and isolate (least recently used go first). */
export const MAX_ROWS = 50_000;
/** Changes read per query; a site that changed more than a few pages since is re-read on demand. */
const CHANGES_PER_QUERY = 500;
const MAX_CHANGE_PAGES = 4;
/** Items written this recently are served from the store before the index has them. */
export const FRESH_WINDOW_MS = 10 * 60_000;
/** Most fresh items one answer considers. */
export const MAX_FRESH = 100;

interface SiteRows {
  /** id → stored row, or null when the store has no such item. */
  rows: Map<string, CatalogRow | null>;
  /** The latest change version applied (-1: the site never sent an item). */
  version: number;
  checkedAt: number;
  catchingUp?: Promise<void>;
  fresh?: { at: number; rows: Promise<CatalogRow[]> };
}

const sites = new Map<string, SiteRows>();

async function catchUp(db: D1Database, s: SiteRows, site: string): Promise<void> {
  if (s.version < 0) {
    // First look at the site (or it had no item yet): start from its latest version, empty.
    s.version = await latestVersion(db, site);
    s.rows.clear();
    return;
  }
  for (let page = 0; page < MAX_CHANGE_PAGES; page++) {
    const changes = await changesAfter(db, site, s.version, CHANGES_PER_QUERY);
    for (const { version, ...row } of changes) {
      s.rows.delete(row.id);
      s.rows.set(row.id, row);
      s.version = version;
    }
    if (changes.length < CHANGES_PER_QUERY) return;
  }
  // A bulk import happened: forget everything and read rows on demand from the latest version.
  s.version = await latestVersion(db, site);
  s.rows.clear();
}

/** The site's replica as it is. */
function siteRows(site: string): SiteRows {
  let s = sites.get(site);
  if (!s) {
    s = { rows: new Map(), version: -1, checkedAt: Number.NEGATIVE_INFINITY };
    sites.set(site, s);
  }
  return s;
}

/** The site's replica, current to within TTL_MS (reads the changes first when it is older). */
async function current(db: D1Database, site: string, now: number): Promise<SiteRows> {
  const s = siteRows(site);
  if (now - s.checkedAt >= TTL_MS) {
    const entry = s;
    entry.catchingUp ??= catchUp(db, entry, site)
      .then(() => {
        entry.checkedAt = now;
      })
      .finally(() => {
        entry.catchingUp = undefined;
      });
    await entry.catchingUp;
  }
  return s;
}

/** The stored rows of `ids` (null: the store has none), from the replica, then one D1 read for the rest. */
export async function catalogRows(
  db: D1Database,
  site: string,
  ids: readonly string[],
  now = Date.now(),
): Promise<Map<string, CatalogRow | null>> {
  const s = await current(db, site, now);
  const out = new Map<string, CatalogRow | null>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const row = s.rows.get(id);
    if (row === undefined) missing.push(id);
    else out.set(id, row);
  }
  if (missing.length === 0 || s.version < 0) {
    for (const id of missing) out.set(id, null);
    return out;
  }
  const found = new Map((await readItems(db, site, missing)).map((r) => [r.id, r]));
  for (const id of missing) {
    // A change read meanwhile is newer than this read: keep it.
    const row = s.rows.get(id) ?? found.get(id) ?? null;
    s.rows.set(id, row);
    out.set(id, row);
  }
  while (s.rows.size > MAX_ROWS) s.rows.delete(s.rows.keys().next().value!);
  return out;
}

/**
 * Whether the site's catalogue decides what may be recommended: true once it has sent any item. A
 * site that never did (trying a model before sending items) is served from the model's own items.
 */
export async function catalogGoverns(db: D1Database, site: string, now = Date.now()): Promise<boolean> {
  return (await current(db, site, now)).version >= 0;
}

/**
 * The latest change version of the site's catalogue this isolate has applied (-1: none): answers
 * computed from the same version saw the same rows (a session's reused candidates are keyed by it).
 */
export function catalogVersion(site: string): number {
  return sites.get(site)?.version ?? -1;
}

/** True when this isolate has seen the site's catalogue hold an item (it governs, see above). */
export function knownToGovern(site: string): boolean {
  return (sites.get(site)?.version ?? -1) >= 0;
}

/**
 * Live items written in the last FRESH_WINDOW_MS, newest first (one D1 read per TTL_MS per isolate):
 * their own query, which does not wait for the replica's changes.
 */
export async function freshRows(db: D1Database, site: string, now = Date.now()): Promise<CatalogRow[]> {
  const s = siteRows(site);
  if (s.fresh && now - s.fresh.at < TTL_MS) return s.fresh.rows;
  const rows = recentItems(db, site, now - FRESH_WINDOW_MS, MAX_FRESH);
  s.fresh = { at: now, rows };
  rows.catch(() => {
    if (s.fresh?.rows === rows) s.fresh = undefined;
  });
  return rows;
}

/** After a write in this isolate: its next answer reads the changes first. */
export function forgetRows(site: string): void {
  const s = sites.get(site);
  if (!s) return;
  s.checkedAt = Number.NEGATIVE_INFINITY;
  s.fresh = undefined;
}

/** Rows a replica reads ahead of its answers, once per site (a catalogue this small is held whole). */
export const PRELOAD_ROWS = 5_000;
/** Rows per preload query. */
const PRELOAD_PAGE = 1_000;
const preloaded = new Set<string>();

/**
 * Read the site's live rows into this isolate's replica, up to `max`, once per isolate and site
 * (called on a session's events, in the background): an answer then reads its candidates' rows
 * from memory. Read on demand instead, a young isolate's answers each waited for a D1 query of the
 * candidates it had not met yet (`admit` 6-43 ms of a push in bench/click-to-widget.ts, 3,000 items).
 * A larger catalogue keeps the rest read on demand.
 */
export async function preloadRows(db: D1Database, site: string, max = PRELOAD_ROWS, now = Date.now()) {
  if (preloaded.has(site)) return;
  preloaded.add(site);
  try {
    const s = await current(db, site, now);
    if (s.version < 0) {
      preloaded.delete(site); // no catalogue yet: served from the model's items; look again later
      return;
    }
    let after = '';
    for (let left = Math.min(max, MAX_ROWS); left > 0; ) {
      const page = await listItems(db, site, after, Math.min(PRELOAD_PAGE, left));
      // A row read meanwhile (on demand, or a change) is at least as new as this read: keep it.
      for (const row of page) if (!s.rows.has(row.id)) s.rows.set(row.id, row);
      if (page.length < Math.min(PRELOAD_PAGE, left)) break;
      left -= page.length;
      after = page[page.length - 1]!.id;
    }
  } catch {
    preloaded.delete(site); // a failed read is tried again on the next events; answers read on demand
  }
}
