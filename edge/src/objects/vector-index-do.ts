/**
 * The local Vectorize stand-in: one Durable Object per index (named by index name), SQLite for
 * persistence, all vectors in memory (loaded lazily on first use) for an exact brute-force scan.
 * Mutations apply synchronously (Vectorize applies them within seconds); everything else follows the
 * documented semantics. Reached through `DurableVectorize` (client.ts), which implements `Vectorize`.
 */
import { DurableObject } from 'cloudflare:workers';
import { createState, type IndexState, withMetadataIndex } from '../vectorize/config.ts';
import { type VectorizeOperation, VectorizeStandInError } from '../vectorize/errors.ts';
import { compileFilter } from '../vectorize/filter.ts';
import type { IndexConfig, MetadataIndex } from '../vectorize/limits.ts';
import { toMatches } from '../vectorize/matches.ts';
import { indexedValues } from '../vectorize/metadata.ts';
import * as db from '../vectorize/persist.ts';
import type { VectorStore } from '../vectorize/store.ts';
import {
  checkBatch,
  checkIds,
  checkValues,
  checkVector,
  planQuery,
  type QueryPlan,
} from '../vectorize/validate.ts';

/** A chunk of vectors for fast bulk loading: values concatenated in one Float32Array. */
export interface VectorChunk {
  ids: string[];
  values: Float32Array;
  namespaces?: (string | null)[];
  metadata?: (Record<string, VectorizeVectorMetadata> | null)[];
}

/** `describe()` plus the creation config, which the stand-in can tell (Vectorize's binding does not). */
export type IndexDescription = VectorizeIndexInfo & IndexConfig & { metadataIndexes: MetadataIndex[] };

export class VectorIndexDO extends DurableObject<Env> {
  private state: IndexState | undefined;
  private store: VectorStore | undefined;
  private lastMutation = { id: '', at: '' };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    db.ensureSchema(ctx.storage.sql);
    this.state = db.readMeta(ctx.storage.sql, 'config');
    this.lastMutation = db.readMeta(ctx.storage.sql, 'mutation') ?? this.lastMutation;
  }

  /** `wrangler vectorize create`: fixes dimensions and metric; repeating it with the same config is a no-op. */
  createIndex(config: IndexConfig): IndexConfig {
    this.state = createState(this.state, config);
    db.writeMeta(this.ctx.storage.sql, 'config', this.state);
    return { dimensions: this.state.dimensions, metric: this.state.metric };
  }

  /** `wrangler vectorize delete`: drops the index and every vector. */
  async deleteIndex(): Promise<void> {
    await this.ctx.storage.deleteAll();
    db.ensureSchema(this.ctx.storage.sql);
    this.state = undefined;
    this.store = undefined;
  }

  /** `wrangler vectorize create-metadata-index`: only vectors written afterwards are indexed (as documented). */
  createMetadataIndex(index: MetadataIndex): MetadataIndex[] {
    this.state = withMetadataIndex(this.requireState('INDEX_GET'), index);
    db.writeMeta(this.ctx.storage.sql, 'config', this.state);
    return this.state.metadataIndexes;
  }

  describe(): IndexDescription {
    const { dimensions, metric, metadataIndexes } = this.requireState('INDEX_GET');
    return {
      dimensions,
      metric,
      metadataIndexes,
      vectorCount: this.load().size,
      // The docs describe these as an ISO datetime and a mutation UUID; workers-types says number.
      processedUpToDatetime: this.lastMutation.at as unknown as number,
      processedUpToMutation: this.lastMutation.id as unknown as number,
    };
  }

  query(vector: number[] | Float32Array | Float64Array, options?: VectorizeQueryOptions): VectorizeMatches {
    const plan = planQuery(options);
    const { dimensions } = this.requireState('VECTOR_QUERY');
    return this.search(checkValues('VECTOR_QUERY', vector, dimensions, 'query vector'), plan);
  }

  queryById(id: string, options?: VectorizeQueryOptions): VectorizeMatches {
    const plan = planQuery(options);
    this.requireState('VECTOR_QUERY');
    const slot = this.load().slotOf(id);
    if (slot === undefined) throw new VectorizeStandInError('VECTOR_QUERY', `no vector with id ${id}`);
    return this.search(Float32Array.from(this.load().valuesOf(slot)), plan);
  }

  insert(vectors: VectorizeVector[]): VectorizeAsyncMutation {
    return this.write('VECTOR_INSERT', checkBatch('VECTOR_INSERT', vectors), false);
  }

  upsert(vectors: VectorizeVector[]): VectorizeAsyncMutation {
    return this.write('VECTOR_UPSERT', checkBatch('VECTOR_UPSERT', vectors), true);
  }

  deleteByIds(ids: string[]): VectorizeAsyncMutation {
    checkIds('VECTOR_DELETE', ids);
    this.requireState('VECTOR_DELETE');
    const store = this.load();
    this.ctx.storage.transactionSync(() => {
      for (const id of ids) if (store.remove(id)) db.deleteVector(this.ctx.storage.sql, id);
    });
    return this.mutated();
  }

  getByIds(ids: string[]): VectorizeVector[] {
    checkIds('VECTOR_GET', ids);
    this.requireState('VECTOR_GET');
    const store = this.load();
    const found = [...new Set(ids)].filter((id) => store.has(id));
    const metadata = db.readMetadata(this.ctx.storage.sql, found);
    return found.map((id) => {
      const slot = store.slotOf(id)!;
      const { namespace } = store.entry(slot);
      const vector: VectorizeVector = { id, values: store.valuesOf(slot), metadata: metadata.get(id) ?? {} };
      if (namespace !== undefined) vector.namespace = namespace;
      return vector;
    });
  }

  /** Bulk load for `npm run publish-model`: upsert semantics, no per-call batch limit, binary values. */
  bulkUpsert(chunk: VectorChunk): { count: number } {
    const { dimensions } = this.requireState('VECTOR_UPSERT');
    if (!(chunk.values instanceof Float32Array) || chunk.values.length !== chunk.ids.length * dimensions) {
      throw new VectorizeStandInError(
        'VECTOR_UPSERT',
        `values must be a Float32Array of ids.length x ${dimensions}`,
      );
    }
    const vectors = chunk.ids.map((id, i) => ({
      id,
      values: chunk.values.subarray(i * dimensions, (i + 1) * dimensions),
      namespace: chunk.namespaces?.[i] ?? undefined,
      metadata: chunk.metadata?.[i] ?? undefined,
    }));
    this.write('VECTOR_UPSERT', vectors, true);
    return { count: vectors.length };
  }

  private write(op: VectorizeOperation, batch: unknown[], replace: boolean): VectorizeAsyncMutation {
    const { dimensions, metadataIndexes } = this.requireState(op);
    // Validate the whole batch before writing: a bad vector rejects the call and nothing is half-applied.
    const checked = batch.map((v, i) => {
      const vector = checkVector(op, v, i);
      return { ...vector, values: checkValues(op, vector.values, dimensions, `vectors[${i}].values`) };
    });
    const store = this.load();
    this.ctx.storage.transactionSync(() => {
      for (const v of checked) {
        if (!replace && store.has(v.id)) continue; // insert keeps what exists (and the first duplicate)
        const indexed = indexedValues(v.metadata, metadataIndexes);
        store.put({ id: v.id, namespace: v.namespace, indexed }, v.values);
        db.writeVector(this.ctx.storage.sql, v.id, v.namespace, v.values, v.metadata, indexed);
      }
    });
    return this.mutated();
  }

  private search(query: Float32Array, plan: QueryPlan): VectorizeMatches {
    const filter = plan.filter === undefined ? undefined : compileFilter(plan.filter);
    const store = this.load();
    const hits = store.search(query, plan.topK, plan.namespace, filter);
    return toMatches(store, hits, plan, (ids) => db.readMetadata(this.ctx.storage.sql, ids));
  }

  private mutated(): VectorizeAsyncMutation {
    this.lastMutation = { id: crypto.randomUUID(), at: new Date().toISOString() };
    db.writeMeta(this.ctx.storage.sql, 'mutation', this.lastMutation);
    return { mutationId: this.lastMutation.id };
  }

  private requireState(op: VectorizeOperation): IndexState {
    if (!this.state)
      throw new VectorizeStandInError(op, 'index not found; `npm run publish-model` creates it');
    return this.state;
  }

  private load(): VectorStore {
    this.store ??= db.loadStore(this.ctx.storage.sql, this.requireState('INDEX_GET'));
    return this.store;
  }
}
