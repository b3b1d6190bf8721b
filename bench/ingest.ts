/**
 * Ingestion benchmark: starts `wrangler dev` (fresh temp state, test secrets) on a free port in
 * 8790-8799 and drives `POST /v1/events` with autocannon — batches of 20 events over many session
 * ids — in two bounded phases, then prints one JSON object:
 * - `atTarget`: requests started on a fixed schedule at `--rate`/s (default 250 = the 5,000 events/s
 *   target; `lib/paced-load.ts`), so its latency is the latency at the target load;
 * - `saturation`: as fast as `--connections` closed-loop connections go (the throughput ceiling).
 * `baseline` is `GET /v1/health` at the same concurrency: what the (shared) machine serves at all,
 * and the CPU the dev server's own layers (proxy, routing) cost per request; `healthAtTargetRate`
 * is the same route paced at `--rate`, the latency and CPU floor to read `atTarget` against
 * (`cpuRatio`); `atTarget.windows` gives the slowest answer of each 250 ms of it. Server CPU is
 * what the wrangler dev process group spent per request (all its processes: Node, the proxy's
 * workerd, the Worker's workerd with the local Queue/R2/D1), a figure other load on the machine
 * barely moves; paced phases split it by process (`lib/process-cpu.ts`).
 *
 *   npx tsx bench/ingest.ts [--duration 8] [--connections 16] [--rate 250] [--sessions 1000]
 *                           [--analytics true] [--persist tmpfs|disk]
 *
 * Sessions are used round robin: at ~250 requests/s, 1000 sessions each send a batch every ~4 s,
 * like visitors whose SDK flushes every few seconds; each session's first batch creates its
 * Durable Object. `--analytics false` sends batches without analytics consent (no Queue/R2 work).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { freePort } from '../edge/scripts/free-port.ts';
import { startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { BATCH, BENCH_SITE_KEYS, eventBatches } from './lib/event-batches.ts';
import { pacedLoad } from './lib/paced-load.ts';
import { cpuMsPerRequest, groupCpuByRole } from './lib/process-cpu.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string', default: '250' },
    sessions: { type: 'string', default: '1000' },
    analytics: { type: 'string', default: 'true' },
    persist: { type: 'string', default: existsSync('/dev/shm') ? 'tmpfs' : 'disk' },
  },
});
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const RATE = Number(args.rate);
const SESSIONS = Number(args.sessions);
const ANALYTICS = args.analytics !== 'false';
// Local Durable Object / R2 state is SQLite files; on this VM's disk every commit's fsync costs
// ~4 ms, which production storage does not. `--persist disk` measures with it anyway.
const PERSIST_ROOT = args.persist === 'tmpfs' ? '/dev/shm' : tmpdir();
const nextBody = eventBatches({ sessions: SESSIONS, analytics: ANALYTICS });

function load(url: string, duration: number): Promise<Result> {
  return autocannon({
    url: `${url}/v1/events?key=bench`,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: nextBody() }),
      },
    ],
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The paced phase cut into 250 ms windows by scheduled start: how many held an answer slower than
 * the 30 ms goal, and the slowest of each. Stalls that recur (a periodic turn holding the isolate)
 * show as a pattern here, where p99 only says that some answers were slow.
 */
function stallWindows(answered: { at: number; ms: number }[], windowMs = 250) {
  const slowest: number[] = [];
  for (const { at, ms } of answered) {
    const w = Math.max(0, Math.floor(at / windowMs));
    slowest[w] = Math.max(slowest[w] ?? 0, ms);
  }
  const maxMs = Array.from(slowest, (m) => Math.round(m ?? 0));
  return { windowMs, count: maxMs.length, over30Ms: maxMs.filter((m) => m > 30).length, maxMs };
}

function summary(result: Result) {
  const accepted = result.statusCodeStats['202']?.count ?? 0;
  return {
    durationS: result.duration,
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
  };
}

const port = await freePort(8790, 8799); // this bench's port range
const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-ingest-'));
const server = await startDevServer({
  port,
  persistTo,
  vars: {
    ADMIN_TOKEN: 'bench-admin-token',
    // One address plays 1000 visitors here: its site turns the per-address limits off; the
    // per-session limits stay on and are not reached.
    SITE_KEYS: BENCH_SITE_KEYS,
  },
});
const loadBefore = loadavg()[0];
try {
  const byRole = () => groupCpuByRole(server.process.pid!); // wrangler + workerd, one group
  const cpuBeforeHealth = byRole();
  const health = await autocannon({ url: `${server.url}/v1/health`, connections: CONNECTIONS, duration: 3 });
  const healthCpuMs = cpuMsPerRequest(cpuBeforeHealth, byRole(), health.requests.total).total;
  // The floor at the target's rate, paced the same way: what a request that does no work waits at
  // 250/s on this machine (the proxy, loopback, the load generator), for p99 against p99.
  const cpuBeforeHealthPaced = byRole();
  const healthPaced = await pacedLoad({ url: `${server.url}/v1/health`, rate: RATE, durationS: DURATION_S });
  const healthPacedCpu = cpuMsPerRequest(cpuBeforeHealthPaced, byRole(), healthPaced.requests);
  await load(server.url, Number(args.warmup)); // compile, first Durable Objects, queue consumer
  const cpuBeforePaced = byRole();
  const answered: { at: number; ms: number }[] = []; // scheduled start (ms), latency
  const pacedFrom = performance.now();
  const paced = await pacedLoad({
    url: `${server.url}/v1/events?key=bench`,
    rate: RATE,
    durationS: DURATION_S,
    body: nextBody,
    headers: { 'Content-Type': 'application/json' },
    onResponse: (_res, ms) => answered.push({ at: performance.now() - ms - pacedFrom, ms }),
  });
  const accepted = paced.statusCounts['202'] ?? 0;
  const atTarget = {
    durationS: paced.durationS,
    eventsPerSec: Math.round((accepted * BATCH) / paced.durationS),
    requestsPerSec: Math.round(paced.requests / paced.durationS),
    latencyMs: paced.latencyMs,
    requests: paced.requests,
    errors: paced.errors,
    non2xx: paced.requests - paced.errors - accepted,
    statusCounts: paced.statusCounts,
    serverCpu: cpuMsPerRequest(cpuBeforePaced, byRole(), paced.requests),
    windows: stallWindows(answered),
  };
  // After the paced phase: the backlog a saturating run leaves (queue, R2) must not disturb it.
  const cpuBeforeSaturation = byRole();
  const saturated = await load(server.url, DURATION_S);
  const saturation = {
    ...summary(saturated),
    serverCpuMsPerRequest: cpuMsPerRequest(cpuBeforeSaturation, byRole(), saturated.requests.total).total,
  };
  const report = {
    bench: 'ingest',
    target: { eventsPerSec: 5000, p99Ms: 30 },
    // The machine is shared: its 1-minute load average against its cores says how much CPU we had.
    machine: { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } },
    setup: {
      connections: CONNECTIONS,
      sessions: SESSIONS,
      batchSize: BATCH,
      analytics: ANALYTICS,
      persist: args.persist,
    },
    baseline: {
      healthRequestsPerSec: Math.round(health.requests.total / health.duration),
      healthP99Ms: health.latency.p99,
      healthServerCpuMsPerRequest: healthCpuMs,
      // GET /v1/health paced at `rate`/s like `atTarget`: its latency floor.
      healthAtTargetRate: {
        rate: RATE,
        latencyMs: healthPaced.latencyMs,
        errors: healthPaced.errors,
        serverCpuMsPerRequest: healthPacedCpu,
      },
    },
    // The goal's ratio: a batch's server CPU against a health request's, both paced at `rate`/s (a
    // closed loop of 16 connections packs many requests into each wakeup of the server: its health
    // CPU a request is lower, `baseline.healthServerCpuMsPerRequest`, and is given beside it).
    cpuRatio: {
      vsHealthAtTargetRate: round(atTarget.serverCpu.total / healthPacedCpu.total),
      vsHealthSaturated: round(atTarget.serverCpu.total / healthCpuMs),
      // Without the proxy in front and wrangler itself (both dev-only layers): the Worker's workerd alone.
      workerOnlyVsHealthAtTargetRate: round(atTarget.serverCpu.worker / healthPacedCpu.worker),
    },
    saturation,
    atTarget: { rate: RATE, ...atTarget },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
