/**
 * Bench: bulk-load N x D random vectors into the local Vectorize stand-in through the admin API of a
 * real `wrangler dev`, then query latency (HTTP round trip included), then the lazy reload after a
 * restart. Prints JSON. Usage: `npx tsx bench/vectorize-load.ts [--items 100000] [--dims 64]`.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort } from '../edge/scripts/free-port.ts';
import { startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { encodeChunk } from '../edge/src/vectorize/chunk-codec.ts';
import { rng, summarize } from './lib/stats.ts';
import { benchWorkDir } from './lib/work-dir.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    dims: { type: 'string', default: '64' },
    chunk: { type: 'string', default: '5000' },
  },
});
const N = Number(args.items);
const D = Number(args.dims);
const CHUNK = Number(args.chunk);
const TOKEN = 'bench-admin-token';
const persistTo = benchWorkDir('bench-vectorize-');
const random = rng(42);
const vec = () => Float32Array.from({ length: D }, () => random() * 2 - 1);

async function admin(url: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${url}/v1/admin/indexes/a${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers as Record<string, string>) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function queryLatency(url: string, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({
      vector: Array.from(vec()),
      options: { topK: 50, returnMetadata: 'indexed' },
    });
    const t = performance.now();
    await admin(url, '/query', { method: 'POST', body });
    times.push(performance.now() - t);
  }
  return summarize(times);
}

const vars = { ADMIN_TOKEN: TOKEN };
let server = await startDevServer({ port: await freePort(8810, 8819), persistTo, vars });
try {
  await admin(server.url, '', {
    method: 'PUT',
    body: JSON.stringify({
      dimensions: D,
      metric: 'cosine',
      metadataIndexes: [
        { propertyName: 'category', indexType: 'string' },
        { propertyName: 'inStock', indexType: 'boolean' },
      ],
    }),
  });
  const t0 = performance.now();
  for (let start = 0; start < N; start += CHUNK) {
    const n = Math.min(CHUNK, N - start);
    const values = new Float32Array(n * D);
    for (let i = 0; i < n; i++) values.set(vec(), i * D);
    const ids = Array.from({ length: n }, (_, i) => `item-${start + i}`);
    const metadata = ids.map((_, i) => ({
      category: `c${(start + i) % 40}`,
      inStock: (start + i) % 17 !== 0,
    }));
    await admin(server.url, '/vectors', {
      method: 'POST',
      body: encodeChunk({ dims: D, ids, values, metadata }),
    });
  }
  const loadMs = performance.now() - t0;
  await queryLatency(server.url, 20); // warm-up
  const warm = await queryLatency(server.url, 300);
  await server.stop();

  server = await startDevServer({ port: await freePort(8810, 8819), persistTo, vars });
  const t1 = performance.now();
  const info = (await admin(server.url, '')) as { vectorCount: number };
  const reloadMs = performance.now() - t1;
  console.log(
    JSON.stringify(
      {
        bench: 'vectorize-load',
        items: N,
        dims: D,
        chunk: CHUNK,
        loadMs: Math.round(loadMs),
        vectorsPerSecond: Math.round(N / (loadMs / 1000)),
        queryTopK50Ms: warm,
        reloadAfterRestart: { ms: Math.round(reloadMs), vectorCount: info.vectorCount },
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
