/**
 * The catalogue's skeleton (id, category, price). It has the shape of the model's synthetic
 * `generateCatalogue({ items, categories, seed })`, so the default model trained on generated
 * sessions matches the shop. Swap point: once `model/src/synthetic/` is on main, this function
 * becomes a re-export of it (one line).
 */
import { seededRandom } from './random.ts';

/** Options of the skeleton generator (same as the model's synthetic generator). */
export interface BaseCatalogueOptions {
  items: number;
  categories: number;
  seed: number;
}

/** One skeleton item; `category` is an index or a key depending on the generator. */
export interface BaseItem {
  id: string;
  category: number | string;
  price: number;
}

/** Stand-in for the model's generator: Zipf-free skeleton, log-normal prices per category. */
export function generateBaseCatalogue({ items, categories, seed }: BaseCatalogueOptions): BaseItem[] {
  const random = seededRandom(seed);
  const width = String(items - 1).length;
  const out: BaseItem[] = [];
  for (let i = 0; i < items; i++) {
    const category = Math.floor(random() * categories);
    const base = 8 + ((category * 37) % 90);
    const price = Math.round(base * Math.exp((random() - 0.5) * 1.4) * 100) / 100;
    out.push({ id: `i${String(i).padStart(width, '0')}`, category, price });
  }
  return out;
}
