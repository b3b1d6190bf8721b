/**
 * Report benchmark (issue 13), one JSON object, two parts, each beside the `/v1/health` floor of
 * the same server:
 * - `ingest`: `POST /v1/events` at a fixed `--rate` (batches of 20 carrying impressions, rec_clicks,
 *   cart adds and an order, so the report's facts are written) on a `wrangler dev` with the
 *   report's aggregation off (`REPORT_AGGREGATION=off`), then on an identical one with it on. CPU of
 *   the whole server process group per batch, the queue consumer's drain included (`--drain` s after
 *   the load), and the ratio on / off.
 * - `query`: `GET /v1/admin/report` over 7 days after loading `--events` events' worth of report
 *   facts straight into the local D1 (wrangler's `getPlatformProxy`, through the consumer's own
 *   INSERT OR IGNORE statements and rollup triggers), `--queries` times, latency as the client saw it.
 *
 *   npx tsx bench/report.ts [--events 1000000] [--rate 100] [--duration 5] [--drain 6] [--queries 10]
 *                           [--skip-ingest] [--skip-query]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { freePort } from '../edge/scripts/free-port.ts';
import { applyMigrations, ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { SITES } from '../edge/src/config/sites.ts';
import { assignVariant } from '../edge/src/experiments/assign.ts';
import { hourOf, type ReportFacts } from '../edge/src/report/facts.ts';
import { writeReportFacts } from '../edge/src/report/facts-store.ts';
import { pacedLoad } from './lib/paced-load.ts';
import { groupCpuSeconds } from './lib/process-cpu.ts';
import { rng, summarize } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '5' },
    drain: { type: 'string', default: '6' },
    queries: { type: 'string', default: '10' },
    'skip-ingest': { type: 'boolean', default: false },
    'skip-query': { type: 'boolean', default: false },
  },
});
const RATE = Number(args.rate);
const DURATION_S = Number(args.duration);
const DRAIN_S = Number(args.drain);
const EVENTS = Number(args.events);
const QUERIES = Number(args.queries);
const PERSIST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const TOKEN = 'bench-admin-token';
const SITE_KEYS = JSON.stringify({
  bench: { origins: ['http://localhost'], limits: { eventsPerIp: 'off', sessionsPerIp: 'off' } },
});
const DAY = 86_400_000;
const round = (x: number) => Math.round(x * 100) / 100;

async function withServer<T>(
  vars: Record<string, string>,
  persistTo: string,
  body: (url: string, pgid: number) => Promise<T>,
) {
  const port = await freePort(8790, 8799);
  const server = await startDevServer({ port, persistTo, vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS, ...vars } });
  try {
    return await body(server.url, server.process.pid!);
  } finally {
    await server.stop();
  }
}

/** CPU ms per request of `GET /v1/health`, 200 requests 8 at a time: the server's own floor. */
async function healthFloor(url: string, pgid: number) {
  const before = groupCpuSeconds(pgid);
  const latencies: number[] = [];
  for (let i = 0; i < 25; i++) {
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const t = performance.now();
        await (await fetch(`${url}/v1/health`)).arrayBuffer();
        latencies.push(performance.now() - t);
      }),
    );
  }
  return {
    cpuMsPerRequest: round((1000 * (groupCpuSeconds(pgid) - before)) / 200),
    latencyMs: summarize(latencies),
  };
}

// --- ingest: aggregation off vs on ---

const run = `r${Date.now().toString(36)}`;
let batchNo = 0;

/** A batch of 20 a visitor could send: impressions and a click on `home`, views, a cart add and an order. */
function ingestBody(): string {
  const n = batchNo++;
  const sessionId = `${run}_${(n % 500).toString().padStart(5, '0')}`;
  const now = Date.now();
  const item = (k: number) => `item-${(n * 7 + k * 13) % 3000}`;
  const recId = { recId: `${run}-${n}.home` };
  const events = Array.from({ length: 20 }, (_, k) => {
    const base = { id: `${run}_${n}_${k}`, ts: now - (20 - k) * 50, itemId: item(k) };
    if (k < 8) return { ...base, type: 'impression', props: recId };
    if (k === 8) return { ...base, itemId: item(0), type: 'rec_click', props: recId };
    if (k === 9) return { ...base, itemId: item(0), type: 'cart_add' };
    if (k === 10) {
      const products = [
        { product_id: item(0), price: 19.99, quantity: 2 },
        { product_id: item(5), price: 5, quantity: 1 },
      ];
      return { id: base.id, ts: base.ts, type: 'Order Completed', props: { currency: 'EUR', products } };
    }
    return { ...base, type: 'view' };
  });
  return JSON.stringify({ sessionId, consent: { analytics: true, personalization: true }, events });
}

async function ingest(aggregation: 'on' | 'off') {
  const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-report-'));
  try {
    return await withServer({ REPORT_AGGREGATION: aggregation }, persistTo, async (url, pgid) => {
      const floor = await healthFloor(url, pgid);
      const headers = { 'Content-Type': 'application/json' };
      await pacedLoad({
        url: `${url}/v1/events?key=bench`,
        rate: RATE,
        durationS: 2,
        body: ingestBody,
        headers,
      });
      await sleep(DRAIN_S * 1000); // the warm-up's queue deliveries
      const before = groupCpuSeconds(pgid);
      const load = await pacedLoad({
        url: `${url}/v1/events?key=bench`,
        rate: RATE,
        durationS: DURATION_S,
        body: ingestBody,
        headers,
      });
      await sleep(DRAIN_S * 1000); // the consumer writes R2 (and D1) after its batch timeout
      const cpuMs = 1000 * (groupCpuSeconds(pgid) - before);
      return {
        aggregation,
        health: floor,
        batches: load.requests,
        accepted: load.statusCounts['202'] ?? 0,
        latencyMs: load.latencyMs,
        serverCpuMsPerBatch: round(cpuMs / load.requests),
      };
    });
  } finally {
    rmSync(persistTo, { recursive: true, force: true });
  }
}

// --- query: 7 days at EVENTS events ---

/**
 * The report facts of `events` events over the 7 days before `end`, a chunk of sessions at a time:
 * per 20-event session 10 impressions and 1 click on `home` (half the sessions, in the experiment)
 * or `product`, 1 cart add, an order of 2 lines in one session of 5; the other events (views) make
 * no facts.
 */
function* factChunks(events: number, end: number, site: string): Generator<ReportFacts> {
  const rand = rng(13);
  const variants = SITES.default.experiments!['home-diversity']!.variants;
  const sessions = Math.ceil(events / 20);
  const item = () => `item-${Math.floor(rand() * 3000)}`;
  for (let first = 0; first < sessions; first += 2000) {
    const facts: ReportFacts = { recEvents: [], cartAdds: [], orderLines: [] };
    for (let s = first; s < Math.min(sessions, first + 2000); s++) {
      const session = `bench_${s}`;
      const start = end - 7 * DAY + Math.floor(rand() * (7 * DAY - 3_600_000));
      const placement = s % 2 === 0 ? 'home' : 'product';
      const variant = placement === 'home' ? assignVariant('home-diversity', session, variants) : null;
      const experiment = variant ? 'home-diversity' : null;
      const base = { site, session, placement, experiment, variant };
      const clicked = item();
      for (let k = 0; k < 10; k++) {
        const fact = { ...base, eventId: `e${s}_${k}`, kind: 'impression' as const, ts: start + k * 1000 };
        facts.recEvents.push({ ...fact, item: k === 0 ? clicked : item() });
      }
      const ts = start + 20_000;
      facts.recEvents.push({ ...base, eventId: `e${s}_c`, kind: 'click', item: clicked, ts });
      facts.cartAdds.push({ site, session, eventId: `e${s}_a`, item: clicked, ts: ts + 10_000 });
      if (s % 5 === 0) {
        const order = { site, session, eventId: `e${s}_o`, currency: 'EUR', ts: ts + 60_000 };
        facts.orderLines.push({ ...order, line: 0, item: clicked, quantity: 2, revenueMicros: 39_980_000 });
        facts.orderLines.push({ ...order, line: 1, item: item(), quantity: 1, revenueMicros: 5_000_000 });
      }
    }
    yield facts;
  }
}

/** Write the facts into the local D1 of `persistTo` through the consumer's own statements. */
async function loadFacts(persistTo: string, end: number): Promise<void> {
  const proxy = await getPlatformProxy<Env>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(persistTo, 'v3') },
  });
  try {
    for (const facts of factChunks(EVENTS, end, 'bench')) await writeReportFacts(proxy.env.CATALOG, facts);
  } finally {
    await proxy.dispose();
  }
}

async function query() {
  const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-report-q-'));
  try {
    const end = hourOf(Date.now()) + 3_600_000;
    await applyMigrations(persistTo);
    const loadStarted = performance.now();
    await loadFacts(persistTo, end);
    const loadS = round((performance.now() - loadStarted) / 1000);
    return await withServer({}, persistTo, async (url, pgid) => {
      const floor = await healthFloor(url, pgid);
      const q = `${url}/v1/admin/report?key=bench&from=${end - 7 * DAY}&to=${end}`;
      const latencies: number[] = [];
      let sample: { placements: { placement: string; impressions: number; orders: number }[] } | undefined;
      for (let i = 0; i < QUERIES + 1; i++) {
        const t = performance.now();
        const res = await fetch(q, { headers: { Authorization: `Bearer ${TOKEN}` } });
        if (res.status !== 200) throw new Error(`report answered ${res.status}: ${await res.text()}`);
        sample = await res.json();
        if (i > 0) latencies.push(performance.now() - t); // the first compiles and warms the isolate
      }
      return {
        events: EVENTS,
        rangeDays: 7,
        loadSeconds: loadS,
        health: floor,
        reportLatencyMs: summarize(latencies),
        placements: sample?.placements.map((p) => ({
          placement: p.placement,
          impressions: p.impressions,
          orders: p.orders,
        })),
      };
    });
  } finally {
    rmSync(persistTo, { recursive: true, force: true });
  }
}

const loadBefore = loadavg()[0];
const out: Record<string, unknown> = { bench: 'report' };
if (!args['skip-ingest']) {
  const off = await ingest('off');
  const on = await ingest('on');
  out.ingest = {
    rate: RATE,
    durationS: DURATION_S,
    batchSize: 20,
    off,
    on,
    cpuRatioOnOverOff: round(on.serverCpuMsPerBatch / off.serverCpuMsPerBatch),
  };
}
if (!args['skip-query']) out.query = await query();
out.machine = { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } };
console.log(JSON.stringify(out, null, 2));
