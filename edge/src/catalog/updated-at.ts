/**
 * The clock rule of catalogue writes: a shop's `updatedAt` may not run ahead of the store's clock by
 * more than a little. A time far in the future would make every later write (stamped "now") look
 * older, so the item could never change again.
 */
import type { CatalogIssue } from '../../../contracts/schema/catalog-item.ts';

/** How far ahead of the store's clock a shop's clock may be. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The problem with `updatedAt` (ms) at `now`, if any. */
export function checkUpdatedAt(updatedAt: number | undefined, now: number): CatalogIssue | undefined {
  if (updatedAt === undefined || updatedAt <= now + MAX_CLOCK_SKEW_MS) return undefined;
  return {
    path: 'updatedAt',
    message: `updatedAt is ${Math.round((updatedAt - now) / 1000)} s in the future (at most ${MAX_CLOCK_SKEW_MS / 1000} s allowed)`,
  };
}
