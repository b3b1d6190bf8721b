/**
 * TEST DOUBLE of the Worker's catalogue API, for the CLI's tests only: a node:http server that keeps
 * to the contract (`contracts/catalog.ts`, `parseCatalogLine`) and nothing more. The real Worker's
 * routes get their own end-to-end test against the CLI once they land.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CatalogBulkResult,
  type CatalogItem,
  type CatalogLineError,
  MAX_BULK_BYTES,
  MAX_BULK_LINES,
  MAX_PAGE_SIZE,
} from '../../../contracts/catalog.ts';
import { parseCatalogLine } from '../../../contracts/schema/catalog-item.ts';

export interface CatalogApiDouble {
  url: string;
  /** Items by site, then id. */
  store: Map<string, Map<string, CatalogItem>>;
  /** Lines of every POST it answered 200, in order. */
  posts: number[];
  /** Answer the next n POSTs 503 (a flaky Worker). */
  failNext: (n: number) => void;
  close: () => Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const fail = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { error: { code, message, path: '' } });

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function upsert(items: Map<string, CatalogItem>, lines: string[]): CatalogBulkResult {
  const result: CatalogBulkResult = { upserted: 0, unchanged: 0, errors: [] };
  const refuse = (e: CatalogLineError) => result.errors.push(e);
  for (const [i, text] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      refuse({ line: i + 1, path: 'line', message: 'not valid JSON' });
      continue;
    }
    const parsed = parseCatalogLine(value);
    if (!parsed.ok) {
      refuse({ line: i + 1, ...parsed.issue });
      continue;
    }
    const { updatedAt, ...fields } = parsed.value;
    const old = items.get(fields.id);
    // Same content whatever the time: stored items are `{ ...fields, updatedAt }`, same key order.
    if (old && JSON.stringify({ ...old, updatedAt: undefined }) === JSON.stringify(fields)) {
      result.unchanged++;
      continue;
    }
    items.set(fields.id, { ...fields, updatedAt: new Date(updatedAt ?? Date.now()).toISOString() });
    result.upserted++;
  }
  return result;
}

/** Start the double on a free port with `token` as its ADMIN_TOKEN. */
export async function startCatalogApiDouble(token: string): Promise<CatalogApiDouble> {
  const store = new Map<string, Map<string, CatalogItem>>();
  const posts: number[] = [];
  let failures = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://double');
    if (url.pathname !== '/v1/catalog/items') return fail(res, 404, 'not_found', 'no such route');
    if (req.headers.authorization !== `Bearer ${token}`) return fail(res, 401, 'unauthorized', 'bad token');
    const site = url.searchParams.get('key') ?? '';
    const items = store.get(site) ?? new Map<string, CatalogItem>();
    store.set(site, items);
    if (req.method === 'GET') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), MAX_PAGE_SIZE);
      const after = url.searchParams.get('cursor') ?? '';
      const ids = [...items.keys()].sort().filter((id) => id > after);
      const page = ids.slice(0, limit).map((id) => items.get(id)!);
      return send(res, 200, ids.length > limit ? { items: page, cursor: page.at(-1)!.id } : { items: page });
    }
    const body = await readBody(req);
    if (failures > 0) {
      failures--;
      return fail(res, 503, 'unavailable', 'try again');
    }
    if (Buffer.byteLength(body) > MAX_BULK_BYTES) return fail(res, 413, 'too_large', 'body too large');
    const lines = body.split('\n').filter((l) => l !== '');
    if (lines.length > MAX_BULK_LINES) return fail(res, 413, 'too_large', 'too many lines');
    posts.push(lines.length);
    send(res, 200, upsert(items, lines));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    posts,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
