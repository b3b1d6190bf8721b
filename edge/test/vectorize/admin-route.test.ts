import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { encodeChunk } from '../../src/vectorize/chunk-codec.ts';

const auth = { authorization: 'Bearer test-admin-token' };
const call = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`http://localhost/v1/admin/indexes/a${path}`, {
    ...init,
    headers: { ...auth, ...(init.headers as Record<string, string>) },
  });

describe('admin API of the stand-in', () => {
  it('refuses requests without the admin token', async () => {
    const res = await exports.default.fetch('http://localhost/v1/admin/indexes/a');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Bearer'), path: 'Authorization' },
    });
    const wrong = await exports.default.fetch('http://localhost/v1/admin/indexes/a', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('creates the index, bulk-loads a binary chunk and queries it', async () => {
    await call('', { method: 'DELETE' });
    const created = await call('', {
      method: 'PUT',
      body: JSON.stringify({
        dimensions: 2,
        metric: 'cosine',
        metadataIndexes: [{ propertyName: 'category', indexType: 'string' }],
      }),
    });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ dimensions: 2, metric: 'cosine', vectorCount: 0 });

    const chunk = encodeChunk({
      dims: 2,
      ids: ['a', 'b', 'c'],
      values: new Float32Array([1, 0, 0, 1, 1, 1]),
      metadata: [{ category: 'hats' }, { category: 'shoes' }, null],
    });
    const loaded = await call('/vectors', { method: 'POST', body: chunk });
    expect(await loaded.json()).toEqual({ count: 3 });

    const res = await call('/query', {
      method: 'POST',
      body: JSON.stringify({ vector: [1, 0.1], options: { topK: 2, filter: { category: 'hats' } } }),
    });
    expect(await res.json()).toEqual({ count: 1, matches: [{ id: 'a', score: expect.closeTo(0.995, 3) }] });
  });

  it('knows only the slots a and b', async () => {
    const res = await exports.default.fetch('http://localhost/v1/admin/indexes/c', { headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_slot', message: 'slot must be one of a, b', path: 'slot' },
    });
  });

  it('answers 400 naming the problem for bad config, chunks and queries', async () => {
    await call('', { method: 'DELETE' });
    const badMetric = await call('', {
      method: 'PUT',
      body: JSON.stringify({ dimensions: 2, metric: 'l1' }),
    });
    expect(badMetric.status).toBe(400);
    expect(await badMetric.json()).toEqual({
      error: {
        code: 'invalid_body',
        message: 'metric must be one of cosine, euclidean, dot-product',
        path: 'metric',
      },
    });
    await call('', { method: 'PUT', body: JSON.stringify({ dimensions: 2, metric: 'euclidean' }) });
    const conflict = await call('', {
      method: 'PUT',
      body: JSON.stringify({ dimensions: 3, metric: 'euclidean' }),
    });
    expect(conflict.status).toBe(400);
    expect(((await conflict.json()) as { error: { message: string } }).error.message).toContain(
      'index already exists',
    );

    const garbage = await call('/vectors', {
      method: 'POST',
      body: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: unknown }).error).toEqual({
      code: 'invalid_chunk',
      message: 'chunk does not start with "VEC1"',
      path: '',
    });

    const wrongDims = encodeChunk({ dims: 3, ids: ['a'], values: new Float32Array([1, 2, 3]) });
    const res = await call('/vectors', { method: 'POST', body: wrongDims });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'Float32Array of ids.length x 2',
    );

    const q = await call('/query', {
      method: 'POST',
      body: JSON.stringify({ vector: [1, 2], options: { topK: 500 } }),
    });
    expect(q.status).toBe(400);
    expect(((await q.json()) as { error: { message: string } }).error.message).toContain(
      'max top K is 100, but got 500',
    );
  });
});
