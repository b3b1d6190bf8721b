import { describe, expect, it } from 'vitest';
import { createBaseline } from '../baselines/baselines.ts';
import { buildSignals } from '../baselines/build-signals.ts';
import { groupSessions } from '../data/session-event.ts';
import { evaluate } from '../eval/evaluate.ts';
import type { NextItemRecommender } from '../eval/recommender.ts';
import { topKDense } from '../serve/top-k.ts';
import { towerIndex, towerInput } from '../serve/tower-input.ts';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { sessionTowerForward } from '../tower/session-tower.ts';
import { itemVectors, vectorFromFeatures } from './item-vectors.ts';
import { sessionTowerOf } from './params.ts';
import { type TrainedModel, trainTwoTower } from './train.ts';

const catalogue = generateCatalogue({ items: 200, categories: 8, seed: 11 });
const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
const train = generateSessions(catalogue, { sessions: 1200, seed: 12, startTime: 1_700_000_000 });
const test = generateSessions(catalogue, { sessions: 250, seed: 13, startTime: 1_700_500_000 });
const options = { dim: 16, epochs: 4, batchSize: 128, seed: 5 };

/** Retrieval with the float towers alone: full ranking by dot product. */
function towerRecommender(model: TrainedModel): NextItemRecommender {
  const vectors = itemVectors(model);
  const index = towerIndex(model.items);
  const d = model.params.dim;
  const scores = new Float32Array(model.items.length);
  return {
    name: 'tower',
    observe: () => {},
    recommend(prefix, k) {
      const input = towerInput(prefix, index, model.params.maxLen);
      const s = sessionTowerForward(sessionTowerOf(model.params), input.items, input.ages);
      for (let i = 0; i < scores.length; i++) {
        let t = 0;
        for (let j = 0; j < d; j++) t += vectors[i * d + j] * s[j];
        scores[i] = t;
      }
      return topKDense(scores, k).map((i) => model.items[i]);
    },
  };
}

describe('two-tower training', { timeout: 60_000 }, () => {
  const model = trainTwoTower(train, options, features);

  it('lowers the loss epoch after epoch', () => {
    expect(model.loss).toHaveLength(4);
    for (let e = 1; e < model.loss.length; e++) expect(model.loss[e]).toBeLessThan(model.loss[e - 1]);
    expect(model.loss[3]).toBeLessThan(0.8 * model.loss[0]);
  });

  it('is deterministic for a seed', () => {
    const small = generateSessions(catalogue, { sessions: 200, seed: 14, startTime: 1_700_000_000 });
    const a = trainTwoTower(small, { ...options, epochs: 1 }, features);
    const b = trainTwoTower(small, { ...options, epochs: 1 }, features);
    const c = trainTwoTower(small, { ...options, epochs: 1, seed: 6 }, features);
    expect(a.params.ein).toEqual(b.params.ein);
    expect(a.loss).toEqual(b.loss);
    expect(c.params.ein).not.toEqual(a.params.ein);
  });

  it('beats popularity by far on data with structure', async () => {
    const tower = await evaluate(towerRecommender(model), test, false);
    const popularity = await evaluate(createBaseline('popularity', buildSignals(train)), test, false);
    expect(tower.hr).toBeGreaterThan(2 * popularity.hr);
    expect(tower.mrr).toBeGreaterThan(2 * popularity.mrr);
  });

  it('gives a new item a vector from its features that lands among its category', () => {
    // Train without one item at all, then place it by its features only.
    const [held] = catalogue.filter((i) => i.category === catalogue[0].category);
    const without = train.filter((e) => e.itemId !== held.id);
    const known = new Map([...features].filter(([id]) => id !== held.id));
    const m = trainTwoTower(without, options, known);
    expect(m.items).not.toContain(held.id);
    const cold = vectorFromFeatures(m, { category: held.category, price: held.price });
    // Sessions whose latest click is in the held item's category should score it above most items.
    const vectors = itemVectors(m);
    const d = m.params.dim;
    const index = towerIndex(m.items);
    const category = new Map(catalogue.map((i) => [i.id, i.category]));
    let better = 0;
    let total = 0;
    for (const s of groupSessions(test).values()) {
      const last = s[s.length - 1];
      if (category.get(last.itemId) !== held.category || !index.has(last.itemId)) continue;
      const input = towerInput(s, index, m.params.maxLen);
      const q = sessionTowerForward(sessionTowerOf(m.params), input.items, input.ages);
      const dot = (v: Float32Array, o: number) => v.subarray(o, o + d).reduce((a, x, j) => a + x * q[j], 0);
      const coldScore = dot(cold, 0);
      let below = 0;
      for (let i = 0; i < m.items.length; i++) if (dot(vectors, i * d) < coldScore) below++;
      better += below / m.items.length;
      total++;
    }
    expect(total).toBeGreaterThan(5);
    // On average the cold item outranks most of the catalogue for sessions in its category.
    expect(better / total).toBeGreaterThan(0.75);
  });
});
