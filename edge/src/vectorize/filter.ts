/**
 * Vectorize metadata filters: validation as documented and compilation to a predicate over the
 * values a vector has in the configured metadata indexes.
 * Docs: https://developers.cloudflare.com/vectorize/reference/metadata-filtering/
 */
import { VectorizeStandInError } from './errors.ts';
import { truncateUtf8, utf8Bytes, VECTORIZE_LIMITS } from './limits.ts';

/** A scalar a metadata index holds for one vector. */
export type IndexedScalar = string | number | boolean;
/** The values one vector has in the metadata indexes (property name -> value); absent = not indexed. */
export type IndexedValues = Record<string, IndexedScalar>;
/** Compiled filter: true when a vector's indexed values match. */
export type FilterPredicate = (values: IndexedValues) => boolean;

type Scalar = IndexedScalar | null;
type Condition = (value: IndexedScalar | undefined) => boolean;

const fail = (message: string): never => {
  throw new VectorizeStandInError('VECTOR_QUERY', `invalid filter: ${message}`);
};

const isScalar = (v: unknown): v is Scalar =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

// Filter strings compare on the same 64-byte prefix the index keeps.
const norm = (v: Scalar): Scalar =>
  typeof v === 'string' ? truncateUtf8(v, VECTORIZE_LIMITS.maxIndexedStringBytes) : v;
const equals = (value: IndexedScalar | undefined, want: Scalar) =>
  want === null ? value === undefined : value === want;

function scalarOperand(op: string, key: string, v: unknown): Scalar {
  if (!isScalar(v)) fail(`${key}.${op} must be a string, number, boolean or null`);
  return norm(v as Scalar);
}

function listOperand(op: string, key: string, v: unknown): Scalar[] {
  if (!Array.isArray(v) || !v.every(isScalar)) {
    fail(`${key}.${op} must be an array of strings, numbers, booleans or null`);
  }
  return (v as Scalar[]).map(norm);
}

const RANGE_TESTS: Record<string, (order: number) => boolean> = {
  $lt: (o) => o < 0,
  $lte: (o) => o <= 0,
  $gt: (o) => o > 0,
  $gte: (o) => o >= 0,
};

// Range bounds are strings (ordered lexicographically) or numbers; a value of another type never matches.
function rangeCondition(op: string, key: string, bound: unknown): Condition {
  if (typeof bound !== 'string' && !(typeof bound === 'number' && Number.isFinite(bound))) {
    return fail(`${key}.${op} must be a string or a number`);
  }
  const test = RANGE_TESTS[op]!;
  return (v) => typeof v === typeof bound && test(v! < bound ? -1 : v! > bound ? 1 : 0);
}

function fieldConditions(key: string, spec: unknown): Condition[] {
  if (isScalar(spec)) {
    const want = norm(spec);
    return [(v) => equals(v, want)];
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return fail(`${key} must be a string, number, boolean, null or an operator object`);
  }
  const ops = Object.keys(spec);
  if (ops.length === 0) fail(`${key} has an empty operator object`);
  const ranges = ops.filter((op) => ['$lt', '$lte', '$gt', '$gte'].includes(op));
  const upper = ranges.filter((op) => op === '$lt' || op === '$lte').length;
  const lower = ranges.length - upper;
  // Docs: an upper bound may be combined with a lower bound; other combinations are not allowed.
  if (ops.length > 1 && (ranges.length !== ops.length || upper > 1 || lower > 1)) {
    fail(
      `${key} combines ${ops.join(', ')}; only one upper ($lt/$lte) with one lower ($gt/$gte) bound may be combined`,
    );
  }
  const entries = Object.entries(spec as Record<string, unknown>);
  return entries.map(([op, operand]): Condition => {
    switch (op) {
      case '$eq': {
        const want = scalarOperand(op, key, operand);
        return (v) => equals(v, want);
      }
      case '$ne': {
        const want = scalarOperand(op, key, operand);
        return (v) => !equals(v, want);
      }
      case '$in': {
        const list = listOperand(op, key, operand);
        return (v) => list.some((want) => equals(v, want));
      }
      case '$nin': {
        const list = listOperand(op, key, operand);
        return (v) => !list.some((want) => equals(v, want));
      }
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte':
        return rangeCondition(op, key, operand);
      default:
        return fail(`unknown operator ${op} on ${key} (supported: $eq $ne $in $nin $lt $lte $gt $gte)`);
    }
  });
}

function checkKey(key: string): void {
  if (key.length === 0) fail('keys must not be empty');
  if (key.startsWith('$')) fail(`key ${key} must not start with $`);
  if (key.includes('"')) fail(`key ${key} must not contain "`);
  if (key.length > VECTORIZE_LIMITS.maxFilterKeyLength) {
    fail(`key ${key.slice(0, 20)}... is longer than ${VECTORIZE_LIMITS.maxFilterKeyLength} characters`);
  }
}

/**
 * Validate a filter and compile it. Properties without a metadata index hold no values, so they
 * behave as absent on every vector (`$eq` matches nothing, `$ne` everything) — as in Vectorize, where
 * only indexed properties are filterable.
 */
export function compileFilter(filter: unknown): FilterPredicate {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) fail('must be an object');
  const keys = Object.keys(filter as object);
  if (keys.length === 0) fail('must be a non-empty object');
  const bytes = utf8Bytes(JSON.stringify(filter));
  if (bytes >= VECTORIZE_LIMITS.maxFilterJsonBytes) {
    fail(`compact JSON is ${bytes} bytes; it must be less than ${VECTORIZE_LIMITS.maxFilterJsonBytes}`);
  }
  const fields = keys.map((key) => {
    checkKey(key);
    return { key, conditions: fieldConditions(key, (filter as Record<string, unknown>)[key]) };
  });
  return (values) => fields.every(({ key, conditions }) => conditions.every((c) => c(values[key])));
}
