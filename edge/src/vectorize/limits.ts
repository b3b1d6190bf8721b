/**
 * Documented Vectorize (v2) limits the local stand-in enforces, so code that works locally does not
 * trip them in production. Sources: https://developers.cloudflare.com/vectorize/platform/limits/ and
 * https://developers.cloudflare.com/vectorize/reference/client-api/ (topK section).
 */
export const VECTORIZE_LIMITS = {
  /** `topK` when the query does not say. */
  defaultTopK: 5,
  /** Largest `topK` without values and without `returnMetadata: 'all'`. */
  maxTopK: 100,
  /** Largest `topK` with `returnValues: true` or `returnMetadata: 'all'` (or `true`). */
  maxTopKWithValuesOrAllMetadata: 20,
  maxDimensions: 1536,
  maxIdBytes: 64,
  maxNamespaceBytes: 64,
  maxMetadataBytes: 10 * 1024,
  /** Vectors per insert/upsert call from a Worker (the HTTP API allows 5000). */
  maxBatchFromWorker: 1000,
  maxMetadataIndexes: 10,
  /** Bytes of a string property that a metadata index keeps (and filters compare). */
  maxIndexedStringBytes: 64,
  /** A filter's compact JSON must be shorter than this. */
  maxFilterJsonBytes: 2048,
  maxFilterKeyLength: 512,
} as const;

/** The three distance metrics an index can be created with. */
export const METRICS = [
  'cosine',
  'euclidean',
  'dot-product',
] as const satisfies readonly VectorizeDistanceMetric[];

/** Types a metadata index can be created for (`wrangler vectorize create-metadata-index --type`). */
export const METADATA_INDEX_TYPES = ['string', 'number', 'boolean'] as const;
export type MetadataIndexType = (typeof METADATA_INDEX_TYPES)[number];

/** One configured metadata (property) index. */
export interface MetadataIndex {
  propertyName: string;
  indexType: MetadataIndexType;
}

/** What `wrangler vectorize create` takes: fixed at creation. */
export interface IndexConfig {
  dimensions: number;
  metric: VectorizeDistanceMetric;
}

/** Byte length of a string in UTF-8 (ids, namespaces and indexed strings are limited in bytes). */
export function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).byteLength;
}

/**
 * Longest prefix of `s` that fits in `max` UTF-8 bytes without splitting a character, which is what
 * a string metadata index keeps.
 */
export function truncateUtf8(s: string, max: number): string {
  if (s.length * 3 <= max) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > max) break;
    bytes += n;
    end += ch.length;
  }
  return s.slice(0, end);
}
