import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { localVectorIndex, usesRealVectorize, vectorIndex } from '../../src/vectorize/binding.ts';
import { DurableVectorize } from '../../src/vectorize/client.ts';
import { freshIndex } from './helpers.ts';

describe('errors', () => {
  it('an index that was never created answers every call with "index not found"', async () => {
    const index = localVectorIndex(env, `missing-${Date.now()}`);
    await expect(index.query([1])).rejects.toThrow('VECTOR_QUERY_ERROR: index not found');
    await expect(index.upsert([{ id: 'a', values: [1] }])).rejects.toThrow(
      'VECTOR_UPSERT_ERROR: index not found',
    );
    await expect(index.describe()).rejects.toThrow('INDEX_GET_ERROR: index not found');
  });

  it('creating an existing index with another config is refused; the same config is a no-op', async () => {
    const index = await freshIndex(3, 'cosine');
    await expect(index.createIndex({ dimensions: 3, metric: 'cosine' })).resolves.toEqual({
      dimensions: 3,
      metric: 'cosine',
    });
    await expect(index.createIndex({ dimensions: 4, metric: 'cosine' })).rejects.toThrow(
      'index already exists',
    );
    await expect(
      localVectorIndex(env, `bad-${Date.now()}`).createIndex({
        dimensions: 2,
        metric: 'manhattan' as 'cosine',
      }),
    ).rejects.toThrow('metric must be one of cosine, euclidean, dot-product');
  });

  it('rejects vectors of the wrong dimension, non-finite values, bad ids, namespaces and metadata; nothing is written', async () => {
    const index = await freshIndex(2, 'euclidean');
    const bad: [unknown, string][] = [
      [{ id: 'a', values: [1] }, 'vectors[1].values has 1 dimensions; the index has 2'],
      [{ id: 'a', values: [1, Number.NaN] }, 'vectors[1].values[1] is not a finite number'],
      [{ id: 'a', values: 'nope' }, 'must be a number[], Float32Array or Float64Array'],
      [{ id: '', values: [1, 1] }, 'vectors[1].id must be a non-empty string of at most 64 bytes'],
      [{ id: 'é'.repeat(33), values: [1, 1] }, 'at most 64 bytes'],
      [
        { id: 'a', values: [1, 1], namespace: 'n'.repeat(65) },
        'namespace must be a string of at most 64 bytes',
      ],
      [{ id: 'a', values: [1, 1], metadata: { big: 'x'.repeat(10 * 1024) } }, 'the limit is 10240'],
      [{ id: 'a', values: [1, 1], metadata: [1] }, 'metadata must be an object'],
    ];
    for (const [vector, message] of bad) {
      await expect(index.upsert([{ id: 'ok', values: [0, 0] }, vector as VectorizeVector])).rejects.toThrow(
        message,
      );
    }
    expect((await index.describe()).vectorCount).toBe(0);
  });

  it('limits a Worker-side batch to 1000 vectors and refuses an empty one', async () => {
    const index = await freshIndex(1, 'euclidean');
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: `v${i}`, values: [i] }));
    await expect(index.insert(many)).rejects.toThrow('VECTOR_INSERT_ERROR: 1001 vectors in one call');
    await expect(index.upsert([])).rejects.toThrow('non-empty array');
    await expect(index.upsert(many.slice(0, 1000))).resolves.toHaveProperty('mutationId');
  });

  it('rejects query vectors of the wrong dimension', async () => {
    const index = await freshIndex(2, 'cosine');
    await expect(index.query([1, 2, 3])).rejects.toThrow('VECTOR_QUERY_ERROR: query vector has 3 dimensions');
  });

  it('refuses more than 10 metadata indexes', async () => {
    const index = await freshIndex(1, 'cosine');
    for (let i = 0; i < 10; i++)
      await index.createMetadataIndex({ propertyName: `p${i}`, indexType: 'string' });
    await expect(index.createMetadataIndex({ propertyName: 'p10', indexType: 'string' })).rejects.toThrow(
      'at most 10 metadata indexes',
    );
  });
});

describe('binding choice', () => {
  it('uses the stand-in when no VECTORIZE_A/B binding is configured (dev, tests)', () => {
    expect(vectorIndex(env, 'a')).toBeInstanceOf(DurableVectorize);
    expect(usesRealVectorize(env)).toBe(false);
  });

  it('uses the real bindings when wrangler.toml configures them', async () => {
    const a = { describe: async () => ({ vectorCount: 7 }) } as unknown as Vectorize;
    const b = { describe: async () => ({ vectorCount: 8 }) } as unknown as Vectorize;
    const deployed = { ...env, VECTORIZE_A: a, VECTORIZE_B: b } as Env;
    expect(vectorIndex(deployed, 'a')).toBe(a);
    expect(vectorIndex(deployed, 'b')).toBe(b);
    expect(usesRealVectorize(deployed)).toBe(true);
  });
});
