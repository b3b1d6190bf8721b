/**
 * Rows of float32 vectors in WebAssembly memory, scanned by the SIMD kernel of `scan.wat`, with an
 * int8 copy of each row (codes and scale, `quantize.ts`) for the first pass of dot-product queries.
 * Layout: [query | rows (capacity x dims f32) | int16 query | codes (capacity x stride) | scales |
 * raw scores | slots]; the float rows never move when the capacity grows, the rest is copied.
 */
import { quantizeRow } from './quantize.ts';
import scanModule from './scan.wasm';

interface ScanExports {
  memory: WebAssembly.Memory;
  scan(mode: number, q: number, v: number, n: number, dims: number, out: number): void;
  scan_at(mode: number, q: number, v: number, slots: number, n: number, dims: number, out: number): void;
  scan_i8(
    q: number,
    codes: number,
    n: number,
    stride: number,
    scales: number,
    qscale: number,
    out: number,
  ): void;
  scan_i8_above(
    q: number,
    codes: number,
    from: number,
    n: number,
    stride: number,
    scales: number,
    qscale: number,
    floor: number,
    slots: number,
    out: number,
  ): number;
}

const PAGE = 65536;

/** What one scan computes per row: the dot product, or the squared L2 distance. */
export type ScanMode = 'dot' | 'l2sq';

const modeOf = (mode: ScanMode) => (mode === 'l2sq' ? 1 : 0);

/** One index's vectors and the kernel that scans them. */
export class ScanKernel {
  readonly dims: number;
  /** Bytes of one row's int8 codes: dims rounded up to whole 16-byte lanes (zero padded). */
  readonly stride: number;
  private readonly wasm: ScanExports;
  private readonly rowsAt: number;
  private capacity = 0;
  /** All rows; a view that `reserve` replaces (growing the memory detaches old views). */
  rows = new Float32Array(0);
  /** Per-row int8 scale (0 for a zero row); the codes are in wasm memory. */
  scales = new Float32Array(0);
  private codes = new Int8Array(0);
  private query = new Float32Array(0);
  private query16 = new Int16Array(0);
  private raw = new Float32Array(0);
  private slots = new Int32Array(0);

  constructor(dims: number, capacity: number) {
    this.dims = dims;
    this.stride = Math.ceil(dims / 16) * 16;
    this.wasm = new WebAssembly.Instance(scanModule).exports as unknown as ScanExports;
    this.rowsAt = Math.ceil(dims / 4) * 16; // the query, padded to whole f32x4 lanes
    this.reserve(capacity);
  }

  /** Make room for at least `capacity` rows, keeping the stored ones. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const codes = this.codes.slice();
    const scales = this.scales.slice();
    const q16At = this.rowsAt + capacity * this.dims * 4;
    const codesAt = q16At + this.stride * 2;
    const scalesAt = codesAt + capacity * this.stride;
    const rawAt = scalesAt + capacity * 4;
    const slotsAt = rawAt + capacity * 4;
    const { memory } = this.wasm;
    const pages = Math.ceil((slotsAt + capacity * 4) / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    this.capacity = capacity;
    const { buffer } = memory;
    this.query = new Float32Array(buffer, 0, this.dims);
    this.rows = new Float32Array(buffer, this.rowsAt, capacity * this.dims);
    this.query16 = new Int16Array(buffer, q16At, this.stride);
    this.codes = new Int8Array(buffer, codesAt, capacity * this.stride);
    this.scales = new Float32Array(buffer, scalesAt, capacity);
    this.raw = new Float32Array(buffer, rawAt, capacity);
    this.slots = new Int32Array(buffer, slotsAt, capacity);
    this.codes.set(codes);
    this.scales.set(scales);
  }

  /**
   * Refresh row `slot`'s int8 copy after its float values changed; its scale is multiplied by
   * `weight` (so `scanInt8` returns weighted scores). Returns the weighted scale.
   */
  quantize(slot: number, weight = 1): number {
    const codes = this.codes.subarray(slot * this.stride, (slot + 1) * this.stride);
    const scale = Math.fround(quantizeRow(this.rows, slot * this.dims, this.dims, codes) * weight);
    this.scales[slot] = scale;
    return scale;
  }

  /** Copy row `from` (floats and int8 copy) over row `to`. */
  move(from: number, to: number): void {
    const { dims, stride } = this;
    this.rows.copyWithin(to * dims, from * dims, (from + 1) * dims);
    this.codes.copyWithin(to * stride, from * stride, (from + 1) * stride);
    this.scales[to] = this.scales[from]!;
  }

  /** The raw per-row result for the first `count` rows; valid until the next scan or `reserve`. */
  scan(mode: ScanMode, query: Float32Array, count: number): Float32Array {
    this.query.set(query);
    this.wasm.scan(modeOf(mode), 0, this.rowsAt, count, this.dims, this.raw.byteOffset);
    return this.raw;
  }

  /** The raw result for rows `slots` (in that order); valid until the next scan or `reserve`. */
  scanAt(mode: ScanMode, query: Float32Array, slots: ArrayLike<number>): Float32Array {
    this.query.set(query);
    this.slots.set(slots);
    const { byteOffset } = this.slots;
    this.wasm.scan_at(modeOf(mode), 0, this.rowsAt, byteOffset, slots.length, this.dims, this.raw.byteOffset);
    return this.raw;
  }

  /**
   * Approximate dot products of the first `count` rows with the query whose int16 codes are
   * `query16` and scale `qscale` (`quantizeQuery`), from the rows' int8 copies.
   */
  scanInt8(query16: Int16Array, qscale: number, count: number): Float32Array {
    this.query16.set(query16);
    const { byteOffset } = this.query16;
    this.wasm.scan_i8(
      byteOffset,
      this.codes.byteOffset,
      count,
      this.stride,
      this.scales.byteOffset,
      qscale,
      this.raw.byteOffset,
    );
    return this.raw;
  }

  /**
   * `scanInt8`'s scores of rows [from, count), but only the rows scoring at least `floor`, in slot
   * order. The scores of rows [0, from) that `scanInt8` left are kept; both views are valid until
   * the next scan or `reserve`.
   */
  scanInt8Above(
    query16: Int16Array,
    qscale: number,
    from: number,
    count: number,
    floor: number,
  ): { slots: Int32Array; scores: Float32Array } {
    this.query16.set(query16);
    const scores = this.raw.subarray(from, count);
    const n = this.wasm.scan_i8_above(
      this.query16.byteOffset,
      this.codes.byteOffset,
      from,
      count,
      this.stride,
      this.scales.byteOffset,
      qscale,
      floor,
      this.slots.byteOffset,
      scores.byteOffset,
    );
    return { slots: this.slots.subarray(0, n), scores: scores.subarray(0, n) };
  }
}
