/**
 * Admin API of the local Vectorize stand-in (the part of `wrangler vectorize` a script needs):
 * create the index with its metadata indexes, bulk-load binary chunks, describe, query, delete.
 * `npm run publish-model` and the benches drive it. Real Vectorize is managed with wrangler instead.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { localVectorIndex } from '../vectorize/binding.ts';
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

async function jsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ApiError(400, 'invalid_body', 'body must be JSON');
  }
}

/** Routes under `/v1/admin/index`. */
export const adminIndex = new Hono<AppEnv>()
  .use(adminAuth())
  .put('/', async (c) => {
    const parsed = v.safeParse(CreateSchema, await jsonBody(c.req.raw));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new ApiError(400, 'invalid_body', issue.message, v.getDotPath(issue) ?? '');
    }
    const index = localVectorIndex(c.env);
    const { metadataIndexes, ...config } = parsed.output;
    await asBadRequest(() => index.createIndex(config));
    for (const m of metadataIndexes) await asBadRequest(() => index.createMetadataIndex(m));
    return c.json(await index.describe());
  })
  .get('/', async (c) => c.json(await asBadRequest(() => localVectorIndex(c.env).describe())))
  .delete('/', async (c) => {
    await localVectorIndex(c.env).deleteIndex();
    return c.body(null, 204);
  })
  .post('/vectors', async (c) => {
    let chunk: ReturnType<typeof decodeChunk>;
    try {
      chunk = decodeChunk(await c.req.arrayBuffer());
    } catch (err) {
      throw new ApiError(400, 'invalid_chunk', (err as Error).message);
    }
    return c.json(await asBadRequest(() => localVectorIndex(c.env).bulkUpsert(chunk)));
  })
  .post('/query', async (c) => {
    const { vector, options } = ((await jsonBody(c.req.raw)) ?? {}) as {
      vector?: unknown;
      options?: unknown;
    };
    const index = localVectorIndex(c.env);
    return c.json(
      await asBadRequest(() => index.query(vector as number[], (options ?? {}) as VectorizeQueryOptions)),
    );
  });
