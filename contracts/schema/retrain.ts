/** valibot schema of a retrain record (`contracts/retrain.ts`): what `POST /v1/admin/models/retrains` accepts. */
import * as v from 'valibot';
import { MAX_LOG_RANGE_MS } from '../limits.ts';
import type { RetrainRecord, RetrainRun } from '../retrain.ts';

const iso = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 time'));
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const version = v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 _ . -'));
const ScoresSchema = v.strictObject({
  k: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  hr: share,
  mrr: share,
  coverage: share,
  n: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
const ModelSchema = v.strictObject({ version, scores: ScoresSchema });

export const RetrainRecordSchema = v.strictObject({
  at: iso,
  decision: v.picklist(['promote', 'keep']),
  publishMode: v.picklist(['auto', 'never', 'force']),
  published: v.optional(version),
  candidate: ModelSchema,
  active: v.optional(ModelSchema),
  margin: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(10)),
  range: v.strictObject({ from: iso, to: iso, site: v.optional(v.string()) }),
  seconds: v.pipe(v.number(), v.minValue(0)),
}) satisfies v.GenericSchema<unknown, RetrainRecord>;

const ms = (name: string) =>
  v.pipe(
    v.number(`${name} must be a number`),
    v.integer(`${name} must be whole milliseconds`),
    v.minValue(0),
  );

/** A run's parameters; `from`/`to` may be left to the route's defaults before this is applied. */
export const RetrainRunSchema = v.pipe(
  v.strictObject({
    from: ms('from'),
    to: ms('to'),
    site: v.optional(v.pipe(v.string('site must be a string'), v.minLength(1), v.maxLength(64))),
    publish: v.picklist(['auto', 'never', 'force'], 'publish must be one of auto, never, force'),
    margin: v.pipe(
      v.number('margin must be a number'),
      v.minValue(0, 'margin must be at least 0'),
      v.ltValue(1, 'margin must be below 1'),
    ),
    evalFraction: v.pipe(
      v.number('evalFraction must be a number'),
      v.gtValue(0, 'evalFraction must be above 0'),
      v.maxValue(0.5, 'evalFraction must be at most 0.5'),
    ),
    epochs: v.optional(
      v.pipe(
        v.number('epochs must be a number'),
        v.integer('epochs must be an integer'),
        v.minValue(1),
        v.maxValue(20),
      ),
    ),
    cold: v.optional(v.boolean('cold must be a boolean')),
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (r) => r.to > r.from, 'to must be after from'),
    ['to'],
  ),
  v.forward(
    v.partialCheck(
      [['from'], ['to']],
      (r) => r.to - r.from <= MAX_LOG_RANGE_MS,
      'the range must be at most 31 days',
    ),
    ['from'],
  ),
) satisfies v.GenericSchema<unknown, RetrainRun>;
