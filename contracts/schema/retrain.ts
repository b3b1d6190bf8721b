/** valibot schema of a retrain record (`contracts/retrain.ts`): what `POST /v1/admin/models/retrains` accepts. */
import * as v from 'valibot';
import type { RetrainRecord } from '../retrain.ts';

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
