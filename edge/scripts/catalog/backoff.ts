/** Delay before retry `attempt` (0-based): exponential from `base` ms, capped, with ±25 % jitter. */
export function backoffMs(
  attempt: number,
  base = 500,
  max = 8000,
  random: () => number = Math.random,
): number {
  // Jitter keeps several importers that failed together from retrying in lockstep.
  return Math.round(Math.min(max, base * 2 ** attempt) * (0.75 + random() / 2));
}
