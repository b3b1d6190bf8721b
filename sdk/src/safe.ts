/** Helpers that keep every SDK failure inside the SDK (web-vitals `observe.ts` style). */

/** Does nothing; the shared rejection handler. */
export const noop = (): void => {};

/** Wrap `fn` so it never throws into the caller: failures return undefined. */
export function safe<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args) => {
    try {
      return fn(...args);
    } catch {} // undefined
  };
}

/** Report bad SDK input to the developer without throwing into the page. */
export function warn(message: string): void {
  try {
    console.warn(`[rec] ${message}`);
  } catch {}
}
