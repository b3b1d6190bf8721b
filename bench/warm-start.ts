/**
 * Warm start versus from scratch (prints JSON), train.tsv → valid.tsv only. The "active" model is
 * trained on train.tsv without its last day (a day-old model); then train.tsv is trained again
 * from scratch and warm from that model, with the epochs given, and each is scored on valid.tsv
 * as the retrain gate scores (served pipeline, online replay, HR@20 / MRR@20 / coverage).
 * Times are wall and CPU seconds of training (the machine may be shared).
 * Usage: tsx bench/warm-start.ts [--data-dir ../shared/data/yoochoose-100k] [--cold 4,2] [--warm 1,2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreModel } from '../edge/scripts/retrain/score.ts';
import { trainModelFolder } from '../model/src/cli/train-model.ts';
import { loadSessionFiles } from '../model/src/data/load-files.ts';
import type { SessionEvent } from '../model/src/data/session-event.ts';
import { splitNewest } from '../model/src/retrain/split.ts';
import { type Checkpoint, checkpointOf } from '../model/src/train/checkpoint.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, cold: { type: 'string' }, warm: { type: 'string' } },
});
const dataDir = resolve(
  root,
  values['data-dir'] ?? process.env.YOOCHOOSE_DIR ?? '../shared/data/yoochoose-100k',
);
const epochsOf = (raw: string | undefined, fallback: number[]) =>
  raw ? raw.split(',').map(Number) : fallback;
const load = (name: string) => loadSessionFiles([join(dataDir, name)]).rows;
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'warm-start-'));

const train = load('train.tsv');
const valid = load('valid.tsv');
const catalogueSize = new Set([...train, ...valid].map((e) => e.itemId)).size;
// train.tsv spans five days: the newest fifth is its last day.
const dayOld = splitNewest(train, 0.2).train;

async function run(name: string, events: readonly SessionEvent[], epochs: number, warm?: Checkpoint) {
  const out = join(work, name);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { model } = trainModelFolder({ events, sources: [name], out, options: { epochs }, warm, log });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const scores = await scoreModel(out, valid, catalogueSize);
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  const result = {
    epochs,
    // CPU time too: the machine is shared, so wall time depends on the neighbours.
    trainSeconds: Math.round(seconds * 10) / 10,
    trainCpuSeconds: Math.round(cpuSeconds * 10) / 10,
    finalLoss: r(model.loss[model.loss.length - 1]),
    hr20: r(scores.hr),
    mrr20: r(scores.mrr),
    coverage: r(scores.coverage),
  };
  log(`${name}: ${JSON.stringify(result)}`);
  return { model, result };
}

try {
  const active = await run('active-day-old', dayOld, 4);
  const from = checkpointOf(active.model);
  const out: Record<string, unknown> = {
    data: 'train.tsv → valid.tsv',
    activeTrainedOn: { events: dayOld.length, epochs: 4, valid: active.result },
    retrainOn: { events: train.length },
  };
  for (const e of epochsOf(values.cold, [4, 2])) out[`cold-${e}`] = (await run(`cold-${e}`, train, e)).result;
  for (const e of epochsOf(values.warm, [1, 2]))
    out[`warm-${e}`] = (await run(`warm-${e}`, train, e, from)).result;
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
