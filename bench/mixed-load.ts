/**
 * Bench: sustained mixed load on loopback against a real `wrangler dev` (synthetic model of
 * `--items` items published with publish-model's code path): event batches, recommendations (home
 * = session tower, product = similar items) and `GET /v1/health` each started on a fixed schedule
 * (open loop, `lib/paced-load.ts`), while `--subscribers` WebSockets on `/v1/recommendations/ws`
 * receive the pushes that events to their sessions cause, all at once for `--duration` seconds.
 * Prints JSON: errors (goal 0), p50/p99 per route and each as a ratio to the health floor measured
 * in the same mix (and alone before it). One address plays every visitor, so the site's per-address
 * limits are off; visitors are spread over `--sessions` sessions so no per-session limit is reached.
 *
 *   npx tsx bench/mixed-load.ts [--duration 60] [--items 10000] [--events 40] [--batch 5]
 *     [--recs 40] [--health 10] [--subscribers 40] [--sessions 600] [--ports 8830-8839]
 *     [--persist tmpfs|disk]
 *
 * (re-runs itself with `--experimental-websocket`: Node 20 has WebSocket behind that flag).
 */
import './lib/global-websocket.ts';

const { existsSync, mkdtempSync, rmSync } = await import('node:fs');
const { cpus, loadavg } = await import('node:os');
const { resolve } = await import('node:path');
const { parseArgs } = await import('node:util');
const { freePort } = await import('../edge/scripts/free-port.ts');
const { AdminClient } = await import('../edge/scripts/publish/admin-client.ts');
const { publish } = await import('../edge/scripts/publish-model.ts');
const { startDevServer } = await import('../edge/scripts/wrangler-dev.ts');
const { benchWorkDir } = await import('./lib/work-dir.ts');
const { writeSyntheticModel } = await import('../test/support/synthetic-model.ts');
const { pacedLoad } = await import('./lib/paced-load.ts');
const { groupCpuSeconds } = await import('./lib/process-cpu.ts');
const { rng, summarize } = await import('./lib/stats.ts');
const { openSubscribers } = await import('./lib/push-subscribers.ts');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    items: { type: 'string', default: '10000' },
    events: { type: 'string', default: '40' }, // batches/s
    batch: { type: 'string', default: '5' }, // events a batch
    recs: { type: 'string', default: '40' }, // recommendations/s
    health: { type: 'string', default: '10' }, // health checks/s
    subscribers: { type: 'string', default: '40' },
    sessions: { type: 'string', default: '600' },
    ports: { type: 'string', default: '8830-8839' },
    persist: { type: 'string', default: existsSync('/dev/shm') ? 'tmpfs' : 'disk' },
  },
});
const n = (name: keyof typeof args) => Number(args[name]);
const DURATION = n('duration');
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const TOKEN = 'bench-admin-token';
const SITE = 'mixed';
const work = benchWorkDir('bench-mixed-load-');
// Durable Object state is SQLite files: on this VM's disk every commit's fsync costs ms that
// production storage does not (as in bench/ingest.ts); `--persist disk` measures with it anyway.
const state = args.persist === 'tmpfs' ? mkdtempSync('/dev/shm/bench-mixed-load-') : resolve(work, 'state');
const random = rng(11);
const RUN = Date.now().toString(36); // event ids are unique per run (8-64 characters)
const round = (x: number) => Math.round(x * 100) / 100;
const TYPES = ['view', 'view', 'view', 'product_click', 'cart_add', 'page', 'impression'];

const server = await startDevServer({
  port: await freePort(PORT_FROM, PORT_TO),
  persistTo: state,
  inheritOutput: process.env.BENCH_VERBOSE === '1', // wrangler's own log on this terminal
  vars: {
    ADMIN_TOKEN: TOKEN,
    SITE_KEYS: JSON.stringify({
      [SITE]: {
        origins: ['http://localhost'],
        limits: { eventsPerIp: 'off', sessionsPerIp: 'off', recommendationsPerIp: 'off' },
      },
    }),
  },
});
const cpu = () => groupCpuSeconds(server.process.pid!); // wrangler + workerd, one group
const loadBefore = loadavg()[0];

try {
  const dir = resolve(work, 'model');
  const manifest = writeSyntheticModel(dir, n('items'), 64, `bench-mixed-${Date.now()}`);
  await publish(dir, new AdminClient(server.url, TOKEN), () => {});
  const ids = manifest.tower.items;
  const pick = () => ids[Math.floor(random() * ids.length)]!;
  const sessions = Array.from({ length: n('sessions') }, (_, i) => `mixed-session-${i}`);
  let eventNo = 0;
  const batchFor = (session: string, size: number) => {
    const now = Date.now();
    const events = Array.from({ length: size }, (_, k) => ({
      id: `${RUN}-${eventNo++}`,
      type: TYPES[(eventNo + k) % TYPES.length],
      ts: now - (size - k) * 100,
      itemId: pick(),
    }));
    events[events.length - 1]!.type = 'view'; // every batch can change the answer (a push follows)
    return JSON.stringify({
      sessionId: session,
      consent: { analytics: true, personalization: true },
      events,
    });
  };
  const post = (body: string) =>
    fetch(`${server.url}/v1/events?key=${SITE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  const rec = (session: string, placement: 'home' | 'product') =>
    `${server.url}/v1/recommendations?key=${SITE}&placement=${placement}&k=8&session=${session}` +
    (placement === 'product' ? `&item=${pick()}` : '');

  // Every session exists and has history before the clock starts; the model answers.
  // Not measured: a 503 here (wrangler's proxy lost the worker's connection) is retried once.
  const setupFailures: string[] = [];
  for (let i = 0; i < sessions.length; i += 8)
    await Promise.all(
      sessions.slice(i, i + 8).map(async (s) => {
        let res = await post(batchFor(s, 5));
        if (res.status === 503) {
          setupFailures.push(await res.text());
          res = await post(batchFor(s, 5));
        }
        if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
      }),
    );
  for (let i = 0; i < 300; i++) {
    const body = (await (await fetch(rec(sessions[0]!, 'home'))).json()) as { model?: string };
    if (body.model === manifest.version) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; i < sessions.length; i += 16)
    await Promise.all(
      sessions.slice(i, i + 16).map(async (s) => (await fetch(rec(s, 'home'))).arrayBuffer()),
    );

  const idleHealth = await pacedLoad({ url: `${server.url}/v1/health`, rate: n('health'), durationS: 5 });
  const subscribed = sessions.slice(0, n('subscribers'));
  const subscribers = await openSubscribers(
    server.url.replace('http', 'ws'),
    subscribed.map((s) => `/v1/recommendations/ws?key=${SITE}&placement=home&k=8&session=${s}`),
    manifest.version,
  );
  // Events: round robin over the sessions, so every subscriber's session gets a batch in turn.
  let next = 0;
  const eventBody = () => {
    const i = next++ % sessions.length;
    if (i < subscribed.length) subscribers.expect(i);
    return batchFor(sessions[i]!, n('batch'));
  };
  let recNo = 0;
  let towerAnswers = 0;
  const byPlacement: Record<'home' | 'product', number[]> = { home: [], product: [] };
  const recUrl = () =>
    rec(sessions[Math.floor(random() * sessions.length)]!, recNo++ % 4 === 3 ? 'product' : 'home');
  const cpuBefore = cpu();
  const started = performance.now();
  const [health, events, recommendations] = await Promise.all([
    pacedLoad({ url: `${server.url}/v1/health`, rate: n('health'), durationS: DURATION }),
    pacedLoad({
      url: `${server.url}/v1/events?key=${SITE}`,
      rate: n('events'),
      durationS: DURATION,
      body: eventBody,
      headers: { 'Content-Type': 'application/json' },
    }),
    pacedLoad({
      url: recUrl,
      rate: n('recs'),
      durationS: DURATION,
      onResponse: (res, ms, url) => {
        const timing = String(res.headers['server-timing'] ?? '');
        // `reused`: the session's candidates came from an earlier run of the tower.
        if (timing.includes('tower;') || timing.includes('reused;')) towerAnswers++;
        byPlacement[url.includes('placement=product') ? 'product' : 'home'].push(ms);
      },
    }),
  ]);
  const wallS = (performance.now() - started) / 1000;
  const serverCores = round((cpu() - cpuBefore) / wallS);
  const push = await subscribers.close();
  const floor = health.latencyMs;
  const route = <R extends { latencyMs: { p50: number; p99: number } }>(r: R) => ({
    ...r,
    ratioToHealth: { p50: round(r.latencyMs.p50 / floor.p50), p99: round(r.latencyMs.p99 / floor.p99) },
  });
  const failed = (
    r: { requests: number; errors: number; statusCounts: Record<string, number> },
    ok: string,
  ) => r.requests - (r.statusCounts[ok] ?? 0);
  console.log(
    JSON.stringify(
      {
        bench: 'mixed-load',
        note: 'wrangler dev on loopback, open-loop paced routes at once; latency from scheduled start, ms',
        machine: { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } },
        setup: {
          durationS: DURATION,
          items: n('items'),
          eventBatchesPerSec: n('events'),
          eventsPerBatch: n('batch'),
          recommendationsPerSec: n('recs'),
          healthPerSec: n('health'),
          subscribers: subscribed.length,
          sessions: sessions.length,
          persist: args.persist,
        },
        errors: failed(health, '200') + failed(events, '202') + failed(recommendations, '200') + push.errors,
        serverCoresBusy: serverCores,
        setupRetries: setupFailures.length,
        healthAlone: idleHealth.latencyMs,
        health: health,
        events: route(events),
        recommendations: {
          ...route(recommendations),
          towerShare: round(towerAnswers / Math.max(1, recommendations.requests)),
          home: summarize(byPlacement.home),
          product: summarize(byPlacement.product),
        },
        push: route(push),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
}
