import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH, parseEventBatch } from '../../contracts/schema/events.ts';
import { encode, type Item, nextBatch } from '../src/batch.ts';

const ALL = { analytics: true, personalization: true, storage: true };
let n = 0;
const item = (s = 'session-aaaa', u?: string, props?: Record<string, unknown>): Item => ({
  e: { id: `event-${String(n).padStart(6, '0')}`, type: 'view', ts: 1_780_000_000_000 + n, props },
  s,
  u,
  n: n++,
});

describe('encode', () => {
  it('produces a body the edge schema accepts', () => {
    const body = JSON.parse(encode([item(), item()], ALL));
    expect(parseEventBatch(body)).toMatchObject({ ok: true });
  });
  it('sends the user id only with personalization consent', () => {
    const items = [item('session-aaaa', 'user-1')];
    expect(JSON.parse(encode(items, ALL)).userId).toBe('user-1');
    expect(JSON.parse(encode(items, { ...ALL, personalization: false })).userId).toBeUndefined();
  });
});

describe('nextBatch', () => {
  it('stops at the batch size, at the contract maximum, and at a session or user change', () => {
    const items = Array.from({ length: 150 }, () => item());
    expect(nextBatch(items, 20, ALL)).toHaveLength(20);
    expect(nextBatch(items, 1000, ALL)).toHaveLength(MAX_EVENTS_PER_BATCH);
    const mixed = [item('session-aaaa'), item('session-aaaa'), item('session-bbbb'), item('session-aaaa')];
    expect(nextBatch(mixed, 20, ALL)).toEqual(mixed.slice(0, 2));
    const users = [item('session-aaaa'), item('session-aaaa', 'u1')];
    expect(nextBatch(users, 20, ALL)).toHaveLength(1);
    expect(nextBatch([], 20, ALL)).toEqual([]);
  });
  it('keeps every body within MAX_BODY_BYTES, counting multi-byte characters', () => {
    const big = Array.from({ length: 100 }, () =>
      item('session-aaaa', undefined, { note: 'é'.repeat(2000) }),
    );
    const batch = nextBatch(big, 100, ALL);
    const bytes = new TextEncoder().encode(encode(batch, ALL)).length;
    const oneMore = new TextEncoder().encode(encode(big.slice(0, batch.length + 1), ALL)).length;
    expect(bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(oneMore).toBeGreaterThan(MAX_BODY_BYTES);
  });
});
