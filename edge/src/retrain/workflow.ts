/**
 * The scheduled retrain as a Cloudflare Workflow: the loop of `npm run retrain` in durable steps,
 * each retried on failure and none redone once it succeeded:
 *
 *   export the log → train the candidate, one step per epoch → score the candidate, score the active
 *   model (each on the newest slice) → gate → [refit on the whole range, one step per epoch →
 *   upload → activate] → record → clean up.
 *
 * A step's result is small (counts, scores); what is large (the events, the paused trainings) is in
 * R2 under `retrain/<instance id>/` (run-work.ts). One epoch a step keeps a step's CPU within the
 * Workflows limit for logs of up to some hundreds of thousands of events (docs/RETRAIN.md has the
 * figures); larger logs retrain with `npm run retrain` on a machine.
 */
import {
  WorkflowEntrypoint,
  type WorkflowEvent,
  type WorkflowStep,
  type WorkflowStepConfig,
} from 'cloudflare:workers';
import type { RetrainRecord, RetrainRun } from '../../../contracts/retrain.ts';
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import { outcomeOf } from '../../../model/src/retrain/outcome.ts';
import { retrainRecord } from '../../../model/src/retrain/record.ts';
import { splitNewest } from '../../../model/src/retrain/split.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../../../model/src/train/train.ts';
import { WARM_EPOCHS } from '../../../model/src/train/warm-start.ts';
import { activateOnSlot } from '../model-registry/activate-slot.ts';
import { REFRESH_MS } from '../model-registry/active-model.ts';
import { appendRetrain } from '../model-registry/retrains.ts';
import { usesRealVectorize } from '../vectorize/binding.ts';
import { type ActiveInfo, activeCheckpoint, activeInfo } from './active-model.ts';
import { artifactsOf } from './artifacts-of.ts';
import { catalogueOf } from './catalogue-snapshot.ts';
import { catalogueSizeOf, decide, type Scored, scoreActive, scoreCandidate } from './evaluate.ts';
import { slotHolds } from './load-slot.ts';
import { readLogEvents } from './log-events.ts';
import { uploadRefit } from './publish-refit.ts';
import { type CatalogueItem, runWork, type TrainingName } from './run-work.ts';
import { type TrainingInput, trainEpoch, trainedModel } from './training-step.ts';

/** Retried with backoff: R2, D1 and the index fail transiently; a training step resumes its epoch. */
const STEP: WorkflowStepConfig = {
  retries: { limit: 3, delay: '10 seconds', backoff: 'exponential' },
  timeout: '15 minutes',
};
/** Real Vectorize applies writes asynchronously: the activation waits until the slot holds them. */
const INDEX_WAIT: WorkflowStepConfig = {
  retries: { limit: 10, delay: '15 seconds', backoff: 'linear' },
  timeout: '1 minute',
};
/** After an activation, isolates may query the previous slot for up to this long (as publish-model waits). */
const SETTLE_MS = 5 * REFRESH_MS;

/** What the export step found (a step result). */
export interface ExportPlan {
  events: number;
  sessions: number;
  badLines: number;
  catalogue: number;
  trainEvents: number;
  evalEvents: number;
  /** Unix seconds: sessions starting at or after it are the evaluation slice. */
  cut: number;
}

type Timed = <T extends { ms: number }>(
  name: string,
  config: WorkflowStepConfig,
  fn: () => Promise<Omit<T, 'ms'>>,
) => Promise<T>;

/**
 * `step.do` that records each step's wall time into `steps`. The step measures itself (Date.now()
 * moves across its R2 writes), so a step replayed after a restart reports its stored time.
 */
function timedSteps(step: WorkflowStep, steps: RetrainOutput['steps']): Timed {
  return async (name, config, fn) => {
    // Step results are plain objects of numbers and strings (structured-cloneable).
    const r = (await step.do(name, config, async () => {
      const t0 = Date.now();
      const out = await fn();
      return { ...out, ms: Date.now() - t0 } as never;
    })) as { ms: number };
    steps.push({ name, ms: r.ms });
    return r as never;
  };
}

/** What a step of a run reads: a training's inputs, the slice, and coverage's denominator. */
type RunInput = TrainingInput & {
  slice: SessionEvent[];
  features: Map<string, CatalogueItem>;
  catalogueSize: number;
};

/** The instance's output: what was decided, and how long each step took (wall ms). */
export interface RetrainOutput {
  skipped?: string;
  record?: RetrainRecord;
  steps: { name: string; ms: number }[];
}

export class RetrainWorkflow extends WorkflowEntrypoint<Env, RetrainRun> {
  override async run(event: Readonly<WorkflowEvent<RetrainRun>>, step: WorkflowStep): Promise<RetrainOutput> {
    const run = event.payload;
    const env = this.env;
    const createdAt = new Date(event.timestamp);
    const work = runWork(env.MODELS, event.instanceId);
    const steps: RetrainOutput['steps'] = [];
    const timed = timedSteps(step, steps);

    const plan = await timed<ExportPlan & { ms: number }>('export the log', STEP, async () => {
      const [{ events, badLines }, catalogue] = await Promise.all([
        readLogEvents(env, run, run.site),
        run.site ? catalogueOf(env.CATALOG, run.site) : new Map(),
      ]);
      const split = splitNewest(events, run.evalFraction);
      await work.putEvents(events);
      await work.putCatalogue(catalogue);
      return {
        events: events.length,
        sessions: new Set(events.map((e) => e.sessionId)).size,
        badLines,
        catalogue: catalogue.size,
        trainEvents: split.train.length,
        evalEvents: split.evaluation.length,
        cut: split.cut,
      };
    });
    if (plan.trainEvents === 0 || plan.evalEvents === 0) {
      await step.do('clean up', STEP, () => work.clear());
      return {
        skipped: `the log of the range cannot be split: ${plan.trainEvents} training and ${plan.evalEvents} evaluation events (${plan.badLines} unreadable lines)`,
        steps,
      };
    }

    const active = await step.do(
      'read the active model',
      STEP,
      async () => (await activeInfo(env.MODELS)) ?? null,
    );
    const warm = active?.warm === true && !run.cold;
    const epochs = run.epochs ?? (warm ? WARM_EPOCHS : DEFAULT_TRAIN_OPTIONS.epochs);

    /**
     * The inputs of training `name`, read again in every step (nothing large crosses steps);
     * `withWarm` adds the active model's weights (only a training's first epoch starts from them).
     */
    const inputOf = async (name: TrainingName, withWarm = false): Promise<RunInput> => {
      const [all, catalogue] = await Promise.all([work.events(), work.catalogue()]);
      const split = splitNewest(all, run.evalFraction);
      const events = name === 'candidate' ? split.train : all;
      const checkpoint = warm && withWarm ? await activeCheckpoint(env.MODELS, active!.version) : undefined;
      return {
        events,
        features: catalogue,
        options: { epochs },
        warm: checkpoint,
        slice: split.evaluation,
        catalogueSize: catalogueSizeOf(catalogue, all),
      };
    };
    const train = async (name: TrainingName, label: string) => {
      for (let e = 1; e <= epochs; e++)
        await timed(`${label}: epoch ${e} of ${epochs}`, STEP, async () => {
          const input = await inputOf(name, e === 1);
          const done = await trainEpoch(work, name, e, input);
          return { loss: done.loss };
        });
    };

    await train('candidate', 'train the candidate');
    const candidate = await timed<Scored & { ms: number }>('score the candidate', STEP, async () => {
      const input = await inputOf('candidate');
      const model = await trainedModel(work, 'candidate', input);
      return scoreCandidate(model, input.events, input.slice, input.features, input.catalogueSize, createdAt);
    });
    const activeScores = active?.scorable
      ? await timed<Scored & { ms: number }>('score the active model', STEP, async () => {
          const input = await inputOf('candidate');
          return scoreActive(env.MODELS, active.version, input.slice, input.catalogueSize);
        })
      : undefined;
    const verdict = decide(candidate, active ?? undefined, activeScores, run.margin);
    const outcome = outcomeOf(verdict, run.publish);

    let published: string | undefined;
    if (outcome.refit) {
      await train('refit', 'refit on the whole range');
      if (outcome.publish) published = await this.publish(step, timed, work, active, createdAt, inputOf);
    }

    const record = await step.do('record', STEP, async () => {
      const r = retrainRecord({
        decision: verdict.decision,
        publishMode: run.publish,
        published,
        candidate: verdict.candidate,
        active: verdict.active,
        margin: verdict.margin,
        reasons: verdict.reasons,
        range: {
          from: new Date(run.from).toISOString(),
          to: new Date(run.to).toISOString(),
          ...(run.site !== undefined && { site: run.site }),
        },
        seconds: Math.round((Date.now() - createdAt.getTime()) / 100) / 10,
      });
      await appendRetrain(env.MODELS, r);
      return r;
    });
    await step.do('clean up', STEP, () => work.clear());
    return { record, steps };
  }

  /** Upload the refit, load its slot, wait for the index, activate; returns the version now serving. */
  private async publish(
    step: WorkflowStep,
    timed: Timed,
    work: ReturnType<typeof runWork>,
    active: ActiveInfo | null,
    createdAt: Date,
    inputOf: (name: TrainingName) => Promise<RunInput>,
  ): Promise<string> {
    const env = this.env;
    const slot = active?.slot === 'a' ? 'b' : 'a';
    // The free slot is emptied below: isolates must have moved off it since the last activation.
    if (active) {
      const settled = Date.parse(active.activatedAt) + SETTLE_MS;
      if (settled > Date.now()) await step.sleepUntil('let the last activation reach every isolate', settled);
    }
    const up = await timed<{ version: string; vectors: number; dim: number; ms: number }>(
      'upload the refit',
      STEP,
      async () => {
        const input = await inputOf('refit');
        const model = await trainedModel(work, 'refit', input);
        const files = artifactsOf(model, input.events, input.features, createdAt);
        const vectors = await uploadRefit(env, model, files, slot, input.features);
        return { version: files.manifest.version, vectors, dim: files.manifest.dim };
      },
    );
    if (usesRealVectorize(env))
      await step.do('wait for the index', INDEX_WAIT, async () => {
        if (!(await slotHolds(env, slot, up.vectors, up.dim)))
          throw new Error(`index slot ${slot} does not hold the ${up.vectors} vectors yet`);
      });
    await step.do('activate', STEP, async () => {
      await activateOnSlot(env, up.version, slot);
    });
    return up.version;
  }
}
