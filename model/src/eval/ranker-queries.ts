/**
 * Ranking queries for the learned ranker (model/src/rank/): replay events through a served model as
 * the evaluator does and keep, for every prediction, the blend's top `depth` candidates' rows and
 * where the true next item is among them. Built from one file's replay only: the features of a
 * prediction use what precedes it in the replay, its label is the next click.
 */
import type { SessionEvent } from '../data/session-event.ts';
import { RANKER_FEATURES, rankerRows } from '../rank/features.ts';
import type { Queries } from '../rank/lambdas.ts';
import { candidateTable, type ServedModel } from '../serve/pipeline.ts';
import { replay } from './replay.ts';

/** Every prediction's rows, concatenated; `ids` per query for scoring. */
export interface RecordedQueries extends Queries {
  rows: Float32Array;
  ids: string[][];
}

/** Replay `events` (online: each event folded into the signals first) and record the queries. */
export async function recordQueries(
  model: ServedModel,
  events: readonly SessionEvent[],
  online: boolean,
  depth: number,
): Promise<RecordedQueries> {
  const chunks: Float32Array[] = [];
  const ids: string[][] = [];
  const start = [0];
  const target: number[] = [];
  let last: ReturnType<typeof rankerRows> | undefined;
  await replay(
    {
      name: 'record-ranker',
      observe: (e) => model.signals.update(e),
      async recommend(prefix) {
        const table = await candidateTable(model, prefix, prefix[0]?.sessionId);
        last = rankerRows(table, model.weights, depth, prefix.length);
        return [];
      },
    },
    events,
    {
      online,
      k: 20,
      onPrediction: (p) => {
        chunks.push(last!.rows);
        ids.push(last!.ids);
        start.push(start[start.length - 1] + last!.ids.length);
        target.push(last!.ids.indexOf(p.next));
      },
    },
  );
  const rows = new Float32Array(start[start.length - 1] * RANKER_FEATURES.length);
  let at = 0;
  for (const c of chunks) {
    rows.set(c, at);
    at += c.length;
  }
  return { rows, ids, start: Int32Array.from(start), target: Int32Array.from(target) };
}
