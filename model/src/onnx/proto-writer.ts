/**
 * A minimal protobuf wire-format writer (varints, fixed32 floats, length-delimited fields, repeated
 * fields): enough to write the ONNX subset of onnx-proto.ts without a schema compiler, so
 * a model can be built anywhere, workerd included (protobufjs compiles its codecs with `new
 * Function`, which workerd refuses). Pure.
 */

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
const encoder = new TextEncoder();

/** Bytes of one message under construction; nested messages are written into their own writer. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private scratch: number[] = [];

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private varint(n: number): void {
    const out = this.scratch;
    out.length = 0;
    if (n < 0 || n > Number.MAX_SAFE_INTEGER) {
      // Negative int64s are ten bytes of two's complement, as every protobuf runtime writes them.
      let v = BigInt.asUintN(64, BigInt(Math.trunc(n)));
      while (v > 0x7fn) {
        out.push(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
      }
      out.push(Number(v));
    } else {
      while (n > 0x7f) {
        out.push((n % 0x80) | 0x80);
        n = Math.floor(n / 0x80);
      }
      out.push(n);
    }
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** An int32 / int64 field (written even when 0: callers leave out what they do not set). */
  int(field: number, value: number | undefined): this {
    if (value === undefined || value === null) return this;
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A float field (fixed32, little-endian). */
  float(field: number, value: number | undefined): this {
    if (value === undefined || value === null) return this;
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  /** A string field. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === null) return this;
    return this.bytes(field, encoder.encode(value));
  }

  /** A bytes field. */
  bytes(field: number, value: Uint8Array | undefined): this {
    if (value === undefined || value === null) return this;
    this.tag(field, WIRE_LEN);
    this.varint(value.length);
    this.push(value);
    return this;
  }

  /** Each string of a repeated string field. */
  strings(field: number, values: readonly string[] | undefined): this {
    for (const v of values ?? []) this.string(field, v);
    return this;
  }

  /**
   * Each value of a repeated int32 / int64 field, one tagged value each (not packed: the bytes
   * protobufjs wrote for the same schema, which every protobuf reader accepts).
   */
  ints(field: number, values: readonly number[] | undefined): this {
    for (const v of values ?? []) this.int(field, v);
    return this;
  }

  /** Each value of a repeated float field, one tagged fixed32 each. */
  floats(field: number, values: readonly number[] | undefined): this {
    for (const v of values ?? []) this.float(field, v);
    return this;
  }

  /** A nested message field, written by `write` into its own writer. */
  message(field: number, write: ((w: ProtoWriter) => void) | undefined): this {
    if (!write) return this;
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  /** Each message of a repeated message field. */
  messages<T>(field: number, values: readonly T[] | undefined, write: (w: ProtoWriter, v: T) => void): this {
    for (const v of values ?? []) this.message(field, (w) => write(w, v));
    return this;
  }

  /** The message's bytes. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
