/**
 * Bench: warm `GET /v1/recommendations` under closed-loop load (autocannon, `--connections`) against
 * a real `wrangler dev`, beside `GET /v1/health` in the same run: recommendations/s and p50/p99 of
 * session answers (tower → ANN → re-rank over the site's signals) and cold-start answers
 * (trending). Synthetic model of `--items` items published with publish-model's code path. Prints JSON.
 * Usage: `npx tsx bench/recommend-load.ts [--items 10000] [--duration 8] [--connections 8] [--ports 8820-8829]`
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { freePort } from '../edge/scripts/free-port.ts';
import { AdminClient } from '../edge/scripts/publish/admin-client.ts';
import { publish } from '../edge/scripts/publish-model.ts';
import { startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { writeSyntheticModel } from '../test/support/synthetic-model.ts';
import { groupCpuSeconds } from './lib/process-cpu.ts';
import { rng } from './lib/stats.ts';
import { benchWorkDir } from './lib/work-dir.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    sessions: { type: 'string', default: '200' },
    ports: { type: 'string', default: '8820-8829' },
  },
});
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const TOKEN = 'bench-admin-token';
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const SESSIONS = Number(args.sessions);
const work = benchWorkDir('bench-recommend-load-');
const random = rng(5);

const server = await startDevServer({
  port: await freePort(PORT_FROM, PORT_TO),
  persistTo: resolve(work, 'state'),
  vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS: JSON.stringify({ demo: { origins: ['http://localhost:8787'] } }) },
});
const cpu = () => groupCpuSeconds(server.process.pid!); // wrangler + workerd, one group

/** Closed-loop load on `paths` (round robin) with the server's CPU per request. */
async function load(paths: string[]): Promise<Record<string, unknown>> {
  let i = 0;
  const before = cpu();
  const r: Result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 20,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  const ok = r.statusCodeStats['200']?.count ?? 0;
  return {
    requestsPerSec: Math.round(ok / DURATION),
    non2xx: r.non2xx + r.errors + r.timeouts,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: Math.round(r.latency.average * 10) / 10 },
    serverCpuMsPerRequest: Math.round(((1000 * (cpu() - before)) / Math.max(1, ok)) * 100) / 100,
  };
}

try {
  const dir = resolve(work, 'model');
  const manifest = writeSyntheticModel(dir, Number(args.items), 64, `bench-load-${Date.now()}`);
  await publish(dir, new AdminClient(server.url, TOKEN), () => {});
  const ids = manifest.tower.items;
  const sessions = Array.from({ length: SESSIONS }, (_, i) => `load-session-${i}`);
  for (const s of sessions) {
    const now = Date.now();
    const events = Array.from({ length: 5 }, (_, i) => ({
      id: `e-${s}-${i}`,
      type: 'view',
      ts: now - (5 - i) * 30_000,
      itemId: ids[Math.floor(random() * ids.length)]!,
    }));
    const res = await fetch(`${server.url}/v1/events?key=demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: s, consent: { analytics: true, personalization: true }, events }),
    });
    if (res.status !== 202) throw new Error(`events: ${res.status}`);
  }
  const rec = (session: string) => `/v1/recommendations?key=demo&placement=home&k=8&session=${session}`;
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${server.url}${rec(sessions[0]!)}`);
    if (((await res.json()) as { model?: string }).model === manifest.version) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const s of sessions) await (await fetch(`${server.url}${rec(s)}`)).arrayBuffer(); // warm every object
  const health = await load(['/v1/health']);
  const session = await load(sessions.map(rec));
  const coldStart = await load(sessions.map((s) => rec(`${s}-new`)));
  console.log(
    JSON.stringify(
      {
        bench: 'recommend-load',
        note: `wrangler dev on loopback, ${CONNECTIONS} closed-loop connections, ${DURATION} s each, 2 shared cores`,
        items: Number(args.items),
        health,
        sessionRecommendations: session,
        coldStartRecommendations: coldStart,
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
