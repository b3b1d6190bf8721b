/** Parameters of the two towers, their seeded initialisation, and the session tower view of them. */
import { createRandom, gaussian } from '../random.ts';
import type { SessionTowerWeights } from '../tower/session-tower.ts';
import { PRICE_BUCKETS } from './item-features.ts';

/** All trainable parameters; rows are indexed by tower index (row 0 = padding/unknown). */
export interface TwoTowerParams {
  rows: number;
  dim: number;
  maxLen: number;
  categories: number;
  /** Session-tower input embeddings, rows×dim (row 0 stays zero). */
  ein: Float32Array;
  /** Item-tower id embeddings, rows×dim. */
  eout: Float32Array;
  /** Item-tower category embeddings, (categories + 1)×dim. */
  cat: Float32Array;
  /** Item-tower price-bucket embeddings, (PRICE_BUCKETS + 1)×dim. */
  price: Float32Array;
  posBias: Float32Array;
  ageCoef: Float32Array;
  /** (2·dim)×dim. */
  dense: Float32Array;
  bias: Float32Array;
}

/** Names of the parameter arrays, in a fixed order (optimizer state follows it). */
export const PARAM_KEYS = ['ein', 'eout', 'cat', 'price', 'posBias', 'ageCoef', 'dense', 'bias'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

/** Fresh parameters: small random embeddings, the dense layer starting as ½(pooled + latest). */
export function initParams(
  rows: number,
  dim: number,
  maxLen: number,
  categories: number,
  seed: number,
): TwoTowerParams {
  const rand = createRandom(seed);
  const normal = (n: number, sd: number) => new Float32Array(n).map(() => sd * gaussian(rand));
  const ein = normal(rows * dim, 0.1);
  ein.fill(0, 0, dim);
  const dense = normal(2 * dim * dim, 0.01);
  for (let j = 0; j < dim; j++) {
    dense[j * dim + j] += 0.5;
    dense[(dim + j) * dim + j] += 0.5;
  }
  return {
    rows,
    dim,
    maxLen,
    categories,
    ein,
    eout: normal(rows * dim, 0.1),
    cat: normal((categories + 1) * dim, 0.01),
    price: normal((PRICE_BUCKETS + 1) * dim, 0.01),
    posBias: new Float32Array(maxLen),
    ageCoef: new Float32Array(1),
    dense,
    bias: new Float32Array(dim),
  };
}

/** Zero-filled arrays shaped like the parameters (gradients, optimizer moments). */
export function zerosLike(p: TwoTowerParams): Record<ParamKey, Float32Array> {
  return Object.fromEntries(PARAM_KEYS.map((k) => [k, new Float32Array(p[k].length)])) as Record<
    ParamKey,
    Float32Array
  >;
}

/** The session tower's weights (shared arrays, not copies). */
export function sessionTowerOf(p: TwoTowerParams): SessionTowerWeights {
  return {
    numItems: p.rows,
    dim: p.dim,
    maxLen: p.maxLen,
    embedding: p.ein,
    posBias: p.posBias,
    ageCoef: p.ageCoef[0],
    dense: p.dense,
    bias: p.bias,
  };
}
