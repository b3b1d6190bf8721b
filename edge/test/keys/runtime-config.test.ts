/**
 * Runtime config through the real routes and D1: a site's placements and experiments changed by the
 * admin API are in force at once in this isolate and within seconds in others (a write made behind
 * this isolate's back), validated with sites.json's schema, versioned, sites.json the seed.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { writeConfig } from '../../src/config/config-store.ts';
import { TTL_MS } from '../../src/config/runtime-config.ts';
import { ADMIN_TOKEN, uid } from '../helpers.ts';
import { auditEntry, call, errorOf, makeKey } from './client.ts';

const config = (site: string) => call('GET', `/v1/admin/config?key=${site}`, ADMIN_TOKEN);
const put = (site: string, body: unknown, headers: Record<string, string> = {}, token = ADMIN_TOKEN) =>
  call('PUT', `/v1/admin/config?key=${site}`, token, { body, headers });
const placementStatus = async (site: string, placement: string) => {
  const res = await call(
    'GET',
    `/v1/recommendations?key=${site}&session=${uid('s')}&placement=${placement}`,
    null,
  );
  const body = await res.json<{ error?: { code: string } }>();
  return body.error?.code ?? String(res.status);
};
const experimentStatus = async (site: string, name: string) =>
  (await call('GET', `/v1/experiments/${name}?key=${site}`, ADMIN_TOKEN)).status;

const SIDEBAR = {
  placements: { sidebar: { strategy: 'trending', k: 3, maxK: 6 } },
  experiments: {
    'sidebar-test': {
      placement: 'sidebar',
      variants: [
        { name: 'a', weight: 1 },
        { name: 'b', weight: 1, rules: { maxPerCategory: 1 } },
      ],
    },
  },
};

describe('runtime config', () => {
  it('starts from sites.json (version 0) and a change is in force at once, for that site only', async () => {
    expect(await (await config('demo')).json()).toMatchObject({
      version: 0,
      source: 'sites.json',
      config: {},
    });
    expect(await placementStatus('demo', 'sidebar')).toBe('unknown_placement');
    expect(await experimentStatus('demo', 'sidebar-test')).toBe(404);

    const res = await put('demo', SIDEBAR);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: 1,
      source: 'database',
      createdBy: 'operator',
      config: SIDEBAR,
    });
    // No model is published in this file: the placement now exists and answers 503 (not 400).
    expect(await placementStatus('demo', 'sidebar')).toBe('no_model');
    expect(await experimentStatus('demo', 'sidebar-test')).toBe(200);
    expect(await placementStatus('shop2', 'sidebar')).toBe('unknown_placement');
    expect(
      await auditEntry('demo', (e) => e.route === '/v1/admin/config' && e.method === 'PUT'),
    ).toMatchObject({
      actor: 'operator',
      status: 200,
    });
  });

  it('a change written by another isolate is in force here within seconds', async () => {
    const before = await (await config('shop2')).json<{ version: number }>();
    expect(await placementStatus('shop2', 'footer')).toBe('unknown_placement');
    const footer = { placements: { footer: { strategy: 'trending' as const, k: 2, maxK: 4 } } };
    // Straight into D1, as a write through another isolate would be: this one learns it by its TTL.
    expect(await writeConfig(env.CATALOG, 'shop2', before.version, footer, 'operator', Date.now())).toBe(
      true,
    );
    await vi.waitFor(async () => expect(await placementStatus('shop2', 'footer')).toBe('no_model'), {
      timeout: TTL_MS + 3_000,
      interval: 100,
    });
  });

  it('is validated with the sites schema: 400 naming the field, nothing stored', async () => {
    const cases: [unknown, string][] = [
      [{ placements: { x: { strategy: 'random', k: 1, maxK: 2 } } }, 'placements.x.strategy'],
      [{ placements: { x: { strategy: 'session', k: 0, maxK: 2 } } }, 'placements.x.k'],
      [{ rules: { maxPerCategory: -1 } }, 'rules.maxPerCategory'],
      [
        { experiments: { e: { placement: 'home', variants: [{ name: 'a', weight: 1 }] } } },
        'experiments.e.variants',
      ],
      [{ colour: 'red' }, 'colour'],
    ];
    const before = await (await config('shop2')).json();
    for (const [body, path] of cases) {
      const res = await put('shop2', body);
      expect(res.status, path).toBe(400);
      expect(await errorOf(res), path).toMatchObject({ code: 'invalid_config', path });
    }
    const kOverMax = await put('shop2', { placements: { x: { strategy: 'session', k: 5, maxK: 2 } } });
    expect((await errorOf(kOverMax)).message).toContain('k must be <= maxK');
    expect(await (await config('shop2')).json()).toEqual(before);
  });

  it('is versioned: If-Match refuses a stale write; old versions can be read and put back', async () => {
    const one = { rules: { maxPerCategory: 1 } };
    const two = { rules: { maxPerCategory: 2 } };
    const { version: v0 } = await (await config('demo')).json<{ version: number }>();
    const ifMatch = (n: number) => ({ 'If-Match': `"${n}"` });
    expect((await put('demo', one, ifMatch(v0))).status).toBe(200);
    expect((await put('demo', two, ifMatch(v0 + 1))).status).toBe(200);
    const stale = await put('demo', one, ifMatch(v0 + 1));
    expect(stale.status).toBe(412);
    expect(await errorOf(stale)).toMatchObject({ code: 'version_conflict', path: 'If-Match' });
    const versions = await call('GET', '/v1/admin/config/versions?key=demo', ADMIN_TOKEN);
    const listed = (await versions.json<{ versions: { version: number }[] }>()).versions.map(
      (x) => x.version,
    );
    expect(listed.slice(0, 2)).toEqual([v0 + 2, v0 + 1]);
    const first = await call('GET', `/v1/admin/config/versions/${v0 + 1}?key=demo`, ADMIN_TOKEN);
    const { config: old } = await first.json<{ config: unknown }>();
    expect(old).toEqual(one);
    const back = await put('demo', old, { 'If-Match': String(v0 + 2) });
    expect(await back.json()).toMatchObject({ version: v0 + 3, config: one });
    expect((await call('GET', '/v1/admin/config/versions/999?key=demo', ADMIN_TOKEN)).status).toBe(404);
  });

  it('needs an admin key of the site (or the operator)', async () => {
    const server = await makeKey('demo', 'server');
    const admin = await makeKey('demo', 'admin');
    const other = await makeKey('shop2', 'admin');
    expect((await put('demo', {}, {}, server.secret)).status).toBe(403);
    const wrong = await put('demo', {}, {}, other.secret);
    expect(await errorOf(wrong)).toMatchObject({ code: 'wrong_site' });
    const ok = await put('demo', SIDEBAR, {}, admin.secret);
    expect(await ok.json()).toMatchObject({ createdBy: admin.id });
  });
});
