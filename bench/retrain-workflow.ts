/**
 * The retrain Workflow on a local `wrangler dev` (issue 12: does the loop fit the Workers limits?),
 * one JSON object. A shop's log is written straight into the local R2 in the consumer's layout
 * (`--data`, default train-full.tsv: 70k YooChoose clicks over 6 days, shifted to end now), then two
 * runs go through `POST /v1/admin/models/retrains/runs`: a cold one on all but the last day
 * (nothing served yet: trained from scratch, published) and, as the next day's run, a warm one on
 * the whole range (from the model the first published, gated against it on traffic it never saw).
 * For each: the Workflow's own wall time per step, the server's CPU seconds (wrangler + workerd
 * process group), the workerd processes' peak RSS, and the record; beside the `/v1/health` floor.
 * A step is single-threaded CPU, so on an idle core its wall time is its CPU time: compare the
 * longest step with the Workflows step limit (30 s default, up to 5 min configured).
 *
 *   npx tsx bench/retrain-workflow.ts [--data ../shared/data/yoochoose-100k/train-full.tsv] [--epochs n]
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import type { RetrainRecord } from '../contracts/retrain.ts';
import type { LoggedEvent } from '../contracts/schema/events.ts';
import { freePort } from '../edge/scripts/free-port.ts';
import { ROOT, startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { logObjectKey, logPartition, toNdjson } from '../edge/src/event-log/layout.ts';
import type { RetrainOutput } from '../edge/src/retrain/workflow.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { healthFloor } from './lib/health-floor.ts';
import { groupCpuSeconds } from './lib/process-cpu.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(ROOT, '../shared/data/yoochoose-100k/train-full.tsv') },
    epochs: { type: 'string' },
  },
});
const HOUR = 3_600_000;
const TOKEN = 'bench-admin-token';
const SITE = 'bench';
const SITE_KEYS = JSON.stringify({ [SITE]: { origins: ['http://localhost'] } });
const PERSIST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const round = (x: number, d = 100) => Math.round(x * d) / d;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The clicks as log lines ending at `end`, in objects of up to 200 lines per hour. */
function logObjects(end: number): { key: string; lines: LoggedEvent[] }[] {
  const { rows } = loadSessionFiles([args.data!]);
  let max = 0;
  for (const r of rows) if (r.time > max) max = r.time;
  const shift = end - 60_000 - Math.ceil(max * 1000);
  const byHour = new Map<number, LoggedEvent[]>();
  rows.forEach((r, i) => {
    const receivedAt = Math.round(r.time * 1000) + shift;
    const hour = Math.floor(receivedAt / HOUR) * HOUR;
    const line: LoggedEvent = {
      id: `ev${i.toString(36).padStart(8, '0')}`,
      type: 'view',
      ts: receivedAt - 50,
      itemId: r.itemId,
      sessionId: `session-${r.sessionId}`,
      site: SITE,
      receivedAt,
    };
    byHour.get(hour)?.push(line) ?? byHour.set(hour, [line]);
  });
  const objects: { key: string; lines: LoggedEvent[] }[] = [];
  for (const [hour, lines] of byHour)
    for (let i = 0; i < lines.length; i += 200)
      objects.push({
        key: logObjectKey(logPartition(hour), hour + HOUR - 1, `o${i}`),
        lines: lines.slice(i, i + 200),
      });
  return objects;
}

async function seed(persistTo: string, end: number) {
  const objects = logObjects(end);
  process.env.WRANGLER_LOG = 'error'; // keep stdout for the JSON
  const proxy = await getPlatformProxy<Env>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(persistTo, 'v3') },
  });
  try {
    for (let i = 0; i < objects.length; i += 16)
      await Promise.all(
        objects.slice(i, i + 16).map(({ key, lines }) =>
          proxy.env.EVENT_LOG.put(key, toNdjson(lines), {
            httpMetadata: { contentType: 'application/x-ndjson' },
          }),
        ),
      );
  } finally {
    await proxy.dispose();
  }
  return { objects: objects.length, events: objects.reduce((n, o) => n + o.lines.length, 0) };
}

/** Peak resident set (VmHWM, MB) of the group's workerd processes: the runtime the Workflow ran in. */
function workerdPeakMb(pgid: number): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(peak);
}

interface RunStatus {
  status: string;
  output?: RetrainOutput;
  error?: { message: string };
}

async function runOnce(url: string, pgid: number, from: number, to: number) {
  const cpuBefore = groupCpuSeconds(pgid);
  const started = performance.now();
  const body = { from, to, site: SITE, ...(args.epochs ? { epochs: Number(args.epochs) } : {}) };
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  const res = await fetch(`${url}/v1/admin/models/retrains/runs`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`run not started: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  let s: RunStatus;
  // wrangler dev runs the Workflow in the Worker's one isolate: while a step computes, the Worker
  // answers nothing else. The longest wait for a status answer says how long that is.
  let longestUnansweredSeconds = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const asked = performance.now();
    try {
      s = (await (
        await fetch(`${url}/v1/admin/models/retrains/runs/${id}`, { headers })
      ).json()) as RunStatus;
    } catch {
      continue; // the client's header timeout (300 s): ask again
    } finally {
      longestUnansweredSeconds = Math.max(longestUnansweredSeconds, (performance.now() - asked) / 1000);
    }
    if (['complete', 'errored', 'terminated'].includes(s.status)) break;
  }
  const wall = (performance.now() - started) / 1000;
  if (s.status !== 'complete') throw new Error(`run ${id} ${s.status}: ${s.error?.message}`);
  if (!s.output?.record) throw new Error(`run ${id} recorded nothing: ${JSON.stringify(s.output)}`);
  const steps = s.output.steps;
  const record = s.output.record as RetrainRecord;
  return {
    id,
    wallSeconds: round(wall),
    serverCpuSeconds: round(groupCpuSeconds(pgid) - cpuBefore),
    workerdPeakRssMb: workerdPeakMb(pgid),
    longestUnansweredSeconds: round(longestUnansweredSeconds),
    steps: steps.map((x) => ({ name: x.name, seconds: round(x.ms / 1000) })),
    longestStep: steps.reduce((a, b) => (b.ms > a.ms ? b : a)),
    decision: record.decision,
    published: record.published,
    candidate: record.candidate.scores,
    active: record.active?.scores,
    reasons: record.reasons,
  };
}

const loadBefore = loadavg()[0];
const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-retrain-workflow-'));
const end = Date.now();
try {
  const seeded = await seed(persistTo, end);
  log(`seeded ${JSON.stringify(seeded)}`);
  const port = await freePort(8790, 8799);
  const server = await startDevServer({ port, persistTo, vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS } });
  try {
    const pgid = server.process.pid!;
    const health = await healthFloor(server.url, pgid);
    const from = end - 7 * 24 * HOUR;
    const exported = await fetch(`${server.url}/v1/admin/log?from=${from}&to=${end}&key=${SITE}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const text = await exported.text();
    log(
      `the log route holds ${text.split('\n').filter(Boolean).length} lines of the range (${exported.status}) ${text.slice(0, 300)}`,
    );
    // A day later, as a daily run would: the cold run trains on all but the last day, the warm one
    // on all of it, so the warm run's slice (its newest 10 %) is traffic the served model never saw.
    log('cold run (nothing served yet), all but the last day...');
    const cold = await runOnce(server.url, pgid, from, end - 24 * HOUR);
    log(JSON.stringify(cold));
    // The warm run's gate needs the first activation to have settled (SETTLE_MS in the Workflow).
    log('warm run (from the model the cold run published)...');
    const warm = await runOnce(server.url, pgid, from, end);
    const out = {
      bench: 'retrain-workflow',
      data: args.data,
      log: seeded,
      cores: cpus().length,
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) },
      health,
      cold,
      warm,
      limits: {
        note: 'Workflows: a step has 30 s of CPU by default, up to 5 min configured (Workers Paid); an isolate 128 MB',
        longestStepSeconds: Math.max(cold.longestStep.ms, warm.longestStep.ms) / 1000,
      },
    };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(persistTo, { recursive: true, force: true });
}
