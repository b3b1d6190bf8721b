/** Calls of the key and audit admin routes through the real Worker, and a way to make keys. */
import { exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import type { AuditEntry, AuditPage, CreatedApiKey, KeyRole } from '../../../contracts/api-keys.ts';
import { ADMIN_TOKEN, BASE } from '../helpers.ts';

/** `method path` with `Authorization: Bearer <token>` (none for null); object bodies as JSON. */
export function call(
  method: string,
  path: string,
  token: string | null,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (token !== null) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    h['Content-Type'] ??= 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return exports.default.fetch(`${BASE}${path}`, init);
}

/** A new key of `role` for `site`, made by `by` (the operator by default). */
export async function makeKey(site: string, role: KeyRole, by = ADMIN_TOKEN): Promise<CreatedApiKey> {
  const res = await call('POST', `/v1/admin/keys?key=${site}`, by, { body: { role } });
  if (res.status !== 201) throw new Error(`key creation answered ${res.status}: ${await res.text()}`);
  return res.json<CreatedApiKey>();
}

/** The error body's `error`. */
export const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; path: string } }).error;

/** One page of site `site`'s audit log ('' = deployment-wide) read by the operator. */
export async function auditPage(site: string, query = ''): Promise<AuditPage> {
  const res = await call('GET', `/v1/admin/audit?${site ? `key=${site}&` : ''}${query}`, ADMIN_TOKEN);
  if (res.status !== 200) throw new Error(`audit answered ${res.status}: ${await res.text()}`);
  return res.json<AuditPage>();
}

/** Wait for the audit entry `match` picks (entries are written after the answer, via waitUntil). */
export async function auditEntry(site: string, match: (e: AuditEntry) => boolean): Promise<AuditEntry> {
  return vi.waitFor(
    async () => {
      const found = (await auditPage(site, 'limit=500')).entries.find(match);
      if (!found) throw new Error('no such audit entry yet');
      return found;
    },
    { timeout: 5_000, interval: 50 },
  );
}
