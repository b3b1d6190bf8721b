/**
 * The panel's client of the catalogue API (`/v1/catalog/items`, see edge/src/routes/catalog.ts):
 * every call carries the demo site key and the admin token, and answers either the body or the
 * API's error (`code`, `message` and the `path` of the field at fault).
 */
import type { CatalogItem, CatalogItemInput, CatalogPage } from '../../../../contracts/catalog.ts';
import type { ErrorBody } from '../../../../edge/src/http/api-error.ts';
import { rec } from '../rec.ts';

/** What a failed call reports: the API's error, or a network failure (status 0). */
export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  path: string;
}

export type ApiResult<T> = { ok: true; value: T } | ({ ok: false } & ApiFailure);

/** What a single-item write answers (a write older than a deletion leaves the tombstone). */
export interface WriteAnswer {
  result: 'upserted' | 'unchanged';
  item?: CatalogItem;
  deleted?: boolean;
}

function siteKey(): string {
  try {
    return rec()?.context?.().key ?? 'demo';
  } catch {
    return 'demo';
  }
}

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const sep = path.includes('?') ? '&' : '?';
  const url = `/v1/catalog/items${path}${sep}key=${encodeURIComponent(siteKey())}`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, value: json as T };
    const error = (json as Partial<ErrorBody> | null)?.error;
    return {
      ok: false,
      status: res.status,
      code: error?.code ?? 'http_error',
      message: error?.message ?? `the edge answered ${res.status}`,
      path: error?.path ?? '',
    };
  } catch (e) {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: `the edge could not be reached (${String(e)})`,
      path: '',
    };
  }
}

const one = (id: string) => `/${encodeURIComponent(id)}`;

/** One page of items after `cursor` (absent: the first page). */
export const listItems = (token: string, limit: number, cursor?: string) =>
  call<CatalogPage>(token, 'GET', `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

/** Change some fields of an existing item. */
export const patchItem = (token: string, id: string, patch: Partial<CatalogItemInput>) =>
  call<WriteAnswer>(token, 'PATCH', one(id), patch);

/** Create (or replace) a whole item. */
export const putItem = (token: string, id: string, item: CatalogItemInput) =>
  call<WriteAnswer>(token, 'PUT', one(id), item);

/** Delete an item (the store keeps a tombstone, so an older write cannot bring it back). */
export const deleteItem = (token: string, id: string) =>
  call<{ id: string; deleted: true }>(token, 'DELETE', one(id));
