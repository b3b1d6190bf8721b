/**
 * What a vector contributes to the metadata indexes: for each configured property (dot = nesting),
 * the value when its type matches the index type, strings cut to the indexed 64-byte prefix.
 */
import type { IndexedValues } from './filter.ts';
import { type MetadataIndex, truncateUtf8, VECTORIZE_LIMITS } from './limits.ts';

/** Value at a dotted path (`"pandas.nice"` looks in `{ pandas: { nice } }`), or undefined. */
function lookup(metadata: Record<string, unknown>, path: string): unknown {
  let node: unknown = metadata;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The indexed values of one vector's metadata under the given metadata indexes. */
export function indexedValues(
  metadata: Record<string, unknown> | undefined,
  indexes: readonly MetadataIndex[],
): IndexedValues {
  const out: IndexedValues = {};
  if (!metadata) return out;
  for (const { propertyName, indexType } of indexes) {
    const value = lookup(metadata, propertyName);
    if (indexType === 'number' && typeof value === 'number' && Number.isFinite(value))
      out[propertyName] = value;
    else if (indexType === 'boolean' && typeof value === 'boolean') out[propertyName] = value;
    else if (indexType === 'string' && typeof value === 'string') {
      out[propertyName] = truncateUtf8(value, VECTORIZE_LIMITS.maxIndexedStringBytes);
    }
  }
  return out;
}

/**
 * `returnMetadata: 'indexed'` answer: the indexed properties (strings as truncated by the index),
 * dotted property names nested back into objects.
 */
export function indexedAsMetadata(values: IndexedValues): Record<string, VectorizeVectorMetadata> {
  const out: Record<string, VectorizeVectorMetadata> = {};
  for (const [path, value] of Object.entries(values)) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      out[path] = value;
      continue;
    }
    const head = path.slice(0, dot);
    const parent = (out[head] ?? {}) as Record<string, VectorizeVectorMetadataValue>;
    parent[path.slice(dot + 1)] = value;
    out[head] = parent;
  }
  return out;
}
