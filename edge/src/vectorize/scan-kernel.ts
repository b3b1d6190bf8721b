/**
 * Rows of float32 vectors in WebAssembly memory, scanned by the SIMD kernel of `scan.wat`.
 * Layout: [query | rows (capacity x dims) | raw scores (capacity)]; rows never move when the
 * capacity grows (only the scratch scores do), so growing copies nothing.
 */
import scanModule from './scan.wasm';

interface ScanExports {
  memory: WebAssembly.Memory;
  scan(mode: number, q: number, v: number, n: number, dims: number, out: number): void;
}

const PAGE = 65536;

/** What one scan computes per row: the dot product, or the squared L2 distance. */
export type ScanMode = 'dot' | 'l2sq';

/** One index's vectors and the kernel that scans them. */
export class ScanKernel {
  readonly dims: number;
  private readonly wasm: ScanExports;
  private readonly rowsAt: number;
  private capacity = 0;
  /** All rows; a view that `reserve` replaces (growing the memory detaches old views). */
  rows = new Float32Array(0);
  private query = new Float32Array(0);
  private raw = new Float32Array(0);

  constructor(dims: number, capacity: number) {
    this.dims = dims;
    this.wasm = new WebAssembly.Instance(scanModule).exports as unknown as ScanExports;
    this.rowsAt = Math.ceil(dims / 4) * 16; // the query, padded to whole f32x4 lanes
    this.reserve(capacity);
  }

  /** Make room for at least `capacity` rows, keeping the stored ones. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const rowBytes = this.dims * 4;
    const scoresAt = this.rowsAt + capacity * rowBytes;
    const { memory } = this.wasm;
    const pages = Math.ceil((scoresAt + capacity * 4) / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    this.capacity = capacity;
    this.query = new Float32Array(memory.buffer, 0, this.dims);
    this.rows = new Float32Array(memory.buffer, this.rowsAt, capacity * this.dims);
    this.raw = new Float32Array(memory.buffer, scoresAt, capacity);
  }

  /** The raw per-row result for the first `count` rows; valid until the next scan or `reserve`. */
  scan(mode: ScanMode, query: Float32Array, count: number): Float32Array {
    this.query.set(query);
    const out = this.raw.byteOffset;
    this.wasm.scan(mode === 'l2sq' ? 1 : 0, 0, this.rowsAt, count, this.dims, out);
    return this.raw;
  }
}
