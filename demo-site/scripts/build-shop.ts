/**
 * Build the storefront into dist/public: the compact catalogue, the generated product images,
 * the shop script. Deterministic and fast (well under a second). The SDK's bundles are `sdk/build.ts`'s.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundle } from '../../sdk/bundles.ts';
import { demoCatalogue } from '../src/catalogue/catalogue.ts';
import { encodeCatalogue } from '../src/catalogue/compact.ts';
import { allProductImages } from '../src/catalogue/image.ts';

/** The demo storefront's own script (not shipped to shops: no budget). */
const SHOP_BUNDLE = { entry: 'demo-site/src/app/main.ts', out: 'shop.js' };

/**
 * The storefront's routes besides `/` (see demo-site/src/app/main.ts): each is served as a copy of
 * index.html (`/product` -> product.html), so reloads and shared links work with static assets only.
 */
export const SHOP_PAGES = [
  'category',
  'product',
  'cart',
  'checkout',
  'search',
  'under-the-hood',
  'admin/catalogue',
];

/** Write the storefront's generated files into `outDir` (after demo-site/public was copied there). */
export async function buildShop(outDir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const page of SHOP_PAGES) {
    const file = resolve(outDir, `${page}.html`);
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(resolve(outDir, 'index.html'), file);
  }
  const catalogue = JSON.stringify(encodeCatalogue(demoCatalogue()));
  writeFileSync(resolve(outDir, 'catalogue.json'), catalogue);
  sizes['catalogue.json'] = catalogue.length;
  mkdirSync(resolve(outDir, 'img'), { recursive: true });
  let images = 0;
  for (const [name, svg] of allProductImages()) {
    writeFileSync(resolve(outDir, 'img', name), svg);
    images += svg.length;
  }
  sizes['img/*.svg'] = images;
  const { code } = await bundle(SHOP_BUNDLE);
  writeFileSync(resolve(outDir, SHOP_BUNDLE.out), code);
  sizes[SHOP_BUNDLE.out] = code.length;
  return sizes;
}
