/**
 * Who a Bearer credential is: the operator (ADMIN_TOKEN), a valid stored key of a site, or a site's
 * public key sent as a credential (recognised only so that a route can say which role it needs).
 * Stored keys are cached per isolate for CACHE_TTL_MS: a revocation applies at once in the isolate
 * that made it and within CACHE_TTL_MS everywhere else; a rotation's scheduled end is exact.
 */
import type { KeyRole, Role } from '../../../contracts/api-keys.ts';
import { siteKeysFor } from '../config/site-registry.ts';
import { findKey, isValid, type KeyRow } from './key-store.ts';
import { digestsEqual, hashKey, parseKey, tokensEqual } from './key-token.ts';

/** The holder of a request's credential. */
export type Principal =
  | { kind: 'operator' }
  | { kind: 'key'; id: string; site: string; role: KeyRole }
  | { kind: 'public'; site: string };

/** How long an isolate trusts what it read of a key. */
export const CACHE_TTL_MS = 5_000;
const MAX_CACHED = 10_000;
const cache = new Map<string, { row: KeyRow | null; at: number }>();

/** The role a principal holds. */
export function roleOf(p: Principal): Role {
  return p.kind === 'operator' ? 'operator' : p.kind === 'key' ? p.role : 'public';
}

/** The audit log's name of a principal (never a secret). */
export function actorOf(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  return p.kind === 'operator' ? 'operator' : p.kind === 'key' ? p.id : `public:${p.site}`;
}

/** Drop this isolate's copy of key `id` (after revoking it here). */
export function forgetCachedKey(id: string): void {
  cache.delete(id);
}

async function cachedRow(db: D1Database, id: string, now: number): Promise<KeyRow | null> {
  const hit = cache.get(id);
  if (hit && now - hit.at < CACHE_TTL_MS) return hit.row;
  const row = await findKey(db, id);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(id, { row, at: now });
  return row;
}

async function isPublicKey(env: Env, token: string): Promise<boolean> {
  try {
    return Object.hasOwn(await siteKeysFor(env), token);
  } catch {
    return false; // an invalid SITE_KEYS: reported by the routes that need it
  }
}

/** The principal `token` proves, or null when it proves nothing. */
export async function principalOf(env: Env, token: string, now = Date.now()): Promise<Principal | null> {
  if (env.ADMIN_TOKEN && (await tokensEqual(token, env.ADMIN_TOKEN))) return { kind: 'operator' };
  const parsed = parseKey(token);
  if (parsed) {
    const row = await cachedRow(env.CATALOG, parsed.id, now);
    const ok =
      row !== null &&
      row.site === parsed.site &&
      row.role === parsed.role &&
      isValid(row, now) &&
      digestsEqual(await hashKey(token), row.hash);
    return ok ? { kind: 'key', id: row.id, site: row.site, role: row.role } : null;
  }
  return (await isPublicKey(env, token)) ? { kind: 'public', site: token } : null;
}
