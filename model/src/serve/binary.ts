/** A tiny little-endian section writer/reader for the artifact binaries (pure; runs in workerd). */

/** Appends typed sections, each 8-byte aligned, after a magic and a JSON header. */
export function createBinaryWriter(magic: string, header: unknown) {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    size += bytes.length;
    const pad = (8 - (size % 8)) % 8;
    if (pad) {
      parts.push(new Uint8Array(pad));
      size += pad;
    }
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(8);
  head.set(new TextEncoder().encode(magic.slice(0, 4)));
  new DataView(head.buffer).setUint32(4, json.length, true);
  parts.push(head);
  size += 8;
  push(json);
  return {
    /** Append one typed array (copied). */
    add(a: Float64Array | Float32Array | Int32Array | Int8Array): void {
      push(new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));
    },
    /** The whole file. */
    finish(): Uint8Array {
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
  };
}

/** Reads what `createBinaryWriter` wrote; sections are read in the order they were added. */
export function createBinaryReader(bytes: Uint8Array, magic: string) {
  const found = new TextDecoder().decode(bytes.subarray(0, 4));
  if (found !== magic) throw new Error(`not a ${magic} file (magic ${JSON.stringify(found)})`);
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const header: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength)));
  let at = 8 + jsonLength + ((8 - (jsonLength % 8)) % 8);
  const take = <T>(n: number, width: number, make: (b: ArrayBuffer) => T): T => {
    if (at + n * width > bytes.length) throw new Error(`${magic} file is truncated`);
    // Copy: `bytes` may be a Node Buffer, whose slice() is a view into a larger pooled buffer.
    const copy = new Uint8Array(bytes.subarray(at, at + n * width)).buffer;
    at += n * width + ((8 - ((n * width) % 8)) % 8);
    return make(copy);
  };
  return {
    header,
    f64: (n: number) => take(n, 8, (b) => new Float64Array(b)),
    f32: (n: number) => take(n, 4, (b) => new Float32Array(b)),
    i32: (n: number) => take(n, 4, (b) => new Int32Array(b)),
    i8: (n: number) => take(n, 1, (b) => new Int8Array(b)),
  };
}
