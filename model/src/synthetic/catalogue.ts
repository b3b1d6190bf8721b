/**
 * A deterministic synthetic product catalogue: ids, categories and prices. Categories have a price
 * level; items scatter around it, so price carries a little signal and category a lot.
 */
import { createRandom, gaussian } from '../random.ts';

/** One generated product. */
export interface CatalogueItem {
  id: string;
  category: string;
  /** Price in the shop's currency, two decimals. */
  price: number;
}

/** Options of `generateCatalogue`. */
export interface CatalogueOptions {
  items: number;
  categories: number;
  seed: number;
}

// biome-ignore format: a word list reads better packed
const CATEGORY_NAMES = [
  'shoes', 'jackets', 'shirts', 'trousers', 'dresses', 'bags', 'watches', 'sunglasses',
  'headphones', 'phones', 'laptops', 'cameras', 'lamps', 'chairs', 'tables', 'rugs',
  'cookware', 'knives', 'mugs', 'tea', 'coffee', 'books', 'toys', 'games',
];

/** Name of the c-th category: a readable word while they last, then `category-<c>`. */
export function categoryName(c: number): string {
  return c < CATEGORY_NAMES.length ? CATEGORY_NAMES[c] : `category-${c}`;
}

/** Item id of the i-th generated item (`sku-00001`, ...). */
export function itemIdOf(i: number): string {
  return `sku-${String(i + 1).padStart(5, '0')}`;
}

/** Generate `items` products over `categories` categories; the same seed gives the same catalogue. */
export function generateCatalogue({ items, categories, seed }: CatalogueOptions): CatalogueItem[] {
  if (!Number.isInteger(items) || items < 1) throw new Error('items must be a positive integer');
  if (!Number.isInteger(categories) || categories < 1 || categories > items)
    throw new Error('categories must be an integer between 1 and items');
  const rand = createRandom(seed);
  // Price level per category: log-uniform between 5 and 500.
  const levels = Array.from({ length: categories }, () => 5 * 100 ** rand());
  const catalogue: CatalogueItem[] = [];
  for (let i = 0; i < items; i++) {
    // Every category gets at least one item; the rest are assigned at random.
    const c = i < categories ? i : Math.floor(rand() * categories);
    const price = Math.round(levels[c] * Math.exp(0.3 * gaussian(rand)) * 100) / 100;
    catalogue.push({ id: itemIdOf(i), category: categoryName(c), price: Math.max(0.5, price) });
  }
  return catalogue;
}
