/**
 * Index configuration rules (what `wrangler vectorize create` and `create-metadata-index` accept),
 * as pure functions over the persisted settings.
 */
import {
  type IndexConfig,
  METADATA_INDEX_TYPES,
  METRICS,
  type MetadataIndex,
  VECTORIZE_LIMITS,
} from './limits.ts';

/** Persisted index settings. */
export interface IndexState extends IndexConfig {
  metadataIndexes: MetadataIndex[];
  createdAt: string;
}

/** New settings for `create`, or the existing ones when identical; a conflicting config throws. */
export function createState(existing: IndexState | undefined, config: IndexConfig): IndexState {
  const { dimensions, metric } = config;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > VECTORIZE_LIMITS.maxDimensions) {
    throw new Error(
      `dimensions must be an integer in 1..${VECTORIZE_LIMITS.maxDimensions}, got ${dimensions}`,
    );
  }
  if (!METRICS.includes(metric))
    throw new Error(`metric must be one of ${METRICS.join(', ')}, got ${metric}`);
  if (!existing) return { dimensions, metric, metadataIndexes: [], createdAt: new Date().toISOString() };
  if (existing.dimensions === dimensions && existing.metric === metric) return existing;
  throw new Error(
    `index already exists with ${existing.dimensions} dimensions and metric ${existing.metric}; delete it first`,
  );
}

/** Settings with one more (or a re-typed) metadata index. */
export function withMetadataIndex(state: IndexState, index: MetadataIndex): IndexState {
  if (!METADATA_INDEX_TYPES.includes(index.indexType)) {
    throw new Error(`indexType must be one of ${METADATA_INDEX_TYPES.join(', ')}, got ${index.indexType}`);
  }
  if (typeof index.propertyName !== 'string' || index.propertyName.length === 0) {
    throw new Error('propertyName must be a non-empty string');
  }
  const others = state.metadataIndexes.filter((m) => m.propertyName !== index.propertyName);
  if (others.length >= VECTORIZE_LIMITS.maxMetadataIndexes) {
    throw new Error(`at most ${VECTORIZE_LIMITS.maxMetadataIndexes} metadata indexes per index`);
  }
  const added = { propertyName: index.propertyName, indexType: index.indexType };
  return { ...state, metadataIndexes: [...others, added] };
}
