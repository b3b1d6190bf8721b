/**
 * Bounds on the online signals' sparse rows (`seq`, `co`). Their all-time pair counts grow with every
 * pair of items a site's sessions visit, in every isolate's replica, until the next model; so each row
 * keeps its strongest entries, and the per-row cap shrinks as rows multiply, so that all rows together
 * hold at most about twice `maxPairs` entries. Pure; shared by the edge and the offline pipeline.
 */
import type { SparseRows } from './signals.ts';

/** A row keeps at least this many entries, however many rows there are. */
export const MIN_ROW_CAP = 8;

/** The entries a row keeps when it is pruned, with `rows` rows in all. */
export function rowCap(rows: number, maxRow: number, maxPairs: number): number {
  return Math.max(MIN_ROW_CAP, Math.min(maxRow, Math.floor(maxPairs / Math.max(1, rows))));
}

let scratch = new Float64Array(512);

/**
 * Keep the `n` strongest entries of `row`. Among equal weights the newest pairs stay (a new pair
 * seen as often as an old one is the better guess for what sessions do now).
 */
export function keepStrongest(row: Map<number, number>, n: number): void {
  if (row.size <= n) return;
  if (scratch.length < row.size) scratch = new Float64Array(2 * row.size);
  let at = 0;
  for (const w of row.values()) scratch[at++] = w;
  const values = scratch.subarray(0, at).sort();
  const threshold = values[at - n]!;
  let kept = 0; // entries at or above the threshold
  for (let i = at - 1; i >= 0 && values[i]! >= threshold; i--) kept++;
  let tiesToDrop = kept - n;
  // Entries below the threshold all go; of those equal to it, the oldest go first (Map order).
  for (const [key, w] of row) {
    if (w < threshold) row.delete(key);
    else if (w === threshold && tiesToDrop > 0) {
      row.delete(key);
      tiesToDrop--;
    }
  }
}

/**
 * Walks one matrix's rows, one row a call, pruning a row that holds more than twice the cap: the
 * cap falls as rows are added, and a row no longer written would otherwise keep its old size.
 */
export class RowSweep {
  #rows: Iterator<Map<number, number>> | undefined;

  constructor(private readonly matrix: SparseRows) {}

  /** Visit the next row (from the first again after the last). */
  step(cap: number): void {
    let next = this.#rows?.next();
    if (!next || next.done) {
      this.#rows = this.matrix.values();
      next = this.#rows.next();
      if (next.done) return;
    }
    if (next.value.size > 2 * cap) keepStrongest(next.value, cap);
  }
}
