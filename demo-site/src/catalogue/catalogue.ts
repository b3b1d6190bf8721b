/**
 * The demo shop's catalogue: the model's demo catalogue (`DEMO_CATALOGUE` in model/src/synthetic:
 * id, category, price — the same the default model is trained on) dressed with names, stock and
 * images, deterministically. Used by the build (compact JSON for the pages) and by the serving side
 * as item metadata for the Vectorize stand-in.
 */
import type { ItemMetadata } from '../../../contracts/recommendations.ts';
import { DEMO_CATALOGUE, generateCatalogue } from '../../../model/src/synthetic/index.ts';
import { type CategoryDef, categoryBySlug, fallbackCategory } from './categories.ts';
import { createRandom, hashString, pick } from './random.ts';

/** Options of the demo catalogue (defined with the model's demo data: 3,000 products, one category per department). */
export { DEMO_CATALOGUE };

/** A product as the shop shows it. */
export interface Product {
  id: string;
  title: string;
  /** Department slug (see CATEGORIES). */
  category: string;
  /** Price in the shop currency (EUR), two decimals. */
  price: number;
  /** Units in stock; 0 means sold out. */
  stock: number;
  /** Which of the department's image variants (see `imagePath`). */
  variant: number;
}

/** Image variants drawn per department at build time. */
export const IMAGE_VARIANTS = 6;

const COLOURS = ['Sage', 'Charcoal', 'Sand', 'Ocean', 'Rust', 'Ivory', 'Forest', 'Plum', 'Slate', 'Honey'];

/** The department of a model category name. */
export function departmentOf(category: string): CategoryDef {
  return categoryBySlug(category) ?? fallbackCategory(category);
}

/** Build the demo catalogue; the same options always give the same products. */
export function demoCatalogue(
  options: { items: number; categories: number; seed: number } = DEMO_CATALOGUE,
): Product[] {
  return generateCatalogue(options).map((base) => {
    const department = departmentOf(base.category);
    const random = createRandom(hashString(`${options.seed}:${base.id}`));
    const title = `${pick(department.adjectives, random)} ${pick(department.nouns, random)}, ${pick(COLOURS, random)}`;
    const soldOut = random() < 0.06;
    return {
      id: base.id,
      title,
      category: department.slug,
      price: base.price,
      stock: soldOut ? 0 : 1 + Math.floor(random() * 40),
      variant: Math.floor(random() * IMAGE_VARIANTS),
    };
  });
}

/** Path of a product's generated image (an SVG file written by the build). */
export function imagePath(product: Pick<Product, 'category' | 'variant'>): string {
  return `/img/${product.category}-${product.variant}.svg`;
}

/** Path of a product's page. */
export function productPath(id: string): string {
  return `/product?id=${encodeURIComponent(id)}`;
}

/** Path of a department's page. */
export function categoryPath(slug: string): string {
  return `/category?c=${encodeURIComponent(slug)}`;
}

/** A product as Vectorize item metadata (what recommendation answers carry). */
export function toItemMetadata(product: Product): ItemMetadata {
  return {
    title: product.title,
    category: product.category,
    price: product.price,
    image: imagePath(product),
    url: productPath(product.id),
    inStock: product.stock > 0,
  };
}

/** The demo catalogue as `{ id, metadata }` rows, ready to load into the Vectorize stand-in. */
export function demoItemMetadata(): { id: string; metadata: ItemMetadata }[] {
  return demoCatalogue().map((p) => ({ id: p.id, metadata: toItemMetadata(p) }));
}
