/** The catalogue API in workerd over real D1: writes, validation, tombstones, pages, bulk imports. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CatalogBulkResult, CatalogItem, CatalogPage } from '../../../contracts/catalog.ts';
import { catalog, errorOf, ndjson } from './client.ts';

const shoe = { title: 'Trail shoe', price: 89.9, currency: 'EUR', category: 'shoes', url: '/p/shoe' };
const rowCount = async (site = 'demo') =>
  (await env.CATALOG.prepare('SELECT COUNT(*) AS n FROM catalog_items WHERE site = ?1')
    .bind(site)
    .first<{ n: number }>())!.n;

describe('single items', () => {
  it('PUT stores the item, GET reads it back as sent, a second PUT changes nothing', async () => {
    const put = await catalog('PUT', '/shoe-1', { body: { ...shoe, attributes: { brand: 'Acme' } } });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ result: 'upserted', item: { id: 'shoe-1', inStock: true } });
    const got = (await (await catalog('GET', '/shoe-1')).json()) as CatalogItem;
    expect(got).toMatchObject({ id: 'shoe-1', ...shoe, inStock: true, attributes: { brand: 'Acme' } });
    expect(Date.parse(got.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await catalog('PUT', '/shoe-1', { body: { ...shoe, attributes: { brand: 'Acme' } } });
    expect(await again.json()).toMatchObject({ result: 'unchanged' });
  });

  it('PATCH changes the fields it names and keeps the rest; null clears an optional field', async () => {
    await catalog('PUT', '/shoe-2', { body: shoe });
    const res = await catalog('PATCH', '/shoe-2', { body: { inStock: false, price: 79, url: null } });
    expect(res.status).toBe(200);
    const item = (await (await catalog('GET', '/shoe-2')).json()) as CatalogItem;
    expect(item).toMatchObject({ title: 'Trail shoe', inStock: false, price: 79, category: 'shoes' });
    expect(item.url).toBeUndefined();
    expect((await catalog('PATCH', '/never-sent', { body: { price: 1 } })).status).toBe(404);
  });

  it('DELETE leaves a tombstone: GET says deleted, a late write cannot bring the item back', async () => {
    const t0 = Date.now() - 10_000;
    await catalog('PUT', '/shoe-3', { body: { ...shoe, updatedAt: t0 } });
    const del = await catalog('DELETE', '/shoe-3', { query: { updatedAt: String(t0 + 5000) } });
    expect(await del.json()).toEqual({ id: 'shoe-3', deleted: true, result: 'upserted' });
    const gone = await catalog('GET', '/shoe-3');
    expect(gone.status).toBe(404);
    expect((await errorOf(gone)).code).toBe('item_deleted');
    // A write the shop made before the deletion, arriving after it.
    const late = await catalog('PUT', '/shoe-3', { body: { ...shoe, updatedAt: t0 + 1000 } });
    expect(await late.json()).toEqual({ result: 'unchanged', deleted: true, id: 'shoe-3' });
    expect((await catalog('PATCH', '/shoe-3', { body: { price: 5 } })).status).toBe(404);
    // A newer write re-adds it (the shop sells it again).
    const back = await catalog('PUT', '/shoe-3', { body: shoe });
    expect(await back.json()).toMatchObject({ result: 'upserted', item: { id: 'shoe-3' } });
  });

  it('an older write never overwrites a newer one', async () => {
    const t = Date.now() - 60_000;
    await catalog('PUT', '/shoe-4', { body: { ...shoe, price: 50, updatedAt: t } });
    const old = await catalog('PUT', '/shoe-4', { body: { ...shoe, price: 40, updatedAt: t - 1 } });
    expect(await old.json()).toMatchObject({ result: 'unchanged', item: { price: 50 } });
  });

  it.each([
    [{ ...shoe, title: '' }, 'title', 'title must not be empty'],
    [{ price: 3 }, 'title', 'Invalid key: Expected "title" but received undefined'],
    [{ ...shoe, price: -1 }, 'price', 'price must not be negative'],
    [{ ...shoe, price: '9.99' }, 'price', 'price must be a number'],
    [{ ...shoe, currency: 'euro' }, 'currency', 'currency must be an ISO 4217 code like EUR'],
    [{ ...shoe, url: 'javascript:alert(1)' }, 'url', 'url must be an http(s) URL or a path starting with /'],
    [
      { ...shoe, image: '//evil.example/x.png' },
      'image',
      'image must be an http(s) URL or a path starting with /',
    ],
    [{ ...shoe, inStock: 'yes' }, 'inStock', 'inStock must be a boolean'],
    [{ ...shoe, attributes: [1] }, 'attributes', 'attributes must be an object'],
    [
      { ...shoe, attributes: { a: { b: { c: { d: { e: 1 } } } } } },
      'attributes',
      'attributes.a.b.c.d: nesting deeper than 4 levels',
    ],
    [{ ...shoe, colour: 'red' }, 'colour', 'Invalid key: Expected never but received "colour"'],
    [{ ...shoe, id: 'other' }, 'id', 'id in the body (other) is not shoe-bad'],
    [{ ...shoe, updatedAt: Date.now() + 3_600_000 }, 'updatedAt', 's in the future (at most 300 s allowed)'],
    [{ ...shoe, updatedAt: 'yesterday' }, 'updatedAt', 'updatedAt must be a time between 2020 and 2100'],
  ])('PUT %j → 400 naming %s, nothing stored', async (body, path, message) => {
    const before = await rowCount();
    const res = await catalog('PUT', '/shoe-bad', { body });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
    expect(await rowCount()).toBe(before);
  });

  it('refuses without the admin token, with an unknown site key, or a bad id', async () => {
    expect((await catalog('GET', '/shoe-1', { token: null })).status).toBe(401);
    expect((await catalog('PUT', '/x', { body: shoe, token: 'wrong' })).status).toBe(401);
    expect((await catalog('GET', '/shoe-1', { site: 'nope' })).status).toBe(401);
    const bad = await catalog('PUT', `/${encodeURIComponent('a b')}`, { body: shoe });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid_item_id', path: 'id' });
  });

  it('keeps sites apart', async () => {
    await catalog('PUT', '/only-demo', { body: shoe });
    expect((await catalog('GET', '/only-demo', { site: 'shop2' })).status).toBe(404);
  });
});

describe('bulk upsert', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: `bulk-${i}`, title: `Bulk ${i}`, price: i + 1 }));

  it('applies the good lines, reports each bad line with its number and field, applies it nowhere', async () => {
    const lines = ndjson(items).split('\n');
    lines.splice(3, 0, '{"id":"bad-1","title":"x","price":-2}'); // line 4
    lines.splice(7, 0, 'not json'); // line 8
    lines.splice(9, 0, ''); // blank line 10: skipped
    lines.splice(12, 0, '{"id":"bad-2"}'); // line 13
    const res = await catalog('POST', '', { body: lines.join('\n'), type: 'application/x-ndjson' });
    expect(res.status).toBe(200);
    const result = (await res.json()) as CatalogBulkResult;
    expect(result.upserted).toBe(30);
    expect(result.unchanged).toBe(0);
    expect(result.errors.map((e) => [e.line, e.path])).toEqual([
      [4, 'price'],
      [8, ''],
      [13, 'title'],
    ]);
    expect(result.errors[1]!.message).toMatch(/^not valid JSON/);
    expect((await catalog('GET', '/bad-1')).status).toBe(404);
    expect((await catalog('GET', '/bad-2')).status).toBe(404);
    expect(await (await catalog('GET', '/bulk-29')).json()).toMatchObject({ title: 'Bulk 29', price: 30 });
  });

  it('is idempotent: the same file twice changes nothing the second time; a JSON array works too', async () => {
    const body = ndjson(items.slice(0, 10));
    await catalog('POST', '', { body, type: 'application/x-ndjson' });
    const again = (await (
      await catalog('POST', '', { body, type: 'application/x-ndjson' })
    ).json()) as CatalogBulkResult;
    expect(again).toEqual({ upserted: 0, unchanged: 10, errors: [] });
    const changed = items.slice(0, 10).map((i, n) => (n === 4 ? { ...i, price: 999 } : i));
    const asArray = (await (await catalog('POST', '', { body: changed })).json()) as CatalogBulkResult;
    expect(asArray).toEqual({ upserted: 1, unchanged: 9, errors: [] });
  });

  it('refuses a body that is not a bulk of items as a whole', async () => {
    const over = ndjson(Array.from({ length: 1001 }, (_, i) => ({ id: `o${i}`, title: 't' })));
    const cases: [string, string, number, string][] = [
      [over, 'application/x-ndjson', 400, 'too_many_lines'],
      ['{"id":"a"}', 'application/json', 400, 'invalid_body'],
      ['\n\n', 'application/x-ndjson', 400, 'invalid_body'],
      [ndjson(items), 'text/csv', 415, 'unsupported_media_type'],
    ];
    for (const [body, type, status, code] of cases) {
      const before = await rowCount();
      const res = await catalog('POST', '', { body, type });
      expect(res.status, code).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
      expect(await rowCount()).toBe(before);
    }
  });
});

describe('pages', () => {
  it('walks every live item once, in id order, deleted ones left out', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    await catalog('POST', '', {
      body: ndjson(ids.map((id) => ({ id, title: id }))),
      type: 'application/x-ndjson',
      site: 'shop2',
    });
    await catalog('DELETE', '/page-07', { site: 'shop2' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query: Record<string, string> = { limit: '10', ...(cursor ? { cursor } : {}) };
      const page = (await (await catalog('GET', '', { site: 'shop2', query })).json()) as CatalogPage;
      seen.push(...page.items.map((i) => i.id).filter((id) => id.startsWith('page-')));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(ids.filter((id) => id !== 'page-07'));
    expect((await catalog('GET', '', { query: { limit: '0' } })).status).toBe(400);
    expect((await catalog('GET', '', { query: { cursor: '%%%' } })).status).toBe(400);
  });
});
