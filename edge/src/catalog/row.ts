/**
 * A catalogue item as D1 holds it, and the conversions both ways. Pure: the store, the cache and the
 * serving path read the same shape.
 */
import type { CatalogItem } from '../../../contracts/catalog.ts';
import type { CatalogWrite } from '../../../contracts/schema/catalog-item.ts';

/** One row of `catalog_items` (column names as in edge/migrations). */
export interface CatalogRow {
  id: string;
  title: string;
  url: string | null;
  image: string | null;
  price: number | null;
  currency: string | null;
  category: string | null;
  in_stock: number;
  attributes: string;
  updated_at: number;
  deleted: number;
}

/** The columns every read selects, in this order. */
export const COLUMNS =
  'id, title, url, image, price, currency, category, in_stock, attributes, updated_at, deleted';

/** The stored content of a write (what "unchanged" compares; not the times). */
export interface ItemContent {
  title: string;
  url: string | null;
  image: string | null;
  price: number | null;
  currency: string | null;
  category: string | null;
  inStock: boolean;
  attributes: string;
}

/** A write's content with absent optional fields as null and attributes serialised once. */
export function contentOf(w: Omit<CatalogWrite, 'id' | 'updatedAt'>): ItemContent {
  return {
    title: w.title,
    url: w.url ?? null,
    image: w.image ?? null,
    price: w.price ?? null,
    currency: w.currency ?? null,
    category: w.category ?? null,
    inStock: w.inStock,
    attributes: JSON.stringify(w.attributes),
  };
}

/** A live row as the API returns it. */
export function itemOf(row: CatalogRow): CatalogItem {
  const item: CatalogItem = {
    id: row.id,
    title: row.title,
    inStock: row.in_stock === 1,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (row.url !== null) item.url = row.url;
  if (row.image !== null) item.image = row.image;
  if (row.price !== null) item.price = row.price;
  if (row.currency !== null) item.currency = row.currency;
  if (row.category !== null) item.category = row.category;
  return item;
}
