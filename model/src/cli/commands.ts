/** The three CLI commands: train, predict, eval (argument contract in the Model section of README.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BASELINE_NAMES, createBaseline } from '../baselines/baselines.ts';
import { groupSessions } from '../data/session-event.ts';
import { type EvalReport, evaluate, formatReport } from '../eval/evaluate.ts';
import { type Prediction, replay } from '../eval/replay.ts';
import { servedRecommender, towerOnlyRecommender } from '../eval/served-recommender.ts';
import { readCheckpoint } from '../export/checkpoint-file.ts';
import { loadServedModel } from '../export/model-files.ts';
import { readManifest } from '../export/model-folder.ts';
import { deserializeSignals } from '../serve/signals-codec.ts';
import { integer, parseOptions, required, UsageError } from './args.ts';
import { trainDemoModel } from './demo-model.ts';
import { InputError, loadCatalogue, loadEvents } from './load-input.ts';
import { trainModelFolder } from './train-model.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `train --data <file> [--data <file> ...] --out <dir>` (or `--synthetic demo`). */
export async function trainCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    data: { type: 'string', multiple: true },
    synthetic: { type: 'string' },
    items: { type: 'string' },
    out: { type: 'string' },
    epochs: { type: 'string' },
    dim: { type: 'string' },
    seed: { type: 'string' },
    warm: { type: 'string' },
    'max-bad-lines': { type: 'string' },
  });
  const out = required(o.out, 'out');
  const options = {
    ...(o.epochs !== undefined ? { epochs: integer(o.epochs, 'epochs', 0, 1, 200) } : {}),
    ...(o.dim !== undefined ? { dim: integer(o.dim, 'dim', 0, 4, 512) } : {}),
    ...(o.seed !== undefined ? { seed: integer(o.seed, 'seed', 0, 0, 2 ** 31 - 1) } : {}),
  };
  if (o.synthetic !== undefined) {
    if (o.synthetic !== 'demo')
      throw new UsageError(`--synthetic must be "demo", got ${JSON.stringify(o.synthetic)}`);
    if (o.data) throw new UsageError('use either --data or --synthetic, not both');
    trainDemoModel(out, options, log);
    return;
  }
  if (!o.data?.length) throw new UsageError('--data <file> is required (or --synthetic demo)');
  const events = loadEvents(o.data, integer(o['max-bad-lines'], 'max-bad-lines', 0, 0, 1e9), log);
  const features = o.items ? loadCatalogue(o.items) : new Map();
  const warm = o.warm === undefined ? undefined : loadCheckpoint(o.warm);
  trainModelFolder({ events, sources: o.data.map((d) => basename(d)), out, features, options, warm, log });
}

/** `predict --model <dir> --input <file> --k 20 --out <file> [--static]`. */
export async function predictCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    model: { type: 'string' },
    input: { type: 'string' },
    k: { type: 'string' },
    out: { type: 'string' },
    static: { type: 'boolean' },
    'max-bad-lines': { type: 'string' },
  });
  const dir = required(o.model, 'model');
  const input = required(o.input, 'input');
  const out = required(o.out, 'out');
  const k = integer(o.k, 'k', 20, 1, 1000);
  const model = await loadModel(dir);
  const events = loadEvents([input], integer(o['max-bad-lines'], 'max-bad-lines', 0, 0, 1e9), log);
  const predictions: Prediction[] = [];
  await replay(servedRecommender(model), events, {
    online: !o.static,
    k,
    onPrediction: (p) => predictions.push(p),
  });
  // Output in input order: sessions as they first appear, then by events seen.
  const order = new Map([...groupSessions(events).keys()].map((id, i) => [id, i]));
  predictions.sort((a, b) => order.get(a.sessionId)! - order.get(b.sessionId)! || a.seen - b.seen);
  writeFileSync(out, predictions.map((p) => `${p.sessionId}\t${p.seen}\t${p.items.join(',')}\n`).join(''));
  log(`wrote ${predictions.length} predictions to ${out}`);
}

/** `eval --model <dir> --input <file> [--k 20] [--mode both|static|online] [--json <file>]`. */
export async function evalCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    model: { type: 'string' },
    input: { type: 'string' },
    k: { type: 'string' },
    mode: { type: 'string' },
    json: { type: 'string' },
    'max-bad-lines': { type: 'string' },
  });
  const dir = required(o.model, 'model');
  const input = required(o.input, 'input');
  const k = integer(o.k, 'k', 20, 1, 1000);
  const mode = o.mode ?? 'both';
  if (!['both', 'static', 'online'].includes(mode))
    throw new UsageError('--mode must be both, static or online');
  const modes = (mode === 'both' ? ['static', 'online'] : [mode]) as ('static' | 'online')[];
  const manifest = readManifest(dir);
  await loadModel(dir); // fail early on a broken folder
  const events = loadEvents([input], integer(o['max-bad-lines'], 'max-bad-lines', 0, 0, 1e9), log);
  const signalsBytes = readFileSync(join(dir, manifest.files.signals));
  const report: EvalReport = {};
  const pipelines = ['served', 'tower-only', ...BASELINE_NAMES] as const;
  for (const name of pipelines)
    for (const m of modes) {
      if (name === 'tower-only' && m === 'online') continue; // nothing online in it
      const started = performance.now();
      const recommender =
        name === 'served'
          ? servedRecommender(await loadServedModel(dir))
          : name === 'tower-only'
            ? towerOnlyRecommender(await loadServedModel(dir))
            : createBaseline(name, deserializeSignals(signalsBytes));
      const result = await evaluate(recommender, events, m === 'online', k);
      report[name] = { ...report[name], [m]: result };
      log(
        `${name} ${m}: HR@${k} ${result.hr.toFixed(4)} MRR@${k} ${result.mrr.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)}s)`,
      );
    }
  const json = { model: manifest.version, input: basename(input), k, results: report };
  process.stdout.write(`${formatReport(report, k)}\n\n${JSON.stringify(json, null, 1)}\n`);
  if (o.json) writeFileSync(o.json, `${JSON.stringify(json, null, 1)}\n`);
}

function loadCheckpoint(dir: string) {
  try {
    return readCheckpoint(dir);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

async function loadModel(dir: string) {
  try {
    return await loadServedModel(dir);
  } catch (e) {
    throw new InputError(`cannot load model from ${dir}: ${(e as Error).message}`);
  }
}
