/**
 * Top-k helpers of the stand-in's two-pass scan (`store.ts`): the k-th best approximate score over
 * every row, with a bounded min-heap and the eligibility test (namespace, metadata filter) only for rows
 * that would enter it; then the exact best k of the rescored candidates.
 */

/** True when slot may be returned (its namespace and metadata filter match); allocates nothing. */
export type Eligible = (slot: number) => boolean;

/**
 * The `k`-th largest of `values[0 .. count-1]` among eligible slots, or -Infinity when fewer than
 * `k` are eligible (then every eligible slot is a candidate).
 */
export function kthLargest(values: Float32Array, count: number, k: number, eligible: Eligible): number {
  const heap = new Float64Array(k); // min-heap: heap[0] is the k-th largest so far
  let size = 0;
  for (let slot = 0; slot < count; slot++) {
    const x = values[slot]!;
    if (size === k && x <= heap[0]!) continue;
    if (!eligible(slot)) continue;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]! <= x) break;
        heap[i] = heap[parent]!;
        i = parent;
      }
      heap[i] = x;
      continue;
    }
    let i = 0; // replace the minimum and sift down
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const child = left + 1 < k && heap[left + 1]! < heap[left]! ? left + 1 : left;
      if (heap[child]! >= x) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = x;
  }
  return size < k ? Number.NEGATIVE_INFINITY : heap[0]!;
}

/** Eligible slots among the first `count` whose value is at least `floor`, in slot order. */
export function reachable(values: Float32Array, count: number, floor: number, eligible: Eligible): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < count; slot++) if (values[slot]! >= floor && eligible(slot)) out.push(slot);
  return out;
}

/**
 * The best `k` of `slots` by `scores` (lower first when `ascending`, else higher first), ties to
 * the lower slot: the order a full exact scan keeps.
 */
export function selectExact(
  slots: readonly number[],
  scores: readonly number[],
  k: number,
  ascending: boolean,
): { slot: number; score: number }[] {
  const sign = ascending ? 1 : -1;
  const order = slots.map((_, i) => i);
  order.sort((a, b) => sign * (scores[a]! - scores[b]!) || slots[a]! - slots[b]!);
  return order.slice(0, k).map((i) => ({ slot: slots[i]!, score: scores[i]! }));
}
