import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogApiDouble, startCatalogApiDouble } from './catalog/catalog-api-double.ts';
import { fixture, fixturePath } from './catalog/read-fixture.ts';

const root = resolve(import.meta.dirname, '../..');
let double: CatalogApiDouble;
beforeAll(async () => {
  double = await startCatalogApiDouble('cli-token');
});
afterAll(() => double.close());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ADMIN_TOKEN: 'cli-token' };
  try {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'edge/scripts/catalog.ts', ...args],
      {
        cwd: root,
        env,
      },
    );
    const { stdout, stderr } = await run;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run catalog (against the test double of the Worker)', () => {
  it('imports a Merchant feed in chunks of 1000, lists refused lines by file line, exits 3', async () => {
    const rows = Array.from({ length: 2400 }, (_, i) =>
      [`m${i}`, `Item ${i}`, i === 1500 ? '12,5 EUR' : `${i}.50 EUR`, 'in stock', 'Home > Kitchen'].join(
        '\t',
      ),
    );
    const feed = fixture('feed.tsv', `id\ttitle\tprice\tavailability\tproduct_type\n${rows.join('\n')}\n`);
    const r = await cli('import', feed, '--url', double.url, '--site', 'cli');
    expect(r.stderr).toContain(`${feed}:1502: price: price must look like 19.99 EUR, got "12,5 EUR"`);
    expect(r.stderr).toMatch(/2399 upserted, 0 unchanged, 1 refused/);
    expect(r.code).toBe(3);
    expect(double.posts.slice(-3)).toEqual([1000, 1000, 399]);
    expect(double.store.get('cli')?.get('m7')).toMatchObject({
      price: 7.5,
      currency: 'EUR',
      category: 'Home',
    });
  }, 30_000);

  it('exports to --out and exits 0', async () => {
    const out = fixturePath('export.ndjson');
    const r = await cli('export', '--url', double.url, '--site', 'cli', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`exported 2399 items to ${out}`);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(2399);
  }, 30_000);

  it('exits 2 on wrong arguments and 1 when the token is refused', async () => {
    const usage = await cli('import', 'items.xml');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/pass --format[\s\S]*usage:/);
    const file = fixture('one.csv', 'id,title\na,A\n');
    const denied = await cli('import', file, '--url', double.url, '--token', 'nope');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/401 unauthorized: bad token/);
  }, 30_000);
});
