/** Turns scan hits into the `VectorizeMatches` a query answers, honouring returnValues / returnMetadata. */
import { indexedAsMetadata } from './metadata.ts';
import type { Hit, VectorStore } from './store.ts';
import type { QueryPlan } from './validate.ts';

/** Reads full metadata for ids on demand (it is not kept in memory). */
export type MetadataReader = (ids: string[]) => Map<string, Record<string, VectorizeVectorMetadata>>;

/** The query answer for `hits`, best first. */
export function toMatches(
  store: VectorStore,
  hits: Hit[],
  plan: QueryPlan,
  readAll: MetadataReader,
): VectorizeMatches {
  const all = plan.returnMetadata === 'all' ? readAll(hits.map((h) => store.entry(h.slot).id)) : undefined;
  const matches = hits.map(({ slot, score }): VectorizeMatch => {
    const { id, namespace, indexed } = store.entry(slot);
    const match: VectorizeMatch = { id, score };
    if (namespace !== undefined) match.namespace = namespace;
    if (plan.returnValues) match.values = store.valuesOf(slot);
    if (plan.returnMetadata === 'indexed') match.metadata = indexedAsMetadata(indexed);
    if (all) match.metadata = all.get(id) ?? {};
    return match;
  });
  return { matches, count: matches.length };
}
