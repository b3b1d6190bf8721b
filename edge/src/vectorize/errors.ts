/**
 * Errors shaped like the real binding's (workerd `vectorize-api.ts` formats them as
 * `VECTOR_QUERY_ERROR (code = 40025): max top K is 50, but got 60`), so log lines and tests read the same.
 */
export type VectorizeOperation =
  | 'INDEX_GET'
  | 'VECTOR_QUERY'
  | 'VECTOR_INSERT'
  | 'VECTOR_UPSERT'
  | 'VECTOR_GET'
  | 'VECTOR_DELETE';

/** Error thrown by the stand-in for bad input, carrying the operation in its message like the binding. */
export class VectorizeStandInError extends Error {
  constructor(operation: VectorizeOperation, message: string, code?: number) {
    super(`${operation}_ERROR${code === undefined ? '' : ` (code = ${code})`}: ${message}`);
    this.name = 'VectorizeStandInError';
  }
}

/** Code the service uses for an out-of-range topK (seen in the wild; the docs list no codes). */
export const TOPK_ERROR_CODE = 40025;

/**
 * A service error the stand-in object returns instead of throwing, for one that normal traffic
 * meets (`queryById` of an id the index lacks: a product newer than the index). An RPC method that
 * throws is logged by workerd as an uncaught exception in the object, in every shop's `wrangler dev`
 * output, though the caller handles it; `DurableVectorize` throws it on the caller's side instead.
 */
export interface StandInFailure {
  standInError: { operation: VectorizeOperation; message: string };
}

export const isStandInFailure = (r: unknown): r is StandInFailure =>
  typeof r === 'object' && r !== null && 'standInError' in r;
