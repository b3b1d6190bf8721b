/**
 * On-device re-ranking: re-score cached candidates from their (int8-packed, unpacked) vectors and
 * what the visitor just did, with no network round trip. Pure, allocation-light and
 * dependency-free so the edge's second stage can import the same scoring.
 */
import { keepPins } from './pins.ts';

/** One thing the visitor touched: an item (view, cart, purchase) and/or a category (list view). */
export interface Touch {
  id?: string;
  category?: string;
}

/** A candidate as the re-rank needs it; extra fields are carried through untouched. */
export interface Candidate {
  id: string;
  score: number;
  category?: string;
  /** Placed here by a merchandising pin: keeps its index in `candidates`. */
  pinned?: true;
}

/** How much each signal counts. */
export interface RerankWeights {
  /** The edge's own score, min-max normalised over the candidates. */
  server: number;
  /** Cosine similarity to the recency-weighted mean of the recent items' vectors. */
  similarity: number;
  /** Recency-weighted share of recent touches in the candidate's category. */
  category: number;
  /** Penalty for an item the visitor touched very recently (they have just seen it). */
  seen: number;
  /** Touches older by this many steps count half. */
  halfLife: number;
}

/**
 * Defaults tuned on the demo catalogue: the session's last moves outweigh the cached order. No
 * just-seen penalty by default: replayed on valid.tsv (`bench/rerank-replay.ts`), a penalty of 2 took
 * the re-ranked stale answer from HR@20 0.550 to 0.256 (a third of next clicks repeat an item of the
 * session, and the edge's own answer keeps them too); without it, 0.554.
 */
export const DEFAULT_RERANK_WEIGHTS: RerankWeights = {
  server: 1,
  similarity: 1.5,
  category: 1,
  seen: 0,
  halfLife: 3,
};

/** One vector per candidate (`unpackVectors` of the answer), or of a looked-up item. */
export type Vector = ArrayLike<number>;

/** Vectors of items that are not among the candidates (e.g. seen in other answers). */
export type VectorLookup = (id: string) => Vector | undefined;

/**
 * Re-score `candidates` (row i of `vectors` belongs to candidate i; an empty row = unknown) against `recent` touches,
 * most recent last. Returns new objects with the new `score`, best first; stable for ties; a
 * `pinned` candidate stays at its index.
 */
export function rerank<T extends Candidate>(
  candidates: readonly T[],
  vectors: readonly Vector[] | undefined,
  recent: readonly Touch[],
  lookup?: VectorLookup,
  weights: RerankWeights = DEFAULT_RERANK_WEIGHTS,
): T[] {
  const n = candidates.length;
  const dim = vectors?.length === n ? (vectors.find((v) => v.length > 0)?.length ?? 0) : 0;
  const row = new Map(candidates.map((c, i) => [c.id, i]));

  // Recency weights and the session's query vector from the touches whose vectors are known.
  const query = new Float32Array(dim);
  const recency = new Map<string, number>();
  const categoryShare = new Map<string, number>();
  let total = 0;
  let hasQuery = false;
  for (let t = recent.length - 1, age = 0; t >= 0; t--, age++) {
    const touch = recent[t];
    const w = 0.5 ** (age / weights.halfLife);
    total += w;
    if (touch.category) categoryShare.set(touch.category, (categoryShare.get(touch.category) ?? 0) + w);
    if (!touch.id) continue;
    recency.set(touch.id, Math.max(recency.get(touch.id) ?? 0, w));
    const i = row.get(touch.id);
    const v = i === undefined ? lookup?.(touch.id) : vectors?.[i];
    if (dim && v?.length === dim) hasQuery = addUnit(query, v, w) || hasQuery;
  }
  const qNorm = hasQuery ? Math.sqrt(dot(query, query)) : 0;

  const scores = candidates.map((c) => c.score);
  const lo = Math.min(...scores);
  const span = Math.max(...scores) - lo || 1;

  const scored = candidates.map((c, i) => {
    let score = weights.server * ((c.score - lo) / span);
    if (qNorm > 0) score += weights.similarity * cosine(query, qNorm, vectors![i]);
    if (total > 0 && c.category) score += (weights.category * (categoryShare.get(c.category) ?? 0)) / total;
    score -= weights.seen * (recency.get(c.id) ?? 0);
    return { c, i, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return keepPins(
    scored.map(({ c, score }) => ({ ...c, score })),
    candidates,
  );
}

/** Add `v / |v| * w` to `query`; false for a zero vector. */
function addUnit(query: Float32Array, v: Vector, w: number): boolean {
  const norm = Math.sqrt(dot(v, v));
  if (norm === 0) return false;
  for (let j = 0; j < query.length; j++) query[j] += (v[j] * w) / norm;
  return true;
}

/** Cosine between the query (of norm `qNorm`) and `v`; 0 for a zero or mismatched vector. */
function cosine(query: Float32Array, qNorm: number, v: Vector): number {
  const norm = v.length === query.length ? dot(v, v) : 0;
  return norm > 0 ? dot(query, v) / (qNorm * Math.sqrt(norm)) : 0;
}

function dot(a: Vector, b: Vector): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}
