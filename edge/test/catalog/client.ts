/** Calls of the catalogue API through the real Worker, as a shop's server makes them. */
import { exports } from 'cloudflare:workers';
import { ADMIN_TOKEN, BASE } from '../helpers.ts';

/** `METHOD /v1/catalog/items[/id]` for `site` with the admin token; bodies as given. */
export function catalog(
  method: string,
  path = '',
  {
    site = 'demo',
    body,
    type = 'application/json',
    token = ADMIN_TOKEN,
    query = {},
  }: {
    site?: string;
    body?: unknown;
    type?: string;
    token?: string | null;
    query?: Record<string, string>;
  } = {},
): Promise<Response> {
  const url = new URL(`/v1/catalog/items${path}`, BASE);
  url.searchParams.set('key', site);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { 'Content-Type': type };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return exports.default.fetch(url, init);
}

/** NDJSON of `items`. */
export const ndjson = (items: readonly unknown[]) => `${items.map((i) => JSON.stringify(i)).join('\n')}\n`;

/** The error body's `error`. */
export const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; path: string } }).error;
