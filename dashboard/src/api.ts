/**
 * The dashboard's client of the admin API: the report and the active model. Every call carries the
 * admin token as a Bearer header (the token lives in the page's memory only, see app.ts) and answers
 * the body or the API's error; it never throws.
 */
import type { Report } from '../../contracts/report.ts';
import type { RetrainRecord } from '../../contracts/retrain.ts';
import type { ModelManifest } from '../../contracts/schema/model-manifest.ts';

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: string; message: string };

/** What `GET /v1/admin/models/active` answers (edge/src/model-registry/r2-store.ts `ActiveModel`). */
export interface ActiveModelInfo {
  version: string;
  slot: string;
  activatedAt: string;
}

async function get<T>(token: string, url: string): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok && json !== null) return { ok: true, value: json as T };
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    return {
      ok: false,
      status: res.status,
      code: error?.code ?? 'http_error',
      message: error?.message ?? `the edge answered ${res.status}`,
    };
  } catch (e) {
    return { ok: false, status: 0, code: 'network', message: `the edge could not be reached (${String(e)})` };
  }
}

/** The report of site `key` over [from, to). */
export const fetchReport = (token: string, key: string, from: number, to: number) =>
  get<Report>(
    token,
    `/v1/admin/report?key=${encodeURIComponent(key)}&from=${Math.floor(from)}&to=${Math.ceil(to)}`,
  );

/** The active model's version and activation time (404 `no_model` before the first publish). */
export const fetchActiveModel = (token: string, key: string) =>
  get<ActiveModelInfo>(token, `/v1/admin/models/active?key=${encodeURIComponent(key)}`);

/** The manifest of a published version: when it was trained, on what, its offline metrics. */
export const fetchManifest = (token: string, key: string, version: string) =>
  get<ModelManifest>(
    token,
    `/v1/admin/models/${encodeURIComponent(version)}/manifest.json?key=${encodeURIComponent(key)}`,
  );

/** What each `npm run retrain` decided, newest first (empty before the first). */
export const fetchRetrains = (token: string, key: string) =>
  get<{ retrains: RetrainRecord[] }>(token, `/v1/admin/models/retrains?key=${encodeURIComponent(key)}`);
