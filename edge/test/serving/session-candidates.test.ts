/** The session's reused candidates: shared while fresh, copied per answer, never a failure kept. */
import { describe, expect, it } from 'vitest';
import type { Retrieved } from '../../src/serving/retrieve.ts';
import {
  candidateKey,
  MAX_ENTRIES,
  SessionCandidates,
  TTL_MS,
} from '../../src/serving/session-candidates.ts';

const retrieved = (): Retrieved => ({ candidates: [{ id: 'a', score: 1, inStock: true }], known: [] });

describe('SessionCandidates', () => {
  it('computes a key once while it is fresh, shares a query in flight, and copies what it hands out', async () => {
    const cache = new SessionCandidates();
    let runs = 0;
    const compute = async () => {
      runs++;
      return retrieved();
    };
    const [a, b] = await Promise.all([cache.get('k', compute, 0), cache.get('k', compute, 1)]);
    expect(runs).toBe(1);
    expect([a.hit, b.hit]).toEqual([false, true]);
    a.retrieved.candidates[0]!.score = 99;
    a.retrieved.candidates.pop();
    const c = await cache.get('k', compute, TTL_MS - 1);
    expect(c).toEqual({ hit: true, retrieved: retrieved() });
    expect((await cache.get('k', compute, TTL_MS)).hit).toBe(false); // expired
    expect(runs).toBe(2);
  });

  it('an answer that joined a query that failed asks itself', async () => {
    const cache = new SessionCandidates();
    const failing = cache.get('k', () => Promise.reject(new Error('index down')), 0);
    const joined = cache.get('k', async () => retrieved(), 1);
    await expect(failing).rejects.toThrow('index down');
    expect(await joined).toEqual({ hit: false, retrieved: retrieved() });
  });

  it('does not keep a failed query, keeps at most MAX_ENTRIES keys, and clears', async () => {
    const cache = new SessionCandidates();
    await expect(cache.get('k', () => Promise.reject(new Error('index down')), 0)).rejects.toThrow(
      'index down',
    );
    expect((await cache.get('k', async () => retrieved(), 1)).hit).toBe(false);
    for (let i = 0; i < MAX_ENTRIES + 3; i++) await cache.get(`k${i}`, async () => retrieved(), 2);
    expect(cache.size).toBe(MAX_ENTRIES);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('keys on the model, its slot, the catalogue, topK, the filter and the tower input', () => {
    const input = { items: Int32Array.from([0, 3, 7]), ages: Float32Array.from([0, 0.5, 0]) };
    const query = {
      model: { slot: 'a' as const, manifest: { version: 'v1' } },
      catalogue: '7',
      topK: 100,
      filter: { inStock: { $ne: false } },
    };
    const key = candidateKey(query, input);
    const others = [
      candidateKey({ ...query, model: { slot: 'a', manifest: { version: 'v2' } } }, input),
      candidateKey({ ...query, model: { slot: 'b', manifest: { version: 'v1' } } }, input),
      candidateKey({ ...query, catalogue: '8' }, input),
      candidateKey({ ...query, topK: 50 }, input),
      candidateKey({ ...query, filter: undefined }, input),
      candidateKey({ ...query, filter: { category: 'cat-1', inStock: { $ne: false } } }, input),
      candidateKey(query, { ...input, items: Int32Array.from([0, 3, 8]) }),
      candidateKey(query, { ...input, ages: Float32Array.from([0, 0.6, 0]) }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
    expect(
      candidateKey(query, { items: Int32Array.from([0, 3, 7]), ages: Float32Array.from([0, 0.5, 0]) }),
    ).toBe(key);
  });
});
