/** Cell conversions shared by the tabular formats (CSV, Merchant feed): text in, a field or a refusal out. */

/** A converted cell, or why it cannot be one. */
export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

// A plain decimal: no `0x10`, `Infinity` or `1,5` that Number() would take or half-take.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number (`19.99`, `-1`, `1e3`). */
export function decimal(text: string, name: string): Cell<number> {
  return DECIMAL.test(text)
    ? { ok: true, value: Number(text) }
    : { ok: false, message: `${name} must be a number like 19.99, got ${JSON.stringify(text)}` };
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

/** true/false, 1/0, yes/no in any case. */
export function boolean(text: string, name: string): Cell<boolean> {
  const value = BOOLEANS[text.toLowerCase()];
  return value === undefined
    ? { ok: false, message: `${name} must be true/false, 1/0 or yes/no, got ${JSON.stringify(text)}` }
    : { ok: true, value };
}

/** A JSON object written in one cell. */
export function jsonObject(text: string, name: string): Cell<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: `${name} must be a JSON object like {"brand":"Acme"}` };
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ok: true, value: value as Record<string, unknown> }
    : { ok: false, message: `${name} must be a JSON object like {"brand":"Acme"}` };
}

/** Integer ms since the epoch stay numbers; anything else is passed on as an ISO 8601 string. */
export const time = (text: string): string | number => (/^\d+$/.test(text) ? Number(text) : text);
