/**
 * Tune the re-rank blend weights on train.tsv → valid.tsv (never on the held-out day) and print
 * JSON: the weights and HR@20 / MRR@20 before and after, static and online.
 * Usage: tsx bench/tune-rerank.ts --model <dir trained on train.tsv> --valid <valid.tsv>
 */
import { parseArgs } from 'node:util';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { recordTables, scoreWeights, tuneWeights } from '../model/src/eval/tune-weights.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';
import { DEFAULT_RERANK_WEIGHTS, RERANK_FEATURES, type RerankWeights } from '../model/src/serve/rerank.ts';

const { values } = parseArgs({ options: { model: { type: 'string' }, valid: { type: 'string' } } });
if (!values.model || !values.valid)
  throw new Error('usage: tsx bench/tune-rerank.ts --model <dir> --valid <file>');
const events = loadSessionFiles([values.valid]).rows;
const recorded = {
  static: await recordTables(await loadServedModel(values.model), events, false),
  online: await recordTables(await loadServedModel(values.model), events, true),
};
const start = DEFAULT_RERANK_WEIGHTS;
// One set of weights for both modes: tune on their union so neither is favoured.
const both = [...recorded.static, ...recorded.online];
const tuned = tuneWeights(both, start, 4);
const round = (w: RerankWeights) =>
  Object.fromEntries(RERANK_FEATURES.map((f) => [f, Math.round(w[f] * 1e4) / 1e4]));
console.log(
  JSON.stringify(
    {
      weights: round(tuned.weights),
      before: { static: scoreWeights(recorded.static, start), online: scoreWeights(recorded.online, start) },
      after: {
        static: scoreWeights(recorded.static, tuned.weights),
        online: scoreWeights(recorded.online, tuned.weights),
      },
      candidateRecall: {
        static: recorded.static.filter((r) => r.table.ids.includes(r.next)).length / recorded.static.length,
        online: recorded.online.filter((r) => r.table.ids.includes(r.next)).length / recorded.online.length,
      },
    },
    null,
    1,
  ),
);
