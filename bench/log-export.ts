/**
 * Event-log export throughput (issue 12), one JSON object: `GET /v1/admin/log` streaming `--events`
 * log lines out of a local `wrangler dev`'s R2, beside the `/v1/health` floor of the same server.
 * The log is written straight into the local R2 first (wrangler's `getPlatformProxy`) in the
 * consumer's layout: hourly partitions over `--days` days, objects of `--lines` lines (a queue
 * delivery: up to 100 messages of a few events each), every line a `LoggedEvent`. Then the whole
 * range is exported `--runs` times; each run: events/s and MB/s as the client read them, time to
 * the first byte, and CPU seconds of the server's process group (wrangler + workerd).
 *
 *   npx tsx bench/log-export.ts [--events 1000000] [--days 7] [--lines 200] [--runs 2]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import type { LoggedEvent } from '../contracts/schema/events.ts';
import { freePort } from '../edge/scripts/free-port.ts';
import { ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { logObjectKey, logPartition, toNdjson } from '../edge/src/event-log/layout.ts';
import { healthFloor } from './lib/health-floor.ts';
import { groupCpuSeconds } from './lib/process-cpu.ts';
import { rng } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '7' },
    lines: { type: 'string', default: '200' },
    runs: { type: 'string', default: '2' },
  },
});
const EVENTS = Number(args.events);
const DAYS = Number(args.days);
const LINES = Number(args.lines);
const RUNS = Number(args.runs);
const HOUR = 3_600_000;
const TOKEN = 'bench-admin-token';
const SITE = 'bench';
const SITE_KEYS = JSON.stringify({ [SITE]: { origins: ['http://localhost'] } });
const PERSIST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const round = (x: number, d = 100) => Math.round(x * d) / d;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The log's objects, hour by hour: YooChoose-like views (sessions of ~4 over 3,000 items). */
function* logObjects(end: number): Generator<{ key: string; lines: LoggedEvent[] }> {
  const rand = rng(29);
  const hours = DAYS * 24;
  const perHour = Math.ceil(EVENTS / hours);
  let written = 0;
  for (let h = 0; h < hours && written < EVENTS; h++) {
    const hourStart = end - (hours - h) * HOUR;
    const n = Math.min(perHour, EVENTS - written);
    for (let first = 0; first < n; first += LINES) {
      const lines: LoggedEvent[] = [];
      for (let i = first; i < Math.min(n, first + LINES); i++) {
        const receivedAt = hourStart + Math.floor((i / n) * HOUR);
        const k = written + i;
        lines.push({
          id: `ev${k.toString(36).padStart(10, '0')}`,
          type: 'view',
          ts: receivedAt - 300,
          itemId: `item-${Math.floor(rand() ** 2 * 3000)}`,
          site: SITE,
          sessionId: `s${Math.floor(k / 4)
            .toString(36)
            .padStart(9, '0')}`,
          receivedAt,
          variants: { 'home-diversity': rand() < 0.5 ? 'control' : 'diverse' },
        });
      }
      yield { key: logObjectKey(logPartition(hourStart), hourStart + HOUR - 1, `o${first}`), lines };
    }
    written += n;
  }
}

/** Fill the local R2 of `persistTo`; objects and bytes written. */
async function seed(persistTo: string, end: number) {
  const proxy = await getPlatformProxy<Env>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(persistTo, 'v3') },
  });
  let objects = 0;
  let bytes = 0;
  try {
    let pending: Promise<unknown>[] = [];
    for (const { key, lines } of logObjects(end)) {
      const text = toNdjson(lines);
      bytes += Buffer.byteLength(text);
      objects++;
      const httpMetadata = { contentType: 'application/x-ndjson' };
      pending.push(proxy.env.EVENT_LOG.put(key, text, { httpMetadata }));
      if (pending.length >= 16) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
  } finally {
    await proxy.dispose();
  }
  return { objects, megabytes: round(bytes / 1e6, 10) };
}

/** Export the whole range once, reading the stream as a client does; counts lines by newline. */
async function exportOnce(url: string, pgid: number, from: number, to: number) {
  const cpuBefore = groupCpuSeconds(pgid);
  const started = performance.now();
  const res = await fetch(`${url}/v1/admin/log?from=${from}&to=${to}&key=${SITE}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (res.status !== 200 || !res.body)
    throw new Error(`log export answered ${res.status}: ${await res.text()}`);
  let firstByteMs = Number.NaN;
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = groupCpuSeconds(pgid) - cpuBefore;
  return {
    events: lines,
    seconds: round(seconds),
    firstByteMs: round(firstByteMs),
    eventsPerSecond: Math.round(lines / seconds),
    megabytesPerSecond: round(bytes / 1e6 / seconds),
    serverCpuSeconds: round(serverCpuSeconds),
    eventsPerServerCpuSecond: Math.round(lines / serverCpuSeconds),
  };
}

const loadBefore = loadavg()[0];
const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-log-export-'));
const end = Math.floor(Date.now() / HOUR) * HOUR;
const from = end - DAYS * 24 * HOUR;
try {
  const seedStarted = performance.now();
  const seeded = await seed(persistTo, end);
  log(`seeded ${JSON.stringify(seeded)} in ${round((performance.now() - seedStarted) / 1000)} s`);
  const port = await freePort(8790, 8799);
  const server = await startDevServer({ port, persistTo, vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS } });
  try {
    const pgid = server.process.pid!;
    const health = await healthFloor(server.url, pgid);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      runs.push(await exportOnce(server.url, pgid, from, end));
      log(`run ${r}: ${JSON.stringify(runs.at(-1))}`);
    }
    const out = {
      bench: 'log-export',
      log: { events: EVENTS, days: DAYS, linesPerObject: LINES, ...seeded },
      health,
      runs,
      machine: { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } },
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await server.stop();
  }
} finally {
  rmSync(persistTo, { recursive: true, force: true });
}
