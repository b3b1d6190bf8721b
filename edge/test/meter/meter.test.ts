/**
 * The capacity meter (edge/src/meter/): off unless `CAPACITY_METER=on`, and then it counts what a
 * request causes. bench/capacity.ts reads it from a `wrangler dev`; here the same entry points run
 * in workerd with the test bindings.
 */
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { reset, snapshot } from '../../src/meter/counts.ts';
import { meteredEnv } from '../../src/meter/metered-env.ts';
import { metered } from '../../src/meter/metered-object.ts';
import { BASE, postEvents, uid, viewBatch } from '../helpers.ts';

const meterOn = { ...env, CAPACITY_METER: 'on' } as Env;

/** A request through the Worker's own fetch with `bindings`, its waitUntil work awaited. */
async function call(bindings: Env, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(new URL(path, BASE), init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const eventsInit = (sessionId: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(viewBatch(sessionId, 3)),
});

beforeEach(() => reset());

describe('capacity meter, off (the default)', () => {
  it('has no /v1/__meter route and counts nothing while requests are served', async () => {
    expect((await postEvents(viewBatch(uid('session'), 3))).status).toBe(202);
    expect((await call(env, '/v1/events?key=demo', eventsInit(uid('session')))).status).toBe(202);
    expect((await exports.default.fetch(`${BASE}/v1/__meter`)).status).toBe(404);
    expect(snapshot()).toEqual({});
  }, 30_000); // the file's first requests start the Worker's objects

  it('leaves an object class as written: its SQL storage is not wrapped', async () => {
    const Probe = metered(
      class {
        constructor(
          readonly ctx: DurableObjectState,
          readonly env: Env,
        ) {}
      },
      'Probe',
    );
    const stub = env.SESSIONS.getByName(uid('probe'));
    await runInDurableObject(stub, (_, state) => {
      const probe = new Probe(state, env);
      expect(Object.hasOwn(probe.ctx.storage.sql, 'exec')).toBe(false);
    });
  });
});

describe('capacity meter, on', () => {
  // The objects themselves run with the test's bindings (meter off): only the Worker's calls count here.
  it("counts an accepted batch's calls: rate limits, the session object", async () => {
    expect((await call(meterOn, '/v1/events?key=demo', eventsInit(uid('session')))).status).toBe(202);
    const counts = (await (await call(meterOn, '/v1/__meter?reset=1')).json()) as Record<string, number>;
    expect(counts).toMatchObject({
      'entry:fetch': 1,
      'do:SESSIONS.ingest': 1,
      'ratelimit:RL_EVENTS_SESSION.limit': 1,
    });
    expect(snapshot()).toEqual({}); // ?reset=1 zeroed them after answering
  }, 30_000);

  it('counts D1 queries with their rows and answers first() as before', async () => {
    const db = meteredEnv(meterOn).CATALOG;
    expect(await db.prepare('SELECT 1 AS one').first()).toEqual({ one: 1 });
    expect(await db.prepare('SELECT ? AS two').bind(2).first('two')).toBe(2);
    await db.batch([db.prepare('SELECT 1'), db.prepare('SELECT 2')]);
    expect(snapshot()).toMatchObject({ 'd1:CATALOG.calls': 3, 'd1:CATALOG.queries': 4 });
  });

  it("counts an object's SQL statements and the rows their cursors read and wrote", async () => {
    const Probe = metered(
      class {
        constructor(
          readonly ctx: DurableObjectState,
          readonly env: Env,
        ) {}
      },
      'Probe',
    );
    const stub = env.SESSIONS.getByName(uid('probe'));
    await runInDurableObject(stub, (_, state) => {
      const sql = new Probe(state, meterOn).ctx.storage.sql;
      sql.exec('CREATE TABLE probe (x INTEGER)');
      sql.exec('INSERT INTO probe (x) VALUES (1), (2), (3)');
      expect(sql.exec('SELECT x FROM probe').toArray()).toHaveLength(3);
    });
    const counts = snapshot();
    expect(counts['sql:Probe.statements']).toBe(3);
    // SQLite also counts the schema's own rows for CREATE TABLE.
    expect(counts['sql:Probe.rowsWritten']).toBeGreaterThanOrEqual(3);
    expect(counts['sql:Probe.rowsRead']).toBeGreaterThanOrEqual(3);
  });
});
