/** A site's live catalogue as a retrain needs it (features and stock), paged out of D1. */
import { listItems } from '../catalog/store.ts';
import type { CatalogueItem } from './run-work.ts';

const PAGE = 1000;

/** Every live item of `site`, in id order. */
export async function catalogueOf(db: D1Database, site: string): Promise<Map<string, CatalogueItem>> {
  const items = new Map<string, CatalogueItem>();
  for (let after = ''; ; ) {
    const rows = await listItems(db, site, after, PAGE);
    for (const r of rows)
      items.set(r.id, {
        ...(r.category !== null && { category: r.category }),
        ...(r.price !== null && { price: r.price }),
        inStock: r.in_stock === 1,
      });
    if (rows.length < PAGE) return items;
    after = rows[rows.length - 1].id;
  }
}
