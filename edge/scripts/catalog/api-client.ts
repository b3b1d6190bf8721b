/**
 * The Worker's catalogue API (`/v1/catalog/items`) as the CLI calls it: Bearer ADMIN_TOKEN, the API's
 * `{ error: { code, message } }` surfaced, and bounded retries on what may pass (network, 5xx, 429).
 */
import type { CatalogBulkResult, CatalogPage } from '../../../contracts/catalog.ts';
import { backoffMs } from './backoff.ts';

export interface CatalogApi {
  /** Worker origin, e.g. http://localhost:8787. */
  url: string;
  site: string;
  token: string;
  /** Retries after the first try (default 4: ~0.5 + 1 + 2 + 4 s). */
  retries?: number;
  /** Delay before retry `attempt`; tests pass `() => 0`. */
  delay?: (attempt: number) => number;
}

/** A refusal the API will repeat however often it is asked (bad token, bad body...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const retryable = (status: number) => status >= 500 || status === 429;

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    return `${res.status} ${error.code}: ${error.message}`;
  } catch {
    return `${res.status} ${text.slice(0, 200)}`;
  }
}

/**
 * `fetch` with retries. Resending is safe for both calls: a bulk upsert that was applied but whose
 * answer was lost only counts as `unchanged` the second time.
 */
async function call<T>(api: CatalogApi, path: string, init: RequestInit): Promise<T> {
  const { retries = 4, delay = backoffMs } = api;
  const url = `${api.url}${path}`;
  const headers = { authorization: `Bearer ${api.token}`, ...init.headers };
  for (let attempt = 0; ; attempt++) {
    let failure: string;
    try {
      const res = await fetch(url, { ...init, headers });
      if (res.ok) return (await res.json()) as T;
      failure = await errorMessage(res);
      if (!retryable(res.status) || attempt === retries)
        throw new ApiError(res.status, `${init.method} ${path}: ${failure}`);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      failure = `network: ${(e as Error).message}`;
      if (attempt === retries) throw new Error(`${init.method} ${path}: ${failure}`);
    }
    await new Promise((r) => setTimeout(r, delay(attempt)));
  }
}

const query = (api: CatalogApi, extra: Record<string, string> = {}) =>
  new URLSearchParams({ key: api.site, ...extra }).toString();

/** `POST /v1/catalog/items`: one NDJSON chunk. */
export function postItems(api: CatalogApi, body: string): Promise<CatalogBulkResult> {
  return call(api, `/v1/catalog/items?${query(api)}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-ndjson' },
  });
}

/** `GET /v1/catalog/items`: one page from `cursor`. */
export function getItems(api: CatalogApi, limit: number, cursor?: string): Promise<CatalogPage> {
  const q = query(api, { limit: String(limit), ...(cursor ? { cursor } : {}) });
  return call(api, `/v1/catalog/items?${q}`, { method: 'GET' });
}
