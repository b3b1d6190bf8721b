/**
 * Where `POST /v1/events` spends the Worker isolate's CPU (every object of the script runs in that
 * one isolate locally: the route, `SessionDO`, the signal shards, the queue consumer): the same
 * batches as bench/ingest.ts, sent `--concurrency` at a time after a warm-up, under a DevTools CPU
 * profile. Prints JSON: profiled ms per batch and the top functions by self and total time. The
 * profiler inflates every figure: read the shares. The profiled bundle is copied to
 * .cache/profile-bundle/ (the rows' file:line point into it).
 * `health` profiles as many `GET /v1/health` the same way first: the same-run floor of the isolate's
 * own CPU (the simulators' and the proxy's CPU, in bench/ingest.ts's figure, are not in either).
 * Usage: `npx tsx bench/profile-ingest.ts [--batches 1000] [--concurrency 4] [--analytics false]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../edge/scripts/free-port.ts';
import { ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { keepProfiledBundle, profileOf } from './lib/cpu-profile.ts';
import { BENCH_SITE_KEYS, eventBatches } from './lib/event-batches.ts';

const { values: args } = parseArgs({
  options: {
    batches: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    sessions: { type: 'string', default: '1000' },
    analytics: { type: 'string', default: 'true' },
    top: { type: 'string', default: '40' },
    ports: { type: 'string', default: '8840-8849' },
  },
});
const [PORT_FROM, PORT_TO] = args.ports.split('-').map(Number) as [number, number];
const BATCHES = Number(args.batches);
const CONCURRENCY = Number(args.concurrency);
const nextBody = eventBatches({ sessions: Number(args.sessions), analytics: args.analytics !== 'false' });
const persistTo = mkdtempSync(join('/dev/shm', 'bench-profile-ingest-'));

/** Run `one` `count` times, `--concurrency` at a time. */
async function repeat(count: number, one: () => Promise<void>): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const health = (url: string, count: number) =>
  repeat(count, async () => {
    const res = await fetch(`${url}/v1/health`);
    if (res.status !== 200) throw new Error(`health: ${res.status}`);
    await res.arrayBuffer();
  });

const send = (url: string, count: number) =>
  repeat(count, async () => {
    const res = await fetch(`${url}/v1/events?key=bench`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: nextBody(),
    });
    if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
  });

const server = await startDevServer({
  port: await freePort(PORT_FROM, PORT_TO),
  persistTo,
  vars: { ADMIN_TOKEN: 'bench-admin-token', SITE_KEYS: BENCH_SITE_KEYS },
});
keepProfiledBundle(ROOT);
try {
  await health(server.url, 300);
  const floor = await profileOf(server.inspectorPort, () => health(server.url, BATCHES), {
    per: BATCHES,
    intervalUs: 50,
  });
  await send(server.url, 300); // compile, first objects, the queue consumer
  const { profiledMs, rows } = await profileOf(
    server.inspectorPort,
    async () => {
      await send(server.url, BATCHES);
      await new Promise((r) => setTimeout(r, 1500)); // the queue's last batch is consumed (5 s timeout cut short by size)
    },
    { per: BATCHES, intervalUs: 50 },
  );
  const top = Number(args.top);
  console.log(
    JSON.stringify(
      {
        batches: BATCHES,
        analytics: args.analytics !== 'false',
        profiledMsPerBatch: profiledMs,
        health: { profiledMsPerRequest: floor.profiledMs },
        ratioToHealth: Math.round((100 * profiledMs) / floor.profiledMs) / 100,
        bySelf: [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
        byTotal: [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, top),
      },
      null,
      1,
    ),
  );
} finally {
  await server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
