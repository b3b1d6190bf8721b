/**
 * `Vectorize` on top of the stand-in Durable Object's RPC, so application code is written against the
 * binding's interface only and `wrangler deploy` can hand it the real index instead (see binding.ts).
 */
import type { IndexDescription, VectorChunk, VectorIndexDO } from '../objects/vector-index-do.ts';
import { isStandInFailure, type StandInFailure, VectorizeStandInError } from './errors.ts';
import type { IndexConfig, MetadataIndex } from './limits.ts';

/**
 * The stand-in index behind the `Vectorize` interface, plus the admin calls `wrangler vectorize` would make.
 * Every method awaits the RPC promise itself: returning the RpcPromise unawaited made rejections show
 * up as unhandled in workerd even when the caller awaited them.
 */
export class DurableVectorize implements Vectorize {
  /** The Durable Object behind this index. */
  constructor(readonly stub: DurableObjectStub<VectorIndexDO>) {}

  async describe(): Promise<IndexDescription> {
    return (await this.stub.describe()) as IndexDescription;
  }

  async query(
    vector: VectorFloatArray | number[],
    options?: VectorizeQueryOptions,
  ): Promise<VectorizeMatches> {
    return (await this.stub.query(vector, options)) as VectorizeMatches;
  }

  async queryById(vectorId: string, options?: VectorizeQueryOptions): Promise<VectorizeMatches> {
    const result = (await this.stub.queryById(vectorId, options)) as VectorizeMatches | StandInFailure;
    if (!isStandInFailure(result)) return result;
    throw new VectorizeStandInError(result.standInError.operation, result.standInError.message);
  }

  async insert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    return (await this.stub.insert(vectors)) as VectorizeAsyncMutation;
  }

  async upsert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    return (await this.stub.upsert(vectors)) as VectorizeAsyncMutation;
  }

  async deleteByIds(ids: string[]): Promise<VectorizeAsyncMutation> {
    return (await this.stub.deleteByIds(ids)) as VectorizeAsyncMutation;
  }

  async getByIds(ids: string[]): Promise<VectorizeVector[]> {
    return (await this.stub.getByIds(ids)) as VectorizeVector[];
  }

  /** `wrangler vectorize create` (a no-op when the index exists with the same config). */
  async createIndex(config: IndexConfig): Promise<IndexConfig> {
    return (await this.stub.createIndex(config)) as IndexConfig;
  }

  /** `wrangler vectorize delete`. */
  async deleteIndex(): Promise<void> {
    await this.stub.deleteIndex();
  }

  /** `wrangler vectorize create-metadata-index`. */
  async createMetadataIndex(index: MetadataIndex): Promise<MetadataIndex[]> {
    return (await this.stub.createMetadataIndex(index)) as MetadataIndex[];
  }

  /** Load many vectors with one RPC per chunk (values as one Float32Array). */
  async bulkUpsert(chunk: VectorChunk): Promise<{ count: number }> {
    return (await this.stub.bulkUpsert(chunk)) as { count: number };
  }
}
