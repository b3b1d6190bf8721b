/**
 * A trained ranker as JSON (what a model folder would carry beside its manifest): the feature
 * names it was trained on, the cascade depth over the blend, and the trees as parallel arrays.
 */
import { RANKER_FEATURES } from './features.ts';
import type { LambdaMartModel } from './lambdamart.ts';

/** The serialised form. */
export interface RankerJson {
  format: 'lambdamart-1';
  /** The feature names of a row, in column order (RANKER_FEATURES when written). */
  features: string[];
  /** How many of the blend's best candidates the ranker reorders. */
  depth: number;
  learningRate: number;
  trees: { feature: number[]; value: number[]; left: number[]; right: number[] }[];
}

/** Serialise `model`, trained over the blend's top `depth`. */
export function rankerToJson(model: LambdaMartModel, depth: number, trees = model.trees.length): RankerJson {
  return {
    format: 'lambdamart-1',
    features: [...RANKER_FEATURES],
    depth,
    learningRate: model.learningRate,
    trees: model.trees.slice(0, trees).map((t) => ({ ...t })),
  };
}

/** Read a serialised ranker back; throws naming what does not match this code's features. */
export function rankerFromJson(json: RankerJson): { model: LambdaMartModel; depth: number } {
  if (json.format !== 'lambdamart-1') throw new Error(`unknown ranker format ${String(json.format)}`);
  if (json.features.join() !== RANKER_FEATURES.join())
    throw new Error(`ranker features ${json.features.join()} are not ${RANKER_FEATURES.join()}`);
  return {
    model: { features: json.features.length, learningRate: json.learningRate, trees: json.trees },
    depth: json.depth,
  };
}
