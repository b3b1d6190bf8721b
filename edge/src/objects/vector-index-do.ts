/**
 * The local Vectorize stand-in: one Durable Object per index (named by index name), SQLite for
 * persistence, all vectors in memory (loaded lazily on first use) for an exact brute-force scan.
 * Mutations apply synchronously by default; Vectorize applies them asynchronously (within seconds),
 * and `delayMutations(ms)` (or `VECTORIZE_MUTATION_DELAY_MS`) makes the stand-in do the same, so
 * tests prove that answers never depend on a mutation being visible. Everything else follows the
 * documented semantics. Reached through `DurableVectorize` (client.ts), which implements `Vectorize`.
 */
import { DurableObject } from 'cloudflare:workers';
import { createState, type IndexState, withMetadataIndex } from '../vectorize/config.ts';
import { type StandInFailure, type VectorizeOperation, VectorizeStandInError } from '../vectorize/errors.ts';
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
  /** How long `insert`/`upsert`/`deleteByIds` take to become visible (in memory: a test knob). */
  private mutationDelayMs = 0;
  private pending: { at: number; apply: () => void }[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.mutationDelayMs =
      Number((env as { VECTORIZE_MUTATION_DELAY_MS?: string }).VECTORIZE_MUTATION_DELAY_MS) || 0;
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
    this.pending = [];
  }

  /** `wrangler vectorize create-metadata-index`: only vectors written afterwards are indexed (as documented). */
  createMetadataIndex(index: MetadataIndex): MetadataIndex[] {
    this.state = withMetadataIndex(this.requireState('INDEX_GET'), index);
    db.writeMeta(this.ctx.storage.sql, 'config', this.state);
    return this.state.metadataIndexes;
  }

  describe(): IndexDescription {
    this.applyDue();
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
    this.applyDue();
    const plan = planQuery(options);
    const { dimensions } = this.requireState('VECTOR_QUERY');
    return this.search(checkValues('VECTOR_QUERY', vector, dimensions, 'query vector'), plan);
  }

  /** An id the index lacks is a failure returned, not thrown (see `StandInFailure`). */
  queryById(id: string, options?: VectorizeQueryOptions): VectorizeMatches | StandInFailure {
    this.applyDue();
    const plan = planQuery(options);
    this.requireState('VECTOR_QUERY');
    const slot = this.load().slotOf(id);
    if (slot === undefined)
      return { standInError: { operation: 'VECTOR_QUERY', message: `no vector with id ${id}` } };
    return this.search(Float32Array.from(this.load().valuesOf(slot)), plan);
  }

  /** Make later mutations visible only `ms` after they were acknowledged (0: at once). */
  delayMutations(ms: number): void {
    this.mutationDelayMs = Math.max(0, ms);
  }

  insert(vectors: VectorizeVector[]): VectorizeAsyncMutation {
    const batch = checkBatch('VECTOR_INSERT', vectors);
    return this.later(() => this.write('VECTOR_INSERT', batch, false));
  }

  upsert(vectors: VectorizeVector[]): VectorizeAsyncMutation {
    const batch = checkBatch('VECTOR_UPSERT', vectors);
    return this.later(() => this.write('VECTOR_UPSERT', batch, true));
  }

  deleteByIds(ids: string[]): VectorizeAsyncMutation {
    checkIds('VECTOR_DELETE', ids);
    this.requireState('VECTOR_DELETE');
    return this.later(() => {
      const store = this.load();
      this.ctx.storage.transactionSync(() => {
        for (const id of ids) if (store.remove(id)) db.deleteVector(this.ctx.storage.sql, id);
      });
      return this.mutated();
    });
  }

  /** Run a mutation now, or (with a delay) acknowledge it now and apply it once due. */
  private later(apply: () => VectorizeAsyncMutation): VectorizeAsyncMutation {
    this.applyDue();
    if (this.mutationDelayMs === 0) return apply();
    this.pending.push({ at: Date.now() + this.mutationDelayMs, apply });
    return { mutationId: crypto.randomUUID() };
  }

  /** Apply the delayed mutations that are due, in order (every read and write calls this first). */
  private applyDue(): void {
    const now = Date.now();
    while (this.pending.length > 0 && this.pending[0]!.at <= now) this.pending.shift()!.apply();
  }

  getByIds(ids: string[]): VectorizeVector[] {
    this.applyDue();
    checkIds('VECTOR_GET', ids);
    this.requireState('VECTOR_GET');
    // Cold (after a restart or eviction): a few rows from SQLite now, every vector loaded for
    // the queries that follow once this answer is out, so a trending answer never waits for it.
    if (!this.store) {
      const byId = new Map(db.readVectors(this.ctx.storage.sql, [...new Set(ids)]).map((v) => [v.id, v]));
      setTimeout(() => this.state && this.load(), 0);
      return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
    }
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
