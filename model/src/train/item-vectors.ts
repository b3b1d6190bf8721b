/** Item-tower outputs: id embedding + category embedding + price-bucket embedding. */
import { featureVector, type ItemFeatureTables } from '../serve/item-features.ts';
import type { ItemFeatures } from './item-features.ts';
import type { TrainedModel } from './train.ts';

/** Vector of every item in tower order (items.length × dim; row i is items[i]). */
export function itemVectors(model: TrainedModel): Float32Array {
  const { params: p, features } = model;
  const d = p.dim;
  const out = new Float32Array(model.items.length * d);
  const table = model.options.tied ? p.ein : p.eout;
  for (let i = 0; i < model.items.length; i++) {
    const id = (i + 1) * d;
    const cat = features.category[i] * d;
    const pb = features.priceBucket[i] * d;
    for (let j = 0; j < d; j++) out[i * d + j] = table[id + j] + p.cat[cat + j] + p.price[pb + j];
  }
  return out;
}

/** The feature half of the item tower (the `item-features` artifact). */
export function featureTablesOf(model: TrainedModel): ItemFeatureTables {
  const { params: p, features } = model;
  return { dim: p.dim, categories: features.categories, category: p.cat, price: p.price };
}

/** Vector of an item the model has never seen, from its features alone (cold start). */
export function vectorFromFeatures(model: TrainedModel, f: ItemFeatures): Float32Array {
  return featureVector(featureTablesOf(model), f);
}
