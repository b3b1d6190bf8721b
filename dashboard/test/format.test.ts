import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCount,
  formatInterval,
  formatMoney,
  formatMs,
  formatPercent,
  formatPoints,
  formatTime,
} from '../src/format.ts';

describe('formats', () => {
  it('counts, shares and durations', () => {
    expect([formatCount(1234), formatCount(12_345_678), formatCount(Number.NaN)]).toEqual([
      '1,234',
      '12.3M',
      '–',
    ]);
    expect([formatPercent(0.0432), formatPercent(0.5), formatPercent(-0.004)]).toEqual([
      '4.32 %',
      '50.0 %',
      '-0.40 %',
    ]);
    expect([formatMs(0.84), formatMs(12.4), formatMs(1250)]).toEqual(['0.8 ms', '12 ms', '1.25 s']);
  });

  it('money in its currency, and a currency Intl does not know beside the number', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(3, 'USD')).toBe('$3.00');
    expect(formatMoney(3, 'XX1')).toBe('3.00 XX1');
    expect(formatMoney(3, undefined)).toBe('3.00');
  });

  it('differences of shares in percentage points', () => {
    expect([formatPoints(0.0083), formatPoints(-0.2), formatPoints(0)]).toEqual([
      '+0.83 pp',
      '−20.0 pp',
      '0.00 pp',
    ]);
  });

  it('an estimate with its interval', () => {
    expect(formatInterval({ value: 0.05, low: 0.0437, high: 0.0571 }, (v) => formatPercent(v))).toBe(
      '5.00 % (4.37 % – 5.71 %)',
    );
  });

  it('times in the given zone, and ages', () => {
    const t = Date.UTC(2026, 11, 1, 14, 5);
    expect(formatTime(t, 'hour', 'en-GB', 'UTC')).toBe('14:05');
    expect(formatTime(t, 'day', 'en-GB', 'UTC')).toBe('1 Dec');
    expect(formatTime(t, 'full', 'en-GB', 'UTC')).toBe('1 Dec, 14:05');
    expect(formatTime(t + 7_000, 'second', 'en-GB', 'UTC')).toBe('14:05:07');
    expect([
      formatAge(t, t + 5_000),
      formatAge(t, t + 300_000),
      formatAge(t, t + 3 * 3_600_000),
      formatAge(t, t + 12 * 86_400_000),
    ]).toEqual(['just now', '5 min ago', '3 h ago', '12 days ago']);
  });
});
