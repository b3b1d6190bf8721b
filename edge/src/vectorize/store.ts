/**
 * The in-memory side of the stand-in: every vector of an index in WebAssembly memory, scanned
 * brute force by a SIMD kernel (exact, so results are what an ideal ANN index would return). No
 * I/O: the Durable Object persists and reloads it.
 */
import type { FilterPredicate, IndexedValues } from './filter.ts';
import { ascending, scanMode, squaredNorm, toScores } from './metric.ts';
import { ScanKernel } from './scan-kernel.ts';

/** One stored vector's non-numeric parts. */
export interface Entry {
  id: string;
  namespace: string | undefined;
  indexed: IndexedValues;
}

/** A scan hit: slot in the store and the metric's score. */
export interface Hit {
  slot: number;
  score: number;
}

/** All vectors of one index, addressed by slot; ids are unique across namespaces. */
export class VectorStore {
  readonly dims: number;
  readonly metric: VectorizeDistanceMetric;
  private readonly kernel: ScanKernel;
  private invNorms: Float32Array;
  private entries: Entry[] = [];
  private slots = new Map<string, number>();

  constructor(dims: number, metric: VectorizeDistanceMetric, capacity = 1024) {
    this.dims = dims;
    this.metric = metric;
    this.kernel = new ScanKernel(dims, capacity);
    this.invNorms = new Float32Array(capacity);
  }

  // The rows live in the kernel's memory; read the view afresh, growing replaces it.
  private get values(): Float32Array {
    return this.kernel.rows;
  }

  get size(): number {
    return this.entries.length;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  entry(slot: number): Entry {
    return this.entries[slot]!;
  }

  /** The stored (float32) values of a slot, as plain numbers. */
  valuesOf(slot: number): number[] {
    return Array.from(this.values.subarray(slot * this.dims, (slot + 1) * this.dims));
  }

  /** Insert or replace `id`; `values` is read from `source[offset .. offset+dims)`. */
  put(entry: Entry, source: ArrayLike<number>, offset = 0): void {
    let slot = this.slots.get(entry.id);
    if (slot === undefined) {
      slot = this.entries.length;
      this.grow(slot + 1);
      this.entries.push(entry);
      this.slots.set(entry.id, slot);
    } else {
      this.entries[slot] = entry;
    }
    const base = slot * this.dims;
    const values = this.values;
    for (let j = 0; j < this.dims; j++) values[base + j] = source[offset + j]!;
    const n = Math.sqrt(squaredNorm(values, base, this.dims));
    this.invNorms[slot] = n === 0 ? 0 : 1 / n;
  }

  /** Remove `id` by moving the last slot into its place; false when absent. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    const last = this.entries.length - 1;
    if (slot !== last) {
      const moved = this.entries[last]!;
      this.entries[slot] = moved;
      this.slots.set(moved.id, slot);
      this.values.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.invNorms[slot] = this.invNorms[last]!;
    }
    this.entries.pop();
    this.slots.delete(id);
    return true;
  }

  /** The `topK` best slots for `query` among vectors in `namespace` (all when undefined) passing `filter`. */
  search(query: Float32Array, topK: number, namespace?: string, filter?: FilterPredicate): Hit[] {
    const count = this.entries.length;
    const scores = this.kernel.scan(scanMode(this.metric), query, count);
    toScores(this.metric, query, scores, this.invNorms, count);
    const sign = ascending(this.metric) ? 1 : -1;
    // `best` is kept sorted by sign*score ascending (best first); ties keep the earlier slot.
    const best: Hit[] = [];
    let worst = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < count; slot++) {
      const key = sign * scores[slot]!;
      if (best.length === topK && key >= worst) continue;
      const e = this.entries[slot]!;
      if (namespace !== undefined && e.namespace !== namespace) continue;
      if (filter && !filter(e.indexed)) continue;
      let i = best.length < topK ? best.length : topK - 1;
      while (i > 0 && sign * best[i - 1]!.score > key) i--;
      best.splice(i, 0, { slot, score: scores[slot]! });
      if (best.length > topK) best.pop();
      if (best.length === topK) worst = sign * best[topK - 1]!.score;
    }
    return best;
  }

  private grow(needed: number): void {
    if (needed <= this.invNorms.length) return;
    const capacity = Math.max(needed, this.invNorms.length * 2);
    this.kernel.reserve(capacity);
    const invNorms = new Float32Array(capacity);
    invNorms.set(this.invNorms);
    this.invNorms = invNorms;
  }
}
