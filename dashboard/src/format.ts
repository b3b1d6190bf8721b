/**
 * How the dashboard writes numbers, money, shares, durations and times. Pure: the locale and time
 * zone are parameters (the page passes the browser's; the tests pin them).
 */

/** A count: 1234 → "1,234", 12345678 → "12.3M". */
export function formatCount(n: number, locale = 'en'): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toLocaleString(locale, { maximumFractionDigits: 1 })}M`;
  return Math.round(n).toLocaleString(locale);
}

/** A share of 1 as a percentage with sensible precision: 0.0432 → "4.32 %", 0.5 → "50.0 %". */
export function formatPercent(share: number, locale = 'en'): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  const digits = Math.abs(pct) >= 10 ? 1 : 2;
  return `${pct.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

/** Money in its ISO 4217 currency; an unknown or absent code prints the number and the code. */
export function formatMoney(amount: number, currency: string | undefined, locale = 'en'): string {
  if (!Number.isFinite(amount)) return '–';
  if (currency) {
    try {
      return amount.toLocaleString(locale, { style: 'currency', currency });
    } catch {} // a code Intl does not know: fall through
  }
  const n = amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${n} ${currency}` : n;
}

/** A latency in ms: "0.8 ms", "12 ms", "1.25 s". */
export function formatMs(ms: number, locale = 'en'): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toLocaleString(locale, { maximumFractionDigits: 2 })} s`;
  return `${ms.toLocaleString(locale, { maximumFractionDigits: ms < 10 ? 1 : 0 })} ms`;
}

/** A 95 % interval next to its estimate: "4.32 % (3.10 – 5.80 %)" with `fmt` for each number. */
export function formatInterval(
  est: { value: number; low: number; high: number },
  fmt: (n: number) => string,
): string {
  return `${fmt(est.value)} (${fmt(est.low)} – ${fmt(est.high)})`;
}

/** A point in time: "14:00" (hour), "1 Dec" (day), "1 Dec, 14:00" (full) or "14:00:05" (second). */
export function formatTime(
  ms: number,
  style: 'hour' | 'day' | 'full' | 'second',
  locale = 'en-GB',
  timeZone?: string,
): string {
  const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  const opts: Intl.DateTimeFormatOptions = {
    hour: clock,
    day: { day: 'numeric', month: 'short' },
    full: { day: 'numeric', month: 'short', ...clock },
    second: { ...clock, second: '2-digit' },
  }[style] as Intl.DateTimeFormatOptions;
  return new Date(ms).toLocaleString(locale, { ...opts, timeZone });
}

/** A difference of two shares in percentage points, signed: 0.0083 → "+0.83 pp", -0.2 → "−20.0 pp". */
export function formatPoints(diff: number, locale = 'en'): string {
  if (!Number.isFinite(diff)) return '–';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
  return `${sign}${formatPercent(Math.abs(diff), locale).replace(' %', ' pp')}`;
}

/** How long ago `then` was, seen at `now`: "just now", "5 min ago", "3 h ago", "12 days ago". */
export function formatAge(then: number, now: number): string {
  const s = Math.max(0, (now - then) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400 * 2) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} days ago`;
}
