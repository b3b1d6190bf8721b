/**
 * Per-item seeds for the demo catalogue's dressing (names, stock, images). The generator itself is
 * the model's `createRandom` (mulberry32), so both sides draw from one implementation.
 */
import { fnv1a } from '../../../model/src/hash.ts';
import { createRandom, type Random } from '../../../model/src/random.ts';

export { createRandom, type Random };

/** FNV-1a hash of a string, used to derive a per-item seed from its id. */
export const hashString = fnv1a;

/** One element of a non-empty list, chosen by `random`. */
export function pick<T>(list: readonly T[], random: Random): T {
  return list[Math.floor(random() * list.length)];
}
