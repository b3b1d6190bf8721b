/**
 * The access contract: the roles a request can hold, the shape of a site's secret keys, and what the
 * key and audit admin routes answer. Dependency-free (CLIs and the demo share it);
 * `schema/api-keys.ts` validates the key routes' bodies.
 */

/**
 * Roles, weakest first; each includes the ones before it. `public`: the site key in every page
 * (events, recommendations, push). `server`: a site's secret server key (server-side events, the
 * catalogue). `admin`: a site's admin key (sessions, experiments, log export, keys, audit).
 * `operator`: the deployment's ADMIN_TOKEN, every site and the deployment-wide routes (models).
 */
export const ROLES = ['public', 'server', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a stored secret key can have (`public` is the site key itself, `operator` a secret). */
export const KEY_ROLES = ['server', 'admin'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/** The visible prefix of each secret key's role. */
export const KEY_PREFIX: Readonly<Record<KeyRole, string>> = { server: 'sk', admin: 'ak' };

/** Hex digits of a key's id part and of its secret part (48 and 256 random bits). */
export const KEY_ID_HEX = 12;
export const KEY_SECRET_HEX = 64;

/** Most keys of one role and site valid at once: the old and the new one while rotating. */
export const MAX_VALID_KEYS_PER_ROLE = 2;

/**
 * A whole secret key, `<sk|ak>_<site>_<id>_<secret>`; its key id is everything before the last
 * `_`. Sites may hold `_`, the id and secret never do: the fixed-length tail is unambiguous.
 */
export const KEY_PATTERN = new RegExp(
  `^(sk|ak)_([A-Za-z0-9_-]{1,64})_([0-9a-f]{${KEY_ID_HEX}})_([0-9a-f]{${KEY_SECRET_HEX}})$`,
);

/** A stored key as the list route shows it (never its secret nor its hash). */
export interface ApiKeyInfo {
  /** The visible key id, e.g. `sk_demo_3f9a1c2b4d5e`. */
  id: string;
  site: string;
  role: KeyRole;
  label?: string;
  createdAt: string;
  /** Who made it: `operator` or an admin key id. */
  createdBy: string;
  /** When it stops (stopped) being valid; absent while it is valid with no end set. */
  revokedAt?: string;
  /** Whether it is valid now. */
  valid: boolean;
}

/** The answer to creating or rotating a key: the only time its secret is shown. */
export interface CreatedApiKey extends ApiKeyInfo {
  /** The whole key, to put in the server's secrets. Not stored; lost if not kept now. */
  secret: string;
  /** On a rotation: the replaced key as it is now (valid until its `revokedAt`, if one is set). */
  replaced?: ApiKeyInfo;
}

/** One audit log entry: an admin or catalogue write, or a refused attempt with a credential. */
export interface AuditEntry {
  /** Ascending, the entry's place in the log. */
  seq: number;
  /** ISO 8601 time the request was answered. */
  at: string;
  /** The site the request named ('' for deployment-wide routes). */
  site: string;
  /** `operator`, a key id, `public:<site>`, or `anonymous` (no credential accepted). */
  actor: string;
  method: string;
  /** The route's pattern, e.g. `/v1/catalog/items/:id`. */
  route: string;
  /** The path and query the request named (the target). */
  target: string;
  /** The answer's HTTP status. */
  status: number;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** A page of the audit log, newest first; `cursor` fetches the next (older) page. */
export interface AuditPage {
  entries: AuditEntry[];
  cursor?: string;
}
