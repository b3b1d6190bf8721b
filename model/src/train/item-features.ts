/**
 * Item features for the item tower: a category index and a log-price bucket (0 = unknown for both),
 * so that an item without clicks still gets a vector.
 */

/** Features of one item as the catalogue gives them. */
export interface ItemFeatures {
  category?: string;
  price?: number;
}

/** Price buckets: ln(price) in steps of 0.5 from ~1 to ~1100 (currency units). */
export const PRICE_BUCKETS = 15;

/** The encoded features of every item, plus the vocabularies used. */
export interface EncodedFeatures {
  categories: string[];
  /** Category index per item (0 = unknown, c + 1 = categories[c]). */
  category: Int32Array;
  /** Price bucket per item (0 = unknown, 1..PRICE_BUCKETS). */
  priceBucket: Int32Array;
}

/** Price bucket of a price (0 when unknown). */
export function priceBucket(price: number | undefined): number {
  if (price === undefined || !Number.isFinite(price) || price <= 0) return 0;
  return 1 + Math.min(PRICE_BUCKETS - 1, Math.max(0, Math.floor(Math.log(price) / 0.5)));
}

/** Encode features for `items` (tower order); categories get indices in first-seen order. */
export function encodeFeatures(
  items: readonly string[],
  features: ReadonlyMap<string, ItemFeatures>,
): EncodedFeatures {
  const categories: string[] = [];
  const catIndex = new Map<string, number>();
  const category = new Int32Array(items.length);
  const bucket = new Int32Array(items.length);
  items.forEach((id, i) => {
    const f = features.get(id);
    if (f?.category !== undefined) {
      let c = catIndex.get(f.category);
      if (c === undefined) {
        c = categories.length + 1;
        categories.push(f.category);
        catIndex.set(f.category, c);
      }
      category[i] = c;
    }
    bucket[i] = priceBucket(f?.price);
  });
  return { categories, category, priceBucket: bucket };
}
