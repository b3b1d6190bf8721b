/** A `PATCH` applied to a stored row: the whole item to write (null clears an optional field). Pure. */
import type { CatalogPatch, CatalogWrite } from '../../../contracts/schema/catalog-item.ts';
import type { CatalogRow } from './row.ts';

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The item `row` becomes under `patch`. */
export function applyPatch(row: CatalogRow, patch: CatalogPatch): CatalogWrite {
  const pick = <K extends 'url' | 'image' | 'price' | 'currency' | 'category'>(
    key: K,
  ): NonNullable<CatalogRow[K]> | undefined =>
    (key in patch ? orUndefined(patch[key]) : orUndefined(row[key])) as
      | NonNullable<CatalogRow[K]>
      | undefined;
  return {
    id: row.id,
    title: patch.title ?? row.title,
    url: pick('url'),
    image: pick('image'),
    price: pick('price'),
    currency: pick('currency'),
    category: pick('category'),
    inStock: patch.inStock ?? row.in_stock === 1,
    attributes: patch.attributes ?? (JSON.parse(row.attributes) as Record<string, unknown>),
    updatedAt: patch.updatedAt,
  };
}
