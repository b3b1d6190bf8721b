/**
 * Writes a synthetic catalogue in two import formats, for the import benchmarks:
 * `<out>/catalog.ndjson` (the API's items) and `<out>/catalog.tsv` (a Google Merchant Center feed of
 * the same items). Deterministic for a seed; streamed, so a million items take no memory. Prints JSON.
 *
 *   npx tsx bench/catalog-feed.ts --out /tmp/feed [--items 100000] [--seed 1]
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type SyntheticItem, syntheticItems } from './lib/catalog-items.ts';

const MERCHANT_HEADER = [
  'id',
  'title',
  'link',
  'image_link',
  'price',
  'availability',
  'product_type',
  'brand',
  'color',
];

const ndjsonLine = ({ productType, brand, colour, ...item }: SyntheticItem) =>
  JSON.stringify({ ...item, attributes: { brand, colour } });
const merchantLine = (it: SyntheticItem) =>
  [
    it.id,
    it.title,
    it.url,
    it.image,
    `${it.price!.toFixed(2)} ${it.currency}`,
    it.inStock ? 'in_stock' : 'out_of_stock',
    it.productType,
    it.brand,
    it.colour,
  ].join('\t');

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    items: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.out) {
  console.error('usage: npx tsx bench/catalog-feed.ts --out <dir> [--items 100000] [--seed 1]');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const files = { ndjson: join(values.out, 'catalog.ndjson'), merchant: join(values.out, 'catalog.tsv') };
const ndjson = createWriteStream(files.ndjson);
const merchant = createWriteStream(files.merchant);
await write(merchant, `${MERCHANT_HEADER.join('\t')}\n`);
const items = Number(values.items);
for (const item of syntheticItems(items, Number(values.seed))) {
  await write(ndjson, `${ndjsonLine(item)}\n`);
  await write(merchant, `${merchantLine(item)}\n`);
}
await Promise.all([ndjson, merchant].map((s) => new Promise((resolve) => s.end(resolve))));
console.log(JSON.stringify({ items, files }));
