/**
 * `npm run retrain -- --from <ms|ISO> --to <ms|ISO> --out <dir> [...]` (options and exit codes in
 * retrain/options.ts): one retraining loop for a shop. Downloads the event log of the range through
 * the admin export route and the site's catalogue (item features), trains a candidate on all but
 * the newest slice (retrain/split.ts), scores it and the active model on that slice, gates
 * (model/src/eval/gate.ts), and when it passes (or with `--publish force`) refits on the whole
 * range into `--out` and publishes that through the blue/green swap of publish-model. Prints the
 * decision as JSON and writes it to `<out>/decision.json`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../../model/src/cli/args.ts';
import { InputError, loadEvents } from '../../model/src/cli/load-input.ts';
import { trainModelFolder } from '../../model/src/cli/train-model.ts';
import { type GateScores, gate } from '../../model/src/eval/gate.ts';
import type { ItemFeatures } from '../../model/src/train/item-features.ts';
import { adminToken } from './admin-token.ts';
import { AdminClient } from './publish/admin-client.ts';
import { readStore } from './publish/store-items.ts';
import { publish } from './publish-model.ts';
import { activeFolder } from './retrain/active-model.ts';
import { downloadLog } from './retrain/download-log.ts';
import { parseRetrainOptions, USAGE } from './retrain/options.ts';
import { outcomeOf } from './retrain/outcome.ts';
import { scoreModel } from './retrain/score.ts';
import { splitNewest } from './retrain/split.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const o = parseRetrainOptions(argv);
  const token = adminToken(o.token);
  const admin = new AdminClient(o.url, token);
  // Before anything is downloaded: a missing or wrong --active fails in a second, not after training.
  const active = await activeFolder(admin, o.active && resolve(o.active), o.publish === 'force');
  const work = mkdtempSync(join(tmpdir(), 'retrain-'));
  try {
    const logFile = join(work, 'log.ndjson');
    const download = await downloadLog(o.url, token, o, logFile, o.site);
    const features = new Map<string, ItemFeatures>();
    if (o.site) {
      for (const [id, { category, price }] of await readStore(admin, o.site))
        features.set(id, { category, price });
      log(`catalogue of ${o.site}: ${features.size} items`);
    }
    const events = loadEvents([logFile], o.maxBadLines, log);
    const split = splitNewest(events, o.evalFraction);
    if (split.train.length === 0 || split.evaluation.length === 0)
      throw new InputError(
        `the log of the range cannot be split: ${split.train.length} training and ${split.evaluation.length} evaluation events`,
      );
    log(
      `evaluation slice: sessions from ${new Date(split.cut * 1000).toISOString()} (${split.evaluation.length} events); training on ${split.train.length}`,
    );
    const options = o.epochs === undefined ? {} : { epochs: o.epochs };
    const candidateDir = join(work, 'candidate');
    const candidate = trainModelFolder({
      events: split.train,
      sources: ['admin-log'],
      out: candidateDir,
      features,
      options,
      log,
    });
    const catalogueSize = features.size || new Set(events.map((e) => e.itemId)).size;
    const candidateScores = await scoreModel(candidateDir, split.evaluation, catalogueSize);
    const activeScores: GateScores | undefined = active?.dir
      ? await scoreModel(active.dir, split.evaluation, catalogueSize)
      : undefined;
    const verdict =
      active && !active.dir
        ? {
            decision: 'keep' as const,
            reasons: ['the active model was not evaluated (no --active folder)'],
            margin: o.margin,
          }
        : gate(candidateScores, activeScores, o.margin);
    const outcome = outcomeOf(verdict, o.publish);
    mkdirSync(o.out, { recursive: true });
    let version: string | undefined;
    let slot: string | undefined;
    if (outcome.refit) {
      log('gate passed (or forced): refitting on the whole range');
      version = trainModelFolder({ events, sources: ['admin-log'], out: o.out, features, options, log })
        .manifest.version;
      if (outcome.publish) slot = await publish(o.out, admin, log, o.site);
    }
    const decision = {
      decision: verdict.decision,
      published: outcome.publish ? version : undefined,
      slot,
      publishMode: o.publish,
      reasons: verdict.reasons,
      margin: verdict.margin,
      candidate: { version: candidate.manifest.version, scores: candidateScores },
      active: active ? { version: active.version, scores: activeScores } : undefined,
      refit: version,
      range: { from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString(), site: o.site },
      slice: {
        cut: new Date(split.cut * 1000).toISOString(),
        fraction: o.evalFraction,
        trainEvents: split.train.length,
        evalEvents: split.evaluation.length,
      },
      log: download,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    const json = JSON.stringify(decision, null, 1);
    writeFileSync(join(o.out, 'decision.json'), `${json}\n`);
    process.stdout.write(`${json}\n`);
    return outcome.exitCode;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`retrain: ${e.message}\n${USAGE}\n`);
        process.exit(2);
      }
      process.stderr.write(`retrain: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
