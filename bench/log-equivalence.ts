/**
 * Log versus file (issue 12), one JSON object: is a model trained on what the event log hands back
 * as good as one trained on the same sessions as a file? train.tsv's sessions go through the real
 * event path of a local `wrangler dev`: one SDK-shaped batch a session (`rec.track('view',
 * { product_id })`: event id, type, `ts`, `itemId`, props; analytics consent) to `POST /v1/events`
 * → SessionDO → Queue → consumer → R2; then `GET /v1/admin/log` exports it, as `npm run retrain`
 * downloads it, and the model CLI's loader reads it. Both event lists are compared, then trained
 * with the same seed and epochs (what retrain's refit does: `trainModelFolder` on all of it) and
 * scored on valid.tsv like the gate (served pipeline, online replay: HR@20, MRR@20, coverage).
 * A third model trains on the exported events put back in the file's session order and ids, to tell
 * what the log changed from the trainer's seeded shuffle of a different input order.
 *
 * YooChoose's 2014 times are older than the contract accepts (`ts` after 2020), so every `ts` is
 * shifted by one constant so that the newest event is an hour old; the exported times are shifted
 * back before training, otherwise valid.tsv (2014) would be replayed against 2026 signals.
 *
 *   npx tsx bench/log-equivalence.ts [--data-dir ../shared/data/yoochoose-100k] [--epochs 2] [--parallel 8]
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { freePort } from '../edge/scripts/free-port.ts';
import { downloadLog } from '../edge/scripts/retrain/download-log.ts';
import { scoreModel } from '../edge/scripts/retrain/score.ts';
import { startDevServer } from '../edge/scripts/wrangler-dev.ts';
import { trainModelFolder } from '../model/src/cli/train-model.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { groupSessions, type SessionEvent } from '../model/src/data/session-event.ts';
import { compareEvents } from './lib/compare-events.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    epochs: { type: 'string', default: '2' },
    parallel: { type: 'string', default: '8' },
  },
});
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const EPOCHS = Number(values.epochs);
const PARALLEL = Number(values.parallel);
const TOKEN = 'bench-admin-token';
const SITE = 'bench';
const ORIGIN = 'http://localhost';
const LIMITS_OFF = { eventsPerIp: 'off', sessionsPerIp: 'off', eventsPerSession: 'off' };
const SITE_KEYS = JSON.stringify({ [SITE]: { origins: [ORIGIN], limits: LIMITS_OFF } });
const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const PERSIST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const log = (line: string) => process.stderr.write(`${line}\n`);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The log's session id of a YooChoose session (ids are 8-64 characters) and back. */
const toLogSession = (id: string) => `yc${id.padStart(8, '0')}`;
const fromLogSession = (id: string) => String(Number(id.slice(2)));

/** POST every session as one batch (≤ 100 events, the longest train.tsv session has 58), `PARALLEL` at a time. */
async function postSessions(url: string, sessions: Map<string, SessionEvent[]>, shiftMs: number) {
  const queue = [...sessions];
  const status: Record<string, number> = {};
  let accepted = 0;
  let duplicates = 0;
  let sent = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, events] = next;
      const body = {
        sessionId: toLogSession(id),
        consent: { analytics: true, personalization: true },
        events: events.map((e) => ({
          id: randomUUID().replaceAll('-', ''),
          type: 'view',
          ts: Math.round(e.time * 1000) + shiftMs,
          itemId: e.itemId,
          props: { product_id: e.itemId },
        })),
      };
      const res = await fetch(`${url}/v1/events?key=${SITE}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'User-Agent': BROWSER_UA },
        body: JSON.stringify(body),
      });
      status[res.status] = (status[res.status] ?? 0) + 1;
      sent += body.events.length;
      if (res.status === 202) {
        const answer = (await res.json()) as { accepted: number; duplicates: number };
        accepted += answer.accepted;
        duplicates += answer.duplicates;
      } else log(`session ${id}: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { status, events: sent, accepted, duplicates };
}

/** Lines the export holds now (the queue consumer writes R2 in batches, seconds after the POSTs). */
async function exportedLines(url: string, range: { from: number; to: number }) {
  const q = `from=${range.from}&to=${range.to}&key=${SITE}`;
  const res = await fetch(`${url}/v1/admin/log?${q}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  const text = await res.text();
  return text === '' ? 0 : text.split('\n').length - 1;
}

/** Train on `events` with the bench's epochs and score on valid.tsv; CPU seconds of training. */
async function trainAndScore(
  name: string,
  events: readonly SessionEvent[],
  out: string,
  valid: SessionEvent[],
  catalogue: number,
) {
  const cpu = process.cpuUsage();
  const { model } = trainModelFolder({ events, sources: [name], out, options: { epochs: EPOCHS }, log });
  const used = process.cpuUsage(cpu);
  const s = await scoreModel(out, valid, catalogue);
  const result = {
    events: events.length,
    trainCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10,
    finalLoss: r4(model.loss.at(-1) ?? Number.NaN),
    hr20: r4(s.hr),
    mrr20: r4(s.mrr),
    coverage: r4(s.coverage),
    predictions: s.n,
  };
  log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

const loadBefore = loadavg()[0];
const work = mkdtempSync(join(tmpdir(), 'log-equivalence-'));
const persistTo = mkdtempSync(join(PERSIST_ROOT, 'bench-log-equivalence-'));
try {
  const train = loadSessionFiles([join(dataDir, 'train.tsv')]).rows;
  const valid = loadSessionFiles([join(dataDir, 'valid.tsv')]).rows;
  const catalogue = new Set([...train, ...valid].map((e) => e.itemId)).size;
  const sessions = groupSessions(train);
  let newestMs = 0;
  for (const e of train) newestMs = Math.max(newestMs, Math.round(e.time * 1000));
  const shiftMs = Date.now() - 3_600_000 - newestMs;

  const port = await freePort(8790, 8799);
  const server = await startDevServer({ port, persistTo, vars: { ADMIN_TOKEN: TOKEN, SITE_KEYS } });
  let exported: SessionEvent[];
  let path: Record<string, unknown>;
  try {
    const range = { from: Date.now() - 60_000, to: Date.now() + 3_600_000 };
    const started = performance.now();
    const posted = await postSessions(server.url, sessions, shiftMs);
    const postSeconds = (performance.now() - started) / 1000;
    log(`posted ${JSON.stringify(posted)} in ${postSeconds.toFixed(1)} s`);
    // Wait for the consumer: until the export holds every accepted event or stops growing for 20 s.
    let lines = 0;
    for (
      let still = 0, last = -1;
      lines < posted.accepted && still < 20;
      still = lines === last ? still + 2 : 0
    ) {
      last = lines;
      await sleep(2000);
      lines = await exportedLines(server.url, range);
    }
    const file = join(work, 'log.ndjson');
    const download = await downloadLog(server.url, TOKEN, range, file, SITE, () => {});
    const loaded = loadSessionFiles([file]);
    // Back to 2014: the same constant, so the trainer sees the file's times (to the millisecond).
    exported = loaded.rows.map((e) => ({ ...e, time: (Math.round(e.time * 1000) - shiftMs) / 1000 }));
    path = {
      sessionsPosted: sessions.size,
      posts: posted.status,
      eventsPosted: posted.events,
      answeredAccepted: posted.accepted,
      answeredDuplicates: posted.duplicates,
      postSeconds: Math.round(postSeconds * 10) / 10,
      exportedLines: download.lines,
      exportMegabytes: Math.round(download.bytes / 1e5) / 10,
      loaderErrors: loaded.errors.length,
    };
  } finally {
    await server.stop();
  }
  const comparison = compareEvents(train, exported, fromLogSession);
  log(`comparison: ${JSON.stringify(comparison)}`);
  const fromFile = await trainAndScore('file', train, join(work, 'file'), valid, catalogue);
  const fromLog = await trainAndScore('log', exported, join(work, 'log'), valid, catalogue);
  // The trainer takes sessions in the order they first appear (then a seeded shuffle): the log is in
  // receive order, the file in its own. The same log events put back in the file's order:
  const position = new Map([...sessions.keys()].map((id, i) => [id, i]));
  const reordered = exported
    .map((e) => ({ ...e, sessionId: fromLogSession(e.sessionId) }))
    .sort((a, b) => position.get(a.sessionId)! - position.get(b.sessionId)! || a.time - b.time);
  const inFileOrder = await trainAndScore(
    'log-in-file-order',
    reordered,
    join(work, 'reordered'),
    valid,
    catalogue,
  );
  const out = {
    bench: 'log-equivalence',
    data: 'train.tsv → valid.tsv (served pipeline, online replay)',
    epochs: EPOCHS,
    eventPath: path,
    comparison,
    file: fromFile,
    log: fromLog,
    logInFileOrder: inFileOrder,
    difference: { hr20: r4(fromLog.hr20 - fromFile.hr20), mrr20: r4(fromLog.mrr20 - fromFile.mrr20) },
    machine: { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } },
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(persistTo, { recursive: true, force: true });
}
