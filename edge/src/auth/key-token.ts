/**
 * Secret keys as strings: make a new one (`<sk|ak>_<site>_<id>_<secret>`, 48 random bits of id and
 * 256 of secret), read one back, and hash one for storage and comparison.
 */
import {
  KEY_ID_HEX,
  KEY_PATTERN,
  KEY_PREFIX,
  KEY_SECRET_HEX,
  type KeyRole,
} from '../../../contracts/api-keys.ts';

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const randomHex = (digits: number) => hex(crypto.getRandomValues(new Uint8Array(digits / 2)));
const ROLE_OF_PREFIX = Object.fromEntries(Object.entries(KEY_PREFIX).map(([role, p]) => [p, role])) as Record<
  string,
  KeyRole
>;

/** What a well-formed key says about itself (to be checked against the store). */
export interface ParsedKey {
  id: string;
  site: string;
  role: KeyRole;
}

/** A fresh key of `role` for `site`: its id and the whole key. */
export function newKey(site: string, role: KeyRole): { id: string; key: string } {
  const id = `${KEY_PREFIX[role]}_${site}_${randomHex(KEY_ID_HEX)}`;
  return { id, key: `${id}_${randomHex(KEY_SECRET_HEX)}` };
}

/** The parts of a well-formed key, or null for anything else. */
export function parseKey(token: string): ParsedKey | null {
  const m = KEY_PATTERN.exec(token);
  if (!m) return null;
  return { id: `${m[1]}_${m[2]}_${m[3]}`, site: m[2]!, role: ROLE_OF_PREFIX[m[1]!]! };
}

/** Lowercase hex SHA-256 of a whole key: what the store keeps. */
export async function hashKey(key: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(key))));
}

/** Whether `given` equals `expected`, in time independent of where they differ (both hashed first). */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const digest = (s: string) => crypto.subtle.digest('SHA-256', encoder.encode(s));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** Whether two equal-length hex digests are equal, in time independent of where they differ. */
export function digestsEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  return x.byteLength === y.byteLength && crypto.subtle.timingSafeEqual(x, y);
}
