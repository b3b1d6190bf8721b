/**
 * Micro-bench: one query of the Vectorize stand-in's in-memory store (`VectorStore.search`, the
 * SIMD scan plus top-k and metadata filter), in-process in Node, at 10k and 100k x 64, topK 100 as
 * answers ask, without and with the answers' stock filter. Prints JSON: ms per query (median and
 * p99 of `--queries`) and the CPU ms per query. No HTTP, no Durable Object: the scan alone.
 * Usage: `npx tsx bench/vectorize-scan.ts [--items 10000,100000] [--dims 64] [--queries 300]`
 */
import './lib/wasm-modules.ts';
import { cpuUsage } from 'node:process';
import { parseArgs } from 'node:util';
import { rng, summarize } from './lib/stats.ts';

const { compileFilter } = await import('../edge/src/vectorize/filter.ts');
const { VectorStore } = await import('../edge/src/vectorize/store.ts');

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000,100000' },
    dims: { type: 'string', default: '64' },
    queries: { type: 'string', default: '300' },
    metric: { type: 'string', default: 'dot-product' },
  },
});
const DIMS = Number(args.dims);
const QUERIES = Number(args.queries);
const metric = args.metric as VectorizeDistanceMetric;
const random = rng(9);
const vec = () => Float32Array.from({ length: DIMS }, () => random() * 2 - 1);

function measure(store: InstanceType<typeof VectorStore>, filter?: ReturnType<typeof compileFilter>) {
  for (let i = 0; i < 30; i++) store.search(vec(), 100, undefined, filter); // JIT warm-up
  const queries = Array.from({ length: QUERIES }, vec);
  const times: number[] = [];
  const cpu0 = cpuUsage();
  for (const q of queries) {
    const t = performance.now();
    store.search(q, 100, undefined, filter);
    times.push(performance.now() - t);
  }
  const cpu = cpuUsage(cpu0);
  return {
    ...summarize(times),
    cpuMsPerQuery: Math.round(((cpu.user + cpu.system) / 1000 / QUERIES) * 1000) / 1000,
  };
}

const results = [];
for (const items of args.items.split(',').map(Number)) {
  const store = new VectorStore(DIMS, metric, items);
  for (let i = 0; i < items; i++)
    store.put(
      { id: `item-${i}`, namespace: undefined, indexed: { inStock: i % 23 !== 0, category: `c${i % 40}` } },
      vec(),
    );
  // Euclidean has no int8 pass: its full float32 scan is the reference in the same run.
  const reference = new VectorStore(DIMS, 'euclidean', items);
  for (let i = 0; i < items; i++)
    reference.put({ id: `item-${i}`, namespace: undefined, indexed: {} }, store.valuesOf(i));
  results.push({
    items,
    noFilterMs: measure(store),
    inStockFilterMs: measure(store, compileFilter({ inStock: { $ne: false } })),
    euclideanFullFloat32ScanMs: measure(reference),
  });
}
console.log(JSON.stringify({ bench: 'vectorize-scan', dims: DIMS, metric, topK: 100, results }, null, 2));
