/**
 * What `/v1/admin/sites` answers: a site key as it is in force, its version and where it comes from.
 * Dependency-free (CLIs and the dashboard share it); the edge validates bodies with
 * `edge/src/config/site-keys.ts`.
 */

/** A limit turned off, or pointed at another `[[ratelimits]]` binding of wrangler.toml (a tier). */
export type LimitSetting = 'off' | { binding: string; period: 10 | 60 };

/** One site key: the origins its public key is allowed from and its limit settings. */
export interface SiteKeyEntry {
  /** `scheme://host[:port]` of each page allowed to send events and ask for recommendations. */
  origins: string[];
  /** Only the limits that differ from the defaults (README "Abuse limits"), by limit name. */
  limits?: Record<string, LimitSetting>;
}

/** A site key in force (or removed). */
export interface SiteKeyState extends SiteKeyEntry {
  site: string;
  /** 0: the `SITE_KEYS` secret's entry, never changed at runtime; n: the n-th stored version. */
  version: number;
  source: 'SITE_KEYS' | 'database';
  /** The public key no longer works (its data is kept); `origins` is then empty. */
  removed: boolean;
  /** When and by whom (`operator` or an admin key id) the version was written; absent for the seed. */
  createdAt?: string;
  createdBy?: string;
}
