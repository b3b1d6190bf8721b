/**
 * The shop's catalogue CLI against the real Worker (`wrangler dev`, D1 with its migrations): a
 * Merchant feed and a CSV imported with their refused lines named by file line, the second import
 * of the same file changing nothing, and the export reading back what was imported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../contracts/catalog.ts';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { decodeItemFeatures, featureVector } from '../../model/src/serve/item-features.ts';
import { type LocalWorker, startLocalWorker } from '../support/local-worker.ts';
import { writeSyntheticModel } from '../support/synthetic-model.ts';

const TOKEN = 'cli-e2e-token';
let worker: LocalWorker;
let server: { url: string };
let dir: string;

beforeAll(async () => {
  worker = await startLocalWorker(TOKEN);
  server = worker;
  dir = worker.dir;
});
afterAll(() => worker?.stop());

const cli = (...args: string[]) => worker.run('edge/scripts/catalog.ts', ...args);

const get = async (id: string) =>
  fetch(`${server.url}/v1/catalog/items/${id}?key=demo`, { headers: { Authorization: `Bearer ${TOKEN}` } });

describe('npm run catalog against the Worker', () => {
  it('imports a Merchant feed: good lines stored, the bad one named by its file line, exit 3; twice changes nothing', async () => {
    const feed = join(dir, 'feed.tsv');
    const rows = [
      ['id', 'title', 'link', 'image_link', 'price', 'availability', 'product_type', 'brand'],
      [
        'm1',
        'Chef Knife',
        'https://shop.example/p/m1',
        'https://shop.example/m1.jpg',
        '49.90 EUR',
        'in_stock',
        'Home > Kitchen',
        'Acme',
      ],
      [
        'm2',
        'Kettle',
        'https://shop.example/p/m2',
        'https://shop.example/m2.jpg',
        '12,5 EUR',
        'in_stock',
        'Home > Kitchen',
        'Acme',
      ],
      [
        'm3',
        'Lamp',
        'https://shop.example/p/m3',
        'https://shop.example/m3.jpg',
        '30.00 EUR',
        'out_of_stock',
        'Home > Lighting',
        'Lux',
      ],
    ];
    writeFileSync(feed, `${rows.map((r) => r.join('\t')).join('\n')}\n`);
    const first = await cli('import', feed, '--site', 'demo');
    expect(first.code, first.stderr).toBe(3);
    expect(`${first.stdout}${first.stderr}`).toMatch(/feed\.tsv:3: price/);
    expect((await get('m2')).status).toBe(404);
    const m1 = (await (await get('m1')).json()) as CatalogItem;
    expect(m1).toMatchObject({
      title: 'Chef Knife',
      price: 49.9,
      currency: 'EUR',
      category: 'Home',
      inStock: true,
      url: 'https://shop.example/p/m1',
    });
    expect(m1.attributes).toMatchObject({ brand: 'Acme' });
    expect(((await (await get('m3')).json()) as CatalogItem).inStock).toBe(false);
    const again = await cli('import', feed, '--site', 'demo');
    expect(`${again.stdout}${again.stderr}`).toMatch(/^0 upserted, /m);
  });

  it('imports a CSV and exports NDJSON that reads back as stored', async () => {
    const csv = join(dir, 'items.csv');
    writeFileSync(
      csv,
      'id,title,price,currency,category,in_stock\nc1,"Sneaker, white",59,EUR,shoes,yes\nc2,Boot,89,EUR,shoes,no\n',
    );
    const imported = await cli('import', csv, '--site', 'demo');
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(dir, 'export.ndjson');
    const exported = await cli('export', '--site', 'demo', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    const items = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CatalogItem);
    expect(items.map((i) => i.id).sort()).toEqual(['c1', 'c2', 'm1', 'm3']);
    expect(items.find((i) => i.id === 'c1')).toMatchObject({
      title: 'Sneaker, white',
      price: 59,
      inStock: true,
    });
    expect(items.find((i) => i.id === 'c2')).toMatchObject({ inStock: false });
    const back = await cli('import', out, '--site', 'demo');
    expect(back.code, back.stderr).toBe(0);
    expect(`${back.stdout}${back.stderr}`).toMatch(/^0 upserted, /m);
  });

  it('publish --site: the store gives the index its metadata, and stored items without a trained vector one from features', async () => {
    const model = join(dir, 'model');
    const manifest = writeSyntheticModel(model, 40, 8, 'cli-e2e-model', 10, true);
    const [trained] = manifest.tower.items;
    const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const put = (id: string, body: unknown) =>
      fetch(`${server.url}/v1/catalog/items/${id}?key=demo`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify(body),
      });
    expect((await put(trained!, { title: 'Trained', category: 'from-store', inStock: false })).status).toBe(
      200,
    );
    const slot = await publish(model, new AdminClient(server.url, TOKEN), () => {}, 'demo');
    const query = async (vector: number[]) => {
      const res = await fetch(`${server.url}/v1/admin/indexes/${slot}/query`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ vector, options: { topK: 20, returnMetadata: 'all' } }),
      });
      return ((await res.json()) as { matches: { id: string; metadata?: Record<string, unknown> }[] })
        .matches;
    };
    const tables = decodeItemFeatures(readFileSync(join(model, manifest.files.itemFeatures!)));
    // c1 (shoes, 59) was imported above and is not in the model: its vector comes from its features.
    const own = Array.from(featureVector(tables, { category: 'shoes', price: 59 }));
    const matches = await query(own);
    expect(matches.find((m) => m.id === 'c1')?.metadata).toEqual({ category: 'shoes', inStock: true });
    expect(matches.find((m) => m.id === trained)?.metadata).toEqual({
      category: 'from-store',
      inStock: false,
    });
  });
});
