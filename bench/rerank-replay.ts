/**
 * `tsx bench/rerank-replay.ts --model <dir trained on train.tsv> --valid <valid.tsv> [--candidates 24]
 * [--k 20,8] [--sessions n]`: is the on-device re-rank worth it, measured offline? For every prefix
 * of every valid session (the session-rec protocol, static: no online replay of signals), the next
 * click is predicted by what a widget would show:
 * - `fresh`: the served pipeline's answer after the latest click (what the edge pushes);
 * - `stale`: the answer computed one click earlier (what the page holds when the click happens),
 *   and `staleFirst`: the answer of the session's first click, never refreshed;
 * - `rerank` / `rerankFirst`: those stale answers' candidates (as many as the SDK asks for, their
 *   vectors int8-packed as on the wire) re-ranked by the SDK's own `rerank` with the clicks so far.
 * `rerankSeenPenalty`: the same with the just-seen penalty of 2 (the default until this replay). Predictions after the first click only
 * (the stale answers need one). Prints HR@k and MRR@k as JSON. YooChoose has no categories, so the re-rank's category term does nothing here.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packVectors, unpackVectors } from '../contracts/packed-vectors.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { groupSessions } from '../model/src/data/session-event.ts';
import { createMetrics } from '../model/src/eval/metrics.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';
import { readManifest } from '../model/src/export/model-folder.ts';
import { decodeVectorFile } from '../model/src/export/vector-file.ts';
import { recommend, type ScoredItem } from '../model/src/serve/pipeline.ts';
import { DEFAULT_RERANK_WEIGHTS, rerank } from '../sdk/src/recommend/rerank.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    valid: { type: 'string' },
    candidates: { type: 'string', default: '24' },
    k: { type: 'string', default: '20,8' },
    sessions: { type: 'string' },
  },
});
if (!values.model || !values.valid)
  throw new Error(
    'usage: tsx bench/rerank-replay.ts --model <dir> --valid <file> [--candidates 24] [--k 20,8]',
  );
const candidates = Number(values.candidates);
const ks = values.k.split(',').map(Number);
if (!(candidates > 0) || ks.some((k) => !(k > 0 && k <= candidates)))
  throw new Error('--candidates must be positive and every --k at most --candidates');

const model = await loadServedModel(values.model);
// The item vectors as the edge packs them into an answer (int8 per row), looked up by id.
const set = decodeVectorFile(
  readFileSync(join(values.model, readManifest(values.model).files.vectorsBinary)),
);
const row = new Map(set.ids.map((id, i) => [id, set.values.subarray(i * set.dim, (i + 1) * set.dim)]));
const vectorOf = (id: string) => row.get(id);
/** What the page holds of an answer: its candidates and their unpacked int8 vectors. */
const onDevice = (answer: ScoredItem[]) => {
  const rows = answer.map((c) => vectorOf(c.id) ?? new Float32Array(set.dim));
  return { items: answer, vectors: unpackVectors(packVectors(rows, set.dim)) };
};

/** Touches the SDK keeps (recommender.ts `RECENT`). */
const RECENT = 12;
const METHODS = ['fresh', 'stale', 'rerank', 'rerankSeenPenalty', 'staleFirst', 'rerankFirst'] as const;
// The SDK's weights with the just-seen penalty it used to ship: YooChoose's next click often repeats one.
const SEEN_PENALTY = { ...DEFAULT_RERANK_WEIGHTS, seen: 2 };
const metrics = Object.fromEntries(METHODS.map((m) => [m, ks.map((k) => createMetrics(k))])) as Record<
  (typeof METHODS)[number],
  ReturnType<typeof createMetrics>[]
>;
const add = (m: (typeof METHODS)[number], ids: readonly string[], next: string) => {
  for (const metric of metrics[m]) metric.add({ items: ids, next });
};

const sessions = [...groupSessions(loadSessionFiles([values.valid]).rows).values()].slice(
  0,
  values.sessions ? Number(values.sessions) : undefined,
);
const started = Date.now();
let predictions = 0;
for (const session of sessions) {
  const answers: ReturnType<typeof onDevice>[] = [];
  for (let at = 0; at < session.length - 1; at++) {
    const prefix = session.slice(0, at + 1);
    answers.push(onDevice(await recommend(model, prefix, candidates, session[0]!.sessionId)));
    if (at === 0) continue;
    const next = session[at + 1]!.itemId;
    const touches = prefix.slice(-RECENT).map((e) => ({ id: e.itemId }));
    const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);
    const reranked = (a: ReturnType<typeof onDevice>, w = DEFAULT_RERANK_WEIGHTS) =>
      ids(rerank(a.items, a.vectors, touches, vectorOf, w));
    add('fresh', ids(answers[at]!.items), next);
    add('stale', ids(answers[at - 1]!.items), next);
    add('rerank', reranked(answers[at - 1]!), next);
    add('rerankSeenPenalty', reranked(answers[at - 1]!, SEEN_PENALTY), next);
    add('staleFirst', ids(answers[0]!.items), next);
    add('rerankFirst', reranked(answers[0]!), next);
    predictions++;
  }
}
const round = (x: number) => Math.round(x * 1e4) / 1e4;
console.log(
  JSON.stringify(
    {
      bench: 'rerank-replay',
      model: model.manifest.version,
      valid: values.valid,
      sessions: sessions.length,
      predictions,
      candidates,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      results: Object.fromEntries(
        METHODS.map((m) => [
          m,
          Object.fromEntries(
            metrics[m].map((metric) => {
              const r = metric.result();
              return [`@${r.k}`, { hr: round(r.hr), mrr: round(r.mrr) }];
            }),
          ),
        ]),
      ),
    },
    null,
    2,
  ),
);
