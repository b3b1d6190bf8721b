/**
 * Shape limits for JSON the API accepts, beside the size limits in `limits.ts`: nesting depth,
 * number of keys, string lengths, finite numbers, no keys that name an object's prototype. What
 * passes is storable and loggable as sent (SQLite's JSON functions stop at depth 1,000; `1e400`
 * parses as Infinity and would be logged as `null`). Dependency-free: the SDK checks `props` with it.
 *
 * Duplicate keys in a JSON text: the last one wins (what `JSON.parse` does); the value stored is
 * the one `JSON.parse` returned, and that is what reads back.
 */

/** Limits one JSON value is held to. */
export interface JsonShapeLimits {
  /** Deepest nesting of objects and arrays; the value itself is depth 1. */
  maxDepth: number;
  /** Most object keys and array elements, counted over the whole value. */
  maxEntries: number;
  /** Longest string, key or value, in UTF-16 code units. */
  maxStringLength: number;
}

/** The limits of an event's `props`. */
export const PROPS_SHAPE: JsonShapeLimits = { maxDepth: 8, maxEntries: 256, maxStringLength: 2048 };
/** The limits of any request body, checked before the route's schema. */
export const BODY_SHAPE: JsonShapeLimits = {
  maxDepth: 16,
  maxEntries: 100_000,
  maxStringLength: 65_536, // 64 KiB; a literal, so bundles that never read BODY_SHAPE drop it
};

/** Keys refused anywhere: assigning them to an object reaches its prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with a JSON value and where (dotted path from `root`). */
export interface JsonShapeProblem {
  path: string;
  message: string;
}

/** The limit a value breaks, as `jsonShapeFault` names it (short: the SDK bundles these words). */
export type JsonShapeRule =
  | 'too long'
  | 'not finite'
  | 'too deep'
  | 'too many entries'
  | 'key not allowed'
  | 'key too long';

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first shape problem of `value` (as `JSON.parse` returns it) as `[path, rule]`, or undefined.
 * Iterative, so a hostile 64 KB of `[[[[…` cannot overflow the stack before the depth limit is
 * found. Paths and rule words only: the SDK bundles this; the messages stay in `jsonShapeProblem`.
 */
export function jsonShapeFault(
  value: unknown,
  limits: JsonShapeLimits,
  root = '',
): [path: string, rule: JsonShapeRule] | undefined {
  const stack: [unknown, string, number][] = [[value, root, 1]];
  let entries = 0;
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return [path, 'too long'];
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return [path, 'not finite'];
    } else if (v !== null && typeof v === 'object') {
      if (depth > limits.maxDepth) return [path, 'too deep'];
      const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
      entries += keys.length;
      if (entries > limits.maxEntries) return [path, 'too many entries'];
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const at = join(path, key);
        if (typeof key === 'string') {
          if (FORBIDDEN_KEYS.has(key)) return [at, 'key not allowed'];
          if (key.length > limits.maxStringLength) return [path, 'key too long'];
        }
        stack.push([(v as Record<string | number, unknown>)[key], at, depth + 1]);
      }
    }
  }
  return undefined;
}

/** The first shape problem of `value` with the message the API answers, or undefined. */
export function jsonShapeProblem(
  value: unknown,
  limits: JsonShapeLimits,
  root = '',
): JsonShapeProblem | undefined {
  const fault = jsonShapeFault(value, limits, root);
  if (!fault) return undefined;
  const [path, rule] = fault;
  const at = path || 'value';
  const message = {
    'too long': `${at}: strings must be at most ${limits.maxStringLength} characters`,
    'not finite': `${at}: numbers must be finite`,
    'too deep': `${at}: nesting deeper than ${limits.maxDepth} levels`,
    'too many entries': `${root || 'value'}: more than ${limits.maxEntries} keys and elements in all`,
    'key not allowed': `${path}: the key ${path.slice(path.lastIndexOf('.') + 1)} is not allowed`,
    'key too long': `${at}: keys must be at most ${limits.maxStringLength} characters`,
  }[rule];
  return { path, message };
}
