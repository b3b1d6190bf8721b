/**
 * LambdaMART: gradient-boosted regression trees (trees.ts) fitted to lambda gradients (lambdas.ts),
 * each tree's leaves a Newton step scaled by the learning rate. `onRound` sees every round's model
 * so a caller can score the same run at several tree counts (hyper-parameters: on valid.tsv only).
 */
import { type LambdaMetric, lambdaGradients, type Queries } from './lambdas.ts';
import { binRows, fitTree, type Tree, type TreeOptions, treeValue } from './trees.ts';

/** Training options of a LambdaMART run. */
export interface LambdaMartOptions extends TreeOptions {
  trees: number;
  learningRate: number;
  metric: LambdaMetric;
  bins: number;
}

export const DEFAULT_LAMBDAMART: LambdaMartOptions = {
  trees: 200,
  learningRate: 0.1,
  metric: 'ndcg',
  bins: 64,
  maxDepth: 5,
  minHessian: 1,
  lambda: 1,
};

/** A boosted ensemble over rows of `features` values: score = Σ learningRate × tree(row). */
export interface LambdaMartModel {
  features: number;
  learningRate: number;
  trees: Tree[];
}

/** The model's score of one row. */
export function scoreRow(model: LambdaMartModel, row: ArrayLike<number>, trees = model.trees.length): number {
  let s = 0;
  for (let t = 0; t < trees; t++) s += treeValue(model.trees[t], row);
  return s * model.learningRate;
}

/** Train on row-major `rows` (`features` a row) grouped into `queries`. */
export function trainLambdaMart(
  rows: Float32Array,
  features: number,
  queries: Queries,
  options: LambdaMartOptions = DEFAULT_LAMBDAMART,
  onRound?: (model: LambdaMartModel, round: number) => void,
): LambdaMartModel {
  const binned = binRows(rows, features, options.bins);
  const n = binned.rows;
  const scores = new Float64Array(n);
  const g = new Float32Array(n);
  const h = new Float32Array(n);
  const model: LambdaMartModel = { features, learningRate: options.learningRate, trees: [] };
  for (let round = 0; round < options.trees; round++) {
    lambdaGradients(queries, scores, options.metric, g, h);
    const tree = fitTree(binned, g, h, options);
    model.trees.push(tree);
    for (let r = 0; r < n; r++)
      scores[r] += options.learningRate * treeValue(tree, rows.subarray(r * features, (r + 1) * features));
    onRound?.(model, round + 1);
  }
  return model;
}
