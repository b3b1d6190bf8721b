/**
 * 32-bit FNV-1a: fast and well spread for short ids. One implementation for experiment assignment
 * (edge and offline analysis must agree), model fingerprints and the demo catalogue's seeds.
 */

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

/** FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h >>> 0;
}

/** FNV-1a of bytes. */
export function fnv1aBytes(bytes: Uint8Array): number {
  let h = OFFSET;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, PRIME);
  return h >>> 0;
}
