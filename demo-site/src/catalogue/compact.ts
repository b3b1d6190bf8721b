/**
 * The catalogue as the pages download it: one compact JSON array per product, decoded in the
 * browser. Keeps `catalogue.json` around 30 KB gzip for a few thousand products.
 */

import type { Product } from './catalogue.ts';
import { CATEGORIES } from './categories.ts';

/** Format version; bump when the row layout changes. */
export const COMPACT_VERSION = 1;

/** One product row: id, title, department index, price in cents, stock, image variant. */
export type CompactRow = [string, string, number, number, number, number];

export interface CompactCatalogue {
  v: number;
  items: CompactRow[];
}

/** Encode products for the wire. */
export function encodeCatalogue(products: readonly Product[]): CompactCatalogue {
  const index = new Map(CATEGORIES.map((c, i) => [c.slug, i]));
  return {
    v: COMPACT_VERSION,
    items: products.map((p) => [
      p.id,
      p.title,
      index.get(p.category) ?? 0,
      Math.round(p.price * 100),
      p.stock,
      p.variant,
    ]),
  };
}

/** Decode the wire format; throws naming what is wrong when the file is not a compact catalogue. */
export function decodeCatalogue(data: unknown): Product[] {
  const doc = data as Partial<CompactCatalogue> | null;
  if (doc?.v !== COMPACT_VERSION || !Array.isArray(doc.items)) {
    throw new Error(`catalogue.json: expected {"v":${COMPACT_VERSION},"items":[...]}`);
  }
  return doc.items.map((row, i) => {
    if (!Array.isArray(row) || row.length !== 6 || typeof row[0] !== 'string' || typeof row[1] !== 'string') {
      throw new Error(`catalogue.json: items[${i}] is not a product row`);
    }
    const [id, title, cat, cents, stock, variant] = row;
    return {
      id,
      title,
      category: CATEGORIES[cat]?.slug ?? CATEGORIES[0].slug,
      price: cents / 100,
      stock,
      variant,
    };
  });
}
