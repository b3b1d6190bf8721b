import { describe, expect, it } from 'vitest';
import { type ModelManifest, parseModelManifest } from '../../../contracts/schema/model-manifest.ts';

const example: ModelManifest = {
  schema: 1,
  version: 'm-20260101-000000-abc',
  createdAt: '2026-01-01T00:00:00.000Z',
  dim: 64,
  metric: 'dot-product',
  files: {
    tower: 'session-tower.onnx',
    vectorsNdjson: 'item-vectors.ndjson',
    vectorsBinary: 'item-vectors.bin',
    signals: 'signals.bin',
  },
  tower: { maxLen: 10, inputs: { items: 'items', ages: 'ages' }, output: 'embedding', items: ['a1', 'b2'] },
  training: {
    sources: ['train.tsv'],
    events: 10,
    sessions: 3,
    items: 2,
    firstTime: 1,
    lastTime: 2,
    epochs: 1,
    seed: 1,
    seconds: 0.5,
    loss: [5.1],
  },
  metrics: { valid: { k: 20, hr: 0.6, mrr: 0.3, n: 100 } },
  rerank: { candidates: 200, weights: { tower: 1 } },
};

describe('model manifest contract', () => {
  it('accepts a complete manifest', () => {
    expect(parseModelManifest(JSON.parse(JSON.stringify(example)))).toEqual({ ok: true, manifest: example });
  });

  it('names what is wrong', () => {
    const bad = { ...example, metric: 'manhattan' };
    expect(parseModelManifest(bad)).toEqual({
      ok: false,
      error: expect.stringMatching(/^metric: .*dot-product/),
    });
    const badFile = { ...example, files: { ...example.files, tower: '../x.onnx' } };
    expect(parseModelManifest(badFile)).toEqual({
      ok: false,
      error: expect.stringMatching(/^files\.tower:/),
    });
    const { dim: _, ...noDim } = example;
    expect(parseModelManifest(noDim)).toEqual({ ok: false, error: expect.stringMatching(/^dim:/) });
    expect(parseModelManifest({ ...example, schema: 2 })).toMatchObject({ ok: false });
    const badItem = { ...example, tower: { ...example.tower, items: ['item-1', 'item 2'] } };
    expect(parseModelManifest(badItem)).toEqual({
      ok: false,
      error: expect.stringMatching(/^tower\.items: item 1 \("item 2"\) is not an item id/),
    });
  });
});
