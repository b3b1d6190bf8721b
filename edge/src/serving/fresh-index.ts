/**
 * The item index as answers see it: the model's Vectorize index plus the catalogue's fresh items
 * (written in the last minutes, vectors from the item tower's features). Vectorize applies mutations
 * asynchronously, so a product added a second ago may not be queryable yet; merged here, it is in
 * `item=` similar answers, `category=` answers and near sessions at once. Queries are scored and
 * filtered exactly like the index (same metric, same metadata filter rules); an id the index already
 * returns is not returned twice.
 */
import { compileFilter, type IndexedValues } from '../vectorize/filter.ts';
import { ascending } from '../vectorize/metric.ts';

function scoreOf(metric: VectorizeDistanceMetric, q: ArrayLike<number>, v: ArrayLike<number>): number {
  let dot = 0;
  let qq = 0;
  let vv = 0;
  for (let j = 0; j < q.length; j++) {
    dot += q[j]! * (v[j] ?? 0);
    qq += q[j]! * q[j]!;
    vv += (v[j] ?? 0) * (v[j] ?? 0);
  }
  if (metric === 'dot-product') return -dot;
  if (metric === 'cosine') return qq === 0 || vv === 0 ? 0 : dot / Math.sqrt(qq * vv);
  return Math.sqrt(Math.max(0, qq + vv - 2 * dot));
}

/** `index` with `fresh` vectors merged into `query`, `queryById` and `getByIds`. */
export function withFreshItems(
  index: Vectorize,
  fresh: readonly VectorizeVector[],
  metric: VectorizeDistanceMetric,
): Vectorize {
  if (fresh.length === 0) return index;
  const byId = new Map(fresh.map((v) => [v.id, v]));
  const order = ascending(metric) ? 1 : -1;
  /** `answer` (the index's) with the fresh items that match `options` merged in by their score to `vector`. */
  const withFresh = (
    answer: VectorizeMatches,
    vector: ArrayLike<number>,
    options: VectorizeQueryOptions,
  ): VectorizeMatches => {
    const topK = options.topK ?? answer.matches.length;
    const matches = options.filter ? compileFilter(options.filter) : () => true;
    const have = new Set(answer.matches.map((m) => m.id));
    const q = Array.from(vector);
    const extra: VectorizeMatch[] = [];
    for (const v of fresh) {
      if (have.has(v.id) || !matches((v.metadata ?? {}) as IndexedValues)) continue;
      const m: VectorizeMatch = { id: v.id, score: scoreOf(metric, q, v.values) };
      if (options.returnMetadata && options.returnMetadata !== 'none') m.metadata = v.metadata;
      if (options.returnValues) m.values = v.values;
      extra.push(m);
    }
    if (extra.length === 0) return answer;
    const merged = [...answer.matches, ...extra].sort((a, b) => order * (a.score - b.score)).slice(0, topK);
    return { ...answer, matches: merged, count: merged.length };
  };
  const overlay = {
    describe: () => index.describe(),
    /**
     * The index's answer with the fresh neighbours merged in: the item's vector (to score them) is
     * read beside the query, so a held item costs one round trip. An item only the catalogue has
     * yet (new since the index was built) is queried with its fresh vector.
     */
    async queryById(id: string, options: VectorizeQueryOptions = {}) {
      const [answer, [held]] = await Promise.all([
        index.queryById(id, options).then(
          (matches) => ({ matches }),
          (err: unknown) => ({ err }),
        ),
        index.getByIds([id]),
      ]);
      if (held) {
        if ('err' in answer) throw answer.err;
        return withFresh(answer.matches, held.values as ArrayLike<number>, options);
      }
      const own = byId.get(id);
      if (own) return overlay.query(own.values as number[], options);
      if ('err' in answer) throw answer.err; // the index's own answer for an id it lacks
      return answer.matches;
    },
    insert: (vectors: VectorizeVector[]) => index.insert(vectors),
    upsert: (vectors: VectorizeVector[]) => index.upsert(vectors),
    deleteByIds: (ids: string[]) => index.deleteByIds(ids),
    async query(vector: VectorFloatArray | number[], options: VectorizeQueryOptions = {}) {
      return withFresh(await index.query(vector, options), vector as ArrayLike<number>, options);
    },
    async getByIds(ids: string[]) {
      const found = await index.getByIds(ids);
      const have = new Set(found.map((v) => v.id));
      for (const id of ids) {
        const v = byId.get(id);
        if (v && !have.has(id)) found.push(v);
      }
      return found;
    },
  };
  // Only the methods answers use differ; the rest go straight to the index.
  return overlay as unknown as Vectorize;
}
