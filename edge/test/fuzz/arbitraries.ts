/**
 * Generators of hostile input for the fuzz suite. Bodies are built as JSON *text*, so they can hold
 * what no JS object can be serialised to: duplicate keys, `__proto__` as a plain key, 1e400, lone
 * surrogates, 3,000 levels of nesting. Valid parts are common enough that many cases pass
 * validation and reach the Durable Objects and SQLite.
 */
import fc from 'fast-check';
import { EVENT_ALIASES, EVENT_TYPES } from '../../../contracts/event-types.ts';

const str = (s: string) => JSON.stringify(s);

/** Any string, including lone surrogates, control characters and long ones. */
export const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', 'null', '../../etc', '%00', '\u0000', '\ud800', 'x'.repeat(3000)),
);

/** Keys that matter somewhere: prototype names, item fields the edge reads, the empty key. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('product_id', 'item_id', 'products', 'items', '', '__proto__', 'constructor'),
  },
);

/** Numbers as text, the ones JSON.parse turns into something else included. */
const numberText = fc.oneof(
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : '0')),
  fc.integer().map(String),
  fc.constantFrom('1e400', '-1e400', '-0', '1e-400', '123456789012345678901234567890', '0.1', '1E5'),
);

const leafText = fc.oneof(
  anyString.map(str),
  numberText,
  fc.constantFrom('true', 'false', 'null', '"\\ud800"', '"\\u0000"'),
);

/** Any JSON text: nested arrays and objects with duplicate and prototype keys. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafText,
    fc.array(tie('value'), { maxLength: 4 }).map((a) => `[${a.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 4 })
      .map((kv) => `{${kv.map(([k, v]) => `${str(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** Nesting a hostile client would send: up to 3,000 levels. */
export const deepText = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{"a":'))
  .map(([n, open]) => `${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}`);

const validItemId = fc.stringMatching(/^[\x21-\x7e]{1,20}$/);
const validId = fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/);
const TYPE_NAMES = [...EVENT_TYPES, ...Object.keys(EVENT_ALIASES)];

/** Event `props` as text: mostly what shops send, sometimes anything. */
const propsText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        product_id: validItemId,
        price: fc.double({ min: 0, max: 1e6, noNaN: true }),
        title: anyString,
      })
      .map((p) => JSON.stringify(p)),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.record({ product_id: fc.oneof(validItemId, anyString), quantity: fc.integer() }), {
        maxLength: 3,
      })
      .map((products) => JSON.stringify({ products })),
  },
  { weight: 2, arbitrary: jsonText.map((v) => `{"x":${v}}`) },
  { weight: 1, arbitrary: jsonText },
  { weight: 1, arbitrary: deepText.map((d) => `{"d":${d}}`) },
);

/** A field that is usually valid and sometimes any JSON at all (1 in 40: most batches stay valid). */
const mostly = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 39, arbitrary: valid }, { weight: 1, arbitrary: jsonText });

const eventText = fc
  .record(
    {
      id: mostly(validId.map(str)),
      type: mostly(
        fc
          .oneof(
            { weight: 9, arbitrary: fc.constantFrom(...TYPE_NAMES) },
            { weight: 1, arbitrary: anyString },
          )
          .map(str),
      ),
      // Mostly times up to now; some far ahead, which the server refuses (more than 5 minutes).
      ts: mostly(
        fc
          .oneof(
            { weight: 9, arbitrary: fc.integer({ min: 1_600_000_000_000, max: Date.now() }) },
            { weight: 1, arbitrary: fc.integer({ min: 1_600_000_000_000, max: 4_000_000_000_000 }) },
          )
          .map(String),
      ),
      itemId: mostly(validItemId.map(str)),
      props: propsText,
    },
    { requiredKeys: ['id', 'type', 'ts'] },
  )
  .chain((fields) =>
    // Now and then a field the contract does not have.
    fc
      .oneof({ weight: 19, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: jsonText })
      .map((extra) => (extra === null ? fields : { ...fields, extra })),
  )
  .map(
    (fields) =>
      `{${Object.entries(fields)
        .map(([k, v]) => `${str(k)}:${v}`)
        .join(',')}}`,
  );

/** Placeholder for the fresh session id each case gets (so state can be read back before and after). */
export const SESSION = 'SESSION_PLACEHOLDER';

/** A `POST /v1/events` body as text: a batch (mostly well-formed), any JSON, or not JSON at all. */
export const batchText = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          sessionId: mostly(fc.constant(str(SESSION))),
          userId: mostly(fc.stringMatching(/^[\w.@-]{1,40}$/).map(str)),
          consent: mostly(
            fc
              .record({ analytics: fc.boolean(), personalization: fc.boolean() })
              .map((c) => JSON.stringify(c)),
          ),
          events: mostly(fc.array(eventText, { minLength: 1, maxLength: 4 }).map((e) => `[${e.join(',')}]`)),
        },
        { requiredKeys: ['sessionId', 'consent', 'events'] },
      )
      .map(
        (fields) =>
          `{${Object.entries(fields)
            .map(([k, v]) => `${str(k)}:${v}`)
            .join(',')}}`,
      ),
  },
  { weight: 1, arbitrary: jsonText },
  { weight: 1, arbitrary: fc.oneof(anyString, deepText, fc.constant('')) },
);

/** `s` as an HTTP client can send it in a header (fetch refuses NUL, CR, LF and non-Latin-1). */
export const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e]/g, '');

/** Usually one of `good`, sometimes one of `bad` (most requests should get past the headers). */
const usually = <T>(good: readonly T[], bad: readonly T[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );

/** Content types a client may send, right and wrong. */
export const contentType = usually(
  [
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'text/plain;charset=UTF-8',
  ],
  ['text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ';;;', ''],
);
/** Content encodings (the body is never actually encoded: a lie to see what the edge does). */
export const contentEncoding = usually([undefined, 'identity'], ['gzip', 'br', 'x-unknown']);
/** Origins: the demo's, another site's, `null`, junk. */
export const origin = usually(
  [undefined, 'http://localhost:8787'],
  ['https://evil.example', 'null', 'not a url', 'http://localhost:8787/'],
);
/** Site keys: the demo's, unknown, malformed. */
export const siteKey = fc.oneof(
  { weight: 12, arbitrary: fc.constant('demo') },
  { weight: 1, arbitrary: anyString },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
/** Authorization headers: the test token, near misses, junk. */
export const authorization = fc.oneof(
  { weight: 3, arbitrary: fc.constant('Bearer test-admin-token') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      undefined,
      'bearer test-admin-token',
      'Bearer ',
      'Basic dGVzdA==',
      'Bearer test-admin-tokenx',
    ),
  },
  { weight: 1, arbitrary: anyString.map((s) => `Bearer ${headerSafe(s)}`) },
);

/** Percent-encode `s` (lone surrogates, which no URL can carry as text, become U+FFFD). */
export const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** A path segment: valid-looking ids, traversal, encoded junk. */
export const pathSegment = fc.oneof(
  validId,
  fc.constantFrom(
    'a',
    'b',
    'c',
    '..',
    '%2e%2e',
    '%00',
    '%ED%A0%80',
    '%FF',
    '%',
    'constructor',
    '__proto__',
    'fixture-fz',
    'manifest.json',
    'tower',
    'signals',
    'active',
  ),
  anyString.map((s) => encode(s)),
);

/** A query string over the given parameter names (plus unknown ones), values valid-looking or junk. */
export function queryOf(names: readonly string[], valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const param = fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyString }),
    fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: anyString }),
  );
  return fc
    .array(param, { maxLength: names.length + 2 })
    .map((ps) => ps.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}
