/**
 * The in-memory side of the stand-in: every vector of an index in WebAssembly memory, scanned
 * brute force by a SIMD kernel (exact, so results are what an ideal ANN index would return). No
 * I/O: the Durable Object persists and reloads it.
 */
import type { FilterPredicate, IndexedValues } from './filter.ts';
import { ascending, scanMode, squaredNorm, toScores } from './metric.ts';
import { type QuantizedQuery, quantizeQuery } from './quantize.ts';
import { ScanKernel } from './scan-kernel.ts';
import { type Eligible, kthLargest, reachable, selectExact } from './top-k.ts';

/** Rows a dot-product query scores in full before wasm filters the rest (at least PREFIX_PER_K x topK). */
const PREFIX_ROWS = 2048;
const PREFIX_PER_K = 16;

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
  // Over all rows ever stored (a bound: never lowered on removal), for the int8 pass's error
  // bound: the largest int8 scale and ‖v‖₁, each times the row's inverse norm for cosine.
  private maxScale = 0;
  private maxL1 = 0;
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
    // Cosine ranks by dot x the row's inverse norm: fold it into the int8 scale (and the bound).
    const weight = this.metric === 'cosine' ? this.invNorms[slot]! : 1;
    let l1 = 0;
    for (let j = 0; j < this.dims; j++) l1 += Math.abs(values[base + j]!);
    this.maxL1 = Math.max(this.maxL1, l1 * weight);
    this.maxScale = Math.max(this.maxScale, this.kernel.quantize(slot, weight));
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
      this.kernel.move(last, slot);
      this.invNorms[slot] = this.invNorms[last]!;
    }
    this.entries.pop();
    this.slots.delete(id);
    return true;
  }

  /** The `topK` best slots for `query` among vectors in `namespace` (all when undefined) passing `filter`. */
  search(query: Float32Array, topK: number, namespace?: string, filter?: FilterPredicate): Hit[] {
    const eligible: Eligible = (slot) => {
      const e = this.entries[slot]!;
      return (namespace === undefined || e.namespace === namespace) && (!filter || filter(e.indexed));
    };
    return scanMode(this.metric) === 'dot'
      ? this.searchDot(query, topK, eligible)
      : this.scanAll(query, topK, eligible);
  }

  /**
   * Dot-product and cosine: an int8 pass scores every row within ±B (`quantize.ts`; B from the
   * largest scale and ‖v‖₁); rows within 2B of the k-th best approximate score are rescored in
   * float32 (usually 1-3 x topK), so the answer is the exact scan's, ties included, for a quarter
   * of the memory read. Scores are in dot units, times the row's inverse norm for cosine.
   *
   * The k-th best is found without handing every row's score to JavaScript: a prefix of the rows
   * is scored in full, and its k-th best eligible score (a lower bound of the k-th best over all
   * rows) minus 2B is the floor below which wasm drops every row (the prefix's again too). The rows
   * it keeps hold every row within 2B of the overall k-th best, so the candidates are the same.
   */
  private searchDot(query: Float32Array, topK: number, eligible: Eligible): Hit[] {
    const count = this.entries.length;
    if (count === 0 || topK <= 0) return [];
    const q = quantizeQuery(query, this.kernel.stride);
    const bound = q.perScale * this.maxScale + q.perL1 * this.maxL1;
    // A prefix with fewer than topK eligible rows (a narrow filter) grows, up to every row.
    let prefix = Math.min(count, Math.max(PREFIX_ROWS, PREFIX_PER_K * topK));
    let approx = this.kernel.scanInt8(q.codes, q.scale, prefix);
    let kth = kthLargest(approx, prefix, topK, eligible);
    while (kth === Number.NEGATIVE_INFINITY && prefix < count) {
      prefix = Math.min(count, prefix * 4);
      approx = this.kernel.scanInt8(q.codes, q.scale, prefix);
      kth = kthLargest(approx, prefix, topK, eligible);
    }
    // Every row's score is at least approx - B, so k eligible rows score at least kth - B.
    const candidates =
      prefix === count
        ? reachable(approx, count, kth - 2 * bound, eligible)
        : this.nearRows(q, count, kth - 2 * bound, bound, topK, eligible);
    const raw = this.kernel.scanAt('dot', query, candidates);
    const qn = Math.sqrt(squaredNorm(query, 0, query.length));
    const invQ = qn === 0 ? 0 : 1 / qn;
    // The scores exactly as `toScores` computes them over a full scan (float32, same operations).
    const cosine = this.metric === 'cosine';
    const { invNorms } = this;
    const scores = candidates.map((slot, i) =>
      cosine ? Math.fround(raw[i]! * invQ * invNorms[slot]!) : -raw[i]!,
    );
    return selectExact(candidates, scores, topK, ascending(this.metric));
  }

  /**
   * The candidates among rows scoring at least `reach` (wasm drops the others): those within 2B of
   * the k-th best eligible approximate score, which every row at or above it is among.
   */
  private nearRows(
    q: QuantizedQuery,
    count: number,
    reach: number,
    bound: number,
    topK: number,
    eligible: Eligible,
  ): number[] {
    const near = this.kernel.scanInt8Above(q.codes, q.scale, 0, count, reach);
    const { slots, scores } = near;
    const inReach: Eligible = (i) => eligible(slots[i]!);
    const floor = kthLargest(scores, slots.length, topK, inReach) - 2 * bound;
    return reachable(scores, slots.length, floor, inReach).map((i) => slots[i]!);
  }

  /** Every row scored exactly (euclidean), best `topK` kept in order. */
  private scanAll(query: Float32Array, topK: number, eligible: Eligible): Hit[] {
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
      if (!eligible(slot)) continue;
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
