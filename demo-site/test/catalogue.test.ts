import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../model/src/synthetic/index.ts';
import { DEMO_CATALOGUE, demoCatalogue, demoItemMetadata } from '../src/catalogue/catalogue.ts';
import { CATEGORIES } from '../src/catalogue/categories.ts';
import { decodeCatalogue, encodeCatalogue } from '../src/catalogue/compact.ts';
import { allProductImages } from '../src/catalogue/image.ts';

describe('demo catalogue', () => {
  const products = demoCatalogue();

  it("is the model's synthetic catalogue (ids, categories, prices) so the default model matches the shop", () => {
    const base = generateCatalogue(DEMO_CATALOGUE);
    expect(products.map(({ id, category, price }) => ({ id, category, price }))).toEqual(base);
    expect(products.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORIES.map((c) => c.slug)));
  });

  it('is deterministic: names, stock and images do not change between builds', () => {
    expect(demoCatalogue()).toEqual(products);
    expect(products.filter((p) => p.stock === 0).length).toBeGreaterThan(0);
    expect(new Set(products.map((p) => p.title)).size).toBeGreaterThan(products.length / 3);
  });

  it('round-trips through the compact JSON the pages download, and rejects a malformed file', () => {
    const json = JSON.stringify(encodeCatalogue(products));
    expect(decodeCatalogue(JSON.parse(json))).toEqual(products);
    expect(json.length).toBeLessThan(200_000);
    expect(() => decodeCatalogue({ v: 1, items: [] })).toThrow(/expected \{"v":2/);
    const bad = encodeCatalogue(products.slice(0, 2));
    bad.items[1] = ['x', 'y', 99, 1, 1, 1];
    expect(() => decodeCatalogue(bad)).toThrow('items[1] is not a product row');
  });

  it('exports item metadata for the Vectorize stand-in: title, category, price, image, url, inStock', () => {
    const rows = demoItemMetadata();
    expect(rows).toHaveLength(products.length);
    expect(rows[0]).toEqual({
      id: products[0].id,
      metadata: {
        title: products[0].title,
        category: products[0].category,
        price: products[0].price,
        image: `/img/${products[0].category}-${products[0].variant}.svg`,
        url: `/product?id=${products[0].id}`,
        inStock: products[0].stock > 0,
      },
    });
  });

  it('draws an image for every department and variant the products use', () => {
    const files = new Map(allProductImages());
    for (const p of products) expect(files.has(`${p.category}-${p.variant}.svg`)).toBe(true);
    for (const svg of files.values())
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>$/);
  });
});
