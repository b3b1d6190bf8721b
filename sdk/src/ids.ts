/** Random identifiers for events and sessions. */

/**
 * A 32-character hex id from 128 random bits. `crypto.getRandomValues` works on plain-http
 * pages too, unlike `crypto.randomUUID` (secure contexts only).
 */
export function newId(): string {
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) id += (byte + 256).toString(16).slice(1);
  return id;
}
