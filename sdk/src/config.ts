/** Options read from the `<script src=".../rec.js" data-*>` tag, with documented defaults. */
import type { ConsentMode } from './types.ts';

/** Defaults: a batch leaves at 20 events or 1 s after its first event, whichever comes first. */
export const DEFAULTS = { batchSize: 20, flushMs: 1000, consent: 'opt-in' as ConsentMode, vitals: true };

/** The SDK's resolved options. */
export interface Options {
  /** Site key (`data-key`), sent as `?key=`. */
  key: string;
  /** Origin of the edge (`data-endpoint`; default: where rec.js was loaded from). */
  endpoint: string;
  /** URL rec.js was loaded from: the vitals chunk is loaded next to it. */
  base: string;
  /** `data-batch-size`, 1-100. */
  batchSize: number;
  /** `data-flush-ms`, 0-60000. */
  flushMs: number;
  /** `data-consent`: opt-in (default) or opt-out. */
  consent: ConsentMode;
  /** `data-vitals="off"` disables web-vitals reporting. */
  vitals: boolean;
  /** `data-datalayer`: track the GA4 ecommerce events the page pushes to `dataLayer`. */
  datalayer: boolean;
}

// An integer attribute within [min, max] (absent: the default), else undefined.
const int = (value: string | undefined, min: number, max: number, fallback: number) => {
  const n = value === undefined ? fallback : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Options from the script tag's data attributes, or the reason they are unusable (naming the attribute). */
export function readOptions(data: DOMStringMap, src: string, pageUrl: string): Options | string {
  const { key, consent = DEFAULTS.consent } = data;
  if (!key) return 'rec.js needs a data-key attribute';
  const base = new URL(src || pageUrl, pageUrl).href;
  const batchSize = int(data.batchSize, 1, 100, DEFAULTS.batchSize);
  const flushMs = int(data.flushMs, 0, 60_000, DEFAULTS.flushMs);
  // Size trick: one message shape for every attribute.
  const bad = (attribute: string, what: string) => `data-${attribute} must be ${what}`;
  if (batchSize === undefined) return bad('batch-size', 'an integer 1-100');
  if (flushMs === undefined) return bad('flush-ms', 'an integer 0-60000');
  if (consent !== 'opt-in' && consent !== 'opt-out') return bad('consent', 'opt-in or opt-out');
  let endpoint: string;
  try {
    endpoint = new URL(data.endpoint || base).origin;
  } catch {
    return bad('endpoint', 'a URL');
  }
  return {
    key,
    endpoint,
    base,
    batchSize,
    flushMs,
    consent,
    vitals: data.vitals !== 'off',
    datalayer: data.datalayer !== undefined,
  };
}
