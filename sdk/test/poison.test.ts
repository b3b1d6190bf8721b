import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../src/backoff.ts';
import type { Item } from '../src/batch.ts';
import { pick, SUSPECT_AFTER, settle } from '../src/poison.ts';
import type { Outcome } from '../src/transport.ts';

const ALL = { analytics: true, personalization: true, storage: true };
const items = (count: number): Item[] =>
  Array.from({ length: count }, (_, n) => ({
    e: { id: `event-${String(n).padStart(6, '0')}`, type: 'view', ts: 1_780_000_000_000 + n },
    s: 'session-aaaa',
    n,
  }));
const OK: Outcome = { r: 'ok' };
const status = (s: number): Outcome => ({ r: 'retry', status: s });

/** Drive a queue of `count` events with pick + settle against `answer`, as queue.ts does (no timers). */
function run(count: number, batchSize: number, answer: (batch: number[], request: number) => Outcome) {
  let queue = items(count);
  const out = {
    sent: [] as number[],
    rejected: [] as number[],
    dropped: [] as number[],
    setAside: [] as number[],
  };
  const requests: number[][] = [];
  while (queue.length && requests.length < 2000) {
    const head = queue[0]!;
    const batch = pick(queue, batchSize, ALL);
    requests.push(batch.map((i) => i.n));
    const done = settle(head, batch, answer(requests.at(-1)!, requests.length - 1), (i) => queue.includes(i));
    for (const k of ['sent', 'rejected', 'dropped', 'setAside'] as const) {
      const gone = (done[k] ?? []).filter((i) => queue.includes(i));
      out[k].push(...gone.map((i) => i.n));
      queue = queue.filter((i) => !gone.includes(i));
    }
  }
  return { ...out, requests, left: queue.length };
}

describe('a poison event (answered 500 forever)', () => {
  it.each([1, 2, 5, 20, 100])('is found and set aside at any position, batch size %i', (batchSize) => {
    for (const poison of [0, 1, Math.floor(batchSize / 2), batchSize - 1, batchSize + 3]) {
      const count = batchSize * 3 + 4;
      const r = run(count, batchSize, (b) => (b.includes(poison) ? status(500) : OK));
      const others = Array.from({ length: count }, (_, n) => n).filter((n) => n !== poison);
      expect(r.setAside).toEqual([poison]);
      expect(r.sent).toEqual(others); // every other event once, in order
      expect([r.dropped, r.rejected, r.left]).toEqual([[], [], 0]);
      // The README's bound: halvings down to one event (at least SUSPECT_AFTER), one last try alone.
      const failed = r.requests.filter((b) => b.includes(poison)).length;
      expect(failed).toBeLessThanOrEqual(Math.max(Math.floor(Math.log2(batchSize)) + 1, SUSPECT_AFTER) + 1);
    }
  });

  it('halves the head batch after each failure', () => {
    const r = run(20, 20, (b) => (b.includes(0) ? status(500) : OK));
    expect(r.requests.slice(0, 5).map((b) => b.length)).toEqual([20, 10, 5, 2, 1]);
    // Then the events behind the suspect, then the suspect alone once more.
    expect(r.requests.slice(5, 7)).toEqual([[1], [0]]);
  });
});

describe('what is not poison', () => {
  it('sets nothing aside when the edge answers 5xx to everything; MAX_ATTEMPTS bounds it', () => {
    const r = run(10, 5, () => status(503));
    expect(r.setAside).toEqual([]);
    expect(r.sent).toEqual([]);
    expect(r.dropped.length).toBe(10);
    // Every dropped event was answered 503 MAX_ATTEMPTS times.
    for (let n = 0; n < 10; n++) expect(r.requests.filter((b) => b.includes(n)).length).toBe(MAX_ATTEMPTS);
  });

  it('sets nothing aside after an outage of any length, once the edge recovers', () => {
    for (let outage = 1; outage < 12; outage++) {
      const r = run(12, 5, (_, request) => (request < outage ? status(500) : OK));
      expect(r.setAside).toEqual([]);
      expect(r.dropped).toEqual([]);
      expect([...r.sent].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    }
  });

  it('never counts network errors, and 429/408 never make a suspect', () => {
    const network = run(3, 5, (_, request) => (request < 50 ? { r: 'retry' } : OK));
    expect(network).toMatchObject({ sent: [0, 1, 2], dropped: [], setAside: [] });
    expect(network.requests.slice(0, 50).every((b) => b.length === 3)).toBe(true); // no halving
    const busy = run(3, 5, (b) => (b.includes(0) ? status(429) : OK));
    expect(busy).toMatchObject({ setAside: [], dropped: [0], sent: [1, 2] });
  });

  it('keeps the suspect when the events behind it are refused with a 4xx', () => {
    const r = run(4, 1, (b) => (b.includes(0) ? status(500) : b.includes(1) ? { r: 'drop' } : OK));
    expect(r).toMatchObject({ rejected: [1], sent: [2, 3], setAside: [0] });
  });
});
