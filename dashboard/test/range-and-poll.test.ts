import { describe, expect, it } from 'vitest';
import { type PollHost, startPolling } from '../src/poll.ts';
import { customRange, isLive, resolveRange, toLocalInput } from '../src/range.ts';

const NOW = Date.UTC(2026, 11, 1, 14);
const HOUR = 3_600_000;
const utc = (s: string) => Date.parse(`${s}Z`);

describe('range', () => {
  it('presets end now and move with it', () => {
    expect(resolveRange({ preset: '24h' }, NOW)).toEqual({ from: NOW - 24 * HOUR, to: NOW });
    expect(resolveRange({ preset: '7d' }, NOW + 5_000)).toEqual({
      from: NOW + 5_000 - 168 * HOUR,
      to: NOW + 5_000,
    });
    expect(isLive({ preset: '7d' }, NOW)).toBe(true);
  });

  it('a custom range is checked field by field', () => {
    expect(customRange('2026-11-30T10:00', '2026-12-01T10:00', utc)).toEqual({
      ok: true,
      choice: { preset: 'custom', from: utc('2026-11-30T10:00'), to: utc('2026-12-01T10:00') },
    });
    expect(customRange('', '2026-12-01T10:00', utc)).toMatchObject({ ok: false, field: 'from' });
    expect(customRange('2026-12-01T10:00', '2026-12-01T09:00', utc)).toMatchObject({
      ok: false,
      field: 'to',
      message: 'The end must be after the start.',
    });
    expect(customRange('2026-10-01T00:00', '2026-12-01T00:00', utc)).toMatchObject({
      ok: false,
      message: 'Choose at most 31 days.',
    });
  });

  it('a past custom range is not live; a date-time field shows local time', () => {
    expect(isLive({ preset: 'custom', from: NOW - 2 * HOUR, to: NOW - HOUR }, NOW)).toBe(false);
    expect(toLocalInput(NOW, 0)).toBe('2026-12-01T14:00');
    expect(toLocalInput(NOW, -60)).toBe('2026-12-01T15:00'); // UTC+1: getTimezoneOffset() is -60
  });
});

/** A page and clock run by hand: `advance()` fires the pending timer. */
function fakeHost() {
  let hidden = false;
  let listener = () => {};
  let timer: { fn: () => void; ms: number } | undefined;
  const host: PollHost = {
    hidden: () => hidden,
    onVisibilityChange(l) {
      listener = l;
      return () => {
        listener = () => {};
      };
    },
    setTimeout(fn, ms) {
      timer = { fn, ms };
      return timer;
    },
    clearTimeout(h) {
      if (h === timer) timer = undefined;
    },
  };
  return {
    host,
    pending: () => timer?.ms,
    advance: async () => {
      const t = timer;
      timer = undefined;
      t?.fn();
      await new Promise((r) => setImmediate(r));
    },
    setHidden: async (h: boolean) => {
      hidden = h;
      listener();
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('polling', () => {
  it('runs at once, then every interval after each run', async () => {
    const page = fakeHost();
    let runs = 0;
    startPolling(async () => void runs++, 5_000, page.host);
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(1);
    expect(page.pending()).toBe(5_000);
    await page.advance();
    await page.advance();
    expect(runs).toBe(3);
  });

  it('pauses while the tab is hidden and catches up when it is shown', async () => {
    const page = fakeHost();
    let runs = 0;
    startPolling(async () => void runs++, 5_000, page.host);
    await new Promise((r) => setImmediate(r));
    await page.setHidden(true);
    expect(page.pending()).toBeUndefined();
    await page.advance();
    expect(runs).toBe(1);
    await page.setHidden(false);
    expect(runs).toBe(2);
    expect(page.pending()).toBe(5_000);
  });

  it('keeps going after a failed run, and stops for good', async () => {
    const page = fakeHost();
    let runs = 0;
    const stop = startPolling(
      async () => {
        runs++;
        throw new Error('offline');
      },
      5_000,
      page.host,
    );
    await new Promise((r) => setImmediate(r));
    await page.advance();
    expect(runs).toBe(2);
    stop();
    expect(page.pending()).toBeUndefined();
    await page.setHidden(false);
    expect(runs).toBe(2);
  });
});
