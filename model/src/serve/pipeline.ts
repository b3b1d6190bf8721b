/**
 * The served pipeline, one function per request: session events → tower input → session vector
 * (int8 ONNX tower) → nearest items (Vectorize-shaped query) → re-rank with online signals.
 * Pure and runtime-neutral: the Worker imports it unchanged; `predict`/`eval` run it in Node.
 */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import {
  blendScores,
  type CandidateConfig,
  type CandidateTable,
  candidateFeatures,
  DEFAULT_CANDIDATES,
  type RerankWeights,
} from './rerank.ts';
import type { OnlineSignals } from './signals.ts';
import { type TowerInput, towerIndex, towerInput } from './tower-input.ts';
import type { TowerRunner } from './tower-runner.ts';
import type { VectorQuery } from './vector-query.ts';

/** One event of the session asking (oldest first); `time` in Unix seconds. */
export interface SessionClick {
  itemId: string;
  time: number;
}

/** A recommended item and its blended score. */
export interface ScoredItem {
  id: string;
  score: number;
}

/** Everything the pipeline needs, built once per model version. */
export interface ServedModel {
  manifest: ModelManifest;
  index: ReadonlyMap<string, number>;
  runner: TowerRunner;
  vectors: VectorQuery;
  signals: OnlineSignals;
  weights: RerankWeights;
  candidates: CandidateConfig;
}

/** Assemble a served model from its parts. */
export function createServedModel(
  manifest: ModelManifest,
  runner: TowerRunner,
  vectors: VectorQuery,
  signals: OnlineSignals,
): ServedModel {
  const weights = manifest.rerank.weights as RerankWeights;
  const candidates = { ...DEFAULT_CANDIDATES, ann: Math.min(100, manifest.rerank.candidates) };
  return { manifest, index: towerIndex(manifest.tower.items), runner, vectors, signals, weights, candidates };
}

/** The session's tower input under this model. */
export function sessionInput(model: ServedModel, session: readonly SessionClick[]): TowerInput {
  return towerInput(session, model.index, model.manifest.tower.maxLen);
}

/** The re-rank candidates of a session with their features (tower → nearest items → signals). */
export async function candidateTable(
  model: ServedModel,
  session: readonly SessionClick[],
  sessionKey?: string,
): Promise<CandidateTable> {
  const vector = await model.runner.run(sessionInput(model, session));
  const { matches } = await model.vectors.query(vector, { topK: model.candidates.ann });
  const now = session.length ? session[session.length - 1].time : model.signals.now;
  const ids = session.map((e) => e.itemId);
  return candidateFeatures(ids, sessionKey, now, matches, model.signals, model.candidates);
}

/** Candidates ranked by the blend, best first (ties: by id, so results are deterministic). */
export function rankCandidates(table: CandidateTable, weights: RerankWeights, k: number): ScoredItem[] {
  const scores = blendScores(table, weights);
  return table.ids
    .map((id, c) => ({ id, score: scores[c] }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}

/** Top-k next items for a session; `sessionKey` keeps session-kNN from matching the session itself. */
export async function recommend(
  model: ServedModel,
  session: readonly SessionClick[],
  k: number,
  sessionKey?: string,
): Promise<ScoredItem[]> {
  return rankCandidates(await candidateTable(model, session, sessionKey), model.weights, k);
}
