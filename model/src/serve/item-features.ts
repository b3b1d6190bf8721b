/**
 * The item tower's feature half as an artifact (`item-features.json`): category and price-bucket
 * embeddings with the category vocabulary. An item the model never saw gets its vector from these
 * alone, the way training gives every item `id + category + price` (train/item-vectors.ts). The
 * edge uses it for products added after training; publish-model for stored items without a trained
 * vector. Pure; decoding validates, so a damaged file fails with what is wrong.
 */
import { type ItemFeatures, PRICE_BUCKETS, priceBucket } from '../train/item-features.ts';

/** Feature embeddings of a trained item tower. */
export interface ItemFeatureTables {
  dim: number;
  /** Category vocabulary; row c + 1 of `category` is `categories[c]`, row 0 unknown. */
  categories: string[];
  /** (categories + 1) × dim. */
  category: Float32Array;
  /** (PRICE_BUCKETS + 1) × dim; row 0 is an unknown price. */
  price: Float32Array;
}

/** The vector of an item from its features alone. */
export function featureVector(t: ItemFeatureTables, f: ItemFeatures): Float32Array {
  const { dim } = t;
  const c = f.category === undefined ? 0 : t.categories.indexOf(f.category) + 1;
  const pb = priceBucket(f.price);
  const out = new Float32Array(dim);
  for (let j = 0; j < dim; j++) out[j] = t.category[c * dim + j]! + t.price[pb * dim + j]!;
  return out;
}

/** The file's JSON. */
export function encodeItemFeatures(t: ItemFeatureTables): Uint8Array {
  const json = {
    dim: t.dim,
    priceBuckets: PRICE_BUCKETS,
    categories: t.categories,
    category: Array.from(t.category, (x) => Math.fround(x)),
    price: Array.from(t.price, (x) => Math.fround(x)),
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

const isNumbers = (a: unknown, n: number): a is number[] =>
  Array.isArray(a) && a.length === n && a.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Parse the file; throws an Error naming the first problem. */
export function decodeItemFeatures(bytes: Uint8Array | ArrayBuffer): ItemFeatureTables {
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const { dim, priceBuckets, categories, category, price } = json;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1)
    throw new Error('item-features: dim must be a positive integer');
  if (priceBuckets !== PRICE_BUCKETS)
    throw new Error(`item-features: priceBuckets must be ${PRICE_BUCKETS} (this version's buckets)`);
  if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string'))
    throw new Error('item-features: categories must be an array of strings');
  if (!isNumbers(category, (categories.length + 1) * dim))
    throw new Error('item-features: category must hold (categories + 1) × dim finite numbers');
  if (!isNumbers(price, (PRICE_BUCKETS + 1) * dim))
    throw new Error('item-features: price must hold (priceBuckets + 1) × dim finite numbers');
  return {
    dim,
    categories: categories as string[],
    category: Float32Array.from(category),
    price: Float32Array.from(price),
  };
}
