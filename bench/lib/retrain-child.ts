/**
 * One retrain loop in a process of its own (so its peak RSS is its own), on a log file, with no
 * Worker and no active model: the candidate passes and is refit on the whole log into `--out`.
 * Prints one JSON line: wall and CPU seconds, peak RSS, events, the candidate's scores.
 * Usage: tsx bench/lib/retrain-child.ts --log <file> --out <dir> [--items <json>] [--warm <dir>] [--epochs n] [--eval-fraction f]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { retrainLoop } from '../../edge/scripts/retrain/loop.ts';
import { loadCatalogue } from '../../model/src/cli/load-input.ts';
import { readCheckpoint } from '../../model/src/export/checkpoint-file.ts';

const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    out: { type: 'string' },
    items: { type: 'string' },
    warm: { type: 'string' },
    epochs: { type: 'string' },
    'eval-fraction': { type: 'string' },
  },
});
if (!values.log || !values.out) throw new Error('--log and --out are required');
const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'retrain-bench-'));
try {
  const r = await retrainLoop({
    logFile: values.log,
    work,
    out: values.out,
    features: values.items ? loadCatalogue(values.items) : new Map(),
    publish: 'never',
    margin: 0.02,
    evalFraction: Number(values['eval-fraction'] ?? 0.1),
    epochs: values.epochs === undefined ? undefined : Number(values.epochs),
    maxBadLines: 0,
    warm: values.warm ? readCheckpoint(values.warm) : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const cpu = process.cpuUsage();
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const result = {
    wallSeconds: round((performance.now() - started) / 1000),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 0),
    warm: values.warm !== undefined,
    epochs: values.epochs === undefined ? 'default' : Number(values.epochs),
    trainEvents: r.slice.trainEvents,
    evalEvents: r.slice.evalEvents,
    candidate: { hr20: round(r.candidate.scores.hr, 4), mrr20: round(r.candidate.scores.mrr, 4) },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
