import { describe, expect, it } from 'vitest';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { trainTwoTower } from '../train/train.ts';
import { vectorSetOf } from './artifacts.ts';
import { decodeVectorFile, encodeVectorFile } from './vector-file.ts';

const catalogue = generateCatalogue({ items: 120, categories: 6, seed: 21 });
const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
// Nobody clicks the last ten products.
const unclicked = catalogue.slice(-10).map((i) => i.id);
const events = generateSessions(catalogue, { sessions: 300, seed: 22, startTime: 1_700_000_000 }).filter(
  (e) => !unclicked.includes(e.itemId),
);
const options = { dim: 8, epochs: 1, batchSize: 64, seed: 3 };

describe('item vectors export', () => {
  it('gives every catalogue product a vector and its metadata, clicked or not', () => {
    const set = decodeVectorFile(
      encodeVectorFile(vectorSetOf(trainTwoTower(events, options, features), features)),
    );
    expect(new Set(set.ids)).toEqual(new Set(catalogue.map((i) => i.id)));
    const d = set.dim;
    for (const id of unclicked) {
      const row = set.ids.indexOf(id);
      expect(set.metadata[row]).toEqual(features.get(id));
      const values = set.values.subarray(row * d, (row + 1) * d);
      expect(values.every(Number.isFinite) && values.some((x) => x !== 0)).toBe(true);
    }
  });

  it('exports only the items of the sessions without a catalogue', () => {
    const set = vectorSetOf(trainTwoTower(events, options), new Map());
    expect(set.ids.some((id) => unclicked.includes(id))).toBe(false);
  });
});
