/**
 * Second stage at the edge, with the model's own code: the session's nearest items go to this
 * isolate's replica of the site's signals (in memory, no call to a shared object), which widens them with the model's candidate sources (the session's items,
 * sequential-rule, co-occurrence and session-kNN neighbours) and returns their feature rows; the
 * model's `rankCandidates` blends them with the model's weights. Candidates the index query did not
 * return get their metadata (cache, then one `getByIds`) so the rules can judge them, and the same
 * call brings the vectors of the best ranked, which the answer carries; items the index does not
 * hold are dropped.
 */
import { type RerankWeights, rankCandidates, type SessionClick } from '../../../model/src/serve/index.ts';
import type { LoadedModel } from '../model-registry/active-model.ts';
import type { Candidate } from '../rules/types.ts';
import type { SignalsReplica } from '../signals/replica.ts';
import { fromVectors } from './candidates.ts';
import { itemsById } from './item-cache.ts';
import type { Retrieved } from './retrieve.ts';

/**
 * The best `topK` candidates of `retrieved` and the signals, re-ranked; scores are the blend. The
 * vectors of the best `answerAhead` come in the same call as the extras' metadata (`known`), so the
 * answer's items rarely need a call of their own (`assemble`).
 */
export async function rerank(
  index: Vectorize,
  signals: Pick<SignalsReplica, 'candidates'>,
  model: LoadedModel,
  session: { id: string; clicks: SessionClick[] },
  retrieved: Retrieved,
  topK: number,
  answerAhead = 0,
): Promise<Retrieved> {
  const { version, rerank: config } = model.manifest;
  const ann = retrieved.candidates.map((c) => ({ id: c.id, score: c.score }));
  const table = await signals.candidates(version, session.id, session.clicks, ann);
  // Weights the manifest does not name count 0 (the model's blend reads missing weights as 0).
  const ranked = rankCandidates(table, config.weights as RerankWeights, topK);
  const byId = new Map<string, Candidate>(retrieved.candidates.map((c) => [c.id, c]));
  const known = [...retrieved.known];
  const have = new Set(known.map((v) => v.id));
  const extra = new Set(ranked.filter((r) => !byId.has(r.id)).map((r) => r.id));
  const ahead = ranked.slice(0, answerAhead).filter((r) => !extra.has(r.id) && !have.has(r.id));
  const wanted = [...extra, ...ahead.map((r) => r.id)];
  if (wanted.length > 0) {
    // Cached ones first; one `getByIds` for the rest (none when every one is cached).
    const vectors = await itemsById(index, version, wanted);
    known.push(...vectors);
    for (const c of fromVectors(
      vectors.filter((v) => extra.has(v.id)),
      () => 0,
    ))
      byId.set(c.id, c);
  }
  const candidates = ranked.flatMap((r) => {
    const c = byId.get(r.id);
    return c ? [{ ...c, score: r.score }] : [];
  });
  return { candidates, known };
}
