/** Pins: merchandised items placed at fixed positions of the answer. */
import type { Candidate, PinRule } from './types.ts';

/**
 * `ranked` with each pinned item moved (or inserted) at its position, the answer cut to `k`.
 * `pinned` holds the pinned items that passed the hard rules (others are simply not placed); positions
 * beyond the answer put the item last.
 */
export function applyPins(
  ranked: readonly Candidate[],
  pins: readonly PinRule[],
  pinned: readonly Candidate[],
  k: number,
): Candidate[] {
  const byId = new Map(pinned.map((c) => [c.id, c]));
  const placed = pins.filter((p) => byId.has(p.id)).sort((a, b) => a.position - b.position);
  const pinnedIds = new Set(placed.map((p) => p.id));
  const rest = ranked.filter((c) => !pinnedIds.has(c.id));
  const out = rest.slice(0, Math.max(0, k - placed.length));
  for (const pin of placed) {
    const item = byId.get(pin.id)!;
    out.splice(Math.min(pin.position, out.length), 0, item);
  }
  return out.slice(0, k);
}
