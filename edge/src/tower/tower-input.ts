/**
 * The session tower's input from a session's recent item interactions (see
 * `model/src/tower/session-tower.ts`): the last `maxLen` items right-aligned (slot maxLen-1 = most
 * recent), each as its tower index (0 = padding or an item the model does not know), and each slot's
 * age = ln(1 + minutes between that event and the latest one).
 */

/** One interaction, oldest first (what the session Durable Object keeps). */
export interface TimedItem {
  itemId: string;
  /** ms since the epoch */
  ts: number;
}

/** Tower input tensors' data for one session. */
export interface TowerInput {
  items: BigInt64Array;
  ages: Float32Array;
  /** How many slots hold an item the model knows (0: the tower has nothing to go on). */
  known: number;
}

/** Build the input for `recent` (oldest first). */
export function towerInput(
  recent: readonly TimedItem[],
  itemIndex: ReadonlyMap<string, number>,
  maxLen: number,
): TowerInput {
  const items = new BigInt64Array(maxLen);
  const ages = new Float32Array(maxLen);
  const tail = recent.slice(-maxLen);
  const latest = tail.at(-1)?.ts ?? 0;
  const offset = maxLen - tail.length;
  let known = 0;
  tail.forEach((e, i) => {
    const index = itemIndex.get(e.itemId) ?? 0;
    if (index > 0) known++;
    items[offset + i] = BigInt(index);
    ages[offset + i] = Math.log1p(Math.max(0, latest - e.ts) / 60_000);
  });
  return { items, ages, known };
}
