/**
 * A retrain's record: what `npm run retrain` decided, with the candidate's and the active model's
 * scores on the same newest slice of the log. The CLI posts it to `/v1/admin/models/retrains`
 * (operator); the dashboard reads the latest ones (a site's admin key). Dependency-free;
 * `schema/retrain.ts` validates it.
 */

/** A model's scores on the evaluation slice (the model CLI's replay protocol). */
export interface RetrainScores {
  k: number;
  hr: number;
  mrr: number;
  /** Distinct items in any top-k list / items in the catalogue (0..1). */
  coverage: number;
  /** Predictions scored. */
  n: number;
}

export interface RetrainRecord {
  /** When the decision was made (ISO 8601). */
  at: string;
  /** The gate's decision: `promote` (not worse by more than `margin`) or `keep` the active model. */
  decision: 'promote' | 'keep';
  publishMode: 'auto' | 'never' | 'force';
  /** The version that went live (the candidate refit on the whole range), when one did. */
  published?: string;
  candidate: { version: string; scores: RetrainScores };
  /** Absent when nothing was active (the first model). */
  active?: { version: string; scores: RetrainScores };
  /** Relative margin the candidate may score below the active model. */
  margin: number;
  /** One line per metric compared, e.g. "HR@20 better: 0.7053 vs 0.7051". */
  reasons: string[];
  /** The log range trained on (ISO 8601) and the site whose catalogue gave the item features. */
  range: { from: string; to: string; site?: string };
  /** Wall time of the whole retrain. */
  seconds: number;
}

/**
 * What a retrain Workflow run is asked to do (`POST /v1/admin/models/retrains/runs`, or the daily
 * Cron Trigger with the deployment's settings). Times are Unix milliseconds.
 */
export interface RetrainRun {
  from: number;
  to: number;
  /** Train on this site's log only and take item features from its catalogue; absent: the whole log. */
  site?: string;
  publish: RetrainRecord['publishMode'];
  margin: number;
  /** Newest share of the range's time span the candidate is judged on and never trains on. */
  evalFraction: number;
  /** Epochs of each training (default: 2 warm, 4 from scratch). */
  epochs?: number;
  /** Train from scratch even when the active model's weights are in R2. */
  cold?: boolean;
}

/** Records kept (the newest). */
export const MAX_RETRAIN_RECORDS = 20;
