/**
 * Ingestion benchmark: starts `wrangler dev` (fresh temp state, test secrets) on a free port in
 * 8790-8799, then drives `POST /v1/events` with autocannon — batches of 20 events spread over many
 * session ids — for a bounded time, and prints one JSON object: events/s, requests/s, latency.
 *
 *   npx tsx bench/ingest.ts [--duration 15] [--connections 16] [--sessions 1000] [--rate 0] [--analytics true]
 *
 * Sessions are used round robin: at ~250 requests/s, 1000 sessions each send a batch every ~4 s,
 * like visitors whose SDK flushes every few seconds; each session's first batch creates its
 * Durable Object.
 * `--rate N` caps the load at N requests/s (latency at a given load); 0 = as fast as it goes.
 * `--analytics false` sends batches without analytics consent: no Queue/R2 work per batch.
 * `--persist disk|tmpfs` puts wrangler's local state on disk or in /dev/shm (default when present).
 * `baseline` is `GET /v1/health` at the same concurrency: what the machine serves at all right now.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startDevServer } from '../edge/scripts/wrangler-dev.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    sessions: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '0' },
    analytics: { type: 'string', default: 'true' },
    persist: { type: 'string', default: existsSync('/dev/shm') ? 'tmpfs' : 'disk' },
  },
});
const DURATION_S = Number(args.duration);
const WARMUP_S = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const SESSIONS = Number(args.sessions);
const RATE = Number(args.rate);
const ANALYTICS = args.analytics !== 'false';
// Local Durable Object / R2 state is SQLite files; on this VM's disk every commit's fsync costs
// ~4 ms, which production storage does not. `--persist disk` measures with it anyway.
const PERSIST_ROOT = args.persist === 'tmpfs' ? '/dev/shm' : tmpdir();
const BATCH = 20;
const TYPES = ['view', 'view', 'view', 'product_click', 'cart_add', 'page', 'impression', 'cart_remove'];

/** The first port in 8790-8799 nothing listens on. */
async function freePort(from = 8790, to = 8799): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

const run = `b${Date.now().toString(36)}`;
let requestNo = 0;

/** A fresh batch for the next session in round robin: unique event ids, realistic types and items. */
function nextBody(): string {
  const n = requestNo++;
  const sessionId = `${run}_${(n % SESSIONS).toString().padStart(6, '0')}`;
  const now = Date.now();
  const events = Array.from({ length: BATCH }, (_, k) => ({
    id: `${run}_${n}_${k}`,
    type: TYPES[(n + k) % TYPES.length],
    ts: now - (BATCH - k) * 50,
    itemId: `item-${(n * 7 + k * 13) % 5000}`,
  }));
  return JSON.stringify({ sessionId, consent: { analytics: ANALYTICS, personalization: true }, events });
}

function load(url: string, duration: number) {
  return autocannon({
    url: `${url}/v1/events?key=bench`,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: nextBody() }),
      },
    ],
  });
}

const port = await freePort();
const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-ingest-'));
const server = await startDevServer({
  port,
  persistTo,
  vars: {
    ADMIN_TOKEN: 'bench-admin-token',
    SITE_KEYS: JSON.stringify({ bench: { origins: ['http://localhost'] } }),
  },
});
try {
  const health = await autocannon({ url: `${server.url}/v1/health`, connections: CONNECTIONS, duration: 3 });
  await load(server.url, WARMUP_S); // compile, first Durable Objects, queue consumer
  const result = await load(server.url, DURATION_S);
  const accepted = result.statusCodeStats['202']?.count ?? 0;
  console.log(
    JSON.stringify(
      {
        bench: 'ingest',
        target: { eventsPerSec: 5000, p99Ms: 30 },
        durationS: result.duration,
        connections: CONNECTIONS,
        rateLimit: RATE || null,
        analytics: ANALYTICS,
        persist: args.persist,
        sessions: SESSIONS,
        batchSize: BATCH,
        eventsPerSec: Math.round((accepted * BATCH) / result.duration),
        requestsPerSec: Math.round(result.requests.total / result.duration),
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        requests: result.requests.total,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        baseline: {
          healthRequestsPerSec: Math.round(health.requests.total / health.duration),
          healthP99Ms: health.latency.p99,
        },
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
