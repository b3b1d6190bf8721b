/**
 * The demo shop sends its catalogue through the catalogue API on every `npm start`, as a shop's
 * server would (`npm run catalog -- import` does the same from a file). Stamped with a fixed time,
 * so a restart changes nothing and never undoes what the owner changed in the catalogue panel since.
 */

import type { CatalogItemInput } from '../../contracts/catalog.ts';
import { MAX_BULK_LINES } from '../../contracts/catalog.ts';
import { postItems } from '../../edge/scripts/catalog/api-client.ts';
import { demoCatalogue, imagePath, productPath } from '../src/catalogue/catalogue.ts';

/** When the demo catalogue was "last edited": older than anything the owner does in the panel. */
export const DEMO_CATALOGUE_TIME = Date.UTC(2026, 0, 1);

/** The demo products as catalogue items. */
export function demoCatalogueItems(): CatalogItemInput[] {
  return demoCatalogue().map((p) => ({
    id: p.id,
    title: p.title,
    url: productPath(p.id),
    image: imagePath(p),
    price: p.price,
    currency: 'EUR',
    category: p.category,
    inStock: p.stock > 0,
    attributes: { stock: p.stock },
    updatedAt: DEMO_CATALOGUE_TIME,
  }));
}

/** Send the demo catalogue; returns how many items changed the store. */
export async function loadDemoCatalogue(url: string, token: string, site = 'demo'): Promise<number> {
  const items = demoCatalogueItems();
  let upserted = 0;
  for (let i = 0; i < items.length; i += MAX_BULK_LINES) {
    const body = items
      .slice(i, i + MAX_BULK_LINES)
      .map((item) => JSON.stringify(item))
      .join('\n');
    const result = await postItems({ url, site, token }, body);
    if (result.errors.length > 0)
      throw new Error(`demo catalogue line ${result.errors[0]!.line}: ${result.errors[0]!.message}`);
    upserted += result.upserted;
  }
  return upserted;
}
