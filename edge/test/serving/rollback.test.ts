import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rollbackTarget } from '../../src/model-registry/history.ts';
import { indexName, localVectorIndex } from '../../src/vectorize/binding.ts';
import { testManifest } from '../fixtures/manifest.ts';

const auth = { authorization: 'Bearer test-admin-token' };
const call = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`http://localhost/v1/admin/models${path}`, { ...init, headers: auth });

const created = new Set<string>();

/** Upload a version and activate it on `slot` (an 8-dimension index there). */
async function publish(version: string, slot: 'a' | 'b'): Promise<void> {
  await call(`/${version}/manifest.json`, {
    method: 'PUT',
    body: JSON.stringify(testManifest(version, ['a'])),
  });
  await call(`/${version}/tower`, { method: 'PUT', body: new Uint8Array([8, 1]) });
  if (!created.has(slot)) {
    await localVectorIndex(env, indexName(env, slot)).createIndex({ dimensions: 8, metric: 'dot-product' });
    created.add(slot);
  }
  const res = await call(`/${version}/activate?slot=${slot}`, { method: 'POST' });
  expect(res.status, await res.clone().text()).toBe(200);
}

const at = (version: string, slot: 'a' | 'b') => ({ version, slot, activatedAt: '' });

describe('rollback target', () => {
  it('is the version before the active one while its slot was not reused', () => {
    expect(rollbackTarget([at('v1', 'a'), at('v2', 'b')])).toEqual({ ok: true, version: 'v1', slot: 'a' });
    // Activating v2 twice does not make v2 its own predecessor.
    expect(rollbackTarget([at('v1', 'a'), at('v2', 'b'), at('v2', 'b')])).toMatchObject({ version: 'v1' });
    // After a rollback, rolling back again returns to the newer version.
    expect(rollbackTarget([at('v1', 'a'), at('v2', 'b'), at('v1', 'a')])).toMatchObject({ version: 'v2' });
  });

  it('refuses when the previous slot was overwritten, or there is no previous version', () => {
    // Activated on the slot the previous version used: its vectors were replaced.
    const gone = rollbackTarget([at('v1', 'a'), at('v2', 'a')]);
    expect(gone).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^slot a no longer holds the vectors of v1: v2 was published into it since/,
      ),
    });
    expect(rollbackTarget([])).toMatchObject({ ok: false, reason: 'no model has been activated' });
    expect(rollbackTarget([at('v1', 'a')])).toMatchObject({
      ok: false,
      reason: 'no version was active before v1',
    });
  });
});

describe('POST /v1/admin/models/rollback', () => {
  it('answers 409 naming why when no other version was active before', async () => {
    // The first activations of this file's own storage (each test file gets fresh R2).
    const version = `r0-${Date.now()}`;
    await publish(version, 'a');
    await publish(version, 'a');
    const res = await call('/rollback', { method: 'POST' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'cannot_roll_back', message: `no version was active before ${version}` },
    });
  });

  it('serves the previous version again on its slot and records the rollback', async () => {
    const id = Date.now();
    await publish(`r1-${id}`, 'a');
    await publish(`r2-${id}`, 'b');
    const res = await call('/rollback', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: `r1-${id}`, slot: 'a' });
    expect(await (await call('/active')).json()).toMatchObject({ version: `r1-${id}`, slot: 'a' });
    const history = (await (await call('/history')).json()) as { version: string }[];
    expect(history.slice(-3).map((h) => h.version)).toEqual([`r1-${id}`, `r2-${id}`, `r1-${id}`]);
    // Rolling back again undoes the rollback.
    expect(await (await call('/rollback', { method: 'POST' })).json()).toMatchObject({ version: `r2-${id}` });
  });

  it('answers 401 without a token', async () => {
    const res = await exports.default.fetch('http://localhost/v1/admin/models/rollback', { method: 'POST' });
    expect(res.status).toBe(401);
  });
});
