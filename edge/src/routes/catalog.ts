/**
 * The catalogue API under `/v1/catalog/items` (site from `?key=`; a server key of the site, an admin
 * key or the operator token): whole items
 * (`PUT`), partial ones (`PATCH`), deletions (tombstones), reads, pages, and bulk upserts (NDJSON or
 * a JSON array). Every write reaches the serving path at once (cache, index sync: catalog/changes.ts).
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  type CatalogBulkResult,
  type CatalogPage,
  DEFAULT_PAGE_SIZE,
  MAX_BULK_BYTES,
  MAX_PAGE_SIZE,
} from '../../../contracts/catalog.ts';
import {
  type CatalogIssue,
  parseCatalogItem,
  parseCatalogPatch,
} from '../../../contracts/schema/catalog-item.ts';
import { ItemIdSchema } from '../../../contracts/schema/events.ts';
import { parseBulkBody } from '../catalog/bulk-body.ts';
import { catalogChanged } from '../catalog/changes.ts';
import { applyPatch } from '../catalog/patch.ts';
import { itemOf } from '../catalog/row.ts';
import { deleteItem, listItems, readItem, upsertItems } from '../catalog/store.ts';
import { checkUpdatedAt } from '../catalog/updated-at.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { decodeUtf8, parseJsonBody } from '../http/json-body.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { siteKey } from '../middleware/site-key.ts';

const invalid = (issue: CatalogIssue) => new ApiError(400, 'invalid_item', issue.message, issue.path);

function itemIdParam(raw: string): string {
  const result = v.safeParse(ItemIdSchema, raw, { abortPipeEarly: true });
  if (!result.success) throw new ApiError(400, 'invalid_item_id', result.issues[0].message, 'id');
  return result.output;
}

/** `?cursor=` is the last id of the previous page, base64url-encoded (ids may hold `&`, `#`, `/`). */
const encodeCursor = (id: string) => btoa(id).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
function decodeCursor(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '';
  try {
    const id = atob(raw.replaceAll('-', '+').replaceAll('_', '/'));
    if (v.is(ItemIdSchema, id)) return id;
  } catch {}
  throw new ApiError(400, 'invalid_cursor', 'cursor must be the cursor of a previous page', 'cursor');
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PAGE_SIZE)
    throw new ApiError(400, 'invalid_limit', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  return n;
}

function updatedAtParam(raw: string | undefined, now: number): number {
  if (raw === undefined) return now;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms))
    throw new ApiError(
      400,
      'invalid_item',
      'updatedAt must be an ISO 8601 time or ms since the epoch',
      'updatedAt',
    );
  const issue = checkUpdatedAt(ms, now);
  if (issue) throw invalid(issue);
  return ms;
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl']);
const BULK_TYPES = new Set([...NDJSON_TYPES, 'application/json']);

/** Routes under `/v1/catalog`. */
export const catalogRoutes = new Hono<AppEnv>()
  .use(adminAuth({ role: 'server' }), siteKey())
  .get('/items', async (c) => {
    const after = decodeCursor(c.req.query('cursor'));
    const limit = pageSize(c.req.query('limit'));
    // One more than asked: whether a next page exists without a second query.
    const rows = await listItems(c.env.CATALOG, c.get('siteKey'), after, limit + 1);
    const page: CatalogPage = { items: rows.slice(0, limit).map(itemOf) };
    if (rows.length > limit) page.cursor = encodeCursor(rows[limit - 1]!.id);
    return c.json(page);
  })
  .post('/items', bodyLimit({ maxBytes: MAX_BULK_BYTES }), async (c) => {
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (!type || !BULK_TYPES.has(type))
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Content-Type must be application/x-ndjson (one item per line) or application/json (an array)',
        'Content-Type',
      );
    const text = decodeUtf8(c.get('body'));
    const now = Date.now();
    const { writes, errors } = parseBulkBody(text, type === 'application/json', now);
    const site = c.get('siteKey');
    const outcomes = await upsertItems(
      c.env.CATALOG,
      site,
      writes.map((w) => w.write),
      now,
    );
    const changed = writes.filter((_, i) => outcomes[i] === 'upserted').map((w) => w.write.id);
    catalogChanged(c, site, changed);
    const result: CatalogBulkResult = {
      upserted: changed.length,
      unchanged: writes.length - changed.length,
      errors,
    };
    return c.json(result);
  })
  .get('/items/:id', async (c) => {
    const id = itemIdParam(c.req.param('id'));
    const row = await readItem(c.env.CATALOG, c.get('siteKey'), id);
    if (!row) throw new ApiError(404, 'item_not_found', `the catalogue has no item ${id}`, 'id');
    if (row.deleted === 1)
      throw new ApiError(
        404,
        'item_deleted',
        `item ${id} was deleted at ${new Date(row.updated_at).toISOString()}`,
        'id',
      );
    return c.json(itemOf(row));
  })
  .put('/items/:id', bodyLimit(), async (c) => {
    const id = itemIdParam(c.req.param('id'));
    const now = Date.now();
    const parsed = parseCatalogItem(id, parseJsonBody(c.get('body'), c.req.header('Content-Type')));
    if (!parsed.ok) throw invalid(parsed.issue);
    const skew = checkUpdatedAt(parsed.value.updatedAt, now);
    if (skew) throw invalid(skew);
    return c.json(await writeOne(c, parsed.value, now));
  })
  .patch('/items/:id', bodyLimit(), async (c) => {
    const id = itemIdParam(c.req.param('id'));
    const now = Date.now();
    const parsed = parseCatalogPatch(parseJsonBody(c.get('body'), c.req.header('Content-Type')));
    if (!parsed.ok) throw invalid(parsed.issue);
    const skew = checkUpdatedAt(parsed.value.updatedAt, now);
    if (skew) throw invalid(skew);
    const row = await readItem(c.env.CATALOG, c.get('siteKey'), id);
    if (!row || row.deleted === 1)
      throw new ApiError(
        404,
        'item_not_found',
        `the catalogue has no item ${id} to patch (PUT creates one)`,
        'id',
      );
    return c.json(await writeOne(c, applyPatch(row, parsed.value), now));
  })
  .delete('/items/:id', async (c) => {
    const id = itemIdParam(c.req.param('id'));
    const now = Date.now();
    const updatedAt = updatedAtParam(c.req.query('updatedAt'), now);
    const site = c.get('siteKey');
    const outcome = await deleteItem(c.env.CATALOG, site, id, updatedAt, now);
    if (outcome === 'upserted') catalogChanged(c, site, [id]);
    return c.json({ id, deleted: true, result: outcome });
  });

/** Upsert one item and answer with what the store now holds. */
async function writeOne(
  c: Parameters<typeof catalogChanged>[0],
  write: Parameters<typeof upsertItems>[2][number],
  now: number,
) {
  const site = c.get('siteKey');
  const [outcome] = await upsertItems(c.env.CATALOG, site, [write], now);
  if (outcome === 'upserted') catalogChanged(c, site, [write.id]);
  const row = await readItem(c.env.CATALOG, site, write.id);
  // A write older than a deletion leaves the tombstone: say so rather than answer a deleted item.
  if (!row || row.deleted === 1) return { result: outcome, deleted: true, id: write.id };
  return { result: outcome, item: itemOf(row) };
}
