/**
 * The report's time range: "last 24 h", "last 7 days" (both ending now, so each poll moves them) or
 * a custom one from two `datetime-local` inputs. Pure; the report route takes Unix ms, half-open.
 */

export type RangeChoice = { preset: '24h' | '7d' } | { preset: 'custom'; from: number; to: number };

export const HOUR_MS = 3_600_000;
const SPAN: Record<'24h' | '7d', number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };
/** Longest custom range accepted (the report's hourly buckets stay a few hundred). */
export const MAX_RANGE_MS = 31 * 24 * HOUR_MS;

/** The `{ from, to }` of a choice at time `now`. */
export function resolveRange(choice: RangeChoice, now: number): { from: number; to: number } {
  if (choice.preset === 'custom') return { from: choice.from, to: choice.to };
  return { from: now - SPAN[choice.preset], to: now };
}

/**
 * A custom range from `datetime-local` values (local time, "2026-12-01T14:00"), or the reason it is
 * not one; `parse` is the browser's local-time parser (injected so tests can pin a zone).
 */
export function customRange(
  fromText: string,
  toText: string,
  parse: (s: string) => number = (s) => new Date(s).getTime(),
): { ok: true; choice: RangeChoice } | { ok: false; field: 'from' | 'to'; message: string } {
  const from = fromText ? parse(fromText) : Number.NaN;
  const to = toText ? parse(toText) : Number.NaN;
  if (!Number.isFinite(from)) return { ok: false, field: 'from', message: 'Enter a start date and time.' };
  if (!Number.isFinite(to)) return { ok: false, field: 'to', message: 'Enter an end date and time.' };
  if (to <= from) return { ok: false, field: 'to', message: 'The end must be after the start.' };
  if (to - from > MAX_RANGE_MS) return { ok: false, field: 'to', message: 'Choose at most 31 days.' };
  return { ok: true, choice: { preset: 'custom', from, to } };
}

/** A `datetime-local` value for `ms` in the zone whose offset `offsetMinutes` gives (Date's sign). */
export function toLocalInput(ms: number, offsetMinutes = new Date(ms).getTimezoneOffset()): string {
  return new Date(ms - offsetMinutes * 60_000).toISOString().slice(0, 16);
}

/** Whether a custom range still covers `now` (then polling keeps it live; a past range is final). */
export const isLive = (choice: RangeChoice, now: number): boolean =>
  choice.preset !== 'custom' || choice.to >= now;
