import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type CatalogApi } from './api-client.ts';
import { type CatalogApiDouble, startCatalogApiDouble } from './catalog-api-double.ts';
import { exportCatalog } from './export-catalog.ts';
import { type ImportSummary, importCatalog } from './import-catalog.ts';
import { parseNdjson } from './ndjson.ts';
import { fixture } from './read-fixture.ts';
import { readLines } from './read-lines.ts';
import { validated } from './validate.ts';

let double: CatalogApiDouble;
let api: CatalogApi;
beforeAll(async () => {
  double = await startCatalogApiDouble('t0ken');
});
afterAll(() => double.close());

let site = 0;
/** A fresh site on the double for each test, retries without waiting. */
const freshApi = (): CatalogApi => ({ url: double.url, site: `s${++site}`, token: 't0ken', delay: () => 0 });

const item = (i: number) => JSON.stringify({ id: `i${i}`, title: `Item ${i}`, price: i });
const file = (name: string, lines: string[]) => fixture(name, `${lines.join('\n')}\n`);

describe('catalogue import (against the test double of the Worker)', () => {
  it('sends chunks of at most maxLines and maps the server refusals back to file lines', async () => {
    api = freshApi();
    // Lines 4 and 9 pass the parser but not the contract: without the local check the server refuses them.
    const lines = Array.from({ length: 10 }, (_, i) => item(i + 1));
    lines[3] = JSON.stringify({ id: 'bad id', title: 'x' });
    lines[8] = JSON.stringify({ id: 'i9', title: 'x', price: -1 });
    const path = file('chunks.ndjson', ['', ...lines]); // a blank first line: file line = index + 2
    const s = await importCatalog(parseNdjson(readLines(path)), { api, maxLines: 3 });
    expect(double.posts.slice(-4)).toEqual([3, 3, 3, 1]);
    expect(s).toMatchObject({ sent: 10, upserted: 8, unchanged: 0, refused: 2 });
    expect(s.errors).toEqual([
      { line: 5, path: 'id', message: 'itemId must be printable ASCII without spaces' },
      { line: 10, path: 'price', message: 'price must not be negative' },
    ]);
  });

  it('refuses locally with the file line what the contract refuses, and a second run changes nothing', async () => {
    api = freshApi();
    const path = file('twice.ndjson', [item(1), '{"id":"x"}', item(2), 'nope']);
    const run = () => importCatalog(validated(parseNdjson(readLines(path))), { api });
    const first = await run();
    expect(first).toMatchObject({ sent: 2, upserted: 2, unchanged: 0, refused: 2 });
    expect(first.errors.map((e) => [e.line, e.path])).toEqual([
      [2, 'title'],
      [4, 'line'],
    ]);
    expect(await run()).toMatchObject({ sent: 2, upserted: 0, unchanged: 2, refused: 2 });
  });

  it('keeps each chunk within maxBytes', async () => {
    api = freshApi();
    const path = file(
      'bytes.ndjson',
      Array.from({ length: 6 }, (_, i) => item(i)),
    );
    const size = Buffer.byteLength(item(0)) + 1;
    await importCatalog(parseNdjson(readLines(path)), { api, maxBytes: 2 * size + 1 });
    expect(double.posts.slice(-3)).toEqual([2, 2, 2]);
  });

  it('retries a chunk the server failed with 5xx, and sends each applied chunk once', async () => {
    api = freshApi();
    const path = file(
      'retry.ndjson',
      Array.from({ length: 5 }, (_, i) => item(i)),
    );
    const before = double.posts.length;
    double.failNext(2);
    const s = await importCatalog(parseNdjson(readLines(path)), { api, maxLines: 2 });
    expect(double.posts.slice(before)).toEqual([2, 2, 1]);
    expect(s).toMatchObject({ upserted: 5, refused: 0 });
  });

  it('stops on a refused token, saying how far it got', async () => {
    api = { ...freshApi(), token: 'wrong' };
    const path = file('token.ndjson', [item(1)]);
    const error = await importCatalog(parseNdjson(readLines(path)), { api }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/401 unauthorized: bad token/);
    expect((error as { summary: ImportSummary }).summary).toMatchObject({ sent: 0, appliedThrough: 0 });
  });

  it('exports every page as NDJSON that imports back unchanged', async () => {
    api = freshApi();
    const path = file(
      'roundtrip.ndjson',
      Array.from({ length: 2500 }, (_, i) => item(i)),
    );
    await importCatalog(parseNdjson(readLines(path)), { api });
    let out = '';
    const count = await exportCatalog(api, async (text) => {
      out += text;
    });
    expect(count).toBe(2500);
    const exported = file('exported.ndjson', out.trimEnd().split('\n'));
    const again = await importCatalog(validated(parseNdjson(readLines(exported))), { api });
    expect(again).toMatchObject({ sent: 2500, upserted: 0, unchanged: 2500, refused: 0 });
  });
});
