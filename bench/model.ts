/**
 * Model benchmark (prints JSON): training time on train-full.tsv, session-tower inference time per
 * call (int8 ONNX in onnxruntime-web, Node, one thread) and of the whole served pipeline, and the
 * figures on valid.tsv for a model trained on train.tsv — served pipeline (int8 and float), tower
 * alone, baselines; static and online; and the baselines on synthetic data (calibration). The
 * held-out day is never read.
 * Usage: tsx bench/model.ts [--data-dir ../shared/data/yoochoose-100k] [--skip-full] [--skip-valid] [--skip-synthetic]
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_NAMES, createBaseline } from '../model/src/baselines/baselines.ts';
import { buildSignals } from '../model/src/baselines/build-signals.ts';
import { trainModelFolder } from '../model/src/cli/train-model.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import { groupSessions } from '../model/src/data/session-event.ts';
import { type EvalReport, evaluate } from '../model/src/eval/evaluate.ts';
import { servedRecommender, towerOnlyRecommender } from '../model/src/eval/served-recommender.ts';
import { vectorSetOf } from '../model/src/export/artifacts.ts';
import { loadServedModel } from '../model/src/export/model-files.ts';
import { createServedModel, recommend, sessionInput } from '../model/src/serve/pipeline.ts';
import { referenceTowerRunner } from '../model/src/serve/reference-runner.ts';
import { createMemoryVectorIndex } from '../model/src/serve/vector-query.ts';
import { generateCatalogue, generateSessions } from '../model/src/synthetic/index.ts';
import { sessionTowerOf } from '../model/src/train/params.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'skip-full': { type: 'boolean' },
    'skip-valid': { type: 'boolean' },
    'skip-synthetic': { type: 'boolean' },
  },
});
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const load = (name: string) => loadSessionFiles([join(dataDir, name)]).rows;
const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, unknown> = { dataDir };

if (!values['skip-full']) {
  const events = load('train-full.tsv');
  const started = performance.now();
  const { model } = trainModelFolder({
    events,
    sources: ['train-full.tsv'],
    out: join(root, '.model/full'),
    log,
  });
  out.trainFull = {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    trainingLoopSeconds: Math.round(model.seconds * 10) / 10,
    epochs: model.options.epochs,
    events: events.length,
  };
  // Inference: the int8 ONNX tower per call, then the whole pipeline per request.
  const served = await loadServedModel(join(root, '.model/full'));
  const sessions = [...groupSessions(load('valid.tsv')).values()].slice(0, 500);
  const inputs = sessions.map((s) => sessionInput(served, s));
  for (const input of inputs.slice(0, 100)) await served.runner.run(input); // warm-up
  const calls = 2000;
  let t = performance.now();
  for (let i = 0; i < calls; i++) await served.runner.run(inputs[i % inputs.length]);
  const towerMs = (performance.now() - t) / calls;
  t = performance.now();
  for (const s of sessions) await recommend(served, s, 20, s[0].sessionId);
  out.inference = {
    towerMsPerCall: Math.round(towerMs * 1000) / 1000,
    pipelineMsPerRequest: Math.round(((performance.now() - t) / sessions.length) * 100) / 100,
    calls,
  };
}

if (!values['skip-valid']) {
  const train = load('train.tsv');
  const valid = load('valid.tsv');
  const dir = join(root, '.model/train');
  const { model, manifest } = trainModelFolder({ events: train, sources: ['train.tsv'], out: dir, log });
  const float = () =>
    createServedModel(
      manifest,
      referenceTowerRunner(sessionTowerOf(model.params)),
      createMemoryVectorIndex(vectorSetOf(model, new Map())),
      buildSignals(train),
    );
  const report: EvalReport = {};
  const run = async (
    name: string,
    mode: 'static' | 'online',
    make: () => Promise<Parameters<typeof evaluate>[0]>,
  ) => {
    const r = await evaluate(await make(), valid, mode === 'online');
    report[name] = { ...report[name], [mode]: r };
    log(`${name} ${mode}: ${r.hr.toFixed(4)} / ${r.mrr.toFixed(4)}`);
  };
  for (const mode of ['static', 'online'] as const) {
    await run('served (int8 ONNX)', mode, async () => servedRecommender(await loadServedModel(dir)));
    await run('served (float)', mode, async () => servedRecommender(float()));
    for (const name of BASELINE_NAMES)
      await run(name, mode, async () => createBaseline(name, buildSignals(train)));
  }
  await run('tower only (int8 ONNX)', 'static', async () => towerOnlyRecommender(await loadServedModel(dir)));
  await run('tower only (float)', 'static', async () => towerOnlyRecommender(float()));
  const diff = (a: string, b: string, mode: 'static' | 'online') =>
    Math.round(((report[a]?.[mode]?.mrr ?? 0) - (report[b]?.[mode]?.mrr ?? 0)) * 1e4) / 1e4;
  out.valid = report;
  out.int8MinusFloatMrr = {
    servedStatic: diff('served (int8 ONNX)', 'served (float)', 'static'),
    servedOnline: diff('served (int8 ONNX)', 'served (float)', 'online'),
    towerOnly: diff('tower only (int8 ONNX)', 'tower only (float)', 'static'),
  };
}
if (!values['skip-synthetic']) {
  // Calibration: the baselines on generated data of the sample's size should score as on real data.
  const catalogue = generateCatalogue({ items: 3000, categories: 60, seed: 1 });
  const all = generateSessions(catalogue, { sessions: 18000, seed: 2, startTime: 1_700_000_000 });
  const cut = all[Math.floor(all.length * 0.78)].time;
  const train = all.filter((e) => e.time < cut);
  const test = all.filter((e) => e.time >= cut);
  const synthetic: Record<string, unknown> = {};
  for (const name of BASELINE_NAMES)
    synthetic[name] = await evaluate(createBaseline(name, buildSignals(train)), test, false);
  out.syntheticBaselines = synthetic;
}
console.log(JSON.stringify(out, null, 1));
