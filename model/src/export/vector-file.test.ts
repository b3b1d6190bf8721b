import { describe, expect, it } from 'vitest';
import { decodeVectorFile, encodeVectorFile, type VectorSet, vectorsToNdjson } from './vector-file.ts';

const set: VectorSet = {
  dim: 3,
  metric: 'dot-product',
  ids: ['a', 'b', 'c'],
  metadata: [{ category: 'shoes', price: 10 }, {}, { category: 'bags' }],
  values: Float32Array.from([0.5, -1, 0.25, 0, 0, 0, 3, 2, -1]),
};

describe('item vector files', () => {
  it('round-trips float32 exactly and int8 within one quantization step', () => {
    expect(decodeVectorFile(encodeVectorFile(set, 'float32'))).toEqual(set);
    const int8 = decodeVectorFile(encodeVectorFile(set));
    expect(int8.ids).toEqual(set.ids);
    expect(int8.metadata).toEqual(set.metadata);
    int8.values.forEach((v, i) => {
      expect(Math.abs(v - set.values[i])).toBeLessThanOrEqual(3 / 127 / 2 + 1e-6);
    });
    expect(encodeVectorFile(set).length).toBeLessThan(encodeVectorFile(set, 'float32').length + 8);
  });

  it('decodes from a Node Buffer that is a view into a larger buffer', () => {
    const bytes = encodeVectorFile(set, 'float32');
    const pooled = Buffer.concat([Buffer.from('padding!'), Buffer.from(bytes)]).subarray(8);
    expect(decodeVectorFile(pooled)).toEqual(set);
  });

  it('rejects other files and truncation', () => {
    expect(() => decodeVectorFile(new TextEncoder().encode('ONNX....'))).toThrow(/not a EVEC file/);
    const bytes = encodeVectorFile(set, 'float32');
    expect(() => decodeVectorFile(bytes.subarray(0, bytes.length - 12))).toThrow(/truncated/);
  });

  it('writes NDJSON lines that wrangler vectorize insert accepts', () => {
    const lines = vectorsToNdjson(set)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      id: 'a',
      values: [0.5, -1, 0.25],
      metadata: { category: 'shoes', price: 10 },
    });
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['id', 'metadata', 'values']);
  });
});
