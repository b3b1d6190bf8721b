import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { indexName, localVectorIndex } from '../../src/vectorize/binding.ts';
import { testManifest } from '../fixtures/manifest.ts';

const auth = { authorization: 'Bearer test-admin-token' };
const call = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`http://localhost/v1/admin/models${path}`, { ...init, headers: auth });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

describe('admin model upload and activation', () => {
  it('uploads a version and activates it', async () => {
    const version = `v-${Date.now()}`;
    const manifest = JSON.stringify(testManifest(version, ['a', 'b']));
    expect(await (await call(`/${version}/manifest.json`, { method: 'PUT', body: manifest })).json()).toEqual(
      {
        version,
        file: 'manifest.json',
        bytes: manifest.length,
      },
    );
    expect((await call(`/${version}/tower`, { method: 'PUT', body: new Uint8Array([8, 1]) })).status).toBe(
      200,
    );
    const noIndex = await call(`/${version}/activate?slot=b`, { method: 'POST' });
    expect((await errorOf(noIndex)).message).toBe(
      `index slot b has no index; model ${version} needs 8: load its vectors first`,
    );
    await localVectorIndex(env, indexName(env, 'b')).createIndex({ dimensions: 8, metric: 'dot-product' });
    const res = await call(`/${version}/activate?slot=b`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version, slot: 'b', activatedAt: expect.any(String) });
    expect(await (await call('/active')).json()).toMatchObject({ version });
  });

  it('refuses to activate an incomplete or inconsistent version, keeping the active one', async () => {
    const before = await (await call('/active')).text();
    const missing = await call('/never-uploaded/activate?slot=a', { method: 'POST' });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toEqual({
      code: 'cannot_activate',
      message: 'model never-uploaded has no manifest.json; upload it first',
      path: '',
    });

    await call('/no-tower/manifest.json', {
      method: 'PUT',
      body: JSON.stringify(testManifest('no-tower', ['a'])),
    });
    expect((await errorOf(await call('/no-tower/activate?slot=a', { method: 'POST' }))).message).toBe(
      'model no-tower has no tower; upload it first',
    );

    await call('/mismatch/manifest.json', {
      method: 'PUT',
      body: JSON.stringify(testManifest('other', ['a'])),
    });
    expect((await errorOf(await call('/mismatch/activate?slot=a', { method: 'POST' }))).message).toBe(
      'manifest.json says version other, not mismatch',
    );

    await call('/broken/manifest.json', {
      method: 'PUT',
      body: JSON.stringify({ schema: 1, version: 'broken' }),
    });
    expect((await errorOf(await call('/broken/activate?slot=a', { method: 'POST' }))).message).toMatch(
      /^model broken: manifest.json: /,
    );
    expect(await (await call('/active')).text()).toBe(before);
  });

  it('validates version, file name and body', async () => {
    expect(await errorOf(await call('/bad version!/tower', { method: 'PUT', body: 'x' }))).toMatchObject({
      code: 'invalid_version',
    });
    expect(await errorOf(await call('/v1/weights.bin', { method: 'PUT', body: 'x' }))).toEqual({
      code: 'invalid_file',
      message: 'file must be one of manifest.json, tower, signals, item-features, vectors, train-state',
      path: 'file',
    });
    expect((await call('/v1/tower', { method: 'PUT', body: '' })).status).toBe(400);
    expect(await errorOf(await call('/v1/activate?slot=c', { method: 'POST' }))).toMatchObject({
      code: 'invalid_slot',
    });
    expect((await exports.default.fetch('http://localhost/v1/admin/models/active')).status).toBe(401);
  });

  it('reads the manifest of a version back for the dashboard; 404 for an unknown or unusable one', async () => {
    const version = `read-${Date.now()}`;
    const manifest = testManifest(version, ['a', 'b']);
    await call(`/${version}/manifest.json`, { method: 'PUT', body: JSON.stringify(manifest) });
    const res = await call(`/${version}/manifest.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(manifest);

    expect(await errorOf(await call('/never-uploaded/manifest.json'))).toEqual({
      code: 'no_model',
      message: 'model never-uploaded has no manifest.json',
      path: 'version',
    });
    await call('/broken-read/manifest.json', { method: 'PUT', body: '{"schema":1}' });
    const broken = await call('/broken-read/manifest.json');
    expect(broken.status).toBe(404);
    expect((await errorOf(broken)).message).toMatch(/^model broken-read: manifest.json: /);
    expect(
      (await exports.default.fetch(`http://localhost/v1/admin/models/${version}/manifest.json`)).status,
    ).toBe(401);
  });
});
