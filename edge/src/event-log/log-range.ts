/**
 * The time range of an event-log export: `from` and `to` as Unix milliseconds or ISO 8601 dates,
 * half-open `[from, to)` on the server's receive time (`receivedAt`, what the log is partitioned by).
 */

import { MAX_LOG_RANGE_MS } from '../../../contracts/limits.ts';
import { ApiError } from '../http/api-error.ts';

export { MAX_LOG_RANGE_MS };

/** A validated half-open range in Unix milliseconds. */
export interface LogRange {
  from: number;
  to: number;
}

const DIGITS = /^\d{1,16}$/;
// ISO dates only (2026-04-26, 2026-04-26T09:00Z, ...): Date.parse also takes looser forms.
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** One end of a range (Unix ms or an ISO 8601 date); 400 naming `name` when absent or malformed. */
export function instant(raw: string | undefined, name: 'from' | 'to'): number {
  if (raw === undefined || raw === '') {
    throw new ApiError(400, 'invalid_range', `${name} is required (Unix ms or ISO 8601)`, name);
  }
  const ms = DIGITS.test(raw) ? Number(raw) : ISO.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isSafeInteger(ms)) {
    throw new ApiError(400, 'invalid_range', `${name} must be Unix ms or an ISO 8601 date`, name);
  }
  return ms;
}

/** Parse and check `from` < `to`, at most MAX_LOG_RANGE_MS apart; errors name the parameter. */
export function parseLogRange(from: string | undefined, to: string | undefined): LogRange {
  const range = { from: instant(from, 'from'), to: instant(to, 'to') };
  if (range.to <= range.from) throw new ApiError(400, 'invalid_range', 'to must be after from', 'to');
  if (range.to - range.from > MAX_LOG_RANGE_MS) {
    throw new ApiError(400, 'invalid_range', 'to must be at most 31 days after from', 'to');
  }
  return range;
}
