/**
 * Key lifecycle through the real routes and D1: a key is shown once and stored hashed; two keys of a
 * role are valid at once (rotation without downtime), a third is refused; revoking the old key stops
 * it at once while the new one goes on; a rotation's grace ends by itself.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKeyInfo, CreatedApiKey } from '../../../contracts/api-keys.ts';
import { hashKey } from '../../src/auth/key-token.ts';
import { CACHE_TTL_MS } from '../../src/auth/principal.ts';
import { ADMIN_TOKEN } from '../helpers.ts';
import { call, errorOf, makeKey } from './client.ts';

const items = (site: string) => `/v1/catalog/items?key=${site}`;
const works = async (secret: string, site = 'demo') => (await call('GET', items(site), secret)).status;
const listed = async (site: string, token = ADMIN_TOKEN) => {
  const res = await call('GET', `/v1/admin/keys?key=${site}`, token);
  expect(res.status).toBe(200);
  return (await res.json<{ keys: ApiKeyInfo[] }>()).keys;
};

describe('keys: create, rotate, revoke', () => {
  it('the secret is shown once; the store and the list hold only its id and a SHA-256', async () => {
    const created = await makeKey('shop2', 'server');
    expect(created).toMatchObject({ site: 'shop2', role: 'server', valid: true, createdBy: 'operator' });
    expect(created.secret.startsWith(`${created.id}_`)).toBe(true);
    expect(created.id).toMatch(/^sk_shop2_[0-9a-f]{12}$/);
    const row = await env.CATALOG.prepare('SELECT * FROM api_keys WHERE id = ?').bind(created.id).first();
    expect(row?.hash).toBe(await hashKey(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(created.id.length + 1));
    const list = JSON.stringify(await listed('shop2'));
    expect(list).toContain(created.id);
    expect(list).not.toContain(created.secret);
    expect(list).not.toContain(String(row?.hash));
    expect(await works(created.secret, 'shop2')).toBe(200);
  });

  it('rotation: old and new both work, a third is refused, revoking the old stops it at once', async () => {
    const old = await makeKey('demo', 'server');
    const rotated = await call('POST', `/v1/admin/keys/${old.id}/rotate?key=demo`, ADMIN_TOKEN);
    expect(rotated.status).toBe(201);
    const fresh = await rotated.json<CreatedApiKey>();
    expect(fresh).toMatchObject({ role: 'server', valid: true, replaced: { id: old.id, valid: true } });
    expect(fresh.id).not.toBe(old.id);
    expect([await works(old.secret), await works(fresh.secret)]).toEqual([200, 200]);

    const third = await call('POST', '/v1/admin/keys?key=demo', ADMIN_TOKEN, { body: { role: 'server' } });
    expect(third.status).toBe(409);
    expect(await errorOf(third)).toMatchObject({ code: 'too_many_keys', path: 'role' });
    // Another role of the site has its own two.
    expect((await makeKey('shop2', 'admin')).role).toBe('admin');

    const revoked = await call('DELETE', `/v1/admin/keys/${old.id}?key=demo`, ADMIN_TOKEN);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: old.id, valid: false, revokedAt: expect.any(String) });
    expect(await works(old.secret)).toBe(401);
    expect(await works(fresh.secret)).toBe(200);
    const state = Object.fromEntries((await listed('demo')).map((k) => [k.id, k.valid]));
    expect(state).toMatchObject({ [old.id]: false, [fresh.id]: true });
    // The revoked key no longer counts: a new one of the role can be made again.
    expect((await makeKey('demo', 'server')).valid).toBe(true);
  });

  it('a revocation made by another isolate stops the key here within CACHE_TTL_MS', async () => {
    const key = await makeKey('shop2', 'server');
    expect(await works(key.secret, 'shop2')).toBe(200); // now cached in this isolate
    // Straight into D1, as a revocation through another isolate would be.
    await env.CATALOG.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?')
      .bind(Date.now(), key.id)
      .run();
    await vi.waitFor(async () => expect(await works(key.secret, 'shop2')).toBe(401), {
      timeout: CACHE_TTL_MS + 3_000,
      interval: 100,
    });
  }, 15_000);

  it('a rotation with graceSeconds ends the old key by itself; 0 ends it at once', async () => {
    const old = await makeKey('demo', 'admin');
    const rotate = (id: string, graceSeconds: number) =>
      call('POST', `/v1/admin/keys/${id}/rotate?key=demo`, ADMIN_TOKEN, { body: { graceSeconds } });
    const graced = await (await rotate(old.id, 3600)).json<CreatedApiKey>();
    expect(graced.replaced).toMatchObject({ id: old.id, valid: true, revokedAt: expect.any(String) });
    expect(Date.parse(graced.replaced!.revokedAt!) - Date.now()).toBeGreaterThan(3500_000);
    expect((await call('GET', '/v1/admin/keys?key=demo', old.secret)).status).toBe(200);

    await call('DELETE', `/v1/admin/keys/${old.id}?key=demo`, ADMIN_TOKEN);
    const now = await (await rotate(graced.id, 0)).json<CreatedApiKey>();
    expect(now.replaced).toMatchObject({ id: graced.id, valid: false });
    expect((await call('GET', '/v1/admin/keys?key=demo', graced.secret)).status).toBe(401);
    expect((await call('GET', '/v1/admin/keys?key=demo', now.secret)).status).toBe(200);
  });

  it('a site’s admin key manages that site’s keys only; a server key manages none', async () => {
    const admin = await makeKey('shop2', 'admin');
    const made = await makeKey('shop2', 'server', admin.secret);
    expect(made.createdBy).toBe(admin.id);
    const elsewhere = await call('POST', '/v1/admin/keys?key=demo', admin.secret, {
      body: { role: 'server' },
    });
    expect(elsewhere.status).toBe(403);
    expect(await errorOf(elsewhere)).toMatchObject({ code: 'wrong_site' });
    const byServer = await call('DELETE', `/v1/admin/keys/${made.id}?key=shop2`, made.secret);
    expect(byServer.status).toBe(403);
    expect(await errorOf(byServer)).toMatchObject({ code: 'forbidden_role' });
    // A key id of another site is not found under this one.
    const crossed = await call('DELETE', `/v1/admin/keys/${made.id}?key=demo`, ADMIN_TOKEN);
    expect(crossed.status).toBe(404);
    expect(await works(made.secret, 'shop2')).toBe(200);
  });

  it('bodies and ids are validated, errors naming the field', async () => {
    const bad = async (path: string, body: unknown, field: string) => {
      const res = await call('POST', path, ADMIN_TOKEN, { body });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).path).toBe(field);
    };
    await bad('/v1/admin/keys?key=demo', { role: 'operator' }, 'role');
    await bad('/v1/admin/keys?key=demo', { role: 'server', label: '' }, 'label');
    await bad('/v1/admin/keys?key=demo', { role: 'server', extra: 1 }, 'extra');
    await bad('/v1/admin/keys/sk_demo_000000000000/rotate?key=demo', { graceSeconds: -1 }, 'graceSeconds');
    await bad('/v1/admin/keys/not-a-key/rotate?key=demo', {}, 'id');
  });
});
