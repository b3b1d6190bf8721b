/**
 * A retrain's record (`contracts/retrain.ts`) from its decision: what the dashboard shows of it. Pure:
 * the retrain CLI posts it, the retrain Workflow stores it.
 */
import type { RetrainRecord, RetrainScores } from '../../../contracts/retrain.ts';

/** What the retrain decided, as `retrain.ts` has it. */
export interface DecisionFacts {
  decision: RetrainRecord['decision'];
  publishMode: RetrainRecord['publishMode'];
  published?: string;
  candidate: { version: string; scores: RetrainScores };
  active?: { version: string; scores?: RetrainScores };
  margin: number;
  reasons: string[];
  range: RetrainRecord['range'];
  seconds: number;
}

const scoresOf = ({ k, hr, mrr, coverage, n }: RetrainScores): RetrainScores => ({ k, hr, mrr, coverage, n });

/** The record of `d`, made at `now`. */
export function retrainRecord(d: DecisionFacts, now = new Date()): RetrainRecord {
  // Field by field: the decision printed by the CLI carries more (log, slot, refit) than the record.
  const { decision, publishMode, published, candidate, active, margin, reasons, range, seconds } = d;
  return {
    at: now.toISOString(),
    decision,
    publishMode,
    ...(published !== undefined && { published }),
    candidate: { version: candidate.version, scores: scoresOf(candidate.scores) },
    ...(active?.scores && { active: { version: active.version, scores: scoresOf(active.scores) } }),
    margin,
    reasons,
    range: { from: range.from, to: range.to, ...(range.site !== undefined && { site: range.site }) },
    seconds,
  };
}
