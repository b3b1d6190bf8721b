/** Methods the pre-load stub records; shared by the snippet and the core so they cannot drift. */
export const STUB_METHODS = [
  'track',
  'page',
  'identify',
  'consent',
  'flush',
  'on',
  'ready',
  'recommend',
] as const;

/** One recorded call: method name, arguments, time of the call (ms since the epoch). */
export type StubCall = [name: string, args: unknown[], ts: number];

/** The stub object the snippet puts on `window.rec` until the SDK replaces it. */
export interface RecStub {
  q: StubCall[];
  [method: string]: unknown;
}
