/**
 * Second stage: widen the tower's nearest items with candidates from the online signals (the
 * session's own items, sequential-rule and co-occurrence successors of the latest item, session-kNN
 * neighbours' items), describe each candidate by a few normalised signals and rank by a linear blend.
 * Pure: the Worker and the offline evaluator run exactly this.
 */
import { ruleScores } from './rule-scores.ts';
import type { OnlineSignals } from './signals.ts';
import { DEFAULT_SKNN, type SknnConfig, sknnScores } from './sknn.ts';

/** Signals describing a candidate, each scaled to [0, 1] within one request (see `candidateFeatures`). */
export const RERANK_FEATURES = [
  'tower',
  'sr',
  'srDeep',
  'co',
  'sknn',
  'session',
  'last',
  'pop',
  'trend',
] as const;
export type RerankFeature = (typeof RERANK_FEATURES)[number];
export type RerankWeights = Record<RerankFeature, number>;

/** How many candidates each source contributes. */
export interface CandidateConfig {
  /** Nearest items asked from the vector index (Vectorize allows ≤ 100 without values/metadata). */
  ann: number;
  rules: number;
  sknn: number;
  sknnConfig: SknnConfig;
}

export const DEFAULT_CANDIDATES: CandidateConfig = {
  ann: 100,
  rules: 50,
  sknn: 100,
  sknnConfig: DEFAULT_SKNN,
};

/** A neighbour from the vector index. */
export interface AnnMatch {
  id: string;
  score: number;
}

/** Candidates with a row of `RERANK_FEATURES.length` features each. */
export interface CandidateTable {
  ids: string[];
  features: Float32Array;
}

/**
 * Sequential-rule and co-occurrence scores are scaled by their maximum among the candidates, but by
 * at least this many observations: one transition seen once (a quiet shop, a bot) scores 1/3, not 1.
 * Neutral on valid (served HR@20 0.6712 → 0.6718 static, 0.7049 → 0.7051 online).
 */
export const RULE_SUPPORT = 3;

/** Column of each feature in a candidate's row. */
const COLUMN = Object.fromEntries(RERANK_FEATURES.map((f, i) => [f, i])) as Record<RerankFeature, number>;
/**
 * The unbounded signals, scaled to [0, 1] by their maximum among a request's candidates, and the
 * least that maximum may be: the rule and co-occurrence counts by RULE_SUPPORT.
 */
const SCALED: readonly (readonly [column: number, atLeast: number])[] = [
  [COLUMN.sr, RULE_SUPPORT],
  [COLUMN.srDeep, RULE_SUPPORT],
  [COLUMN.co, RULE_SUPPORT],
  [COLUMN.sknn, 0],
  [COLUMN.session, 0],
  [COLUMN.pop, 0],
  [COLUMN.trend, 0],
];

/** The n best-scored items (as a set: order is irrelevant, the blend ranks them later). */
function best(scores: Map<number, number>, n: number): number[] {
  if (scores.size <= n) return [...scores.keys()];
  // Threshold by a native numeric sort of the values: much cheaper than sorting entries.
  const threshold = Float64Array.from(scores.values()).sort()[scores.size - n];
  const out: number[] = [];
  for (const [i, v] of scores) if (v > threshold) out.push(i);
  for (const [i, v] of scores) if (v === threshold && out.length < n) out.push(i);
  return out;
}

/** Gather candidates for a session (item ids oldest first, `now` = time of its latest event). */
export function candidateFeatures(
  session: readonly string[],
  sessionKey: string | undefined,
  now: number,
  ann: readonly AnnMatch[],
  signals: OnlineSignals,
  config: CandidateConfig = DEFAULT_CANDIDATES,
): CandidateTable {
  const known = session.map((id) => signals.index.get(id)).filter((i) => i !== undefined);
  const sr = ruleScores(signals.seq, known, 1);
  const srDeep = ruleScores(signals.seq, known, 3);
  const co = ruleScores(signals.co, known, 1);
  const sknn = sknnScores(signals, known, sessionKey, config.sknnConfig);
  const ids: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  for (const m of ann) add(m.id);
  for (const id of session) add(id);
  for (const i of best(sr, config.rules)) add(signals.ids[i]);
  for (const i of best(srDeep, config.rules)) add(signals.ids[i]);
  for (const i of best(co, config.rules)) add(signals.ids[i]);
  for (const i of best(sknn, config.sknn)) add(signals.ids[i]);

  const F = RERANK_FEATURES.length;
  const features = new Float32Array(ids.length * F);
  const annScore = new Map(ann.map((m) => [m.id, m.score]));
  const topAnn = ann.length ? Math.max(...ann.map((m) => m.score)) : 0;
  const recency = new Map<string, number>();
  session.forEach((id, p) => {
    recency.set(id, (recency.get(id) ?? 0) + 1 / (session.length - p));
  });
  const last = session[session.length - 1];
  ids.forEach((id, c) => {
    const i = signals.index.get(id);
    const row = features.subarray(c * F, (c + 1) * F);
    const a = annScore.get(id);
    row[COLUMN.tower] = a === undefined ? 0 : Math.exp(a - topAnn);
    if (i !== undefined) {
      row[COLUMN.sr] = sr.get(i) ?? 0;
      row[COLUMN.srDeep] = srDeep.get(i) ?? 0;
      row[COLUMN.co] = co.get(i) ?? 0;
      row[COLUMN.sknn] = sknn.get(i) ?? 0;
      row[COLUMN.pop] = Math.log1p(signals.pop[i]);
      row[COLUMN.trend] = signals.trendAt(i, now);
    }
    row[COLUMN.session] = recency.get(id) ?? 0;
    row[COLUMN.last] = id === last ? 1 : 0;
  });
  for (const [f, atLeast] of SCALED) {
    let max = atLeast;
    for (let c = 0; c < ids.length; c++) max = Math.max(max, features[c * F + f]);
    if (max > 0) for (let c = 0; c < ids.length; c++) features[c * F + f] /= max;
  }
  return { ids, features };
}

/** Blend scores of every candidate. */
export function blendScores(table: CandidateTable, weights: RerankWeights): Float32Array {
  const F = RERANK_FEATURES.length;
  const w = RERANK_FEATURES.map((f) => weights[f] ?? 0);
  const out = new Float32Array(table.ids.length);
  for (let c = 0; c < table.ids.length; c++) {
    let s = 0;
    for (let f = 0; f < F; f++) s += w[f] * table.features[c * F + f];
    out[c] = s;
  }
  return out;
}

/** Blend weights tuned on train.tsv → valid.tsv (`bench/tune-rerank.ts`); each manifest records its own. */
export const DEFAULT_RERANK_WEIGHTS: RerankWeights = {
  tower: 0.6,
  sr: 0.25,
  srDeep: 0.24,
  co: 0,
  sknn: 0.7813,
  session: 1,
  last: 4.6875,
  pop: 0,
  trend: 0.032,
};
