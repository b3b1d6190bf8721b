/**
 * The audit log through the real routes and D1: each admin and catalogue write is recorded with who,
 * what, when, from where and its outcome; refused attempts with a credential too; reads and 401s
 * not. Read back newest first in pages, by site, within a time range.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditPage } from '../../../contracts/api-keys.ts';
import { ADMIN_TOKEN, uid } from '../helpers.ts';
import { auditEntry, auditPage, call, errorOf, makeKey } from './client.ts';

const FROM = { 'CF-Connecting-IP': '198.51.100.7', 'User-Agent': 'shop-sync/1.0' };
let server = { id: '', secret: '' };
let admin2 = { id: '', secret: '' };

beforeAll(async () => {
  server = await makeKey('demo', 'server');
  admin2 = await makeKey('shop2', 'admin');
});

describe('audit log', () => {
  it('records a catalogue write: key id, method, route, target, time, address, user agent, status', async () => {
    const id = uid('aud');
    const before = Date.now();
    const res = await call('PUT', `/v1/catalog/items/${id}?key=demo`, server.secret, {
      body: { title: 'Audited' },
      headers: FROM,
    });
    expect(res.status).toBe(200);
    const entry = await auditEntry('demo', (e) => e.target.includes(id));
    expect(entry).toMatchObject({
      site: 'demo',
      actor: server.id,
      method: 'PUT',
      route: '/v1/catalog/items/:id',
      target: `/v1/catalog/items/${id}?key=demo`,
      status: 200,
      ip: '198.51.100.7',
      userAgent: 'shop-sync/1.0',
      requestId: res.headers.get('X-Request-Id'),
    });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before);
  });

  it('records failed writes (their status) and refusals to a credential, never the secret made', async () => {
    const item = uid('aud');
    const refused = await call('DELETE', `/v1/catalog/items/${item}?key=demo`, admin2.secret);
    expect(refused.status).toBe(403);
    expect(await auditEntry('demo', (e) => e.target.includes(item))).toMatchObject({
      actor: admin2.id,
      method: 'DELETE',
      status: 403,
    });
    const invalid = await call('PUT', `/v1/catalog/items/${item}?key=demo`, ADMIN_TOKEN, {
      body: { title: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(await auditEntry('demo', (e) => e.target.includes(item) && e.method === 'PUT')).toMatchObject({
      actor: 'operator',
      status: 400,
    });
    const made = await makeKey('shop2', 'server', admin2.secret);
    const entry = await auditEntry('shop2', (e) => e.route === '/v1/admin/keys' && e.method === 'POST');
    expect(entry).toMatchObject({ actor: admin2.id, status: 201 });
    expect(JSON.stringify(await auditPage('shop2'))).not.toContain(made.secret);
  });

  it('does not record reads, requests without a valid credential, nor the public key’s refusals', async () => {
    const item = uid('aud');
    await call('GET', `/v1/catalog/items/${item}?key=demo`, server.secret);
    await call('PUT', `/v1/catalog/items/${item}?key=demo`, 'wrong-token', { body: { title: 'x' } });
    const byPublicKey = await call('PUT', `/v1/catalog/items/${item}?key=demo`, 'demo', {
      body: { title: 'x' },
    });
    expect(byPublicKey.status).toBe(403);
    // A later write is recorded: the two before it, answered earlier, would be there by then.
    const marker = uid('aud');
    await call('PUT', `/v1/catalog/items/${marker}?key=demo`, server.secret, { body: { title: 'm' } });
    await auditEntry('demo', (e) => e.target.includes(marker));
    expect(JSON.stringify(await auditPage('demo', 'limit=500'))).not.toContain(item);
  });

  it('model routes are recorded deployment-wide, read by the operator only', async () => {
    // An index query is a read sent as POST: not recorded.
    await call('POST', '/v1/admin/indexes/a/query', ADMIN_TOKEN, { body: { vector: [1, 0] } });
    const res = await call('POST', '/v1/admin/models/rollback', ADMIN_TOKEN);
    expect(res.status).toBe(409);
    expect(await auditEntry('', (e) => e.route === '/v1/admin/models/rollback')).toMatchObject({
      site: '',
      actor: 'operator',
      status: 409,
    });
    expect((await auditPage('demo')).entries.some((e) => e.route.includes('models'))).toBe(false);
    expect((await auditPage('')).entries.some((e) => e.target.includes('/query'))).toBe(false);
    const bySite = await call('GET', '/v1/admin/audit', admin2.secret);
    expect(bySite.status).toBe(403);
  });

  it('pages newest first without gaps or repeats; from / to bound the time', async () => {
    const tag = uid('page');
    const ids = Array.from({ length: 5 }, (_, i) => `${tag}-${i}`);
    for (const id of ids) await call('DELETE', `/v1/catalog/items/${id}?key=demo`, server.secret);
    await auditEntry('demo', (e) => e.target.includes(ids[4]!));
    const seen: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page: AuditPage = await auditPage('demo', `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries);
      cursor = page.cursor;
    } while (cursor);
    const mine = seen
      .filter((e) => e.target.includes(tag))
      .map((e) => e.target.split('/').pop()!.split('?')[0]);
    expect(mine).toEqual([...ids].reverse());
    const seqs = seen.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const last = seen.find((e) => e.target.includes(ids[4]!))!;
    const at = Date.parse(last.at);
    const upTo = await auditPage('demo', `to=${at}&limit=500`);
    expect(upTo.entries.every((e) => Date.parse(e.at) < at)).toBe(true);
    const since = await auditPage('demo', `from=${new Date(at).toISOString()}&limit=500`);
    expect(since.entries.map((e) => e.seq)).toContain(last.seq);
    expect(since.entries.every((e) => Date.parse(e.at) >= at)).toBe(true);
  });

  it('bad parameters are 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['cursor=abc', 'cursor'],
      ['from=yesterday', 'from'],
      ['from=2000&to=1000', 'to'],
    ] as const) {
      const res = await call('GET', `/v1/admin/audit?key=demo&${query}`, ADMIN_TOKEN);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).path, query).toBe(path);
    }
  });

  // Last: it takes the table away for a moment.
  it('a write still succeeds when the audit write fails; the entry goes to the error log', async () => {
    const errors = vi.spyOn(console, 'error');
    await env.CATALOG.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const id = uid('aud');
      const res = await call('PUT', `/v1/catalog/items/${id}?key=demo`, server.secret, {
        body: { title: 'Kept' },
      });
      expect(res.status).toBe(200);
      await vi.waitFor(() => {
        const line = errors.mock.calls
          .map((c) => String(c[0]))
          .find((l) => l.includes('audit entry not written'));
        expect(line).toContain(id);
        expect(line).toContain(server.id);
      });
    } finally {
      await env.CATALOG.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
      errors.mockRestore();
    }
  });
});
