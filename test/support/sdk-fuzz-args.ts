/**
 * Hostile arguments for the SDK's public API: fast-check generates *descriptions* in Node (plain
 * JSON, so they survive the trip into the page and print in a failure report), and `runCalls`
 * builds the values inside the page, where getters that throw, Proxies, cycles, symbols, BigInt,
 * functions, -0 and NaN exist.
 */
import fc from 'fast-check';
import { EVENT_ALIASES, EVENT_TYPES } from '../../contracts/event-types.ts';

/** Values that only exist in the page (built by `runCalls`). */
export const HOSTILE = [
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  'bigint',
  'symbol',
  'function',
  'throwingFunction',
  'throwingGetter',
  'proxy',
  'revokedProxy',
  'cyclic',
  'cyclicArray',
  'huge',
  'hugeArray',
  'deep',
  'toJSONThrows',
  'toJSONHuge',
  'toPrimitiveThrows',
  'nullProto',
  'manyKeys',
  'longKey',
  'date',
  'map',
  'typedArray',
  'stringObject',
  'loneSurrogate',
  'window',
  'element',
  'rec',
] as const;

/** A value description: JSON, an array `$a`, an object `$o` of own [key, value] pairs, a hostile `$h`, or a getter `$flip` that changes value after the first read. */
export type Desc =
  | string
  | number
  | boolean
  | null
  | { $a: Desc[] }
  | { $o: [string, Desc][] }
  | { $h: (typeof HOSTILE)[number] }
  | { $flip: [Desc, Desc] };

const eventName = fc.constantFrom(...EVENT_TYPES, ...Object.keys(EVENT_ALIASES));
const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'product_id', 'item_id', 'toJSON', 'analytics'),
  fc.constantFrom('personalization', 'storage', 'path', 'title', 'products', 'items'),
);
const leaf: fc.Arbitrary<Desc> = fc.oneof(
  eventName,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...HOSTILE).map((h) => ({ $h: h })),
);

/** Any argument. */
export const desc: fc.Arbitrary<Desc> = fc.letrec<{ v: Desc }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }).map(($a) => ({ $a })),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map(($o) => ({ $o })),
    fc.tuple(tie('v'), tie('v')).map(($flip) => ({ $flip })),
  ),
})).v;

/** A props-shaped object: what the SDK is meant to take, with hostile values inside. */
const props = fc.array(fc.tuple(key, desc), { maxLength: 6 }).map(($o): Desc => ({ $o }));
const fn = fc.constantFrom<Desc>({ $h: 'function' }, { $h: 'throwingFunction' });

/** One call: method, arguments, and whether it is called detached (no `this`). */
export type Call = [method: string, args: Desc[], detached: boolean];

const args = (...items: fc.Arbitrary<Desc>[]) =>
  fc.oneof(fc.tuple(...items), fc.array(desc, { maxLength: 3 }));
const method = (name: string, a: fc.Arbitrary<Desc[]>): fc.Arbitrary<Call> =>
  fc.tuple(fc.constant(name), a, fc.boolean());
const consentUpdate = fc.record({
  analytics: fc.oneof(fc.boolean(), desc),
  personalization: fc.oneof(fc.boolean(), desc),
});

/** Every public method of `window.rec`, the typed shape weighted so calls get past validation too. */
export const call: fc.Arbitrary<Call> = fc.oneof(
  { arbitrary: method('track', args(eventName, props)), weight: 6 },
  method('track', args(desc, desc)),
  method('page', args(props)),
  method('identify', args(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), desc))),
  method('consent', args(consentUpdate.map((u): Desc => ({ $o: Object.entries(u) as [string, Desc][] })))),
  method('flush', args()),
  method('on', args(fc.constantFrom('consent', 'track', 'session', '__proto__', 'constructor'), fn)),
  method('ready', args(fn)),
  method('context', args()),
  method('stats', args()),
  method(
    'extend',
    args(
      fc.constantFrom('recommend', 'track', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'),
      fn,
    ),
  ),
);

/** What running the calls in the page observed. */
export interface CallReport {
  /** Exceptions that escaped a call (none allowed). */
  thrown: string[];
  /** Promises returned by the SDK that rejected or never settled (none allowed). */
  rejected: string[];
  /** Damage to the SDK's surface or to the page's globals (none allowed). */
  damaged: string[];
}

/**
 * In the page: build the arguments described by `json` (a `Call[]`), run the calls, await what
 * they return, and check that `window.rec` and `Object.prototype` are as before. Self-contained:
 * Playwright sends its source to the page.
 */
export async function runCalls(json: string): Promise<CallReport> {
  const g = globalThis as unknown as Record<string, unknown> & { document: { body: unknown } };
  const rec = g.rec as Record<string, (...a: unknown[]) => unknown>;
  const boom = () => {
    throw new Error('hostile');
  };
  const hostile = (name: string): unknown => {
    const cyclic: Record<string, unknown> = { product_id: 'sku-1' };
    cyclic.self = cyclic;
    const cyclicArray: unknown[] = [1];
    cyclicArray.push(cyclicArray);
    const trap = new Proxy(
      {},
      { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom },
    );
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const table: Record<string, () => unknown> = {
      undefined: () => undefined,
      NaN: () => Number.NaN,
      Infinity: () => Number.POSITIVE_INFINITY,
      '-0': () => -0,
      bigint: () => BigInt(10),
      symbol: () => Symbol('s'),
      function: () => () => 1,
      throwingFunction: () => boom,
      throwingGetter: () =>
        Object.defineProperty({ product_id: 'sku-2' }, 'bad', { get: boom, enumerable: true }),
      proxy: () => trap,
      revokedProxy: () => revocable.proxy,
      cyclic: () => cyclic,
      cyclicArray: () => cyclicArray,
      huge: () => 'x'.repeat(1_000_000),
      hugeArray: () => new Array(100_000).fill(1),
      deep: () => deep,
      toJSONThrows: () => ({ toJSON: boom }),
      toJSONHuge: () => ({ toJSON: () => 'y'.repeat(100_000) }),
      toPrimitiveThrows: () => ({ [Symbol.toPrimitive]: boom, toString: boom, valueOf: boom }),
      nullProto: () => Object.assign(Object.create(null), { product_id: 'sku-3' }),
      manyKeys: () => Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
      longKey: () => ({ ['k'.repeat(3000)]: 1 }),
      date: () => new Date(),
      map: () => new Map([[1, 2]]),
      typedArray: () => new Uint8Array(4),
      stringObject: () => new String('Product Viewed'),
      loneSurrogate: () => '\uD800x\uDFFF',
      window: () => globalThis,
      element: () => g.document.body,
      rec: () => rec,
    };
    return table[name]!();
  };
  const build = (d: unknown): unknown => {
    if (d === null || typeof d !== 'object') return d;
    const o = d as Record<string, unknown>;
    if ('$h' in o) return hostile(o.$h as string);
    if ('$a' in o) return (o.$a as unknown[]).map(build);
    if ('$flip' in o) {
      const [first, then] = o.$flip as unknown[];
      let reads = 0;
      return Object.defineProperty({}, 'flip', {
        enumerable: true,
        get: () => build(reads++ ? then : first),
      });
    }
    const out: Record<string, unknown> = {};
    // defineProperty: an own `__proto__` key, as JSON.parse makes it, not a prototype change.
    for (const [k, v] of o.$o as [string, unknown][])
      Object.defineProperty(out, k, {
        value: build(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };

  const report: CallReport = { thrown: [], rejected: [], damaged: [] };
  // The core methods (extensions such as `recommend` may be replaced by design).
  const names = [
    'track',
    'page',
    'identify',
    'consent',
    'flush',
    'on',
    'ready',
    'context',
    'stats',
    'extend',
  ];
  const core = Object.fromEntries(names.map((n) => [n, rec[n]]));
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();
  const waits: Promise<void>[] = [];
  for (const [name, descs, detached] of JSON.parse(json) as [string, unknown[], boolean][]) {
    try {
      const args = descs.map(build);
      const method = rec[name]!;
      const result = detached ? method(...args) : method.apply(rec, args);
      if (result instanceof Promise) {
        const late = new Promise<string>((resolve) => setTimeout(resolve, 10_000, 'late'));
        waits.push(
          Promise.race([result.then(() => undefined), late]).then(
            (r) => void (r === 'late' && report.rejected.push(`${name}: never settled`)),
            (e) => void report.rejected.push(`${name}: ${String(e)}`),
          ),
        );
      }
    } catch (error) {
      report.thrown.push(`${name}: ${String(error)}`);
    }
  }
  await Promise.all(waits);
  for (const [name, value] of Object.entries(core))
    if (rec[name] !== value) report.damaged.push(`rec.${name} was replaced`);
  if (Object.getPrototypeOf(rec) !== Object.prototype) report.damaged.push("rec's prototype changed");
  if (Object.getOwnPropertyNames(Object.prototype).join() !== protoKeys)
    report.damaged.push('Object.prototype changed');
  return report;
}
