/**
 * Session events → session-tower input, the one definition shared by training and serving:
 * the latest `maxLen` events right-aligned (slot maxLen-1 = latest), each mapped to its tower index
 * (0 for padding and for items the tower does not know), with age = ln(1 + minutes before the latest).
 */

/** One session's tower input. */
export interface TowerInput {
  items: Int32Array;
  ages: Float32Array;
}

/** Age feature of an event `seconds` before the session's latest event. */
export function ageFeature(seconds: number): number {
  return Math.log1p(Math.max(0, seconds) / 60);
}

/** Build the tower input from a session's events (oldest first; `time` in Unix seconds). */
export function towerInput(
  events: readonly { itemId: string; time: number }[],
  index: ReadonlyMap<string, number>,
  maxLen: number,
): TowerInput {
  const items = new Int32Array(maxLen);
  const ages = new Float32Array(maxLen);
  const n = events.length;
  if (n === 0) return { items, ages };
  const latest = events[n - 1].time;
  for (let k = 0; k < Math.min(n, maxLen); k++) {
    const e = events[n - 1 - k];
    const slot = maxLen - 1 - k;
    items[slot] = index.get(e.itemId) ?? 0;
    ages[slot] = ageFeature(latest - e.time);
  }
  return { items, ages };
}

/** The tower index of every item id in manifest order (`items[i]` ↦ i + 1). */
export function towerIndex(items: readonly string[]): Map<string, number> {
  // A loop rather than `new Map(items.map(...))`: no pair array per item (100k-item models).
  const index = new Map<string, number>();
  for (let i = 0; i < items.length; i++) index.set(items[i]!, i + 1);
  return index;
}
