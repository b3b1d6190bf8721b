/**
 * Input checks of the stand-in, mirroring the documented limits so that bad calls fail locally the
 * way they would against Vectorize (with a message saying what is wrong).
 */
import { TOPK_ERROR_CODE, type VectorizeOperation, VectorizeStandInError } from './errors.ts';
import { VECTORIZE_LIMITS as L, utf8Bytes } from './limits.ts';

/** A query's options after defaults and checks. */
export interface QueryPlan {
  topK: number;
  namespace: string | undefined;
  returnValues: boolean;
  returnMetadata: VectorizeMetadataRetrievalLevel;
  filter: VectorizeVectorMetadataFilter | undefined;
}

/** Check that `values` is a dense numeric vector of the index's dimension, as a Float32Array. */
export function checkValues(
  op: VectorizeOperation,
  values: unknown,
  dims: number,
  what: string,
): Float32Array {
  const ok = Array.isArray(values) || values instanceof Float32Array || values instanceof Float64Array;
  if (!ok) throw new VectorizeStandInError(op, `${what} must be a number[], Float32Array or Float64Array`);
  const arr = values as ArrayLike<number>;
  if (arr.length !== dims) {
    throw new VectorizeStandInError(op, `${what} has ${arr.length} dimensions; the index has ${dims}`);
  }
  const out = new Float32Array(dims);
  for (let j = 0; j < dims; j++) {
    const x = arr[j];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new VectorizeStandInError(op, `${what}[${j}] is not a finite number`);
    }
    out[j] = x;
  }
  return out;
}

/** Check one vector of an insert/upsert (id, namespace, metadata size); values are checked separately. */
export function checkVector(op: VectorizeOperation, v: unknown, index: number): VectorizeVector {
  if (typeof v !== 'object' || v === null)
    throw new VectorizeStandInError(op, `vectors[${index}] is not an object`);
  const { id, namespace, metadata } = v as Partial<VectorizeVector>;
  if (typeof id !== 'string' || id.length === 0 || utf8Bytes(id) > L.maxIdBytes) {
    throw new VectorizeStandInError(
      op,
      `vectors[${index}].id must be a non-empty string of at most ${L.maxIdBytes} bytes`,
    );
  }
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || utf8Bytes(namespace) > L.maxNamespaceBytes)
  ) {
    throw new VectorizeStandInError(
      op,
      `vectors[${index}].namespace must be a string of at most ${L.maxNamespaceBytes} bytes`,
    );
  }
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new VectorizeStandInError(op, `vectors[${index}].metadata must be an object`);
    }
    const bytes = utf8Bytes(JSON.stringify(metadata));
    if (bytes > L.maxMetadataBytes) {
      throw new VectorizeStandInError(
        op,
        `vectors[${index}].metadata is ${bytes} bytes; the limit is ${L.maxMetadataBytes}`,
      );
    }
  }
  return v as VectorizeVector;
}

/** Check a Worker-side insert/upsert batch size. */
export function checkBatch(op: VectorizeOperation, vectors: unknown): unknown[] {
  if (!Array.isArray(vectors) || vectors.length === 0) {
    throw new VectorizeStandInError(op, 'expected a non-empty array of vectors');
  }
  if (vectors.length > L.maxBatchFromWorker) {
    throw new VectorizeStandInError(
      op,
      `${vectors.length} vectors in one call; the limit from a Worker is ${L.maxBatchFromWorker}`,
    );
  }
  return vectors;
}

/** Check a list of ids for getByIds / deleteByIds. */
export function checkIds(op: VectorizeOperation, ids: unknown): string[] {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new VectorizeStandInError(op, 'ids must be an array of strings');
  }
  return ids;
}

/** Apply defaults (topK 5, no values, no metadata) and the documented topK limits. */
export function planQuery(options: VectorizeQueryOptions = {}): QueryPlan {
  const { topK = L.defaultTopK, namespace, returnValues = false, returnMetadata = 'none', filter } = options;
  let level: VectorizeMetadataRetrievalLevel;
  if (typeof returnMetadata === 'boolean') level = returnMetadata ? 'all' : 'none';
  else if (returnMetadata === 'none' || returnMetadata === 'indexed' || returnMetadata === 'all')
    level = returnMetadata;
  else {
    throw new VectorizeStandInError(
      'VECTOR_QUERY',
      `Invalid returnMetadata option. Expected: true, false, "none", "indexed" or "all"; got: ${String(returnMetadata)}`,
    );
  }
  if (typeof returnValues !== 'boolean')
    throw new VectorizeStandInError('VECTOR_QUERY', 'returnValues must be a boolean');
  const max = returnValues || level === 'all' ? L.maxTopKWithValuesOrAllMetadata : L.maxTopK;
  if (!Number.isInteger(topK) || topK < 1 || topK > max) {
    throw new VectorizeStandInError('VECTOR_QUERY', `max top K is ${max}, but got ${topK}`, TOPK_ERROR_CODE);
  }
  if (namespace !== undefined && typeof namespace !== 'string') {
    throw new VectorizeStandInError('VECTOR_QUERY', 'namespace must be a string');
  }
  return { topK, namespace, returnValues, returnMetadata: level, filter };
}
