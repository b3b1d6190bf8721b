/**
 * Merchandising pins on the device. The edge put a `pinned` item at its position on purpose
 * (`applyPins` in edge/src/rules/pin.ts; contracts/recommendations.ts): no on-device re-order or
 * exclusion may move it.
 */

/** Anything with an id that may be pinned. */
export interface Pinnable {
  id: string;
  pinned?: true;
}

/**
 * `ranked` with every pinned item of `answer` back at its index in `answer` (the position the
 * edge gave it); a pinned item missing from `ranked` (e.g. excluded) stays out.
 */
export function keepPins<T extends Pinnable>(ranked: readonly T[], answer: readonly Pinnable[]): T[] {
  const out = ranked.filter((c) => !c.pinned);
  // Ascending answer order, as the edge places them: an earlier pin never shifts a later one.
  answer.forEach((c, i) => {
    const item = c.pinned && ranked.find((r) => r.id === c.id);
    if (item) out.splice(i, 0, item);
  });
  return out;
}
