/** The per-isolate replica reads a site's catalogue ahead of its answers (catalog/cache.ts preloadRows). */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { catalogRows, preloadRows } from '../../src/catalog/cache.ts';
import { upsertItems } from '../../src/catalog/store.ts';
import { uid } from '../helpers.ts';

/** The catalogue database, counting the queries that read rows by id (an answer's on-demand read). */
function counted() {
  const db = env.CATALOG;
  const seen = { byId: 0, all: 0 };
  const wrapped = {
    prepare(query: string) {
      seen.all++;
      if (/\bid IN \(/.test(query)) seen.byId++;
      return db.prepare(query);
    },
    batch: (statements: D1PreparedStatement[]) => db.batch(statements),
  } as unknown as D1Database;
  return { db: wrapped, seen };
}

const item = (id: string) => ({
  id,
  title: `Item ${id}`,
  category: 'bags',
  price: 10,
  currency: 'EUR',
  url: `/p/${id}`,
  inStock: true,
  attributes: {},
});

describe("a site's catalogue rows, read ahead", () => {
  it("serve an answer's candidates without a D1 read of their rows", async () => {
    const site = uid('preload');
    await upsertItems(env.CATALOG, site, ['a', 'b', 'c'].map(item));
    const { db, seen } = counted();
    const t = Date.now();
    await preloadRows(db, site, undefined, t);
    const rows = await catalogRows(db, site, ['a', 'b', 'c'], t + 1);
    expect([...rows.values()].map((r) => r?.title)).toEqual(['Item a', 'Item b', 'Item c']);
    expect(seen.byId).toBe(0);
  });

  it('up to a limit: the rows past it are read on demand', async () => {
    const site = uid('preload');
    await upsertItems(env.CATALOG, site, ['a', 'b', 'c'].map(item));
    const { db, seen } = counted();
    const t = Date.now();
    await preloadRows(db, site, 2, t);
    await catalogRows(db, site, ['a', 'b'], t + 1);
    expect(seen.byId).toBe(0);
    expect((await catalogRows(db, site, ['c'], t + 2)).get('c')?.title).toBe('Item c');
    expect(seen.byId).toBe(1);
  });

  it('once per isolate and site; a change after it still reaches answers after the TTL', async () => {
    const site = uid('preload');
    await upsertItems(env.CATALOG, site, ['a'].map(item));
    const { db, seen } = counted();
    const t = Date.now();
    await preloadRows(db, site, undefined, t);
    const before = seen.all;
    await preloadRows(db, site, undefined, t + 1);
    expect(seen.all).toBe(before);
    await upsertItems(env.CATALOG, site, [{ ...item('a'), inStock: false }]);
    expect((await catalogRows(db, site, ['a'], t + 10_000)).get('a')?.in_stock).toBe(0);
  });

  it('of a site without a catalogue: nothing is read past the first look', async () => {
    const { db, seen } = counted();
    await preloadRows(db, uid('preload'), undefined, Date.now());
    expect(seen.all).toBe(1); // its latest version: none
  });

  it('of a site that sends its first items later: read ahead once they are there', async () => {
    const site = uid('preload');
    const { db, seen } = counted();
    const t = Date.now();
    await preloadRows(db, site, undefined, t);
    await upsertItems(env.CATALOG, site, ['a', 'b'].map(item));
    // Past the TTL the replica sees the catalogue; the next events read its rows ahead.
    await preloadRows(db, site, undefined, t + 10_000);
    const byIdBefore = seen.byId;
    const rows = await catalogRows(db, site, ['a', 'b'], t + 10_001);
    expect([...rows.values()].map((r) => r?.title)).toEqual(['Item a', 'Item b']);
    expect(seen.byId).toBe(byIdBefore);
  });
});
