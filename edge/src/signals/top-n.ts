/**
 * Exact top-N of items by a key that only ever increases (see decay.ts): updated in O(N) per event,
 * read in O(1), no scan of the whole catalogue.
 */

/** One ranked entry. */
export interface Ranked {
  id: string;
  key: number;
}

/** The N items with the highest keys, best first. */
export class TopN {
  private items: Ranked[] = [];
  constructor(private readonly n: number) {}

  /** Record that `id` now has `key` (never lower than before). */
  offer(id: string, key: number): void {
    const at = this.items.findIndex((r) => r.id === id);
    if (at >= 0) this.items.splice(at, 1);
    else if (this.items.length >= this.n && key <= this.items[this.items.length - 1]!.key) return;
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.key < key) i--;
    this.items.splice(i, 0, { id, key });
    if (this.items.length > this.n) this.items.pop();
  }

  /** The best `k` entries (k <= N). */
  top(k: number): readonly Ranked[] {
    return this.items.slice(0, k);
  }
}
