import { describe, expect, it } from 'vitest';
import {
  backoff,
  classify,
  RETRY_AFTER_MAX_MS,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
  retryAfterMs,
} from '../src/backoff.ts';

describe('classify', () => {
  it('retries network-ish answers and drops the other 4xx', () => {
    expect([200, 202, 204].map(classify)).toEqual(['ok', 'ok', 'ok']);
    expect([500, 502, 503, 408, 429].map(classify)).toEqual(Array(5).fill('retry'));
    expect([400, 401, 403, 404, 413].map(classify)).toEqual(Array(5).fill('drop'));
  });
});

describe('backoff', () => {
  it('grows exponentially between half and all of the cap, then stays capped', () => {
    expect(backoff(1, 0)).toBe(RETRY_BASE_MS / 2);
    expect(backoff(1, 1)).toBe(RETRY_BASE_MS);
    expect(backoff(4, 1)).toBe(RETRY_BASE_MS * 8);
    expect(backoff(4, 0.5)).toBe(RETRY_BASE_MS * 6);
    expect(backoff(50, 1)).toBe(RETRY_MAX_MS);
    expect(backoff(50, 0)).toBe(RETRY_MAX_MS / 2);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  });
  it('clamps dates in the past and absurd waits; ignores garbage', () => {
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
