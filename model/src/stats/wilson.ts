/** Wilson score interval of a proportion: sensible at 0 and n successes and at small n, unlike p ± z·se. */
import type { Interval } from '../../../contracts/report.ts';

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** `successes / trials` with its 95 % Wilson interval; all null without trials. */
export function wilson(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { value: null, low: null, high: null };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
