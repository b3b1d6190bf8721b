/**
 * Site keys at runtime, through the real routes and D1: a site created, changed or removed by the
 * admin API is in force at once in this isolate and within seconds in others (a write made behind
 * this isolate's back), validated, versioned, `SITE_KEYS` the seed; limits and creation stay the
 * operator's; every write is in the audit log.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { SiteKeyState } from '../../../contracts/site-keys.ts';
import { app } from '../../src/app.ts';
import { writeSiteKey } from '../../src/config/site-key-store.ts';
import { SITE_KEYS_TTL_MS } from '../../src/config/site-registry.ts';
import { ADMIN_TOKEN, postEvents, uid, viewBatch } from '../helpers.ts';
import { auditEntry, call, errorOf, makeKey } from './client.ts';

const SHOP = 'https://shop9.example';
const site = (key: string, token = ADMIN_TOKEN) => call('GET', `/v1/admin/sites?key=${key}`, token);
const put = (key: string, body: unknown, { token = ADMIN_TOKEN, headers = {} } = {}) =>
  call('PUT', `/v1/admin/sites?key=${key}`, token, { body, headers });
const remove = (key: string, token = ADMIN_TOKEN) => call('DELETE', `/v1/admin/sites?key=${key}`, token);
/** What a visitor's page gets when it sends one batch under `key` from `origin`. */
const send = async (key: string, origin = SHOP) => {
  const res = await postEvents(viewBatch(uid('s'), 1, Date.now()), { key, origin });
  const body = await res.json<{ error?: { code: string } }>();
  return body.error?.code ?? String(res.status);
};

describe('site keys at runtime', () => {
  it('starts from SITE_KEYS (version 0)', async () => {
    expect(await (await site('demo')).json()).toEqual({
      site: 'demo',
      version: 0,
      source: 'SITE_KEYS',
      removed: false,
      origins: ['http://localhost:8787'],
    } satisfies SiteKeyState);
    expect((await site('nowhere')).status).toBe(404);
  });

  it('a new site works at once, from its origins only, and the write is audited', async () => {
    expect(await send('shop9')).toBe('unknown_site_key');
    const res = await put('shop9', { origins: [SHOP] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      site: 'shop9',
      version: 1,
      source: 'database',
      removed: false,
      origins: [SHOP],
      createdBy: 'operator',
    });
    expect(await send('shop9')).toBe('202');
    expect(await send('shop9', 'https://elsewhere.example')).toBe('origin_not_allowed');
    expect(
      await auditEntry('shop9', (e) => e.route === '/v1/admin/sites' && e.method === 'PUT'),
    ).toMatchObject({ actor: 'operator', status: 200 });
  });

  it("the site's admin may change its origins, not its limits; creating and removing are the operator's", async () => {
    await put('shop10', { origins: [SHOP] });
    const admin = (await makeKey('shop10', 'admin')).secret;
    const moved = await put('shop10', { origins: ['https://new.shop10.example'] }, { token: admin });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ version: 2, createdBy: expect.stringMatching(/^ak_shop10_/) });
    expect(await send('shop10', 'https://new.shop10.example')).toBe('202');
    expect(await send('shop10', SHOP)).toBe('origin_not_allowed');

    const limits = { origins: [SHOP], limits: { eventsPerIp: 'off' } };
    const refused = await put('shop10', limits, { token: admin });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({
      code: 'forbidden_role',
      path: 'Authorization',
      message: expect.stringContaining("changing a site's limits needs the operator role"),
    });
    expect((await remove('shop10', admin)).status).toBe(403);
    // Another site's admin key reads nothing of it, and cannot create a site either.
    const other = (await makeKey('demo', 'admin')).secret;
    expect(await errorOf(await site('shop10', other))).toMatchObject({ code: 'wrong_site', path: 'key' });
    expect(await errorOf(await put('shop11', { origins: [] }, { token: other }))).toMatchObject({
      code: 'wrong_site',
    });
    expect((await put('shop10', limits)).status).toBe(200);
    expect(await (await site('shop10', admin)).json()).toMatchObject({
      version: 3,
      limits: { eventsPerIp: 'off' },
    });
    expect(
      await auditEntry(
        'shop10',
        (e) => e.route === '/v1/admin/sites' && e.method === 'PUT' && e.status === 403,
      ),
    ).toMatchObject({ actor: expect.stringMatching(/^ak_shop10_/) });
  });

  it('bad input is refused naming the field, and nothing is written', async () => {
    const cases: [string, unknown, string, string][] = [
      ['shop12', { origins: ['https://shop.example/path'] }, 'invalid_body', 'origins.0'],
      ['shop12', { origins: [], limits: { eventsPerIp: 'maybe' } }, 'invalid_body', 'limits.eventsPerIp'],
      ['shop12', { origins: [], limits: { everything: 'off' } }, 'invalid_body', 'limits.everything'],
      ['shop12', { origin: [] }, 'invalid_body', 'origins'],
      ['shop12', '{"origins": [', 'invalid_json', 'body'],
      ['bad%20key', { origins: [] }, 'invalid_site_key', 'key'],
    ];
    for (const [key, body, code, path] of cases) {
      const res = await put(key, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(res), JSON.stringify(body)).toMatchObject({ code, path });
    }
    expect((await site('shop12')).status).toBe(404);
  });

  it('If-Match refuses a stale write', async () => {
    await put('shop13', { origins: [] });
    await put('shop13', { origins: [SHOP] });
    const stale = await put('shop13', { origins: [] }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(await errorOf(stale)).toMatchObject({ code: 'version_conflict', path: 'If-Match' });
    expect((await put('shop13', { origins: [] }, { headers: { 'If-Match': '"2"' } })).status).toBe(200);
    const versions = await (await call('GET', '/v1/admin/sites/versions?key=shop13', ADMIN_TOKEN)).json<{
      versions: SiteKeyState[];
    }>();
    expect(versions.versions.map((x) => [x.version, x.origins])).toEqual([
      [3, []],
      [2, [SHOP]],
      [1, []],
    ]);
  });

  it('a removed key stops working at once and a PUT brings it back; a seed key can be removed too', async () => {
    await put('shop14', { origins: [SHOP] });
    expect(await send('shop14')).toBe('202');
    expect((await remove('shop14')).status).toBe(200);
    expect(await send('shop14')).toBe('unknown_site_key');
    expect(await (await site('shop14')).json()).toMatchObject({ removed: true, origins: [], version: 2 });
    expect((await remove('shop14')).status).toBe(404);
    expect((await put('shop14', { origins: [SHOP] })).status).toBe(200);
    expect(await send('shop14')).toBe('202');

    expect(await send('tight2', 'http://localhost:8787')).toBe('origin_not_allowed');
    expect((await remove('tight2')).status).toBe(200);
    expect(await send('tight2', 'http://localhost:8787')).toBe('unknown_site_key');
  });

  it('a change written by another isolate is in force here within seconds', async () => {
    expect(await send('shop15')).toBe('unknown_site_key');
    // Straight into D1, as a write through another isolate would be: this one learns it by its TTL.
    expect(await writeSiteKey(env.CATALOG, 'shop15', 0, { origins: [SHOP] }, 'operator', Date.now())).toBe(
      true,
    );
    await vi.waitFor(async () => expect(await send('shop15')).toBe('202'), {
      timeout: SITE_KEYS_TTL_MS + 3_000,
      interval: 100,
    });
    expect(await writeSiteKey(env.CATALOG, 'shop15', 1, null, 'operator', Date.now())).toBe(true);
    await vi.waitFor(async () => expect(await send('shop15')).toBe('unknown_site_key'), {
      timeout: SITE_KEYS_TTL_MS + 3_000,
      interval: 100,
    });
  }, 15_000);

  it('the operator lists every site in force; a site key cannot', async () => {
    const list = await (await call('GET', '/v1/admin/sites', ADMIN_TOKEN)).json<{ sites: SiteKeyState[] }>();
    const sources = Object.fromEntries(list.sites.map((s) => [s.site, s.source]));
    expect(sources).toMatchObject({ demo: 'SITE_KEYS', shop2: 'SITE_KEYS', shop9: 'database' });
    expect(sources).not.toHaveProperty('shop15');
    const admin = (await makeKey('shop9', 'admin')).secret;
    expect((await call('GET', '/v1/admin/sites', admin)).status).toBe(403);
  });

  it('with no SITE_KEYS secret at all, the sites in D1 still work', async () => {
    await put('shop16', { origins: [SHOP] });
    const res = await app.request(
      '/v1/events?key=shop16',
      { method: 'POST', headers: { Origin: SHOP }, body: JSON.stringify(viewBatch(uid('s'), 1, Date.now())) },
      { ...env, SITE_KEYS: undefined },
    );
    expect(res.status).toBe(202);
  });
});
