/**
 * Admin API of the local Vectorize stand-in (the part of `wrangler vectorize` a script needs), per
 * blue/green slot (`/v1/admin/indexes/a`, `/b`): create the index with its metadata indexes,
 * bulk-load binary chunks, describe, query, delete. `npm run publish-model` and the benches drive it.
 * Real Vectorize is managed with wrangler instead.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { MAX_BODY_BYTES } from '../../../contracts/limits.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { adminAuth, isWrite } from '../middleware/admin-auth.ts';
import { readAtMost } from '../middleware/body-limit.ts';
import { indexName, localVectorIndex, SLOTS, type Slot } from '../vectorize/binding.ts';
import { decodeChunk } from '../vectorize/chunk-codec.ts';
import { METADATA_INDEX_TYPES, METRICS } from '../vectorize/limits.ts';

const CreateSchema = v.strictObject({
  dimensions: v.pipe(v.number('dimensions must be a number'), v.integer('dimensions must be an integer')),
  metric: v.picklist(METRICS, `metric must be one of ${METRICS.join(', ')}`),
  metadataIndexes: v.optional(
    v.array(
      v.strictObject({
        propertyName: v.pipe(v.string(), v.minLength(1, 'propertyName must not be empty')),
        indexType: v.picklist(
          METADATA_INDEX_TYPES,
          `indexType must be one of ${METADATA_INDEX_TYPES.join(', ')}`,
        ),
      }),
    ),
    [],
  ),
});

// Errors from the index (bad vectors, conflicting config) are the caller's fault: 400 with the message.
async function asBadRequest<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new ApiError(400, 'invalid_index_request', err instanceof Error ? err.message : String(err));
  }
}

// The same size and shape limits as every JSON body of the API (a query vector of 1,536 floats fits).
async function jsonBody(req: Request): Promise<unknown> {
  return parseJsonBody(
    await readAtMost(req.body, MAX_BODY_BYTES),
    req.headers.get('Content-Type') ?? undefined,
  );
}

const slotIndex = (env: Env, slot: string) => {
  if (!(SLOTS as readonly string[]).includes(slot)) {
    throw new ApiError(400, 'invalid_slot', `slot must be one of ${SLOTS.join(', ')}`, 'slot');
  }
  return localVectorIndex(env, indexName(env, slot as Slot));
};

/** Routes under `/v1/admin/indexes/:slot`. */
export const adminIndex = new Hono<AppEnv>()
  // Deployment-wide (both slots serve every site): the operator only. A query is a read sent as POST.
  .use(adminAuth({ role: 'operator', audited: (c) => isWrite(c) && !c.req.path.endsWith('/query') }))
  .put('/:slot', async (c) => {
    const parsed = v.safeParse(CreateSchema, await jsonBody(c.req.raw));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new ApiError(400, 'invalid_body', issue.message, v.getDotPath(issue) ?? '');
    }
    const index = slotIndex(c.env, c.req.param('slot'));
    const { metadataIndexes, ...config } = parsed.output;
    await asBadRequest(() => index.createIndex(config));
    for (const m of metadataIndexes) await asBadRequest(() => index.createMetadataIndex(m));
    return c.json(await index.describe());
  })
  .get('/:slot', async (c) => {
    const index = slotIndex(c.env, c.req.param('slot'));
    return c.json(await asBadRequest(() => index.describe()));
  })
  .delete('/:slot', async (c) => {
    await slotIndex(c.env, c.req.param('slot')).deleteIndex();
    return c.body(null, 204);
  })
  .post('/:slot/vectors', async (c) => {
    const index = slotIndex(c.env, c.req.param('slot'));
    let chunk: ReturnType<typeof decodeChunk>;
    try {
      chunk = decodeChunk(await c.req.arrayBuffer());
    } catch (err) {
      throw new ApiError(400, 'invalid_chunk', (err as Error).message);
    }
    return c.json(await asBadRequest(() => index.bulkUpsert(chunk)));
  })
  .post('/:slot/query', async (c) => {
    const { vector, options } = ((await jsonBody(c.req.raw)) ?? {}) as {
      vector?: unknown;
      options?: unknown;
    };
    const index = slotIndex(c.env, c.req.param('slot'));
    return c.json(
      await asBadRequest(() => index.query(vector as number[], (options ?? {}) as VectorizeQueryOptions)),
    );
  });
