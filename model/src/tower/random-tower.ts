/** Random session-tower weights in a trained tower's shape: the untrained models of benches and tests. */
import type { Random } from '../random.ts';
import type { SessionTowerWeights } from './session-tower.ts';

/**
 * Weights drawn from `random` (uniform in [0, 1)): embeddings in ±0.5 (row 0, padding, zero),
 * position biases in ±2, a dense layer in ±0.125, biases in ±0.05; drawn in that order.
 */
export function randomTowerWeights(
  numItems: number,
  dim: number,
  maxLen: number,
  random: Random,
): SessionTowerWeights {
  const r = () => random() - 0.5;
  return {
    numItems,
    dim,
    maxLen,
    embedding: new Float32Array(numItems * dim).map((_, i) => (i < dim ? 0 : r())),
    posBias: new Float32Array(maxLen).map(() => r() * 4),
    ageCoef: -0.4,
    dense: new Float32Array(2 * dim * dim).map(() => r() / 4),
    bias: new Float32Array(dim).map(() => r() / 10),
  };
}
