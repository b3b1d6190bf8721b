/**
 * The learning loop against the real Worker (`wrangler dev`: Queue → R2 log, Vectorize stand-in):
 * sessions posted through `POST /v1/events` reach the log, `npm run retrain` exports it, trains a
 * candidate that ranks what those sessions did, gates it against the served (untrained) model,
 * publishes it, and `npm run rollback` brings the previous version back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrainRecord } from '../../contracts/retrain.ts';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { readManifest } from '../../model/src/export/model-folder.ts';
import { type LocalWorker, startLocalWorker } from '../support/local-worker.ts';
import { writeSyntheticModel } from '../support/synthetic-model.ts';

const TOKEN = 'retrain-e2e-token';
const LIMITS_OFF = Object.fromEntries(
  [
    'eventsPerSession',
    'eventsPerIp',
    'recommendationsPerSession',
    'recommendationsPerIp',
    'sessionsPerIp',
    'admin',
  ].map((n) => [n, 'off']),
);
const SESSIONS = 120;
const PER_SESSION = 5;
let worker: LocalWorker;
let server: { url: string };
let dir: string;
let admin: AdminClient;

beforeAll(async () => {
  worker = await startLocalWorker(TOKEN, {
    demo: { origins: ['http://localhost:8787'], limits: LIMITS_OFF },
  });
  server = worker;
  dir = worker.dir;
  admin = new AdminClient(server.url, TOKEN);
});
afterAll(() => worker?.stop());

const run = (script: string, ...args: string[]) => worker.run(script, ...args);

/** Session s walks the 5 products of its group in order: the pattern a trained model must learn. */
const pattern = (s: number, i: number) => `p${(s % 8) * PER_SESSION + i}`;

/** Seeded noise (murmur3's finaliser of s, i): products in no order a model could learn. */
function noise(s: number, i: number): string {
  let h = Math.imul(s * 64 + i + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return `p${((h ^ (h >>> 16)) >>> 0) % 40}`;
}

/** Post SESSIONS sessions starting at `start` (ms); `itemOf(s, i)` is the i-th product of session s. */
async function postSessions(start: number, itemOf = pattern): Promise<void> {
  for (let s = 0; s < SESSIONS; s++) {
    const res = await fetch(`${server.url}/v1/events?key=demo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8787' },
      body: JSON.stringify({
        sessionId: `loop_${start}_${s}`,
        consent: { analytics: true, personalization: true },
        events: Array.from({ length: PER_SESSION }, (_, i) => ({
          id: `ev_${start}_${s}_${i}`,
          type: 'Product Viewed',
          ts: start + s * 1000 + i * 100,
          itemId: itemOf(s, i),
        })),
      }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
  }
}

/** The newest retrain record the Worker holds (what the dashboard shows). */
async function lastRetrain(): Promise<RetrainRecord | undefined> {
  return (await admin.call<{ retrains: RetrainRecord[] }>('GET', '/v1/admin/models/retrains'))?.retrains[0];
}

/** The model version `GET /v1/recommendations` answers with (and its status). */
async function servedModel(): Promise<{ status: number; model?: string }> {
  const res = await fetch(`${server.url}/v1/recommendations?key=demo&session=loop_probe&placement=home`);
  const body = (await res.json()) as { model?: string };
  return { status: res.status, model: body.model };
}

/** Poll the recommendations until they come from `version`; the milliseconds it took. */
async function untilServed(version: string, timeoutMs = 5000): Promise<number> {
  const started = performance.now();
  while ((await servedModel()).model !== version) {
    expect(performance.now() - started).toBeLessThan(timeoutMs);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Math.round(performance.now() - started);
}

async function logLines(from: number, to: number): Promise<number> {
  const res = await fetch(`${server.url}/v1/admin/log?from=${from}&to=${to}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  return (await res.text()).split('\n').filter(Boolean).length;
}

describe('retrain and rollback against the Worker', () => {
  it('learns the posted sessions, promotes the candidate, and rolls back to the previous version', async () => {
    const activeDir = join(dir, 'active');
    const before = writeSyntheticModel(activeDir, 60, 8, `e2e-untrained-${Date.now()}`);
    await publish(activeDir, admin, () => {});

    const start = Date.now() - SESSIONS * 1000;
    const from = Date.now() - 1000;
    await postSessions(start);
    // The queue writes the log after its batch timeout (wrangler.toml: 5 s).
    const deadline = Date.now() + 40_000;
    while ((await logLines(from, Date.now() + 1000)) < SESSIONS * PER_SESSION) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 500));
    }

    const out = join(dir, 'out');
    // The served model cannot be scored without its folder: refused before anything is downloaded.
    const noActive = await run(
      'edge/scripts/retrain.ts',
      '--from',
      String(from),
      '--to',
      String(Date.now()),
      '--out',
      out,
    );
    expect(noActive.code).toBe(2);
    expect(noActive.stderr).toContain(`--active <dir> is required: the Worker serves ${before.version}`);

    const started = performance.now();
    const retrain = await run(
      'edge/scripts/retrain.ts',
      ...['--from', String(from), '--to', String(Date.now() + 1000), '--out', out],
      ...['--site', 'demo', '--active', activeDir, '--publish', 'auto', '--epochs', '3'],
    );
    const seconds = (performance.now() - started) / 1000;
    expect(retrain.code, retrain.stderr).toBe(0);
    const decision = JSON.parse(readFileSync(join(out, 'decision.json'), 'utf8'));
    expect(JSON.parse(retrain.stdout)).toEqual(decision);
    process.stderr.write(
      `retrain: ${seconds.toFixed(1)} s; log ${JSON.stringify(decision.log)}; candidate ${JSON.stringify(decision.candidate.scores)}; active ${JSON.stringify(decision.active.scores)}\n`,
    );
    expect(decision).toMatchObject({
      decision: 'promote',
      publishMode: 'auto',
      active: { version: before.version },
    });
    // The candidate ranks what the sessions did: most next products are in its top 20.
    expect(decision.candidate.scores.hr).toBeGreaterThan(0.8);
    expect(decision.candidate.scores.hr).toBeGreaterThan(decision.active.scores.hr);
    const served = await admin.call<{ version: string }>('GET', '/v1/admin/models/active');
    expect(served?.version).toBe(decision.published);
    expect(decision.published).not.toBe(before.version);
    // The dashboard's record of it: both models' scores and the decision.
    expect(await lastRetrain()).toMatchObject({
      decision: 'promote',
      published: decision.published,
      candidate: { version: decision.candidate.version, scores: decision.candidate.scores },
      active: { version: before.version, scores: decision.active.scores },
    });

    await untilServed(decision.published);

    // Requests keep flowing during the rollback; every one is answered.
    let flowing = true;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (flowing) statuses.push((await servedModel()).status);
    })();
    const rollback = await run('edge/scripts/rollback.ts');
    expect(rollback.code, rollback.stderr).toBe(0);
    expect((await admin.call<{ version: string }>('GET', '/v1/admin/models/active'))?.version).toBe(
      before.version,
    );
    const ms = await untilServed(before.version);
    flowing = false;
    await traffic;
    process.stderr.write(
      `rollback: served ${ms} ms after the command returned; ${statuses.length} requests meanwhile\n`,
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
  }, 240_000);

  it('keeps the active model when the candidate is worse (exit 3), and --publish force overrides', async () => {
    // The model the first test trained on the pattern serves again.
    const good = join(dir, 'out');
    await publish(good, admin, () => {});
    const served = (await admin.call<{ version: string }>('GET', '/v1/admin/models/active'))?.version;
    expect(served).toBe(readManifest(good).version);

    // Noise first, the pattern last: with --eval-fraction 0.4 the candidate trains on the noise and
    // is judged on the pattern, which the active model knows.
    const from = Date.now() - 1000;
    const start = Date.now() - 2 * SESSIONS * 1000 - 100_000;
    await postSessions(start, noise);
    await postSessions(start + SESSIONS * 1000 + 100_000);
    const deadline = Date.now() + 40_000;
    while ((await logLines(from, Date.now() + 1000)) < 2 * SESSIONS * PER_SESSION) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 500));
    }
    const args = (out: string, publish: string) => [
      ...['--from', String(from), '--to', String(Date.now() + 1000), '--out', join(dir, out)],
      ...['--active', good, '--cold', '--eval-fraction', '0.4', '--epochs', '3', '--publish', publish],
    ];
    const rejected = await run('edge/scripts/retrain.ts', ...args('worse', 'auto'));
    expect(rejected.code, rejected.stderr).toBe(3);
    const decision = JSON.parse(rejected.stdout);
    process.stderr.write(
      `gate: candidate ${JSON.stringify(decision.candidate.scores)}; active ${JSON.stringify(decision.active.scores)}\n`,
    );
    expect(decision).toMatchObject({ decision: 'keep', publishMode: 'auto', active: { version: served } });
    expect(decision.published).toBeUndefined();
    expect(decision.reasons.join(' ')).toContain('worse than the margin allows');
    expect((await admin.call<{ version: string }>('GET', '/v1/admin/models/active'))?.version).toBe(served);
    expect(await lastRetrain()).toMatchObject({ decision: 'keep', active: { version: served } });
    expect((await lastRetrain())?.published).toBeUndefined();

    const forced = await run('edge/scripts/retrain.ts', ...args('forced', 'force'));
    expect(forced.code, forced.stderr).toBe(0);
    const override = JSON.parse(forced.stdout);
    expect(override).toMatchObject({ decision: 'keep', publishMode: 'force' });
    expect(override.published).toBe(readManifest(join(dir, 'forced')).version);
    expect((await admin.call<{ version: string }>('GET', '/v1/admin/models/active'))?.version).toBe(
      override.published,
    );
    await untilServed(override.published);
  }, 240_000);
});
