/**
 * The catalogue in the page: downloaded once as compact JSON and indexed by id and department.
 */

import type { Product } from '../catalogue/catalogue.ts';
import { CATEGORIES } from '../catalogue/categories.ts';
import { decodeCatalogue } from '../catalogue/compact.ts';

export interface Store {
  products: Product[];
  byId: Map<string, Product>;
  byCategory: Map<string, Product[]>;
}

let loading: Promise<Store> | undefined;

/** Load and index `/catalogue.json` (once per page). */
export function loadStore(): Promise<Store> {
  loading ??= fetch('/catalogue.json')
    .then((res) => {
      if (!res.ok) throw new Error(`/catalogue.json answered ${res.status}`);
      return res.json();
    })
    .then((data) => {
      const products = decodeCatalogue(data);
      const byCategory = new Map<string, Product[]>(CATEGORIES.map((c) => [c.slug, []]));
      for (const p of products) byCategory.get(p.category)?.push(p);
      return { products, byId: new Map(products.map((p) => [p.id, p])), byCategory };
    });
  return loading;
}
