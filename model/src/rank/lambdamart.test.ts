import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { trainLambdaMart } from './lambdamart.ts';
import { rankerFromJson, rankerToJson } from './model-json.ts';

/** Queries of 20 rows, 3 features; the relevant row is the one whose f0 × f1 is largest (an interaction no single feature shows). */
function queries(n: number, seed: number) {
  const rand = createRandom(seed);
  const rows = new Float32Array(n * 20 * 3);
  const start = new Int32Array(n + 1);
  const target = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    start[q + 1] = (q + 1) * 20;
    let best = -1;
    for (let r = 0; r < 20; r++) {
      const at = (q * 20 + r) * 3;
      for (let f = 0; f < 3; f++) rows[at + f] = rand();
      const v = rows[at] * rows[at + 1];
      if (best < 0 || v > rows[(q * 20 + best) * 3] * rows[(q * 20 + best) * 3 + 1]) best = r;
    }
    target[q] = best;
  }
  return { rows, start, target };
}

function topOneRate(model: Parameters<typeof rankerToJson>[0], q: ReturnType<typeof queries>) {
  let hits = 0;
  for (let i = 0; i < q.target.length; i++) {
    let top = 0;
    let topScore = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < 20; r++) {
      const row = q.rows.subarray((i * 20 + r) * 3, (i * 20 + r + 1) * 3);
      let s = 0;
      for (const t of model.trees) {
        let n = 0;
        while (t.feature[n] >= 0) n = row[t.feature[n]] < t.value[n] ? t.left[n] : t.right[n];
        s += t.value[n];
      }
      if (s > topScore) [top, topScore] = [r, s];
    }
    if (top === q.target[i]) hits++;
  }
  return hits / q.target.length;
}

describe('LambdaMART', () => {
  const options = {
    trees: 60,
    learningRate: 0.2,
    metric: 'ndcg' as const,
    bins: 32,
    maxDepth: 3,
    minHessian: 1,
    lambda: 1,
  };

  it('learns to put the relevant row first on queries it never saw', () => {
    const model = trainLambdaMart(queries(400, 1).rows, 3, queries(400, 1), options);
    // Random order would find the relevant row 1 time in 20.
    expect(topOneRate(model, queries(200, 2))).toBeGreaterThan(0.5);
  });

  it('reads back from JSON as the same model', () => {
    const model = trainLambdaMart(queries(100, 3).rows, 3, queries(100, 3), { ...options, trees: 5 });
    const back = rankerFromJson(JSON.parse(JSON.stringify(rankerToJson(model, 50)))).model;
    expect(back.trees).toEqual(model.trees);
    expect(() => rankerFromJson({ ...rankerToJson(model, 50), features: ['tower'] })).toThrow(/features/);
  });
});
