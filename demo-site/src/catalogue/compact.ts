/**
 * The catalogue as the pages download it: one compact JSON array per product, decoded in the
 * browser. Keeps `catalogue.json` around 40 KB gzip for a few thousand products.
 */
import type { Product } from './catalogue.ts';

/** Format version; bump when the row layout changes. */
export const COMPACT_VERSION = 2;

/** One product row: id, title, index into `categories`, price in cents, stock, image variant. */
export type CompactRow = [string, string, number, number, number, number];

export interface CompactCatalogue {
  v: number;
  categories: string[];
  items: CompactRow[];
}

/** Encode products for the wire. */
export function encodeCatalogue(products: readonly Product[]): CompactCatalogue {
  const categories = [...new Set(products.map((p) => p.category))];
  const index = new Map(categories.map((c, i) => [c, i]));
  return {
    v: COMPACT_VERSION,
    categories,
    items: products.map((p) => [
      p.id,
      p.title,
      index.get(p.category)!,
      Math.round(p.price * 100),
      p.stock,
      p.variant,
    ]),
  };
}

/** Decode the wire format; throws naming what is wrong when the file is not a compact catalogue. */
export function decodeCatalogue(data: unknown): Product[] {
  const doc = data as Partial<CompactCatalogue> | null;
  if (doc?.v !== COMPACT_VERSION || !Array.isArray(doc.items) || !Array.isArray(doc.categories)) {
    throw new Error(`catalogue.json: expected {"v":${COMPACT_VERSION},"categories":[...],"items":[...]}`);
  }
  const categories = doc.categories;
  return doc.items.map((row, i) => {
    const ok =
      Array.isArray(row) &&
      row.length === 6 &&
      typeof row[0] === 'string' &&
      typeof row[1] === 'string' &&
      typeof categories[row[2]] === 'string' &&
      row.slice(3).every(Number.isFinite);
    if (!ok) throw new Error(`catalogue.json: items[${i}] is not a product row`);
    const [id, title, cat, cents, stock, variant] = row;
    return { id, title, category: categories[cat], price: cents / 100, stock, variant };
  });
}
