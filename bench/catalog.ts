/**
 * Bench: the catalogue against a real `wrangler dev` on loopback, with the stand-in index applying
 * mutations a minute late (as a loaded Vectorize might), so every figure holds without the index
 * catching up. Prints JSON:
 * - bulk import of N items with the shop's CLI (`npm run catalog -- import`), NDJSON and a Google
 *   Merchant feed: time and items/s;
 * - a stock (or delete) write acknowledged → first answer without the item: p50 / p99;
 * - a new product's upsert acknowledged → first `item=` answer for it with k similar items: p50 / p99;
 * - warm session answers of a site whose catalogue governs them versus the same model for a site
 *   without a catalogue, beside the `/v1/health` floor of the same run, at each catalogue size.
 * Usage: `npx tsx bench/catalog.ts [--items 10000,100000] [--import 100000] [--requests 400] [--trials 40]`
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../edge/scripts/free-port.ts';
import { AdminClient } from '../edge/scripts/publish/admin-client.ts';
import { publish } from '../edge/scripts/publish-model.ts';
import { ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { writeSyntheticModel } from '../test/support/synthetic-model.ts';
import { rng, summarize } from './lib/stats.ts';
import { benchWorkDir } from './lib/work-dir.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000,100000' },
    import: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '400' },
    trials: { type: 'string', default: '40' },
    dim: { type: 'string', default: '64' },
    ports: { type: 'string', default: '8830-8839' },
  },
});
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const TOKEN = 'bench-admin-token';
const DIM = Number(args.dim);
const REQUESTS = Number(args.requests);
const TRIALS = Number(args.trials);
const SITES = ['demo', 'bare', 'feeds', 'merchant'];
const work = benchWorkDir('bench-catalog-');
const random = rng(3);
const server = await startDevServer({
  port: await freePort(PORT_FROM, PORT_TO),
  persistTo: resolve(work, 'state'),
  vars: {
    ADMIN_TOKEN: TOKEN,
    SITE_KEYS: JSON.stringify(
      Object.fromEntries(SITES.map((s) => [s, { origins: ['http://localhost:8787'] }])),
    ),
    VECTORIZE_MUTATION_DELAY_MS: '60000',
  },
  inheritOutput: process.env.BENCH_VERBOSE === '1',
});
const url = server.url;
/** fetch, retried once on a dropped keep-alive connection (wrangler dev's proxy closes idle ones). */
const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
  try {
    return await globalThis.fetch(input, init);
  } catch {
    return globalThis.fetch(input, init);
  }
};
const auth = { Authorization: `Bearer ${TOKEN}` };

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

interface Answer {
  items: { id: string }[];
  model: string;
}
async function answer(site: string, query: Record<string, string>): Promise<Answer> {
  const q = new URLSearchParams({ key: site, ...query });
  const res = await fetch(`${url}/v1/recommendations?${q}`);
  if (res.status !== 200) throw new Error(`recommendations: ${res.status} ${await res.text()}`);
  return (await res.json()) as Answer;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await f();
  return [out, performance.now() - t];
}

async function floor(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    out.push((await timed(() => fetch(`${url}/v1/health`).then((r) => r.arrayBuffer())))[1]);
  return out;
}

function importWithCli(file: string, site: string): { ms: number; output: string } {
  const t = performance.now();
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(ROOT, 'edge/scripts/catalog.ts'),
      'import',
      file,
      '--site',
      site,
      '--url',
      url,
      '--token',
      TOKEN,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { ms: performance.now() - t, output: output.trim().split('\n').slice(-3).join(' | ') };
}

async function track(site: string, session: string, items: string[]): Promise<void> {
  const now = Date.now();
  const events = items.map((itemId, i) => ({
    id: `e-${session}-${i}-${now}`,
    type: 'view',
    ts: now - (items.length - i) * 30_000,
    itemId,
  }));
  const res = await fetch(`${url}/v1/events?key=${site}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: session, consent: { analytics: true, personalization: true }, events }),
  });
  if (res.status !== 202) throw new Error(`events: ${res.status}`);
}

async function sizeRun(items: number) {
  const dir = resolve(work, `model-${items}`);
  const manifest = writeSyntheticModel(dir, items, DIM, `bench-catalog-${items}-${Date.now()}`, 10, true);
  const ids = manifest.tower.items;
  // The governed site's catalogue: every model item, through the bulk API.
  const lines = ids.map((id, i) =>
    JSON.stringify({ id, title: `Product ${i}`, price: 5 + (i % 200), category: `c${i % 40}` }),
  );
  const [, loadMs] = await timed(async () => {
    for (let i = 0; i < lines.length; i += 1000) {
      const res = await fetch(`${url}/v1/catalog/items?key=demo`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/x-ndjson' },
        body: lines.slice(i, i + 1000).join('\n'),
      });
      if (!res.ok) throw new Error(`bulk: ${res.status}`);
    }
  });
  await publish(dir, new AdminClient(url, TOKEN), () => {}, 'demo');
  const sessions = (site: string) => Array.from({ length: 40 }, (_, i) => `bench-${site}-${items}-${i}`);
  for (const site of ['demo', 'bare'])
    for (const s of sessions(site))
      await track(
        site,
        s,
        Array.from({ length: 5 }, () => ids[Math.floor(random() * ids.length)]!),
      );
  for (let i = 0; i < 200; i++) {
    if (
      (await answer('demo', { placement: 'home', session: sessions('demo')[0]! })).model === manifest.version
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const warm: Record<string, number[]> = { demo: [], bare: [], health: [] };
  for (let i = 0; i < 50; i++)
    for (const site of ['demo', 'bare'])
      await answer(site, { placement: 'home', session: sessions(site)[i % 40]! });
  // Interleaved, so drift on a shared machine hits all three alike.
  for (let i = 0; i < REQUESTS; i++) {
    for (const site of ['demo', 'bare'])
      warm[site]!.push(
        (await timed(() => answer(site, { placement: 'home', session: sessions(site)[i % 40]! })))[1],
      );
    warm.health!.push(...(await floor(1)));
  }
  const [demo, bare, health] = [summarize(warm.demo!), summarize(warm.bare!), summarize(warm.health!)];

  // Stock write acknowledged → first answer without the item (same isolate: the write's own; others: TTL).
  const stock: number[] = [];
  const deletion: number[] = [];
  for (let t = 0; t < TRIALS; t++) {
    const anchor = ids[Math.floor(random() * ids.length)]!;
    const before = await answer('demo', {
      placement: 'product',
      item: anchor,
      k: '6',
      session: `stock-bench-${t}`,
    });
    const victim = before.items[0]!.id;
    const del = t % 4 === 3;
    await (del
      ? call('DELETE', `/v1/catalog/items/${victim}?key=demo`)
      : call('PATCH', `/v1/catalog/items/${victim}?key=demo`, { inStock: false }));
    const acked = performance.now();
    for (;;) {
      const a = await answer('demo', {
        placement: 'product',
        item: anchor,
        k: '6',
        session: `stock-bench-${t}`,
      });
      if (!a.items.some((i) => i.id === victim)) break;
    }
    (del ? deletion : stock).push(performance.now() - acked);
    await call('PUT', `/v1/catalog/items/${victim}?key=demo`, { title: 'back', price: 9, category: 'c1' });
  }
  // New product upsert acknowledged → first item= answer for it holding k similar items.
  const fresh: number[] = [];
  for (let t = 0; t < TRIALS; t++) {
    const id = `new-${items}-${t}-${Date.now()}`;
    await call('PUT', `/v1/catalog/items/${id}?key=demo`, {
      title: `New ${t}`,
      price: 20 + t,
      category: `c${t % 40}`,
    });
    const acked = performance.now();
    for (let n = 0; ; n++) {
      const a = await answer('demo', { placement: 'product', item: id, k: '6', session: `new-bench-${t}` });
      if (a.items.length === 6) break;
      if (n > 200) throw new Error(`new product ${id} never answered`);
    }
    fresh.push(performance.now() - acked);
  }
  return {
    items,
    catalogueLoadMs: Math.round(loadMs),
    warmAnswerMs: { withCatalogue: demo, withoutCatalogue: bare, healthFloor: health },
    catalogueCostP50Ms: Math.round((demo.p50 - bare.p50) * 100) / 100,
    ratioToFloorP50: { withCatalogue: demo.p50 / health.p50, withoutCatalogue: bare.p50 / health.p50 },
    stockWriteToAnswerWithoutItMs: summarize(stock),
    deleteToAnswerWithoutItMs: summarize(deletion),
    newProductToSimilarAnswerMs: summarize(fresh),
  };
}

try {
  const feeds = resolve(work, 'feeds');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(ROOT, 'bench/catalog-feed.ts'), '--out', feeds, '--items', args.import],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  const n = Number(args.import);
  const ndjson = importWithCli(resolve(feeds, 'catalog.ndjson'), 'feeds');
  const again = importWithCli(resolve(feeds, 'catalog.ndjson'), 'feeds');
  const merchant = importWithCli(resolve(feeds, 'catalog.tsv'), 'merchant');
  const imports = {
    items: n,
    ndjson: {
      ms: Math.round(ndjson.ms),
      itemsPerSecond: Math.round(n / (ndjson.ms / 1000)),
      cli: ndjson.output,
    },
    ndjsonAgainUnchanged: { ms: Math.round(again.ms), cli: again.output },
    merchantFeed: {
      ms: Math.round(merchant.ms),
      itemsPerSecond: Math.round(n / (merchant.ms / 1000)),
      cli: merchant.output,
    },
  };
  console.error(JSON.stringify({ imports }));
  const sizes = [];
  for (const items of args.items.split(',').map(Number)) {
    sizes.push(await sizeRun(items));
    console.error(JSON.stringify(sizes.at(-1)));
  }
  const result = {
    bench: 'catalog',
    note: 'loopback HTTP to wrangler dev (one isolate), sequential; index mutations delayed 60 s; ms',
    imports,
    sizes,
  };
  writeFileSync(resolve(ROOT, '.cache/bench-catalog.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
