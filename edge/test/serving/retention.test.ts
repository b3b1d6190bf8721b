import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { keepVersions, retain } from '../../src/model-registry/retention.ts';
import { indexName, localVectorIndex } from '../../src/vectorize/binding.ts';
import { testManifest } from '../fixtures/manifest.ts';

const auth = { authorization: 'Bearer test-admin-token' };
const call = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`http://localhost/v1/admin/models${path}`, { ...init, headers: auth });

async function upload(version: string): Promise<void> {
  await call(`/${version}/manifest.json`, {
    method: 'PUT',
    body: JSON.stringify(testManifest(version, ['a'])),
  });
  await call(`/${version}/tower`, { method: 'PUT', body: new Uint8Array([8, 1]) });
}

async function activate(version: string, slot: 'a' | 'b'): Promise<void> {
  const res = await call(`/${version}/activate?slot=${slot}`, { method: 'POST' });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Versions with objects in the MODELS bucket. */
async function stored(): Promise<string[]> {
  const listed = await env.MODELS.list({ prefix: 'models/' });
  const versions = listed.objects.map((o) => o.key.split('/')[1]).filter((v) => !v.endsWith('.json'));
  return [...new Set(versions)].sort();
}

const at = (version: string) => ({ version, slot: 'a' as const, activatedAt: '' });

describe('keeping the last N model versions', () => {
  it('keeps the activations of the N most recent versions and drops the older ones', () => {
    const h = ['v1', 'v2', 'v1', 'v3', 'v4'].map(at);
    expect(retain(h, 2)).toEqual({ history: [at('v3'), at('v4')], drop: ['v1', 'v2'] });
    // v1 was active again after v2: v2 is the older one.
    expect(retain(h, 3)).toEqual({ history: h.slice(2), drop: ['v2'] });
    expect(retain(h, 4)).toEqual({ history: h, drop: [] });
    expect(keepVersions('3')).toBe(3);
    expect(keepVersions('1')).toBe(2); // the active and the previous always stay
    expect(keepVersions(undefined)).toBe(5);
    expect(keepVersions('x')).toBe(5);
  });

  it('deletes the artifacts beyond MODEL_KEEP_VERSIONS on activation; rollback still works', async () => {
    expect(env.MODEL_KEEP_VERSIONS).toBe('5');
    for (const slot of ['a', 'b'] as const)
      await localVectorIndex(env, indexName(env, slot)).createIndex({ dimensions: 8, metric: 'dot-product' });
    // Uploaded but never activated (a publish in progress): never deleted.
    await upload('pending');
    for (let i = 1; i <= 7; i++) {
      await upload(`v${i}`);
      await activate(`v${i}`, i % 2 ? 'a' : 'b');
    }
    expect(await stored()).toEqual(['pending', 'v3', 'v4', 'v5', 'v6', 'v7']);
    const history = (await (await call('/history')).json()) as { version: string }[];
    expect(history.map((h) => h.version)).toEqual(['v3', 'v4', 'v5', 'v6', 'v7']);
    const rollback = await call('/rollback', { method: 'POST' });
    expect(rollback.status, await rollback.clone().text()).toBe(200);
    expect(((await rollback.json()) as { version: string }).version).toBe('v6');
    expect(await stored()).toEqual(['pending', 'v3', 'v4', 'v5', 'v6', 'v7']);
  });
});
