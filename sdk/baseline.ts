/**
 * Browser APIs newer than the SDK's declared browsers (Chrome/Edge 80+, Firefox 74+, Safari 14+).
 * esbuild lowers *syntax* to `SDK_TARGET` but never polyfills an *API*: a call to one of these
 * throws in an older browser, and the SDK's `safe()` wrappers turn that into silent loss of data.
 * `sdk/test/baseline.test.ts` scans every built bundle for them.
 */

/** One API the declared browsers lack, how it looks in minified code, and where it first shipped. */
export interface LateApi {
  api: string;
  pattern: RegExp;
  /** The first version of the browser among the declared ones that ships it last. */
  since: string;
}

/** The APIs checked; each is missing from at least one of the declared browsers. */
export const LATE_APIS: readonly LateApi[] = [
  { api: 'Object.hasOwn', pattern: /\bhasOwn\b/, since: 'Safari 15.4, Chrome 93' },
  { api: 'Array/String.prototype.at', pattern: /\.at\(/, since: 'Safari 15.4, Chrome 92' },
  { api: 'structuredClone', pattern: /\bstructuredClone\b/, since: 'Safari 15.4, Chrome 98' },
  { api: 'Array.prototype.findLast', pattern: /\.findLast(Index)?\b/, since: 'Firefox 104, Safari 15.4' },
  { api: 'String.prototype.replaceAll', pattern: /\.replaceAll\b/, since: 'Chrome 85, Firefox 77' },
  { api: 'Promise.any / AggregateError', pattern: /\bPromise\.any\b|\bAggregateError\b/, since: 'Chrome 85' },
  {
    api: 'WeakRef / FinalizationRegistry',
    pattern: /\bWeakRef\b|\bFinalizationRegistry\b/,
    since: 'Chrome 84, Safari 14.1',
  },
  { api: 'crypto.randomUUID', pattern: /\brandomUUID\b/, since: 'Safari 15.4, Chrome 92' },
  { api: 'Element.replaceChildren', pattern: /\.replaceChildren\b/, since: 'Chrome 86' },
  {
    api: 'AbortSignal.timeout / any',
    pattern: /\bAbortSignal\.(timeout|any)\b/,
    since: 'Safari 16, Chrome 103',
  },
  {
    api: 'Array.prototype.toSorted & co.',
    pattern: /\.to(Sorted|Reversed|Spliced)\(/,
    since: 'Chrome 110, Safari 16',
  },
  { api: 'Object.groupBy / Map.groupBy', pattern: /\bgroupBy\b/, since: 'Chrome 117, Safari 17.4' },
  { api: 'Promise.withResolvers', pattern: /\bwithResolvers\b/, since: 'Chrome 119, Safari 17.4' },
  { api: 'Intl.Segmenter', pattern: /\bSegmenter\b/, since: 'Firefox 125' },
  // A lookbehind is a SyntaxError when the script is parsed: the whole bundle fails in Safari < 16.4.
  { api: 'RegExp lookbehind', pattern: /\(\?<[=!]/, since: 'Safari 16.4' },
];

/** Every late API `code` uses, as `"api (since)"`. */
export function lateApisIn(code: string): string[] {
  return LATE_APIS.filter((a) => a.pattern.test(code)).map((a) => `${a.api} (${a.since})`);
}
