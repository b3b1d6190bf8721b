/**
 * The model manifest contract: `manifest.json` next to the artifacts `npm run model -- train`
 * writes, read by `publish-model`, the Worker and the local Vectorize stand-in. Validated on load:
 * a manifest from another version or a truncated file is rejected with the path of the problem.
 */
import * as v from 'valibot';
import { isItemId, MAX_ITEM_ID_LENGTH } from '../limits.ts';

/** Manifest format version; bump on any incompatible change. */
export const MODEL_MANIFEST_SCHEMA = 1;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Positive = v.pipe(v.number(), v.integer(), v.minValue(1));
const FileName = v.pipe(
  v.string(),
  v.regex(/^[\w.-]+$/, 'file names must be plain names in the model folder'),
);
const Metric = v.picklist(
  ['dot-product', 'cosine', 'euclidean'],
  'metric must be dot-product, cosine or euclidean',
);

/**
 * The tower's item ids (`ItemIdSchema`'s rules), checked in one plain loop: a pipe per element made
 * validating a 100k-item manifest ~3x slower, and every new isolate reads it before its first answer.
 */
const ItemIds = v.pipe(
  v.custom<string[]>(Array.isArray, 'must be an array of item ids'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const bad = dataset.value.findIndex((id) => !isItemId(id));
    if (bad >= 0)
      addIssue({
        message: `item ${bad} (${JSON.stringify(dataset.value[bad])}) is not an item id: 1-${MAX_ITEM_ID_LENGTH} printable ASCII characters without spaces`,
      });
  }),
);

const RankingMetrics = v.strictObject({
  /** Cut-off k of HR@k / MRR@k. */
  k: Positive,
  hr: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  mrr: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  /** Predictions evaluated. */
  n: Count,
});

export const ModelManifestSchema = v.strictObject({
  schema: v.literal(MODEL_MANIFEST_SCHEMA, `schema must be ${MODEL_MANIFEST_SCHEMA}`),
  /** Model version: unique per training run; recommendations carry it as `model`. */
  version: v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/, 'version must be 1-64 of A-Z a-z 0-9 _ . -')),
  createdAt: v.pipe(v.string(), v.isoTimestamp('createdAt must be an ISO timestamp')),
  /** Dimension of session and item vectors. */
  dim: Positive,
  /** How Vectorize compares a session vector to item vectors. */
  metric: Metric,
  files: v.strictObject({
    /** int8 ONNX session tower. */
    tower: FileName,
    /** Item vectors as `wrangler vectorize insert` NDJSON. */
    vectorsNdjson: FileName,
    /** Item vectors in the compact binary of `model/src/export/vector-file.ts`. */
    vectorsBinary: FileName,
    /** Serialised online re-rank signals (`model/src/serve/signals.ts`), the edge's starting state. */
    signals: FileName,
    /**
     * The item tower's category and price embeddings (`model/src/serve/item-features.ts`): vectors
     * for products added after training. Absent in untrained models.
     */
    itemFeatures: v.optional(FileName),
  }),
  tower: v.strictObject({
    /** Events the tower reads (the latest ones, right-aligned). */
    maxLen: Positive,
    inputs: v.strictObject({ items: v.string(), ages: v.string() }),
    output: v.string(),
    /** Tower input index of `items[i]` is i + 1; 0 means padding or an item the tower does not know. */
    items: ItemIds,
  }),
  training: v.strictObject({
    sources: v.array(v.string()),
    events: Count,
    sessions: Count,
    items: Count,
    /** Unix seconds of the first and last training event. */
    firstTime: v.number(),
    lastTime: v.number(),
    epochs: Count,
    seed: v.number(),
    seconds: v.number(),
    /** Mean training loss per epoch. */
    loss: v.array(v.number()),
  }),
  /** Named evaluations, e.g. `valid` → HR@20 / MRR@20 of the served pipeline. */
  metrics: v.record(v.string(), RankingMetrics),
  /** Second-stage re-rank: how many candidates to fetch and the weight of each signal. */
  rerank: v.strictObject({
    candidates: Positive,
    weights: v.record(v.string(), v.number()),
  }),
});

/** A validated model manifest. */
export type ModelManifest = v.InferOutput<typeof ModelManifestSchema>;
/** HR@k / MRR@k of one evaluation. */
export type RankingMetricsEntry = v.InferOutput<typeof RankingMetrics>;

/** Validate a parsed manifest; returns it or the first problem with its dotted path. */
export function parseModelManifest(
  json: unknown,
): { ok: true; manifest: ModelManifest } | { ok: false; error: string } {
  const result = v.safeParse(ModelManifestSchema, json, { abortPipeEarly: true });
  if (result.success) return { ok: true, manifest: result.output };
  const issue = result.issues[0];
  return { ok: false, error: `${v.getDotPath(issue) ?? 'manifest'}: ${issue.message}` };
}
