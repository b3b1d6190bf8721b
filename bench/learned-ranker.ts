/**
 * Learned second stage (issue 12), one JSON object: LambdaMART (model/src/rank/) re-ranking the
 * linear blend's top `--depth` candidates, against the blend alone, on train.tsv → valid.tsv.
 *
 * Leakage: ranking examples come from train.tsv only. An "early" model is trained on train.tsv
 * without its last day; its served pipeline replays that last day online (signals from the four
 * days before, plus each event as it comes), and every prediction's candidates, with features from
 * what precedes it, are labelled by the click that came next. Validation: the model trained on all
 * of train.tsv replays valid.tsv (static and online) as the gate does; the blend and every ranker
 * configuration are scored on the same recorded candidates, and the configuration is chosen on valid.
 * Trained towers are kept in `--models` (trained there once when missing, `--epochs` epochs).
 *
 *   npx tsx bench/learned-ranker.ts --models <dir> [--data-dir ../shared/data/yoochoose-100k]
 *     [--epochs 4] [--depth 50] [--trees 300] [--max-depth 3|5|7 (one row of the grid)] [--out ranker.json]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { trainModelFolder } from '../model/src/cli/train-model.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import type { SessionEvent } from '../model/src/data/session-event.ts';
import { createMetrics } from '../model/src/eval/metrics.ts';
import { type RecordedQueries, recordQueries } from '../model/src/eval/ranker-queries.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';
import { RANKER_FEATURES } from '../model/src/rank/features.ts';
import { DEFAULT_LAMBDAMART, type LambdaMartModel, trainLambdaMart } from '../model/src/rank/lambdamart.ts';
import { rankerToJson } from '../model/src/rank/model-json.ts';
import { rankWithRanker } from '../model/src/rank/rank.ts';
import { splitNewest } from '../model/src/retrain/split.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    models: { type: 'string' },
    epochs: { type: 'string', default: '4' },
    depth: { type: 'string', default: '50' },
    trees: { type: 'string', default: '300' },
    out: { type: 'string' },
    'max-depth': { type: 'string' },
  },
});
if (!values.models) throw new Error('usage: tsx bench/learned-ranker.ts --models <dir> [...]');
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const DEPTH = Number(values.depth);
const TREES = Number(values.trees);
const CHECKPOINTS = [25, 50, 100, 200, 300, 500].filter((t) => t <= TREES);
const log = (line: string) => process.stderr.write(`${line}\n`);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return Math.round((u.user + u.system) / 1e5) / 10;
};
const loadBefore = loadavg()[0];

const load = (name: string) => loadSessionFiles([join(dataDir, name)]).rows;
const train = load('train.tsv');
const valid = load('valid.tsv');
// train.tsv spans five days: its newest fifth (whole sessions) is the last day.
const { train: early, evaluation: lastDay } = splitNewest(train, 0.2);

/** The model folder `name` trained on `events`, trained now when it is not there yet. */
function towers(name: string, events: readonly SessionEvent[]): { dir: string; cpu?: number } {
  const dir = join(resolve(values.models!), name);
  if (existsSync(join(dir, 'manifest.json'))) return { dir };
  const cpu = process.cpuUsage();
  trainModelFolder({ events, sources: [name], out: dir, options: { epochs: Number(values.epochs) }, log });
  return { dir, cpu: cpuSeconds(cpu) };
}

/** Per query, the 0-based rank of the next item in the top 20 (−1: not there), by the blend or the ranker. */
function ranks(q: RecordedQueries, ranker?: LambdaMartModel, trees?: number): Int32Array {
  const R = RANKER_FEATURES.length;
  const out = new Int32Array(q.ids.length);
  for (let i = 0; i < q.ids.length; i++) {
    const ids = q.ids[i];
    const t = q.target[i];
    if (t < 0 || !ranker) {
      out[i] = t < 20 ? t : -1; // the rows are in blend order
      continue;
    }
    const rows = { ids, rows: q.rows.subarray(q.start[i] * R, q.start[i + 1] * R) };
    out[i] = rankWithRanker(rows, ranker, 20, trees).findIndex((s) => s.id === ids[t]);
  }
  return out;
}

/** HR@20 / MRR@20 of recorded queries, ranked by the blend (`ranker` absent) or by the ranker. */
function score(q: RecordedQueries, ranker?: LambdaMartModel, trees?: number) {
  const m = createMetrics(20);
  for (const r of ranks(q, ranker, trees)) m.addRank(r);
  const { hr, mrr, n } = m.result();
  return { hr20: r4(hr), mrr20: r4(mrr), n };
}

/** Mean per-query difference (ranker − blend) of hit and reciprocal rank, with standard errors. */
function paired(q: RecordedQueries, ranker: LambdaMartModel, trees: number) {
  const a = ranks(q);
  const b = ranks(q, ranker, trees);
  const stat = (f: (r: number) => number) => {
    const d = Array.from(a, (r, i) => f(b[i]) - f(r));
    const mean = d.reduce((x, y) => x + y, 0) / d.length;
    const sd = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / (d.length - 1));
    return { mean: r4(mean), standardError: r4(sd / Math.sqrt(d.length)) };
  };
  return { hr20: stat((r) => (r >= 0 ? 1 : 0)), mrr20: stat((r) => (r >= 0 ? 1 / (r + 1) : 0)) };
}

const earlyModel = towers('early', early);
const fullModel = towers('train', train);
log(`towers: ${JSON.stringify({ earlyModel, fullModel })}`);
let cpu = process.cpuUsage();
const examples = await recordQueries(await loadServedModel(earlyModel.dir), lastDay, true, DEPTH);
const validOnline = await recordQueries(await loadServedModel(fullModel.dir), valid, true, DEPTH);
const validStatic = await recordQueries(await loadServedModel(fullModel.dir), valid, false, DEPTH);
const recordCpu = cpuSeconds(cpu);
const withTarget = (q: RecordedQueries) => r4(q.target.filter((t) => t >= 0).length / q.target.length);
log(`recorded ${examples.ids.length} training queries, ${validOnline.ids.length} valid (${recordCpu} s CPU)`);

const linear = { static: score(validStatic), online: score(validOnline) };
log(`linear blend: ${JSON.stringify(linear)}`);
const base = { ...DEFAULT_LAMBDAMART, trees: TREES };
const grid = [
  { ...base, maxDepth: 3, metric: 'ndcg' as const },
  { ...base, maxDepth: 5, metric: 'ndcg' as const },
  { ...base, maxDepth: 5, metric: 'mrr' as const },
  { ...base, maxDepth: 7, metric: 'ndcg' as const, minHessian: 5 },
].filter((c) => !values['max-depth'] || c.maxDepth === Number(values['max-depth']));
const runs = [];
let best: { objective: number; model?: LambdaMartModel; trees: number; config?: object } = {
  objective: -1,
  trees: 0,
};
for (const config of grid) {
  cpu = process.cpuUsage();
  const at: Record<number, unknown> = {};
  const model = trainLambdaMart(examples.rows, RANKER_FEATURES.length, examples, config, (m, round) => {
    if (!CHECKPOINTS.includes(round)) return;
    const s = { static: score(validStatic, m, round), online: score(validOnline, m, round) };
    at[round] = s;
    const objective = s.online.hr20 + s.online.mrr20;
    if (objective > best.objective) best = { objective, trees: round, config };
    log(`${JSON.stringify(config)} trees ${round}: ${JSON.stringify(s)}`);
  });
  if (best.config === config) best.model = model;
  runs.push({ config, trainCpuSeconds: cpuSeconds(cpu), valid: at });
}
if (values.out && best.model)
  writeFileSync(values.out, JSON.stringify(rankerToJson(best.model, DEPTH, best.trees)));
console.log(
  JSON.stringify(
    {
      bench: 'learned-ranker',
      data: 'examples: the last day of train.tsv (early towers); scored on valid.tsv (towers of train.tsv)',
      depth: DEPTH,
      features: RANKER_FEATURES,
      towers: {
        early: { events: early.length, trainCpuSeconds: earlyModel.cpu },
        train: { events: train.length, trainCpuSeconds: fullModel.cpu },
      },
      queries: {
        training: examples.ids.length,
        trainingRows: examples.start[examples.start.length - 1],
        validOnline: validOnline.ids.length,
        targetInBlendTop: {
          training: withTarget(examples),
          validOnline: withTarget(validOnline),
          validStatic: withTarget(validStatic),
        },
      },
      recordCpuSeconds: recordCpu,
      linear,
      runs,
      best: {
        config: best.config,
        trees: best.trees,
        objective: r4(best.objective),
        // Queries of one session are correlated: the standard errors are somewhat optimistic.
        pairedDifference: best.model && {
          online: paired(validOnline, best.model, best.trees),
          static: paired(validStatic, best.model, best.trees),
        },
      },
      machine: { cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0] } },
    },
    null,
    1,
  ),
);
