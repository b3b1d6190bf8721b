/**
 * Capacity bench (docs/SCALE.md "Capacity model"): what one call of each route costs, counted by the
 * Worker's capacity meter (edge/src/meter/, on only here: `CAPACITY_METER=on`) in a real `wrangler
 * dev`, plus the server CPU per call beside the `/v1/health` floor of the same run. Prints JSON.
 *
 *   npx tsx bench/capacity.ts [--items 10000] [--repeat 10] [--cpu-requests 200] [--ports 8830-8839]
 *
 * Three servers, one after the other, on the same synthetic site (a catalogue of `--items` products,
 * a model published through publish-model's code, 40 sessions with history):
 * - `perCall`: meter on, the signals replica's refresh at its longest (S = 10 s), one call at a
 *   time; runs that met a refresh or a queue consumer batch run again, so each call's counts are
 *   its own: Durable Object calls per binding and method, SQL statements and cursor rows per object
 *   class, D1 calls / rows, Queue messages / bytes, R2 operations, subrequests; then the queue
 *   consumer's work for `--consumer-batches` messages of 5 and of 20 events;
 * - `perIsolateSecond`: meter on, the default refresh (S = 1 s), 10 warm recommendations a second
 *   for `--background` seconds: what an isolate serving a site costs per second whatever its load
 *   (replica refreshes, the catalogue's changes read every 500 ms);
 * - `cpu`: meter off, the same calls `--cpu-requests` times, 4 at a time: CPU ms of the server's
 *   process group per call (what the calls set off meanwhile included; idle CPU reported beside).
 */
import './lib/global-websocket.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { freePort } = await import('../edge/scripts/free-port.ts');
const { AdminClient } = await import('../edge/scripts/publish/admin-client.ts');
const { publish } = await import('../edge/scripts/publish-model.ts');
const { startDevServer } = await import('../edge/scripts/wrangler-dev.ts');
const { benchWorkDir } = await import('./lib/work-dir.ts');
const { writeSyntheticModel } = await import('../test/support/synthetic-model.ts');
const { healthFloor } = await import('./lib/health-floor.ts');
const { countPerCall, readMeter, settle, subrequests } = await import('./lib/meter-client.ts');
const { groupCpuSeconds } = await import('./lib/process-cpu.ts');
const { rng } = await import('./lib/stats.ts');
type Counts = import('./lib/meter-client.ts').Counts;
type DevServer = import('../edge/scripts/wrangler-dev.ts').DevServer;

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '10' },
    'cpu-requests': { type: 'string', default: '200' },
    'consumer-batches': { type: 'string', default: '50' },
    background: { type: 'string', default: '10' },
    ports: { type: 'string', default: '8830-8839' },
  },
});
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const ITEMS = Number(args.items);
const REPEAT = Number(args.repeat);
const CPU_REQUESTS = Number(args['cpu-requests']);
const CONSUMER_BATCHES = Number(args['consumer-batches']);
const TOKEN = 'bench-admin-token';
const SITE = 'demo';
const work = benchWorkDir('bench-capacity-');
const random = rng(5);
const run = Date.now().toString(36);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
const model = writeSyntheticModel(resolve(work, 'model'), ITEMS, 64, `capacity-${run}`, 10, true);
const ids = model.tower.items;
const pick = () => ids[Math.floor(random() * ids.length)]!;
const warmSessions = Array.from({ length: 40 }, (_, i) => `capacity-${run}-warm-${i}`);
let fresh = 0;
const newSession = () => `capacity-${run}-new-${fresh++}`;
let eventNo = 0;

async function postEvents(url: string, session: string, size: number): Promise<void> {
  const now = Date.now();
  const types = ['view', 'view', 'product_click', 'cart_add', 'view'];
  const events = Array.from({ length: size }, (_, k) => ({
    id: `ev-${run}-${eventNo++}`,
    type: types[k % types.length],
    ts: now - (size - k) * 100,
    itemId: pick(),
  }));
  const res = await fetch(`${url}/v1/events?key=${SITE}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: session, consent: { analytics: true, personalization: true }, events }),
  });
  if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
}

async function recommend(url: string, session: string): Promise<string | undefined> {
  const res = await fetch(`${url}/v1/recommendations?key=${SITE}&placement=home&k=8&session=${session}`);
  const body = (await res.json()) as { model?: string };
  if (res.status !== 200) throw new Error(`recommendations: ${res.status} ${JSON.stringify(body)}`);
  return body.model;
}

/** Open a push subscription, wait for its first answer, close it. */
async function subscribe(url: string, session: string): Promise<void> {
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/v1/recommendations/ws?key=${SITE}&placement=home&k=8&session=${session}`,
  );
  await new Promise<void>((done, fail) => {
    ws.addEventListener('message', () => done(), { once: true });
    ws.addEventListener('error', () => fail(new Error(`WebSocket ${session} failed`)));
  });
  const closed = new Promise((r) => ws.addEventListener('close', r));
  ws.close();
  await closed;
}

async function cron(url: string): Promise<void> {
  const res = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`cron: ${res.status}`);
}

async function start(vars: Record<string, string>): Promise<DevServer> {
  return startDevServer({
    port: await freePort(PORT_FROM, PORT_TO),
    persistTo: mkdtempSync(resolve(work, 'state-')),
    testScheduled: true,
    inheritOutput: process.env.BENCH_VERBOSE === '1',
    vars: {
      ADMIN_TOKEN: TOKEN,
      SITE_KEYS: JSON.stringify({ [SITE]: { origins: ['http://localhost:8787'] } }),
      ...vars,
    },
  });
}

/** The catalogue (every model item), the model, sessions with history, the model answering. */
async function setUp(url: string): Promise<void> {
  const lines = ids.map((id, i) =>
    JSON.stringify({ id, title: `Product ${i}`, price: 5 + (i % 200), category: `c${i % 40}` }),
  );
  for (let i = 0; i < lines.length; i += 1000) {
    const res = await fetch(`${url}/v1/catalog/items?key=${SITE}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/x-ndjson' },
      body: lines.slice(i, i + 1000).join('\n'),
    });
    if (!res.ok) throw new Error(`catalogue: ${res.status} ${await res.text()}`);
  }
  await publish(resolve(work, 'model'), new AdminClient(url, TOKEN), () => {}, SITE);
  for (const s of warmSessions) await postEvents(url, s, 5);
  for (let i = 0; i < 300 && (await recommend(url, warmSessions[0]!)) !== model.version; i++)
    await sleep(100);
  for (const s of warmSessions) await recommend(url, s);
}

const warm = (i: number) => warmSessions[(i + warmSessions.length * 100) % warmSessions.length]!;

/** A batch to `session` right after another (not counted): its object is in memory. */
async function secondBatch(url: string, session: string, size: number): Promise<void> {
  await postEvents(url, session, size);
  await settle(url);
  await readMeter(url, true);
  await postEvents(url, session, size);
}

/** Work a timer set off, not the call: a replica refresh (every S), a queue consumer's batch. */
const onTimer = (counts: Counts) =>
  (counts['do:SIGNAL_SHARDS.changes'] ?? 0) > 0 ||
  Object.keys(counts).some((k) => k.startsWith('entry:queue.'));

/** Every route's counts per call, one call at a time (runs that met timer work are run again). */
async function perCall(url: string) {
  const step = async (action: (i: number) => Promise<void>, repeat = REPEAT) => {
    const { perCall: counts, median, varies, discarded } = await countPerCall(url, repeat, action, onTimer);
    return { calls: repeat, perCall: counts, median, subrequests: subrequests(counts), varies, discarded };
  };
  const steps = {
    eventsBatch20NewSession: await step((_) => postEvents(url, newSession(), 20)),
    // A session whose object is in memory (its previous batch just now), and one woken after idling.
    eventsBatch20: await step((i) => secondBatch(url, warm(i), 20)),
    eventsBatch20WokenSession: await step((i) => postEvents(url, warm(i + 20), 20)),
    eventsBatch5: await step((i) => secondBatch(url, warm(i), 5)),
    recommendationWarm: await step((i) => recommend(url, warm(i)).then(() => undefined)),
    recommendationColdSession: await step(() => recommend(url, newSession()).then(() => undefined)),
    pushSubscribe: await step((i) => subscribe(url, warm(i))),
    cronRun: await step(() => cron(url), 3),
  };
  // A consumer batch: send the batches first (not counted), then count what the consumer does. A
  // round whose batch the consumer took before the count started (max_batch_timeout 5 s) is sent again.
  const consumer: { eventsPerMessage: number; counts: Counts }[] = [];
  for (const size of [5, 5, 20, 20]) {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let i = 0; i < CONSUMER_BATCHES; i++) await postEvents(url, warm(i), size);
      await settle(url);
      await readMeter(url, true);
      for (let t = 0; t < 300 && !(await readMeter(url))['entry:queue.rec-events.batches']; t++)
        await sleep(50);
      const counts = await settle(url, 300, 10_000);
      if (!counts['entry:queue.rec-events.batches']) continue;
      consumer.push({ eventsPerMessage: size, counts });
      break;
    }
  }
  return { ...steps, queueConsumer: { sentBatchesPerRound: CONSUMER_BATCHES, rounds: consumer } };
}

/** What a warm isolate serving the site costs per second at 10 recommendations/s. */
async function perIsolateSecond(url: string, seconds: number) {
  await sleep(6000); // the set-up's last queue batch (max_batch_timeout 5 s)
  await settle(url);
  await readMeter(url, true);
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < seconds * 1000) {
    await recommend(url, warm(n++));
    await sleep(Math.max(0, started + n * 100 - performance.now()));
  }
  const total = await settle(url);
  const elapsed = (performance.now() - started) / 1000;
  const perSecond = Object.fromEntries(Object.entries(total).map(([k, v]) => [k, round(v / elapsed)]));
  return { seconds: round(elapsed), recommendations: n, perSecond };
}

/**
 * Server CPU ms per call, 4 at a time; what the calls set off that runs meanwhile (queue consumer
 * batches, shard writes) is included, as in ingest.ts; `tailMs` waits for it after the last call.
 */
async function cpuPerCall(server: DevServer, n: number, call: (i: number) => Promise<void>, tailMs = 0) {
  const pgid = server.process.pid!;
  const before = groupCpuSeconds(pgid);
  const parallel = 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await call(next++);
    }),
  );
  await sleep(tailMs);
  return round((1000 * (groupCpuSeconds(pgid) - before)) / n);
}

async function cpu(server: DevServer) {
  const url = server.url;
  const pgid = server.process.pid!;
  await sleep(8000); // the set-up's last queue batch and the tower's load
  const idleBefore = groupCpuSeconds(pgid);
  await sleep(5000);
  const idleMsPerS = round((1000 * (groupCpuSeconds(pgid) - idleBefore)) / 5);
  const health = await healthFloor(url, pgid, Math.ceil(CPU_REQUESTS / 8), 8);
  const n = CPU_REQUESTS;
  return {
    idleCpuMsPerSecond: idleMsPerS,
    healthFloorCpuMs: health.cpuMsPerRequest,
    eventsBatch20NewSession: await cpuPerCall(server, n, () => postEvents(url, newSession(), 20)),
    eventsBatch20: await cpuPerCall(server, n, (i) => postEvents(url, warm(i), 20)),
    eventsBatch5: await cpuPerCall(server, n, (i) => postEvents(url, warm(i), 5)),
    recommendationWarm: await cpuPerCall(server, n, (i) => recommend(url, warm(i)).then(() => {})),
    recommendationColdSession: await cpuPerCall(server, n, () => recommend(url, newSession()).then(() => {})),
    pushSubscribe: await cpuPerCall(server, Math.min(n, 100), (i) => subscribe(url, warm(i))),
    cronRun: await cpuPerCall(server, 5, () => cron(url), 500),
    healthAgainCpuMs: (await healthFloor(url, pgid, Math.ceil(CPU_REQUESTS / 8), 8)).cpuMsPerRequest,
  };
}

const load: number[] = [loadavg()[0]!];
const report: Record<string, unknown> = { bench: 'capacity', items: ITEMS, repeat: REPEAT };
try {
  for (const [name, vars, body] of [
    ['perCall', { CAPACITY_METER: 'on', SIGNALS_REFRESH_MS: '10000' }, (s: DevServer) => perCall(s.url)],
    [
      'perIsolateSecond',
      { CAPACITY_METER: 'on' },
      (s: DevServer) => perIsolateSecond(s.url, Number(args.background)),
    ],
    ['cpu', {}, (s: DevServer) => cpu(s)],
  ] as const) {
    const server = await start(vars);
    try {
      await setUp(server.url);
      if (vars.CAPACITY_METER) await readMeter(server.url, true);
      report[name] = await body(server);
    } finally {
      await server.stop();
    }
    load.push(loadavg()[0]!);
  }
  report.loadAverage1m = load;
  console.log(JSON.stringify(report, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}
