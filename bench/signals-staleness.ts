/**
 * Bench: served quality on valid when the online signals are S seconds stale, as a per-isolate
 * replica refreshed every S sees them (model/src/eval/delayed.ts), side by side with today's
 * immediately updated signals (delay 0). Prints JSON.
 * Usage: `npx tsx bench/signals-staleness.ts --model <dir trained on train.tsv> [--valid <valid.tsv>]
 *   [--delays 0,1,2,10]`
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { withDelayedSignals } from '../model/src/eval/delayed.ts';
import { evaluate } from '../model/src/eval/evaluate.ts';
import { servedRecommender } from '../model/src/eval/served-recommender.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    valid: { type: 'string', default: '../shared/data/yoochoose-100k/valid.tsv' },
    delays: { type: 'string', default: '0,1,2,10' },
  },
});
if (!values.model) throw new Error('--model <dir> is required (a model trained on train.tsv)');
const root = resolve(import.meta.dirname, '..');
const valid = loadSessionFiles([resolve(root, values.valid!)]).rows;
const results: { delaySec: number; hr20: number; mrr20: number }[] = [];
for (const delaySec of values.delays!.split(',').map(Number)) {
  const served = servedRecommender(await loadServedModel(resolve(root, values.model)));
  const r = await evaluate(withDelayedSignals(served, delaySec), valid, true, 20);
  results.push({ delaySec, hr20: Math.round(r.hr * 1e4) / 1e4, mrr20: Math.round(r.mrr * 1e4) / 1e4 });
  process.stderr.write(`delay ${delaySec}s: HR@20 ${r.hr.toFixed(4)} MRR@20 ${r.mrr.toFixed(4)}\n`);
}
const base = results.find((r) => r.delaySec === 0);
console.log(
  JSON.stringify(
    {
      bench: 'signals-staleness',
      note: 'served pipeline, online replay train.tsv -> valid.tsv; signals see each event delaySec late',
      results: results.map((r) => ({
        ...r,
        hr20MinusToday: base ? Math.round((r.hr20 - base.hr20) * 1e4) / 1e4 : null,
      })),
    },
    null,
    2,
  ),
);
