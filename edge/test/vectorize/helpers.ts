/** Shared set-up for the stand-in tests: a fresh, uniquely named index per test. */
import { env } from 'cloudflare:workers';
import { localVectorIndex } from '../../src/vectorize/binding.ts';
import type { DurableVectorize } from '../../src/vectorize/client.ts';
import type { MetadataIndex } from '../../src/vectorize/limits.ts';

let counter = 0;

/** A new empty index with the given config and metadata indexes. */
export async function freshIndex(
  dimensions: number,
  metric: VectorizeDistanceMetric,
  metadataIndexes: MetadataIndex[] = [],
): Promise<DurableVectorize> {
  const index = localVectorIndex(env, `test-${metric}-${Date.now()}-${counter++}`);
  await index.createIndex({ dimensions, metric });
  for (const m of metadataIndexes) await index.createMetadataIndex(m);
  return index;
}

/** Ids of a query answer, in order. */
export const ids = (m: VectorizeMatches) => m.matches.map((x) => x.id);
