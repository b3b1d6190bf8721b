/**
 * The retrain Workflow in workerd, against the real R2 log, D1 and the Vectorize stand-in: sessions
 * in the event log → the Workflow's steps (export, an epoch a step, evaluate, refit, publish) → a
 * model that serves what those sessions did; the gate's decisions; a failed step retried; the daily
 * Cron Trigger; the run routes' validation.
 */
import { createMessageBatch, introspectWorkflow } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { RetrainRecord } from '../../../contracts/retrain.ts';
import type { LoggedEvent } from '../../../contracts/schema/events.ts';
import { writeEventLog } from '../../src/event-log/consumer.ts';
import { readActive } from '../../src/model-registry/r2-store.ts';
import type { RetrainOutput } from '../../src/retrain/workflow.ts';
import { publishFixture } from '../fixtures/publish-fixture.ts';
import { towerFixture } from '../fixtures/tower-fixture.ts';
import { untilTowerAnswers } from '../fixtures/until-tower.ts';
import { ADMIN_TOKEN, BASE, postEvents, uid } from '../helpers.ts';

const SESSIONS = 120;
const PER_SESSION = 5;
const START = Date.UTC(2026, 10, 30, 8);
const END = START + SESSIONS * 60_000;

/** Session s walks the 5 products of its group in order: the pattern a trained model must learn. */
const pattern = (s: number, i: number) => `p${(s % 8) * PER_SESSION + i}`;

/** The sessions as the queue consumer writes them into the log (one object per hour and delivery). */
async function logSessions(): Promise<void> {
  const lines: LoggedEvent[] = [];
  for (let s = 0; s < SESSIONS; s++)
    for (let i = 0; i < PER_SESSION; i++) {
      const ts = START + s * 60_000 + i * 1000;
      lines.push({
        id: `ev_${s}_${i}`,
        type: 'view',
        ts,
        itemId: pattern(s, i),
        sessionId: `loop_${s}`,
        site: 'demo',
        receivedAt: ts + 20,
      });
    }
  const batch = createMessageBatch<LoggedEvent[]>('rec-events', [
    { id: uid('m'), timestamp: new Date(), attempts: 1, body: lines },
  ]);
  await writeEventLog(batch, env.EVENT_LOG);
}

function api(method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN) {
  return exports.default.fetch(`${BASE}/v1/admin/models/retrains${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

interface RunStatus {
  id: string;
  status: string;
  output?: RetrainOutput;
  error?: { message: string };
}

/** Start a run through the route and poll its state until it ends. */
async function runToEnd(params: Record<string, unknown>): Promise<RunStatus> {
  const res = await api('POST', '/runs', params);
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return untilEnded(id);
}

async function untilEnded(id: string): Promise<RunStatus> {
  const deadline = Date.now() + 200_000;
  for (;;) {
    const s = (await (await api('GET', `/runs/${id}`)).json()) as RunStatus;
    if (s.status === 'complete' || s.status === 'errored' || s.status === 'terminated') return s;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${s.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const range = { from: START - 1, to: END + 10_000, site: 'demo', evalFraction: 0.2 };

/** The products an answer for a session that viewed `items` recommends, best first. */
async function answerFor(items: string[]): Promise<{ model?: string; ids: string[] }> {
  const sessionId = uid('probe');
  const events = items.map((itemId, i) => ({
    id: uid('ev'),
    type: 'view',
    ts: Date.now() - 1000 + i,
    itemId,
  }));
  const posted = await postEvents({
    sessionId,
    consent: { analytics: false, personalization: true },
    events,
  });
  expect(posted.status).toBe(202);
  const res = await exports.default.fetch(
    `${BASE}/v1/recommendations?key=demo&session=${sessionId}&placement=home&k=5`,
  );
  const body = (await res.json()) as { model?: string; items: { id: string }[] };
  return { model: body.model, ids: body.items.map((i) => i.id) };
}

describe('the retrain Workflow', { timeout: 240_000 }, () => {
  it('refuses bad run parameters, naming the field, and unknown runs', async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await api('POST', '/runs', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', path: field } });
    };
    await bad({ evalFraction: 2 }, 'evalFraction');
    await bad({ from: 10, to: 5 }, 'to');
    await bad({ from: 0, to: 40 * 86_400_000 }, 'from');
    await bad({ publish: 'sometimes' }, 'publish');
    await bad({ epochs: 0.5 }, 'epochs');
    await bad({ extra: 1 }, 'extra');
    await bad([1], 'body');
    expect((await api('GET', '/runs/no-such-run')).status).toBe(404);
    expect((await api('GET', '/runs/a%20b')).status).toBe(400);
    expect((await api('POST', '/runs', {}, null)).status).toBe(401);
  });

  it('the daily Cron Trigger starts a run with the deployment defaults; a day without traffic is skipped, saying why', async () => {
    const at = Date.UTC(2027, 5, 1, 3, 15);
    await (
      exports.default as unknown as { scheduled(o: { scheduledTime: Date; cron: string }): Promise<unknown> }
    ).scheduled({
      scheduledTime: new Date(at),
      cron: '15 3 * * *',
    });
    const s = await untilEnded('scheduled-2027-06-01');
    expect(s.status).toBe('complete');
    expect(s.output?.skipped).toMatch(
      /cannot be split: 0 training and 0 evaluation events \(0 unreadable lines\)/,
    );
    expect(s.output?.steps.map((x) => x.name)).toEqual(['export the log']);
  });

  it('keeps a served model it cannot score, and publishes nothing', async () => {
    await logSessions();
    const fixture = towerFixture();
    await publishFixture(fixture, 'fixture-v1', 'a'); // through the admin API, without item vectors
    const s = await runToEnd({ ...range, epochs: 2 });
    expect(s.status, JSON.stringify(s.error)).toBe('complete');
    expect(s.output?.record).toMatchObject({
      decision: 'keep',
      publishMode: 'auto',
      reasons: ['the active model fixture-v1 cannot be scored: R2 holds no item vectors of it'],
    });
    expect(s.output?.record?.published).toBeUndefined();
    expect((await readActive(env.MODELS))?.version).toBe('fixture-v1');
    // Nothing was refit: the candidate's epochs, the evaluation, no refit step.
    expect(s.output?.steps.map((x) => x.name)).toEqual([
      'export the log',
      'train the candidate: epoch 1 of 2',
      'train the candidate: epoch 2 of 2',
      'score the candidate',
    ]);
    // The run's scratch space is gone.
    expect((await env.MODELS.list({ prefix: `retrain/${s.id}/` })).objects).toEqual([]);
  });

  it('with publish force: trains from the log, publishes on the free slot, and the served model ranks what the sessions did', async () => {
    const s = await runToEnd({ ...range, epochs: 3, publish: 'force' });
    expect(s.status, JSON.stringify(s.error)).toBe('complete');
    const record = s.output!.record!;
    expect(record.published).toMatch(/^m-/);
    expect(record.candidate.scores.n).toBeGreaterThan(0);
    // The candidate learned the walks: most next products are in its top 20 on the held-out slice.
    expect(record.candidate.scores.hr).toBeGreaterThan(0.8);
    const active = await readActive(env.MODELS);
    expect(active).toMatchObject({ version: record.published, slot: 'b' });
    // What a visitor gets: after p0, p1 the next products of that walk.
    await untilTowerAnswers('demo', 'p0');
    const answer = await answerFor(['p0', 'p1']);
    expect(answer.model).toBe(record.published);
    expect(answer.ids.slice(0, 3)).toEqual(expect.arrayContaining(['p2']));
    // The dashboard's record, and what the next run scores and warm-starts from.
    const stored = (await (await api('GET', '')).json()) as { retrains: RetrainRecord[] };
    expect(stored.retrains[0]).toEqual(record);
    for (const file of ['vectors', 'train-state', 'tower', 'signals', 'manifest.json'])
      expect(await env.MODELS.head(`models/${record.published}/${file}`), file).not.toBeNull();
  });

  it('warm-starts from the served model, gates against it, and a step that fails is retried', async () => {
    const introspector = await introspectWorkflow(env.RETRAIN);
    try {
      await introspector.modifyAll(async (m) => {
        await m.disableRetryDelays();
        await m.disableSleeps();
        await m.mockStepError(
          { name: 'train the candidate: epoch 2 of 2' },
          new Error('injected: the isolate went away'),
          1,
        );
      });
      const before = (await readActive(env.MODELS))!;
      const s = await runToEnd({ ...range, margin: 0.05 });
      expect(s.status, JSON.stringify(s.error)).toBe('complete');
      const record = s.output!.record!;
      // Both models scored on the same slice; the gate compared them.
      expect(record.active?.version).toBe(before.version);
      expect(record.active?.scores.n).toBe(record.candidate.scores.n);
      expect(record.reasons.join(' ')).toMatch(/HR@20/);
      // Warm: two epochs each (WARM_EPOCHS), the failed one retried, then the rest.
      const names = s.output!.steps.map((x) => x.name);
      expect(names.slice(0, 5)).toEqual([
        'export the log',
        'train the candidate: epoch 1 of 2',
        'train the candidate: epoch 2 of 2',
        'score the candidate',
        'score the active model',
      ]);
      if (record.decision === 'promote') {
        expect(names).toContain('refit on the whole range: epoch 2 of 2');
        expect((await readActive(env.MODELS))?.slot).toBe('a');
      } else expect((await readActive(env.MODELS))?.version).toBe(before.version);
    } finally {
      await introspector.dispose();
    }
  });
});
