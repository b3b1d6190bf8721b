import { describe, expect, it } from 'vitest';
import { merchantParser } from './merchant.ts';
import { parseFixture } from './read-fixture.ts';

const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n');
const parse = merchantParser();

describe('Merchant Center feed parser', () => {
  it('maps link, image_link, price, availability, product_type, brand; drops description', async () => {
    const text = tsv([
      [
        'id',
        'title',
        'description',
        'link',
        'image_link',
        'price',
        'availability',
        'product_type',
        'brand',
        'google_product_category',
        'gtin',
      ],
      [
        'm1',
        'Chef knife',
        'Long text',
        'https://shop.example/p/m1',
        'https://cdn.example/m1.jpg',
        '19.99 EUR',
        'in_stock',
        'Home > Kitchen > Knives',
        'Acme',
        '668',
        '4006381333931',
      ],
    ]);
    expect(await parseFixture(parse, 'feed.tsv', text)).toEqual([
      {
        line: 2,
        item: {
          id: 'm1',
          title: 'Chef knife',
          url: 'https://shop.example/p/m1',
          image: 'https://cdn.example/m1.jpg',
          price: 19.99,
          currency: 'EUR',
          inStock: true,
          category: 'Home',
          attributes: {
            productType: 'Home > Kitchen > Knives',
            brand: 'Acme',
            googleProductCategory: '668',
            gtin: '4006381333931',
          },
        },
      },
    ]);
  });

  it('reads price variants, prefers sale_price, and maps every availability spelling', async () => {
    const text = tsv([
      ['id', 'title', 'price', 'sale price', 'availability'],
      ['p1', 'A', '19.99EUR', '', 'in stock'],
      ['p2', 'B', 'usd 1,299.00', '999.00 USD', 'Out Of Stock'],
      ['p3', 'C', '5 GBP', '', 'preorder'],
      ['p4', 'D', '7', '', 'backorder'],
    ]);
    const items = (await parseFixture(parse, 'prices.txt', text)).map((r) => ('item' in r ? r.item : r));
    expect(items).toEqual([
      { id: 'p1', title: 'A', price: 19.99, currency: 'EUR', inStock: true },
      { id: 'p2', title: 'B', price: 999, currency: 'USD', inStock: false, attributes: { listPrice: 1299 } },
      {
        id: 'p3',
        title: 'C',
        price: 5,
        currency: 'GBP',
        inStock: false,
        attributes: { availability: 'preorder' },
      },
      { id: 'p4', title: 'D', price: 7, inStock: false, attributes: { availability: 'backorder' } },
    ]);
  });

  it('takes as many product_type segments as categoryDepth', async () => {
    const text = tsv([
      ['id', 'title', 'product_type'],
      ['c1', 'A', 'Home > Kitchen > Knives'],
    ]);
    const [r] = await parseFixture(merchantParser({ categoryDepth: 2 }), 'depth.tsv', text);
    expect(r).toMatchObject({ item: { category: 'Home > Kitchen' } });
  });

  it('refuses bad prices, availability and currency clashes with their line and column', async () => {
    const text = tsv([
      ['id', 'title', 'price', 'sale_price', 'availability'],
      ['e1', 'A', '19,99 EUR', '', 'in_stock'],
      ['e2', 'B', '10 EUR', '9 USD', 'in_stock'],
      ['e3', 'C', '10 EUR', '', 'discontinued'],
      ['e4', 'D', '10 EUR', ''],
      ['e5', 'E', '10 EUR', '', 'in_stock'],
    ]);
    const records = await parseFixture(parse, 'bad.tsv', text);
    expect(records.map((r) => ('issue' in r ? [r.line, r.issue.path] : [r.line, 'ok']))).toEqual([
      [2, 'price'],
      [3, 'sale_price'],
      [4, 'availability'],
      [5, 'line'],
      [6, 'ok'],
    ]);
  });

  it('refuses a header without id once at line 1', async () => {
    const records = await parseFixture(parse, 'noid.tsv', 'title\tprice\nA\t1 EUR\n');
    expect(records).toEqual([{ line: 1, issue: { path: 'header', message: 'no id column' } }]);
  });
});
