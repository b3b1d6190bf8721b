import { describe, expect, it } from 'vitest';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { checkpointOf, decodeCheckpoint, encodeCheckpoint } from './checkpoint.ts';
import { itemVectors, vectorFromFeatures } from './item-vectors.ts';
import { trainTwoTower } from './train.ts';
import { WARM_EPOCHS } from './warm-start.ts';

const catalogue = generateCatalogue({ items: 120, categories: 6, seed: 21 });
const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
const older = generateSessions(catalogue.slice(0, 100), {
  sessions: 600,
  seed: 22,
  startTime: 1_700_000_000,
});
const newer = generateSessions(catalogue, { sessions: 600, seed: 23, startTime: 1_700_100_000 });
const options = { dim: 8, epochs: 3, batchSize: 64, seed: 3 };
const oldFeatures = new Map([...features].slice(0, 100));

describe('warm start', { timeout: 60_000 }, () => {
  const before = trainTwoTower(older, options, oldFeatures);
  const checkpoint = decodeCheckpoint(encodeCheckpoint(checkpointOf(before)));

  it('reads back the weights and names it wrote', () => {
    expect(checkpoint.items).toEqual(before.items);
    expect(checkpoint.categories).toEqual(before.features.categories);
    expect(checkpoint.params.ein).toEqual(before.params.ein);
    expect(checkpoint.params.dense).toEqual(before.params.dense);
    expect(checkpoint.tied).toBe(true);
  });

  it('refuses a damaged file, naming it', () => {
    const bytes = encodeCheckpoint(checkpointOf(before));
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
    expect(() => decodeCheckpoint(new Uint8Array(16))).toThrow(/ETWS/);
  });

  it('starts known items where the earlier model left them and new items at their features', () => {
    // Zero epochs: the model as the warm start initialises it.
    const start = trainTwoTower(newer, { ...options, epochs: 0 }, features, () => {}, checkpoint);
    const d = options.dim;
    const vectors = itemVectors(start);
    const oldVectors = itemVectors(before);
    const row = (v: Float32Array, i: number) => [...v.subarray(i * d, (i + 1) * d)];
    const known = start.items.indexOf(before.items[0]);
    expect(row(vectors, known)).toEqual(row(oldVectors, 0));
    const added = start.items.findIndex((id) => !before.items.includes(id));
    expect(added).toBeGreaterThanOrEqual(0);
    // A new item's id embedding starts near zero: its vector is about its features' vector.
    const fresh = vectorFromFeatures(start, features.get(start.items[added])!);
    const gap = Math.max(...row(vectors, added).map((x, j) => Math.abs(x - fresh[j])));
    expect(gap).toBeLessThan(0.05);
  });

  it('refuses another architecture instead of training garbage', () => {
    expect(() => trainTwoTower(newer, { ...options, dim: 16 }, features, () => {}, checkpoint)).toThrow(
      /cannot warm start: the earlier model has dim 8/,
    );
  });

  it('fits newer data in one epoch better than a run from scratch does', () => {
    const cold = trainTwoTower(newer, { ...options, epochs: 1 }, features);
    const warm = trainTwoTower(newer, { ...options, epochs: 1 }, features, () => {}, checkpoint);
    expect(warm.items).toHaveLength(120); // the grown catalogue
    expect(warm.loss[0]).toBeLessThan(cold.loss[0]);
  });

  it('runs WARM_EPOCHS epochs unless told otherwise', () => {
    const { epochs: _, ...rest } = options;
    expect(trainTwoTower(newer, rest, features, () => {}, checkpoint).loss).toHaveLength(WARM_EPOCHS);
  });
});
