/**
 * Catalogue requests for the route fuzz: item-shaped bodies with hostile field values, bulk bodies
 * mixing good and bad lines, every method on the item and collection paths. Writes go to site
 * `shop2`, so the demo site's answers (checked for fullness by the other cases) keep their items.
 */
import fc from 'fast-check';
import { CATALOG_ITEM_FIELDS } from '../../../contracts/catalog.ts';
import { anyString, authorization, encode, jsonText, pathSegment } from './arbitraries.ts';

/** The item whose state the fuzz reads back after every refused request on it. */
export const CANARY_ITEM = 'canary-item';
/** The site the catalogue cases write to. */
export const CATALOG_SITE = 'shop2';

const fieldValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('/p/1', 'https://shop.example/x.png', 'javascript:x', '//evil', 'EUR', 'eur', '', ' '),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const FIELDS = [...CATALOG_ITEM_FIELDS, '__proto__', 'extra'];
/** An object with some catalogue fields, plausible or hostile. */
const itemBody = fc
  .record({
    title: fc.option(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fieldValue)),
    more: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 4 }),
  })
  .map(({ title, more }) => JSON.stringify({ ...(title === null ? {} : { title }), ...more }));
const body = fc.oneof(itemBody, itemBody, jsonText, anyString);
const itemPath = fc.oneof(fc.constant(CANARY_ITEM), fc.constantFrom('fz-1', 'fz-2', 'fz-3'), pathSegment);

/** A catalogue request as (method, path, headers, body). */
export const catalogRequest = fc.oneof(
  fc
    .record({
      method: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'POST'),
      id: itemPath,
      auth: authorization,
      body,
      updatedAt: fc.option(fc.oneof(fc.integer(), anyString)),
    })
    .map((r) => {
      const q = new URLSearchParams({ key: CATALOG_SITE });
      if (r.updatedAt !== null && r.method === 'DELETE') q.set('updatedAt', String(r.updatedAt));
      return {
        method: r.method,
        path: `/v1/catalog/items/${encode(r.id)}?${q}`,
        headers: { ...(r.auth ? { Authorization: r.auth } : {}), 'Content-Type': 'application/json' },
        body: r.method === 'GET' || r.method === 'DELETE' ? undefined : r.body,
        catalogItem: r.id,
      };
    }),
  fc
    .record({
      lines: fc.array(fc.oneof(itemBody, jsonText, fc.constant('')), { maxLength: 6 }),
      ids: fc.array(fc.constantFrom(CANARY_ITEM, 'fz-1', 'fz-2', 'fz-4'), { minLength: 6, maxLength: 6 }),
      type: fc.constantFrom('application/x-ndjson', 'application/json', 'text/csv', undefined),
      auth: authorization,
      cursor: fc.option(anyString),
      limit: fc.option(fc.oneof(fc.integer({ min: -1, max: 2000 }).map(String), anyString)),
      get: fc.boolean(),
    })
    .map((r) => {
      const q = new URLSearchParams({ key: CATALOG_SITE });
      if (r.get) {
        if (r.cursor !== null) q.set('cursor', r.cursor);
        if (r.limit !== null) q.set('limit', r.limit);
        return {
          method: 'GET',
          path: `/v1/catalog/items?${q}`,
          headers: r.auth ? { Authorization: r.auth } : {},
        };
      }
      // Give item-shaped lines an id (often the canary's), so lines reach the store's checks.
      const lines = r.lines.map((line, i) => {
        try {
          const v = JSON.parse(line) as unknown;
          if (v && typeof v === 'object' && !Array.isArray(v)) return JSON.stringify({ id: r.ids[i], ...v });
        } catch {}
        return line;
      });
      const text =
        r.type === 'application/json' ? `[${lines.filter((l) => l !== '').join(',')}]` : lines.join('\n');
      return {
        method: 'POST',
        path: `/v1/catalog/items?${q}`,
        headers: {
          ...(r.auth ? { Authorization: r.auth } : {}),
          ...(r.type ? { 'Content-Type': r.type } : {}),
        },
        body: text,
        catalogItem: CANARY_ITEM,
      };
    }),
);
