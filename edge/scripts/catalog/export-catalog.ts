/** The export: every page of `GET /v1/catalog/items`, one NDJSON line an item, in the API's order. */
import { MAX_PAGE_SIZE } from '../../../contracts/catalog.ts';
import { type CatalogApi, getItems } from './api-client.ts';

/** Write every item of the site through `write` (awaited, for backpressure); returns the count. */
export async function exportCatalog(
  api: CatalogApi,
  write: (ndjson: string) => Promise<void>,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await getItems(api, MAX_PAGE_SIZE, cursor);
    if (page.items.length > 0) await write(`${page.items.map((item) => JSON.stringify(item)).join('\n')}\n`);
    count += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}
