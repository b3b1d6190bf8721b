/**
 * The served pipeline's public API: what the Worker imports. Everything reachable from here is
 * pure and runtime-neutral (no Node built-ins, no I/O, no training code; onnxruntime-web by type only).
 */
export { decodeVectorFile, type VectorSet } from '../export/vector-file.ts';
export {
  candidateTable,
  createServedModel,
  rankCandidates,
  recommend,
  type ScoredItem,
  type ServedModel,
  type SessionClick,
  sessionInput,
} from './pipeline.ts';
export { referenceTowerRunner } from './reference-runner.ts';
export {
  type AnnMatch,
  type CandidateConfig,
  type CandidateTable,
  candidateFeatures,
  DEFAULT_CANDIDATES,
  DEFAULT_RERANK_WEIGHTS,
  RERANK_FEATURES,
  type RerankWeights,
} from './rerank.ts';
export { DEFAULT_SIGNAL_CONFIG, OnlineSignals, type SignalConfig } from './signals.ts';
export { deserializeSignals, serializeSignals } from './signals-codec.ts';
export { type TowerInput, towerIndex, towerInput } from './tower-input.ts';
export { ortTowerRunner, type TowerIo, type TowerRunner } from './tower-runner.ts';
export { createMemoryVectorIndex, matchesFilter, type VectorQuery } from './vector-query.ts';
